"""How the home page's featured pages and crisis resources appear in the API."""

from typing import Any

from rest_framework.fields import Field


def page_summary(page) -> dict[str, Any]:
    """A page as a teaser: enough for an app to show a card and fetch the page."""
    return {
        "id": page.pk,
        "type": page._meta.label,
        "title": page.title,
        "summary": getattr(page, "summary", "") or getattr(page, "search_description", ""),
        "members_only": bool(getattr(page, "members_only", False)),
        "html_url": page.full_url,
    }


class FeaturedPagesField(Field):
    """The editor's featured pages, in order; drafts and deleted pages left out."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, home) -> list[dict[str, Any]]:
        return [page_summary(page) for page in home.featured()]


class CrisisResourcesField(Field):
    """The crisis contacts of the site this home page belongs to."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, home) -> dict[str, Any] | None:
        from home.models import CrisisResources

        site = home.get_site()
        return CrisisResources.for_site(site).as_api() if site else None
