"""The engine's adapter to the database: articles in as plain data, lists out atomically.

``refresh(page_ids)`` is what a publish, unpublish, delete, move or privacy change runs:
it re-reads only the changed articles, scores them against the stored features of all the
others, and rewrites the lists they can enter or leave. ``rebuild()`` recomputes
everything. Both replace lists inside one transaction, so readers see the old list or
the new one, never a half-built one.
"""

import os
import threading
from contextlib import contextmanager
from dataclasses import replace

from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from articles.models import (
    ArticlePage,
    ArticleRelatedExclusion,
    ArticleRelatedPick,
    TaggedArticle,
)
from articles.related import core
from articles.related.analysis import analyse
from articles.related.models import RelatedDocument, RelatedPost
from core.access import Access, published

BATCH = 2000
#: PostgreSQL advisory lock key ("RELA") that lets one refresh or rebuild run at a time.
LOCK_KEY = 0x52454C41


def recommendable(queryset):
    """Articles anyone may be recommended: readable by an anonymous visitor, not opted out."""
    return Access.anonymous().readable(queryset).filter(never_recommend=False)


def _article_pages():
    return published(ArticlePage.objects.all()).prefetch_related(
        Prefetch("tagged_items", queryset=TaggedArticle.objects.only("tag_id", "content_object"))
    )


def document_for(page, candidate):
    """An article as plain data for the core."""
    day = page.date or (page.first_published_at and page.first_published_at.date())
    return core.Document(
        id=page.pk,
        topics=tuple(sorted({item.tag_id for item in page.tagged_items.all()})),
        terms=analyse(page.title, page.summary, page.body_text),
        day=day.toordinal() if day else None,
        candidate=candidate,
    )


def _stored(row):
    return core.Document(
        id=row.page_id,
        topics=tuple(row.topics),
        terms=row.terms,
        day=row.day,
        candidate=row.candidate,
    )


def _row_for(doc):
    return RelatedDocument(
        page_id=doc.id,
        topics=list(doc.topics),
        terms=dict(doc.terms),
        day=doc.day,
        candidate=doc.candidate,
    )


