"""How an article's related objects appear in the API, and how to fetch them in bulk.

Each field is a ``core.api_fields.Computed`` over a function typed with the shape it
returns, so API v2 and v3 show the same thing and v3's document says what it is. The
functions read only what ``prefetch_for_api`` loads, so a listing of any size costs the
same handful of queries (no query per article, author, topic or image).
"""

from django.db.models import Prefetch
from ninja import Schema
from wagtail.images import get_image_model

from core.blocks import image_api
from core.schemas import ImageRef
from topics.schemas import TopicRef, topic_ref

HERO_SPECS = ("width-800", "width-1600")
PHOTO_SPECS = ("fill-160x160",)


class AuthorSchema(Schema):
    id: int
    name: str
    slug: str
    role: str
    photo: ImageRef | None


def reading_time(page) -> int:
    """Minutes to read (``ArticlePage.reading_time``)."""
    return page.reading_time


def authors(page) -> list[AuthorSchema]:
    """Bylines: name, slug, role and a square photo rendition (or null)."""
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


def topics(page) -> list[TopicRef]:
    """The article's topics, by name."""
    tags = sorted((item.tag for item in page.tagged_items.all()), key=lambda topic: topic.name)
    return [topic_ref(topic) for topic in tags]


def hero_image(page) -> ImageRef | None:
    """The hero picture: renditions with url, width and height, and its alt text."""
    return image_api(page.hero_image, page.hero_alt, HERO_SPECS)


def prefetch_for_api(queryset):
    """Load everything the article API fields read, in a fixed number of queries.

    Author links come with their authors and tags with their topics (one join each,
    not a second query each); photos and hero images with their renditions.
    """
    images = get_image_model().objects.prefetch_renditions(*HERO_SPECS, *PHOTO_SPECS)
    links = queryset.model._meta.get_field("article_authors").related_model
    tags = queryset.model._meta.get_field("tagged_items").related_model
    return queryset.prefetch_related(
        Prefetch("hero_image", queryset=images),
        Prefetch("article_authors", queryset=links.objects.select_related("author")),
        Prefetch("article_authors__author__photo", queryset=images),
        Prefetch("tagged_items", queryset=tags.objects.select_related("tag")),
        "reviewed_by",
    )
