"""/sitemap.xml: every page anyone may read in full (no drafts, no members-only pages)."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap

from core.access import Access


class PublicSitemap(Sitemap):
    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return Access.anonymous().readable(pages).order_by("path").defer_streamfields().specific()


def sitemap_view(request):
    return sitemap(request, sitemaps={"pages": PublicSitemap})
