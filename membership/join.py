"""Where "Become a member" goes: the one rule every call to action, prompt and page uses.

The site's live join page, else ``/join/``. The address is kept in the cache per site, so
pages that show the link (teasers among search results, say) cost no query for it; like
Wagtail's own cache of site root paths, it is forgotten whenever a site is saved or a
join page is published, unpublished, moved or deleted (``membership.receivers``).
"""

from django.core.cache import cache
from wagtail.models import Site

from membership.models import JoinPage

FALLBACK = "/join/"
SECONDS = 24 * 60 * 60


def _key(site_id):
    return f"membership:join_url:{site_id}"


def join_url(request=None):
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return FALLBACK
    url = cache.get(_key(site.pk))
    if url is None:
        page = JoinPage.objects.live().descendant_of(site.root_page, inclusive=True).first()
        url = (page.get_url(request) if page else None) or FALLBACK
        cache.set(_key(site.pk), url, SECONDS)
    return url


def forget_join_url(**kwargs):
    cache.delete_many([_key(pk) for pk in Site.objects.values_list("pk", flat=True)])
