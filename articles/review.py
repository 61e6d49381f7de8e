"""Clinical review: who checked a page's health information, when, and when it is next due.

Articles and course units inherit ``ClinicallyReviewed``; the fields, the editor's panel,
the API fields (both versions, through ``core.api_fields.Computed``), the reader's line
and the JSON-LD all come from here, so the two page types cannot drift apart. Approving
the clinical review step of the answers workflow stamps the fields (``stamp``); editors
may also set them by hand.
"""

import datetime

from django.db import models
from django.utils import timezone
from ninja import Schema
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField

from core.api_fields import Computed
from core.blocks import sources_blocks

#: How long a review holds when the editor gives no next date.
REVIEW_PERIOD = datetime.timedelta(days=365)
#: Pages due within this many days count as "soon due" in the report and on the dashboard.
SOON_DAYS = 60
#: The review fields' API names; teasers keep all but the sources (page content).
TEASER_FIELDS = ("last_reviewed", "reviewed_by", "next_review_due")


def a_year_after(day):
    """The default next review: the same day a year on (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day + REVIEW_PERIOD


class ClinicallyReviewed(models.Model):
    reviewed_by = models.ForeignKey(
        "articles.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The expert who checked the health information (from Snippets › Authors).",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the page's health information was last checked."
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When it must be checked again. Leave empty for a year after the last review.",
    )
    sources = StreamField(
        sources_blocks(),
        blank=True,
        help_text="What the page relies on, listed for readers under the page.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = a_year_after(self.last_reviewed)
        super().save(*args, **kwargs)

    def stamp_review(self, author, day=None):
        """Record a review by ``author`` today (or on ``day``), due again a year later."""
        day = day or timezone.localdate()
        self.reviewed_by = author
        self.last_reviewed = day
        self.next_review_due = a_year_after(day)

    @property
    def review_overdue(self):
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())


def review_panel():
    return MultiFieldPanel(
        [
            FieldPanel("reviewed_by"),
            FieldPanel("last_reviewed"),
            FieldPanel("next_review_due"),
            FieldPanel("sources"),
        ],
        heading="Clinical review and sources",
    )


class ReviewerSchema(Schema):
    id: int
    name: str
    slug: str
    role: str
    credentials: str


class SourceSchema(Schema):
    title: str
    publisher: str
    url: str
    accessed: datetime.date | None


def reviewed_by(page) -> ReviewerSchema | None:
    """The reviewer: name, slug, role and credentials (null before the first review)."""
    author = page.reviewed_by
    if author is None:
        return None
    return {
        "id": author.pk,
        "name": author.name,
        "slug": author.slug,
        "role": author.role,
        "credentials": author.credentials,
    }


def sources(page) -> list[SourceSchema]:
    """The sources listed under the page, in the editor's order."""
    return [source_value(block.value) for block in page.sources]


def source_value(value):
    return {
        "title": value["title"],
        "publisher": value["publisher"],
        "url": value["url"],
        "accessed": value["accessed"],
    }


def review_api_fields():
    return [
        APIField("last_reviewed"),
        APIField("reviewed_by", serializer=Computed(reviewed_by)),
        APIField("next_review_due"),
        APIField("sources", serializer=Computed(sources)),
    ]


def review_json_ld(page):
    """``lastReviewed``, ``reviewedBy`` and ``citation`` for the page's JSON-LD."""
    data = {}
    if page.last_reviewed:
        data["lastReviewed"] = page.last_reviewed.isoformat()
    if page.reviewed_by_id:
        reviewer = {"@type": "Person", "name": page.reviewed_by.name}
        if page.reviewed_by.credentials:
            reviewer["honorificSuffix"] = page.reviewed_by.credentials
        data["reviewedBy"] = reviewer
    citations = []
    for block in page.sources:
        citation = {"@type": "CreativeWork", "name": block.value["title"]}
        if block.value["publisher"]:
            citation["publisher"] = {"@type": "Organization", "name": block.value["publisher"]}
        if block.value["url"]:
            citation["url"] = block.value["url"]
        citations.append(citation)
    if citations:
        data["citation"] = citations
    return data
