"""What the search page shows for each hit of the pipeline: rows with excerpts, and topics.

The search itself (what matches, for whom, in what order) is ``core.search.pipeline``'s;
this module only turns its hits into rows. A teaser's row shows its summary, never its
body.
"""

from dataclasses import dataclass, field

from django.db.models import Q, prefetch_related_objects
from wagtail.models import Page

from articles.views import with_article_counts
from core.text import stream_text
from search.highlight import excerpt, highlight
from topics.models import Topic
from topics.visibility import listed_topics

KINDS = {"article": "Article", "course": "Course", "page": "Page"}
TOPIC_LIMIT = 6


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
        parts.append(stream_text(body))
    return " ".join(p for p in parts if p)


def _specific(pages):
    """Specific pages for ``pages``, in order, with topics fetched in one query per type."""
    ids = [page.pk for page in pages]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    by_model = {}
    for page in specific.values():
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        if any(f.name == "topics" for f in model._meta.get_fields()):
            prefetch_related_objects(group, "topics")
    return [specific[pk] for pk in ids if pk in specific]


def rows(pages, search, request):
    """Result rows for hits of ``search``; teasers get their summary only, never body text."""
    result = []
    for page in _specific(pages):
        restricted = search.kind_of(page.pk) == "teaser"
        topics = list(page.topics.all()) if hasattr(page, "topics") else []
        summary = getattr(page, "summary", "") or ""
        words = search.words
        text = highlight(summary, words) if restricted else excerpt(page_text(page), words)
        date = getattr(page, "date", None) or (
            page.first_published_at.date() if page.first_published_at else None
        )
        result.append(
            Result(
                page=page,
                kind=getattr(page, "search_kind", "article"),
                title=page.title,
                url=page.get_url(request),
                date=date,
                topics=topics,
                excerpt=text,
                restricted=restricted,
                description=search.descriptions.get(page.pk, ""),
            )
        )
    return result


def link_rows(search):
    """Rows for editors' picks that point outside the site."""
    return [
        Result(
            page=None,
            kind="link",
            title=link.title,
            url=link.url,
            date=None,
            description=link.description,
        )
        for link in search.links
    ]


def matching_topics(parsed, access):
    """Topics named by the query (synonyms resolved) or whose name contains a query word.

    Only topics a page this reader may see uses (``topics.visibility``).
    """
    shown = set(listed_topics(access).values_list("pk", flat=True))
    topics = [topic for topic in parsed.topics if topic.pk in shown]
    if parsed.terms:
        by_name = Q()
        for word in parsed.terms:
            by_name |= Q(name__icontains=word)
        named = Topic.objects.filter(by_name, pk__in=shown)[:TOPIC_LIMIT]
        topics.extend(t for t in named if t not in topics)
    return topics[:TOPIC_LIMIT]


def popular_topics(access, limit=8):
    """Topics with the most articles this reader may see listed, for empty searches."""
    counted = with_article_counts(Topic.objects.all(), access)
    return list(counted.filter(article_count__gt=0).order_by("-article_count", "name")[:limit])
