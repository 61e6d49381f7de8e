"""The site's name, as editors set it in the admin, for titles, headers and emails."""

from django.conf import settings
from wagtail.models import Site


def site_name(request):
    """The name of the site serving ``request`` (or the default), else WAGTAIL_SITE_NAME."""
    current = Site.find_for_request(request) if request is not None else None
    if current is None:
        current = Site.objects.filter(is_default_site=True).first()
    return (current.site_name if current else "") or settings.WAGTAIL_SITE_NAME
