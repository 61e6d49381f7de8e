"""Reading related posts: the same items for the HTML section and both APIs.

Reading is the hot path (every article view, every app request), so it is a fixed four
small queries whatever the site's size or a list's length, read as plain rows rather
than model instances:

1. the source article: where it is, whether it is live and members-only, hidden section,
   list computed yet;
2. its stored list joined with each target's title, summary, URL path and privacy facts
   (articles marked "never recommend" are left out);
3. the view restrictions on the source, those targets and their ancestors
   (``core.access.restrictions_on``);
4. the topics of the targets shown.

Who may see what is the access policy's decision, made over those rows
(``Access.decide``): the reader must be able to read the source, and targets are only
articles an anonymous reader may read. Targets are checked at read time, so even a list
stored before a privacy change never shows a members-only, draft or opted-out article.
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
from core.access import READ, Access
from core.restrictions import Facts, lineage_restrictions, restrictions_on
from topics.models import Topic

DEFAULT_LIMIT = 5
MAX_LIMIT = core.WEIGHTS.keep
SECTION_SIZE = 6
EXCERPT_WORDS = 30
#: Larger ids cannot be stored, and SQLite refuses to compare with them.
MAX_ID = 2**63 - 1


class RelatedNotFound(Exception):
    """No article this reader may read has this id."""


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
        return Page(id=self.id, title=self.title, url_path=self.url_path)

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
        f"SELECT p.id, p.title, p.url_path, p.path, a.summary, p.live, a.members_only{{extra}} "
        f"FROM {page} p JOIN {article} a ON a.page_ptr_id = p.id{{join}} "
        f"WHERE {{where}} AND a.never_recommend = %s"
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


_RECOMMENDABLE = [False]  # not "never recommend"


@dataclass
class _Source:
    id: int
    path: str
    live: bool
    members_only: bool
    hide_related: bool
    #: Whether the engine has worked out this article's list (None: not read yet).
    computed: bool | None


def _source(page_id):
    with connection.cursor() as cursor:
        cursor.execute(_sql()["source"], [page_id])
        row = cursor.fetchone()
    if row is None:
        raise RelatedNotFound(page_id)
    return _Source(page_id, row[0], *map(bool, row[1:]))


def _computed(source):
    if source.computed is None:
        exists = RelatedDocument.objects.filter(page_id=source.id).exists()
        source.computed = exists
    return source.computed


def _stored_rows(page_id):
    """The stored list's targets not opted out, best first.

    Rows of (id, title, url_path, path, summary, live, members_only, score, source, reasons).
    """
    reasons = RelatedPost._meta.get_field("reasons")
    with connection.cursor() as cursor:
        cursor.execute(_sql()["list"], [page_id, *_RECOMMENDABLE])
        return [
            (*row[:9], reasons.from_db_value(row[9], None, connection)) for row in cursor.fetchall()
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
        cursor.execute(_sql()["targets"].format(ids=ids), [*ranked, *_RECOMMENDABLE])
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


def _facts(path, live, members_only):
    return Facts(path=path, live=bool(live), members_only=bool(members_only), has_teaser=True)


def _items(source, limit, reader):
    """Up to ``limit`` items for ``source`` (a ``_Source``), best first.

    With a ``reader`` (an ``Access``), that reader must be able to read the source itself,
    checked in the targets' restriction query; otherwise RelatedNotFound. A hidden section
    then reads no list at all.
    """
    rows = []
    if not (reader and source.hide_related):
        rows = _stored_rows(source.id)
        if not rows and not _computed(source):
            rows = _fallback_rows(source, limit)
    if reader is None and not rows:
        return []
    found = restrictions_on([row[3] for row in rows] + [source.path])
    if reader is not None:
        facts = _facts(source.path, source.live, source.members_only)
        if reader.decide(facts, lineage_restrictions(source.path, found)) != READ:
            raise RelatedNotFound(source.id)
    anyone = Access.anonymous()
    rows = [
        row
        for row in rows
        if anyone.decide(_facts(row[3], row[5], row[6]), lineage_restrictions(row[3], found))
        == READ
    ][:limit]
    topics = _topics([row[0] for row in rows]) if rows else {}
    items = []
    for pk, title, url_path, _path, summary, _live, _flag, score, kind, reasons in rows:
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
    # The page is loaded: its own row need not be read again.
    source = _Source(page.pk, page.path, page.live, page.members_only, page.hide_related, None)
    return _items(source, limit, reader=None)


def related_for(page_id, reader, limit=DEFAULT_LIMIT):
    """The items the APIs answer for an article id, and whether its editor hid the section.

    Raises ``RelatedNotFound`` for an unknown id or an article ``reader`` may not read.
    ``limit`` must already be checked (1 to ``MAX_LIMIT``).
    """
    if int(page_id) > MAX_ID:
        raise RelatedNotFound(page_id)
    source = _source(int(page_id))
    items = _items(source, limit, reader)
    return ([] if source.hide_related else items), source.hide_related
