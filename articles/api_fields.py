"""How an article's related objects appear in the API, and how to fetch them in bulk.

The serializer fields read only what ``prefetch_for_api`` loads, so a listing of any size
costs the same handful of queries (no query per article, author, topic or image).
"""

from typing import Any

from django.db.models import Prefetch
from django.utils.html import strip_tags
from rest_framework.fields import Field
from wagtail.images import get_image_model

from core.blocks import image_api

HERO_SPECS = ("width-800", "width-1600")
PHOTO_SPECS = ("fill-160x160",)
WORDS_PER_MINUTE = 220


def _raw_words(value):
    """Words in raw StreamField JSON, without loading chosen objects (ids are skipped)."""
    if isinstance(value, str):
        return strip_tags(value).split()
    if isinstance(value, dict):
        return [word for item in value.values() for word in _raw_words(item)]
    if isinstance(value, list):
        return [word for item in value for word in _raw_words(item)]
    return []


def reading_minutes(page):
    """Minutes to read, from the stored body: the same count as ``ArticlePage.reading_time``."""
    words = len(page.summary.split())
    words += sum(len(_raw_words(block.get("value"))) for block in page.body.raw_data)
    return max(1, round(words / WORDS_PER_MINUTE))


class ReadingTimeField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page) -> int:
        return reading_minutes(page)


class AuthorsField(Field):
    """Bylines: name, slug, role and a square photo rendition (or null)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page) -> list[dict[str, Any]]:
        return [
            {
                "id": link.author.pk,
                "name": link.author.name,
                "slug": link.author.slug,
                "role": link.author.role,
                "photo": image_api(link.author.photo, link.author.name, PHOTO_SPECS),
            }
            for link in page.article_authors.all()
            if link.author_id
        ]


class TopicsField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page) -> list[dict[str, Any]]:
        topics = sorted((item.tag for item in page.tagged_items.all()), key=lambda t: t.name)
        return [{"id": t.pk, "name": t.name, "slug": t.slug} for t in topics]


class HeroImageField(Field):
    """The hero picture: renditions with url, width and height, and its alt text."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page) -> dict[str, Any] | None:
        return image_api(page.hero_image, page.hero_alt, HERO_SPECS)


def prefetch_for_api(queryset):
    """Load everything the article API fields read, in a fixed number of queries."""
    images = get_image_model().objects.prefetch_renditions(*HERO_SPECS, *PHOTO_SPECS)
    return queryset.prefetch_related(
        Prefetch("hero_image", queryset=images),
        Prefetch("article_authors__author__photo", queryset=images),
        "tagged_items__tag",
    )
