"""Reading related posts: the same items for the HTML section and the API.

Reading is the hot path (every article view, every app request), so it is a fixed four
small queries whatever the site's size or a list's length, read as plain rows rather
than model instances:

1. the source article: live, members-only, hidden section, list computed yet;
2. its stored list joined with each target's title, summary and URL path, already limited
   to live articles that are not members-only or opted out (``store.recommendable``'s
   rule, minus view restrictions);
3. the view restrictions on the source, those targets and their ancestors
   (``cms.visibility.restricted_paths``);
4. the topics of the targets shown.

Targets are filtered again at read time, so even a list stored before a privacy change
never shows a members-only, draft or opted-out article.
"""

from dataclasses import dataclass, field
from functools import cache, cached_property

from django.db import connection
from django.db.models import Count, Q
from wagtail.models import Page

from articles.models import ArticlePage, ArticleRelatedExclusion, ArticleRelatedPick, TaggedArticle
from articles.related import core
from articles.related.models import RelatedDocument, RelatedPost
from articles.related.store import recommendable
from cms.visibility import restricted_paths
from topics.models import Topic

DEFAULT_LIMIT = 5
MAX_LIMIT = core.WEIGHTS.keep
SECTION_SIZE = 6
EXCERPT_WORDS = 30
#: Larger ids cannot be stored, and SQLite refuses to compare with them.
MAX_ID = 2**63 - 1


class RelatedNotFound(Exception):
    """No article that anonymous readers may see has this id."""


@dataclass
class Item:
    """One recommendation as readers see it: plain data, no database access left."""

    id: int
    title: str
    summary: str
    url_path: str
    score: float
    source: str
    topics: list = field(default_factory=list)
    shared_topic_ids: list = field(default_factory=list)
    terms: list = field(default_factory=list)

    @cached_property
    def page(self):
        """An unsaved page holding only what Wagtail needs to route to it (for URLs)."""
        return ArticlePage(id=self.id, title=self.title, url_path=self.url_path)

    @property
    def shared_topics(self):
        by_id = {topic["id"]: topic for topic in self.topics}
        return [by_id[pk] for pk in self.shared_topic_ids if pk in by_id]

    @property
    def editor_pick(self):
        return self.source == RelatedPost.EDITOR

    @property
    def reason(self):
        names = [topic["name"] for topic in self.shared_topics]
        return core.reason_line(names, self.terms, self.editor_pick)

    @property
    def excerpt(self):
        words = self.summary.split()
        text = " ".join(words[:EXCERPT_WORDS])
        return text + "…" if len(words) > EXCERPT_WORDS else text

    def reasons(self):
        return {
            "shared_topics": self.shared_topics,
            "shared_terms": list(self.terms),
            "editor_pick": self.editor_pick,
            "explanation": self.reason,
        }


@cache
def _sql():
    """The read queries, with table names taken from the models."""
    page, article = Page._meta.db_table, ArticlePage._meta.db_table
    post, document = RelatedPost._meta.db_table, RelatedDocument._meta.db_table
    tagged, topic = TaggedArticle._meta.db_table, Topic._meta.db_table
    target = (
        f"SELECT p.id, p.title, p.url_path, p.path, a.summary{{extra}} "
        f"FROM {page} p JOIN {article} a ON a.page_ptr_id = p.id{{join}} "
        f"WHERE {{where}} AND p.live = %s AND a.members_only = %s AND a.never_recommend = %s"
    )
    return {
        "source": (
            f"SELECT p.path, p.live, a.members_only, a.hide_related, "
            f"EXISTS (SELECT 1 FROM {document} d WHERE d.page_id = p.id) "
            f"FROM {page} p JOIN {article} a ON a.page_ptr_id = p.id WHERE p.id = %s"
        ),
        "list": target.format(
            extra=", r.score, r.source, r.reasons",
            join=f" JOIN {post} r ON r.target_id = p.id",
            where="r.page_id = %s AND p.id <> r.page_id",
        )
        + " ORDER BY r.rank",
        "targets": target.format(extra="", join="", where="p.id IN ({ids})"),
        "topics": (
            f"SELECT tagged.content_object_id, topic.id, topic.name, topic.slug "
            f"FROM {tagged} tagged JOIN {topic} topic ON topic.id = tagged.tag_id "
            f"WHERE tagged.content_object_id IN ({{ids}}) ORDER BY tagged.id"
        ),
    }


_VISIBLE = [True, False, False]  # live, not members-only, not opted out


@dataclass
class _Source:
    id: int
    path: str
    live: bool
    members_only: bool
    hide_related: bool
    computed: bool


def _source(page_id):
    with connection.cursor() as cursor:
        cursor.execute(_sql()["source"], [page_id])
        row = cursor.fetchone()
    if row is None:
        raise RelatedNotFound(page_id)
    return _Source(page_id, row[0], *map(bool, row[1:]))


def _stored_rows(page_id):
    """The stored list's visible targets, best first.

    Rows of (id, title, url_path, path, summary, score, source, reasons).
    """
    reasons = RelatedPost._meta.get_field("reasons")
    with connection.cursor() as cursor:
        cursor.execute(_sql()["list"], [page_id, *_VISIBLE])
        return [
            (*row[:7], reasons.from_db_value(row[7], None, connection)) for row in cursor.fetchall()
        ]


