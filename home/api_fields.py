"""How the home page's featured pages and crisis resources appear in the API.

Each field is a ``core.api_fields.Computed`` over a function typed with its shape, so both
API versions show the same thing and v3's document says what it is.
"""

from ninja import Schema

from core.api_fields import reader_of
from core.schemas import BlockValue


class FeaturedPageSchema(Schema):
    """A page as a teaser card: enough for an app to show it and fetch the page."""

    id: int
    type: str
    title: str
    summary: str
    members_only: bool
    html_url: str | None


class CrisisResourceSchema(Schema):
    name: str
    phone: str
    text: str
    url: str
    guidance: str


class CrisisResourcesSchema(Schema):
    heading: str
    resources: list[CrisisResourceSchema]


class CallToActionValue(BlockValue):
    """The membership banner block: the chosen banner's words and button (absolute URL)."""

    id: int
    heading: str
    text: str
    button_label: str
    button_url: str


class CrisisNoticeValue(BlockValue):
    """The crisis notice block: its line, then the site's crisis contacts."""

    intro: str
    crisis_resources: CrisisResourcesSchema | None


def page_card(page):
    """A featured page (from ``HomePage.featured``, which marks the members-only ones)."""
    return {
        "id": page.pk,
        "type": page._meta.label,
        "title": page.title,
        "summary": getattr(page, "summary", "") or page.search_description,
        "members_only": page.is_members_only,
        "html_url": page.full_url,
    }


def featured_pages(home) -> list[FeaturedPageSchema]:
    """The editor's featured pages this reader may see listed, in the editor's order."""
    return [page_card(page) for page in home.featured(reader_of(home))]


def course_page(home) -> FeaturedPageSchema | None:
    """The page the course panel links to, if this reader may see it listed."""
    if home.course_page_id is None:
        return None
    found = home.featured_in([home.course_page_id], reader_of(home))
    return page_card(found[0]) if found else None


def crisis_resources(home) -> CrisisResourcesSchema | None:
    """The crisis contacts of the site this home page belongs to."""
    settings = home.crisis_settings()
    return settings.as_api() if settings else None
