"""Plain content pages: About us, Contact, editorial standards and the like.

Organisations need pages that are neither articles nor course units. A content page is a
title, an optional intro and a body built from the same blocks as an article, so an editor
learns one set of blocks. Content pages sit under the home page or under each other, which is
how an imported WordPress page hierarchy (and the page-tree menus) keep their shape.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.preview import HeadlessPreview
from core.routing import PassThroughRouting
from home.body import BodyBlock


class ContentPage(PassThroughRouting, HeadlessPreview, Page):
    """A plain page with a body of the shared blocks."""

    intro = models.TextField(
        blank=True,
        help_text="One or two sentences under the title, in plain words. Optional.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="The page, built from blocks.")

    parent_page_types = ["home.HomePage", "pages.ContentPage"]
    subpage_types = ["pages.ContentPage"]

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]
    search_kind = "page"

    class Meta:
        verbose_name = "content page"