class _CorpusCache:
    """This process's copy of every stored document, re-read only where it changed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.corpus = core.Corpus()
        self.stamps = {}

    def sync(self):
        stamps = dict(RelatedDocument.objects.values_list("page_id", "updated_at"))
        for pk in set(self.stamps) - set(stamps):
            self.corpus.discard(pk)
            del self.stamps[pk]
        stale = [pk for pk, stamp in stamps.items() if self.stamps.get(pk) != stamp]
        fields = ("page_id", "topics", "terms", "day", "candidate", "updated_at")
        for start in range(0, len(stale), BATCH):
            rows = RelatedDocument.objects.filter(page_id__in=stale[start : start + BATCH])
            for pk, topics, terms, day, candidate, stamp in rows.values_list(*fields):
                self.corpus.put(core.Document(pk, tuple(topics), terms, day, candidate))
                self.stamps[pk] = stamp
        return self.corpus

    def keep(self, corpus):
        """Adopt a corpus just written in full (by a rebuild), so the next refresh is warm."""
        self.corpus = corpus
        self.stamps = dict(RelatedDocument.objects.values_list("page_id", "updated_at"))


_cache = _CorpusCache()


@contextmanager
def _exclusive():
    """A transaction that no other refresh or rebuild runs beside, in any process.

    Two refreshes side by side would each score against a corpus missing the other's change
    and the last to commit would win with a stale list. On PostgreSQL an advisory lock held
    until commit makes the second wait; SQLite lets one writer in at a time anyway. The
    thread lock also guards this process's corpus cache.
    """
    with _cache.lock, transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        yield


def _editor_choices(sources):
    picks, exclusions = {}, {}
    for page_id, related_id in (
        ArticleRelatedPick.objects.filter(page_id__in=sources)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "related_id")
    ):
        picks.setdefault(page_id, []).append(related_id)
    for page_id, excluded_id in ArticleRelatedExclusion.objects.filter(
        page_id__in=sources
    ).values_list("page_id", "excluded_id"):
        exclusions.setdefault(page_id, set()).add(excluded_id)
    return picks, exclusions


def _post_rows(ranked):
    for rank, item in enumerate(ranked.items):
        yield RelatedPost(
            page_id=ranked.source,
            target_id=item.id,
            rank=rank,
            score=round(item.score, 6),
            source=item.source,
            reasons={"topics": list(item.topics), "terms": list(item.terms)},
        )


def _write(lists, sources):
    """Replace the lists of ``sources`` (inside the caller's transaction)."""
    RelatedPost.objects.filter(page_id__in=sources).delete()
    rows, thresholds = [], []
    for ranked in lists:
        rows.extend(_post_rows(ranked))
        thresholds.append(RelatedDocument(page_id=ranked.source, threshold=ranked.threshold))
        if len(rows) >= BATCH:
            RelatedPost.objects.bulk_create(rows)
            rows = []
    RelatedPost.objects.bulk_create(rows)
    RelatedDocument.objects.bulk_update(thresholds, ["threshold"], batch_size=BATCH)


def refresh(page_ids):
    """Recompute after these articles changed; returns the ids whose lists were rewritten."""
    page_ids = sorted(set(page_ids))
    with _exclusive():
        # Read the articles once the lock is held, so a refresh that waited sees the
        # changes committed while it waited.
        pages = {page.pk: page for page in _article_pages().filter(pk__in=page_ids)}
        candidates = set(
            recommendable(ArticlePage.objects.filter(pk__in=pages)).values_list("pk", flat=True)
        )
        old = {
            row.page_id: _stored(row)
            for row in RelatedDocument.objects.filter(page_id__in=page_ids)
        }
        if not old and not pages:
            return set()
        new = {pk: document_for(page, pk in candidates) for pk, page in pages.items()}
        RelatedDocument.objects.filter(page_id__in=set(page_ids) - set(new)).delete()
        RelatedPost.objects.filter(page_id__in=set(page_ids) - set(new)).delete()
        for doc in new.values():
            _row_for(doc).save()
        index = core.Index(_cache.sync())
        thresholds = dict(RelatedDocument.objects.values_list("page_id", "threshold"))
        sources = core.affected(index, [*old.values(), *new.values()], thresholds)
        sources |= set(new)
        sources |= set(
            RelatedPost.objects.filter(target_id__in=page_ids).values_list("page_id", flat=True)
        )
        sources |= set(
            ArticleRelatedPick.objects.filter(related_id__in=page_ids).values_list(
                "page_id", flat=True
            )
        )
        sources = sorted(pk for pk in sources if pk in index.row)
        picks, exclusions = _editor_choices(sources)
        lists = core.rank(index, sources, picks=picks, exclusions=exclusions)
        _write(lists, sources)
    return set(sources)


def rebuild(progress=None, workers=None):
    """Recompute every article's features and list. ``progress(step, done, total)``.

    Reading every article is done before taking the lock, so publishes are not held up
    for it; what changed meanwhile is read again under the lock (``_catch_up``). Ranking
    runs in ``workers`` processes (default: one per core); it is the slow part.
    """
    started = timezone.now()
    queryset = _article_pages()
    total = queryset.count()
    docs = []
    for page in queryset.iterator(chunk_size=500):
        docs.append(document_for(page, candidate=False))  # _catch_up sets it under the lock
        if progress and len(docs) % 100 == 0:
            progress("reading", len(docs), total)
    done = 0

    def ranked(count):
        nonlocal done
        done += count
        if progress:
            progress("ranking", done, len(sources))

    with _exclusive():
        docs = _catch_up(docs, started)
        corpus = core.Corpus(docs)
        index = core.Index(corpus)
        sources = index.ids.tolist()
        picks, exclusions = _editor_choices(sources)
        RelatedDocument.objects.all().delete()
        RelatedPost.objects.all().delete()
        RelatedDocument.objects.bulk_create((_row_for(doc) for doc in docs), batch_size=BATCH)
        lists = core.rank(
            index,
            picks=picks,
            exclusions=exclusions,
            progress=ranked,
            workers=workers or os.cpu_count() or 1,
        )
        _write(lists, [])
        _cache.keep(corpus)
    _analyse()
    return len(sources)


def _catch_up(docs, since):
    """``docs`` brought up to date with what was published, edited or withdrawn ``since``.

    Every such change runs a refresh, and a refresh stamps the articles it re-read, so
    the stamped ones are read again; articles that went or came are dropped or read.
    """
    live = set(published(ArticlePage.objects.all()).values_list("pk", flat=True))
    candidates = set(recommendable(ArticlePage.objects.all()).values_list("pk", flat=True))
    stamped = RelatedDocument.objects.filter(updated_at__gte=since).values_list("page_id")
    known = {doc.id for doc in docs}
    again = (live - known) | (live & {pk for (pk,) in stamped})
    fresh = {
        page.pk: document_for(page, page.pk in candidates)
        for page in _article_pages().filter(pk__in=again)
    }
    kept = [
        fresh.get(doc.id) or replace(doc, candidate=doc.id in candidates)
        for doc in docs
        if doc.id in live
    ]
    return kept + [doc for pk, doc in fresh.items() if pk not in known]


def _analyse():
    """Give PostgreSQL fresh statistics for the rewritten tables.

    With the old ones (an empty table, say) it plans a read of one list as a scan of every
    page until autovacuum catches up, which made reads ten times slower after a rebuild.
    """
    if connection.vendor == "postgresql":
        tables = f"{RelatedPost._meta.db_table}, {RelatedDocument._meta.db_table}"
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")