def _fallback_rows(page, limit):
    """Before a list is computed: editor picks, then articles sharing the most topics."""
    topic_ids = list(
        TaggedArticle.objects.filter(content_object_id=page.id).values_list("tag_id", flat=True)
    )
    excluded = ArticleRelatedExclusion.objects.filter(page_id=page.id).values("excluded_id")
    picks = list(
        ArticleRelatedPick.objects.filter(page_id=page.id)
        .exclude(related_id__in=excluded)
        .order_by("sort_order", "pk")
        .values_list("related_id", flat=True)
    )
    shared = (
        recommendable(ArticlePage.objects.exclude(pk=page.id).exclude(pk__in=excluded))
        .exclude(pk__in=picks)
        .filter(tagged_items__tag_id__in=topic_ids)
        .annotate(shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=topic_ids)))
        .order_by("-shared", "-date", "pk")
        .values_list("pk", "shared")[:limit]
    )
    ranked = dict.fromkeys(picks, (0.0, RelatedPost.EDITOR))
    for pk, count in shared:
        ranked[pk] = (count / max(1, len(topic_ids)), RelatedPost.AUTO)
    if not ranked:
        return []
    with connection.cursor() as cursor:
        ids = ", ".join(["%s"] * len(ranked))
        cursor.execute(_sql()["targets"].format(ids=ids), [*ranked, *_VISIBLE])
        found = {row[0]: row for row in cursor.fetchall() if row[0] != page.id}
    return [
        (*found[pk], *ranked[pk], {"source_topics": topic_ids, "terms": []})
        for pk in ranked
        if pk in found
    ]


def _topics(ids):
    """Each article's topics as ``{"id", "name", "slug"}``, in the order they were added."""
    topics = {pk: [] for pk in ids}
    with connection.cursor() as cursor:
        cursor.execute(_sql()["topics"].format(ids=", ".join(["%s"] * len(ids))), ids)
        for page_id, pk, name, slug in cursor.fetchall():
            topics[page_id].append({"id": pk, "name": name, "slug": slug})
    return topics


def _items(source, limit, public_source):
    """Up to ``limit`` items for ``source`` (a ``_Source``), best first.

    ``public_source`` also checks that anonymous readers may read the source itself
    (in the targets' restriction query) and raises RelatedNotFound when they may not;
    a hidden section then reads no list at all.
    """
    rows = []
    if not (public_source and source.hide_related):
        rows = _stored_rows(source.id) or ([] if source.computed else _fallback_rows(source, limit))
    blocked = restricted_paths([row[3] for row in rows] + ([source.path] if public_source else []))
    if public_source and source.path in blocked:
        raise RelatedNotFound(source.id)
    rows = [row for row in rows if row[3] not in blocked][:limit]
    topics = _topics([row[0] for row in rows]) if rows else {}
    items = []
    for pk, title, url_path, _path, summary, score, kind, reasons in rows:
        if "source_topics" in reasons:  # a fallback row: shared topics in the target's order
            shared = [t["id"] for t in topics[pk] if t["id"] in reasons["source_topics"]]
        else:  # a stored row: in the engine's order, strongest first
            own = {topic["id"] for topic in topics[pk]}
            shared = [t for t in reasons.get("topics", []) if t in own]
        items.append(
            Item(
                id=pk,
                title=title,
                summary=summary,
                url_path=url_path,
                score=score,
                source=kind,
                topics=topics[pk],
                shared_topic_ids=shared,
                terms=reasons.get("terms", []),
            )
        )
    return items


def related_items(page, limit=DEFAULT_LIMIT):
    """Up to ``limit`` recommendations for an article being shown, best first.

    The article's own privacy is the page view's business (members read members-only
    articles, and their related posts are still public ones).
    """
    if page.pk is None:  # a preview of an article never saved has no list yet
        return []
    return _items(_source(page.pk), limit, public_source=False)


def related_for(page_id, limit=DEFAULT_LIMIT, request=None):
    """The API's answer for an article id: a dict shaped like the v2 endpoint's JSON.

    Raises ``RelatedNotFound`` for an unknown, draft or members-only article and
    ``ValueError`` for a limit outside 1..MAX_LIMIT. The v3 API can call this directly.
    """
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    if not str(page_id).isdigit() or int(page_id) > MAX_ID:
        raise RelatedNotFound(page_id)
    source = _source(int(page_id))
    if not source.live or source.members_only:
        raise RelatedNotFound(page_id)
    items = _items(source, limit, public_source=True)
    if source.hide_related:
        return {"meta": {"total_count": 0, "hidden": True}, "items": []}
    return {
        "meta": {"total_count": len(items)},
        "items": [
            {
                "id": item.id,
                "title": item.title,
                "html_url": item.page.get_full_url(request),
                "summary": item.summary,
                "topics": item.topics,
                "score": round(item.score, 4),
                "source": item.source,
                "reasons": item.reasons(),
            }
            for item in items
        ],
    }
