"""Where "Become a member" goes: the one rule every call to action, prompt and page uses.

The site's live join page, else ``/join/``. Looked up once per request (remembered on the
request), and only by pages that show such a link.
"""

from wagtail.models import Site

from membership.models import JoinPage

FALLBACK = "/join/"


def join_url(request=None):
    remembered = getattr(request, "_join_url", None)
    if remembered:
        return remembered
    site = Site.find_for_request(request) if request is not None else None
    pages = JoinPage.objects.live()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    page = pages.first()
    url = (page.get_url(request) if page else None) or FALLBACK
    if request is not None:
        request._join_url = url
    return url
