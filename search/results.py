"""Run a parsed query against the page types readers search, privacy rules applied.

The view stays thin: it asks this module for promoted picks, the paginated results, the
members-only matches (title and summary only) and matching topics. Every queryset starts
from ``cms.visibility`` so drafts and members-only bodies cannot leak.
"""

import html
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection
from django.db.models import Count, Q, prefetch_related_objects
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.query import Fuzzy, PlainText
from wagtail.search.utils import normalise_query_string

from articles.models import ArticlePage
from cms.visibility import restricted_pages, visible_pages
from core.text import stream_text
from search.highlight import excerpt, highlight
from topics.models import Topic

KINDS = {"article": "Article", "course": "Course"}
RESTRICTED_LIMIT = 5
TOPIC_LIMIT = 6


def course_models():
    """Page types of the course app (none until the course pages exist)."""
    try:
        config = apps.get_app_config("craft_course")
    except LookupError:
        return []
    return [model for model in config.get_models() if issubclass(model, Page)]


def page_models(kind=None):
    """The page types a search covers, optionally only one kind."""
    models = []
    if kind in (None, "article"):
        models.append(ArticlePage)
    if kind in (None, "course"):
        models.extend(course_models())
    return models


def kind_of(page):
    return "course" if page._meta.app_label == "craft_course" else "article"


def _has_field(model, name):
    return any(f.name == name for f in model._meta.get_fields())


def base_pages(kind=None, topic=None):
    """Pages of the searched types, optionally tagged with ``topic``."""
    models = page_models(kind)
    if not models:
        return Page.objects.none()
    pages = Page.objects.type(*models)
    if topic is not None:
        tagged = Q(pk__in=[])
        for model in models:
            if _has_field(model, "topics"):
                tagged |= Q(pk__in=model.objects.filter(topics=topic).values("pk"))
        pages = pages.filter(tagged)
    return pages


def search_pages(pages, parsed):
    """Relevance-ordered search results; on PostgreSQL, a fuzzy retry when nothing matched."""
    results = pages.search(PlainText(parsed.search_string, operator="or"))
    if connection.vendor == "postgresql" and results.count() == 0:
        results = pages.search(Fuzzy(" ".join(parsed.terms)))
    return results


@dataclass
class Result:
    """One row on the results page."""

    page: Page
    kind: str
    title: str
    url: str
    date: object
    topics: list = field(default_factory=list)
    excerpt: str = ""
    restricted: bool = False
    description: str = ""

    @property
    def kind_label(self):
        return KINDS.get(self.kind, "Link")


def page_text(page):
    """The readable words of a page: summary or intro, then its body."""
    parts = [getattr(page, name, "") or "" for name in ("summary", "intro", "standfirst")]
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "stream_block"):
        # Rich text keeps entities (&lt;); unescape so the highlighter escapes exactly once.
        parts.append(html.unescape(stream_text(body)))
    return " ".join(p for p in parts if p)


def _specific(pages):
    """Specific pages for ``pages``, in order, with topics fetched in one query per type."""
    ids = [page.pk for page in pages]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    by_model = {}
    for page in specific.values():
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        if _has_field(model, "topics"):
            prefetch_related_objects(group, "topics")
    return [specific[pk] for pk in ids if pk in specific]


def rows(pages, words, request, restricted=False):
    """Result rows; restricted pages get their summary only, never body text."""
    result = []
    for page in _specific(pages):
        topics = list(page.topics.all()) if hasattr(page, "topics") else []
        summary = getattr(page, "summary", "") or ""
        text = highlight(summary, words) if restricted else excerpt(page_text(page), words)
        date = getattr(page, "date", None) or (
            page.first_published_at.date() if page.first_published_at else None
        )
        result.append(
            Result(
                page=page,
                kind=kind_of(page),
                title=page.title,
                url=page.get_url(request),
                date=date,
                topics=topics,
                excerpt=text,
                restricted=restricted,
            )
        )
    return result


def promotions(raw, user):
    """Editors' picks for this exact query, pages the reader may read only."""
    picks = list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(raw)
        ).select_related("page")
    )
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    readable = set()
    if page_ids:
        readable = set(
            visible_pages(Page.objects.filter(pk__in=page_ids), user).values_list("pk", flat=True)
        )
    return [pick for pick in picks if not pick.page_id or pick.page_id in readable]


def promoted_rows(picks, words, request):
    """Rows for editors' picks, in the editors' order (pages and external links)."""
    page_rows = {
        row.page.pk: row for row in rows([p.page for p in picks if p.page_id], words, request)
    }
    result = []
    for pick in picks:
        if pick.page_id:
            row = page_rows.get(pick.page_id)
        else:
            row = Result(
                page=None,
                kind="link",
                title=pick.external_link_text or pick.external_link_url,
                url=pick.external_link_url,
                date=None,
            )
        if row is not None:
            row.description = pick.description
            result.append(row)
    return result


def restricted_matches(parsed, user, kind=None, topic=None):
    """Members-only pages matching by title or summary (never body), for non-members.

    One query for the restrictions, then one per page type: the same count every time.
    """
    if not parsed.search_words:
        return []
    restricted = restricted_pages(base_pages(kind, topic), user).values("pk")
    found = []
    for model in page_models(kind):
        fields = ["title", "summary"] if _has_field(model, "summary") else ["title"]
        match = Q()
        for word in parsed.search_words:
            for name in fields:
                match |= Q(**{f"{name}__icontains": word})
        pages = model.objects.filter(pk__in=restricted).filter(match)
        found.extend(pages.order_by("-first_published_at")[:RESTRICTED_LIMIT])
    found.sort(key=lambda page: page.first_published_at, reverse=True)
    return found[:RESTRICTED_LIMIT]


def matching_topics(parsed):
    """Topics named by the query (synonyms resolved) or whose name contains a query word."""
    topics = list(parsed.topics)
    if parsed.terms:
        by_name = Q()
        for word in parsed.terms:
            by_name |= Q(name__icontains=word)
        topics.extend(t for t in Topic.objects.filter(by_name)[:TOPIC_LIMIT] if t not in topics)
    return topics[:TOPIC_LIMIT]


def popular_topics(limit=8):
    """Topics with the most live articles, for empty and fruitless searches."""
    return list(
        Topic.objects.annotate(
            live_count=Count(
                "tagged_articles", filter=Q(tagged_articles__content_object__live=True)
            )
        )
        .filter(live_count__gt=0)
        .order_by("-live_count", "name")[:limit]
    )
