"""Reading related posts: the same items for the HTML section and the API.

A read costs a constant handful of queries whatever the site's size: the stored list,
the target pages and their topics, and a privacy check that reads only the restrictions
on those pages and their ancestors. Targets are filtered through
``cms.visibility`` again at read time, so even a list written before a privacy change
never shows a members-only, draft or opted-out article.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from articles.models import ArticlePage, ArticleRelatedExclusion, ArticleRelatedPick, TaggedArticle
from articles.related import core
from articles.related.models import RelatedDocument, RelatedPost
from articles.related.store import recommendable
from cms.visibility import public_among

DEFAULT_LIMIT = 5
MAX_LIMIT = core.WEIGHTS.keep
SECTION_SIZE = 6
EXCERPT_WORDS = 30
#: Targets read beyond the number asked for, in case some can no longer be shown.
SPARE_TARGETS = 2


class RelatedNotFound(Exception):
    """No article that anonymous readers may see has this id."""


@dataclass
class Item:
    page: ArticlePage
    score: float
    source: str
    topic_ids: list = field(default_factory=list)
    terms: list = field(default_factory=list)

    @property
    def topics(self):
        return [item.tag for item in self.page.tagged_items.all()]

    @property
    def shared_topics(self):
        by_id = {topic.pk: topic for topic in self.topics}
        return [by_id[pk] for pk in self.topic_ids if pk in by_id]

    @property
    def editor_pick(self):
        return self.source == RelatedPost.EDITOR

    @property
    def reason(self):
        names = [topic.name for topic in self.shared_topics]
        return core.reason_line(names, self.terms, self.editor_pick)

    @property
    def excerpt(self):
        words = self.page.summary.split()
        text = " ".join(words[:EXCERPT_WORDS])
        return text + "…" if len(words) > EXCERPT_WORDS else text

    def reasons(self):
        return {
            "shared_topics": [
                {"id": t.pk, "name": t.name, "slug": t.slug} for t in self.shared_topics
            ],
            "shared_terms": list(self.terms),
            "editor_pick": self.editor_pick,
            "explanation": self.reason,
        }


def _targets(ids, source=None):
    """The recommendable articles among ``ids`` (the rule of ``store.recommendable``).

    With ``source``, its privacy is checked in the same lookup (see ``_require_public``).
    """
    pages = (
        ArticlePage.objects.filter(pk__in=ids, never_recommend=False, members_only=False)
        .defer("body")
        .prefetch_related(
            Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag"))
        )
    )
    if source is None:
        return {page.pk: page for page in public_among(pages)}
    public = _require_public(source, also=[page for page in pages if page.pk != source.pk])
    return {page.pk: page for page in public}


def _require_public(page, also=()):
    """``also`` filtered by ``public_among``; RelatedNotFound unless ``page`` passes too."""
    public = public_among([page, *also])
    if not public or public[0] is not page:
        raise RelatedNotFound(page.pk)
    return public[1:]


def _fallback(page, limit):
    """Before a list is computed: editor picks, then articles sharing the most topics."""
    topic_ids = list(page.tagged_items.values_list("tag_id", flat=True))
    excluded = ArticleRelatedExclusion.objects.filter(page=page).values("excluded_id")
    picks = list(
        ArticleRelatedPick.objects.filter(page=page)
        .exclude(related_id__in=excluded)
        .order_by("sort_order", "pk")
        .values_list("related_id", flat=True)
    )
    shared = (
        recommendable(ArticlePage.objects.exclude(pk=page.pk).exclude(pk__in=excluded))
        .exclude(pk__in=picks)
        .filter(tagged_items__tag_id__in=topic_ids)
        .annotate(shared=Count("tagged_items", filter=Q(tagged_items__tag_id__in=topic_ids)))
        .order_by("-shared", "-date", "pk")
        .values_list("pk", "shared")[:limit]
    )
    rows = [(pk, 0.0, RelatedPost.EDITOR, {}) for pk in picks]
    rows += [(pk, count / max(1, len(topic_ids)), RelatedPost.AUTO, {}) for pk, count in shared]
    return rows, topic_ids


def related_items(page, limit=DEFAULT_LIMIT, check_source=False):
    """Up to ``limit`` recommendations for ``page`` as ``Item`` objects, best first.

    Targets are read a few more than asked for at a time (some may have gone private or
    offline since the list was stored), so a read costs the same however long lists are.
    ``check_source`` raises RelatedNotFound unless anonymous readers may read ``page``
    (checked together with the first targets, saving a query).
    """
    rows = list(
        RelatedPost.objects.filter(page_id=page.pk)
        .order_by("rank")
        .values_list("target_id", "score", "source", "reasons")
    )
    fallback_topics = None
    if not rows and not RelatedDocument.objects.filter(page_id=page.pk).exists():
        rows, fallback_topics = _fallback(page, limit)
    if check_source and not rows:
        _require_public(page)
    items = []
    start = 0
    while len(items) < limit and start < len(rows):
        window = rows[start : start + limit - len(items) + SPARE_TARGETS]
        targets = _targets([row[0] for row in window], source=page if check_source else None)
        check_source = False
        start += len(window)
        for target_id, score, source, reasons in window:
            target = targets.get(target_id)
            if target is None or target.pk == page.pk or len(items) >= limit:
                continue
            topic_ids = reasons.get("topics", [])
            if fallback_topics is not None:
                topic_ids = [
                    i.tag_id for i in target.tagged_items.all() if i.tag_id in fallback_topics
                ]
            items.append(Item(target, score, source, topic_ids, reasons.get("terms", [])))
    return items


def _article(page_id):
    """The live, not members-only article with this id (view restrictions not yet checked)."""
    page = None
    if str(page_id).isdigit():
        live = ArticlePage.objects.live().filter(pk=int(page_id), members_only=False)
        page = live.defer("body").first()
    if page is None:
        raise RelatedNotFound(page_id)
    return page


def related_for(page_id, limit=DEFAULT_LIMIT, request=None):
    """The API's answer for an article id: a dict shaped like the v2 endpoint's JSON.

    Raises ``RelatedNotFound`` for an unknown, draft or members-only article and
    ``ValueError`` for a limit outside 1..MAX_LIMIT. The v3 API can call this directly.
    """
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    page = _article(page_id)
    if page.hide_related:
        _require_public(page)
        return {"meta": {"total_count": 0, "hidden": True}, "items": []}
    items = related_items(page, limit, check_source=True)
    return {
        "meta": {"total_count": len(items)},
        "items": [
            {
                "id": item.page.pk,
                "title": item.page.title,
                "html_url": item.page.get_full_url(request),
                "summary": item.page.summary,
                "topics": [{"id": t.pk, "name": t.name, "slug": t.slug} for t in item.topics],
                "score": round(item.score, 4),
                "source": item.source,
                "reasons": item.reasons(),
            }
            for item in items
        ],
    }
