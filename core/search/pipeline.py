"""Run a reader's query: the one search that ``/search/``, API v2 and API v3 all call.

``Search(raw, access, pages)`` parses the query (``core.search.query``: cleaning, synonyms
and brand names, typo correction), then finds, for this reader and among ``pages`` (the
surface's candidates after its own filters; by default every searchable page type):

1. editors' picks for the query (``SearchPromotion``) the reader may read, in the
   editors' order;
2. pages the reader may read, by relevance, full text (with a fuzzy retry on PostgreSQL
   when nothing matched);
3. teasers: pages the reader may only see as teasers, matched on what a teaser shows
   (title and summary, never the body), best match first, at most ``TEASER_LIMIT``.

That order, the counts and the privacy are the same on every surface, so the same query
gives the same pages in the same order to the same reader wherever it is asked. A
``Search`` behaves like a sequence of pages (``count()``, slicing), so Django's and the
APIs' paginators take it as they take a queryset.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.query import Fuzzy, PlainText
from wagtail.search.utils import normalise_query_string

from core.restrictions import teaser_models
from core.search.query import parse, searchable_models

TEASER_LIMIT = 10
#: With ``ordered=True`` the surface's own order applies, over at most this many matches.
ORDERED_LIMIT = 1000
PROMOTED, RESULT, TEASER = "promoted", "result", "teaser"


def searchable_pages(kind=None):
    """Pages of the types readers search (``search_kind``), optionally of one kind."""
    models = searchable_models(kind)
    return Page.objects.type(*models) if models else Page.objects.none()


@dataclass
class Link:
    """An editor's pick that points outside the site (HTML only: an app cannot fetch it)."""

    title: str
    url: str
    description: str


class Search:
    """One reader's search over ``pages``; see the module docstring for what it finds."""

    def __init__(self, raw, access, pages=None, *, operator="or", ordered=False, listed=False):
        """``listed``: ``pages`` are already what ``access`` lists (an API's base queryset)."""
        self.parsed = parse(raw)
        self.access = access
        self.pages = searchable_pages() if pages is None else pages
        self.listed = listed
        self.operator = operator
        self.surface_order = ordered
        self.links = []
        self._promoted = self._promotions()

    #: Hits always come in one definite order (for Django's paginator).
    ordered = True

    @property
    def words(self):
        return self.parsed.search_words

    def _promotions(self):
        self.descriptions = {}
        if not self.parsed.raw:
            return []
        picks = SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(self.parsed.raw)
        ).order_by("sort_order", "pk")
        page_ids = [pick.page_id for pick in picks if pick.page_id]
        readable = set()
        if page_ids:
            candidates = self.access.readable(
                self.pages.filter(pk__in=page_ids), listed=self.listed
            )
            readable = set(candidates.values_list("pk", flat=True))
        promoted = []
        for pick in picks:
            if pick.page_id in readable and pick.page_id not in promoted:
                promoted.append(pick.page_id)
                self.descriptions[pick.page_id] = pick.description
            elif not pick.page_id and pick.external_link_url:
                title = pick.external_link_text or pick.external_link_url
                self.links.append(Link(title, pick.external_link_url, pick.description))
        return promoted

    def _found(self):
        """The readable matches (not the promoted ones), by relevance unless ``ordered``."""
        if not hasattr(self, "_found_results"):
            readable = self.access.readable(self.pages, listed=self.listed)
            readable = readable.exclude(pk__in=self._promoted)
            if self.parsed.is_empty:
                self._found_results = readable.none()
                return self._found_results
            query = PlainText(self._query_string(), operator=self.operator)
            results = readable.search(query, order_by_relevance=not self.surface_order)
            if connection.vendor == "postgresql" and results.count() == 0:
                results = readable.search(
                    Fuzzy(" ".join(self.parsed.terms)), order_by_relevance=not self.surface_order
                )
            self._found_results = results
        return self._found_results

    def _query_string(self):
        """All the words for "or"; for "and", the reader's own words (typos corrected) only."""
        if self.operator != "and":
            return self.parsed.search_string
        return " ".join(self.parsed.corrections.get(t, t) for t in self.parsed.terms)

    def kind_of(self, page_id):
        """Whether a hit is an editor's pick, a result or a teaser."""
        if page_id in self._promoted:
            return PROMOTED
        return TEASER if page_id in self.teaser_ids() else RESULT

    def teaser_ids(self):
        """Ids of the teasers that match on title or summary, best match first.

        The database finds the teasers holding any of the words (a substring match); the
        words are then matched at the start of a word and counted here, the same way on
        every database. The best ``TEASER_LIMIT`` come first by matched words, then newest.
        """
        if hasattr(self, "_teaser_ids"):
            return self._teaser_ids
        found = []
        words = self.words[:20]
        if words:
            patterns = [re.compile(rf"\b{re.escape(word)}", re.IGNORECASE) for word in words]
            for model in teaser_models():
                if not issubclass(model, self.pages.model):
                    continue
                candidates = model.objects.filter(pk__in=self.pages.values("pk"))
                teasers = self.access.teasers(candidates, listed=False)
                teasers = teasers.exclude(pk__in=self._promoted)
                substring = Q(pk__in=[])
                for word in words:
                    substring |= Q(title__icontains=word) | Q(summary__icontains=word)
                rows = teasers.filter(substring).values_list(
                    "pk", "title", "summary", "first_published_at"
                )
                for pk, title, summary, published in rows:
                    text = f"{title} {summary}"
                    score = sum(1 for pattern in patterns if pattern.search(text))
                    if score:
                        found.append((pk, score, published))
        found.sort(key=lambda row: (-row[1], -(row[2].timestamp() if row[2] else 0), row[0]))
        self._teaser_ids = [pk for pk, _score, _date in found[:TEASER_LIMIT]]
        return self._teaser_ids

    # A sequence of hits

    def count(self):
        if not hasattr(self, "_count"):
            found = self._found()
            readable = min(found.count(), ORDERED_LIMIT) if self.surface_order else found.count()
            self._count = len(self._promoted) + readable + len(self.teaser_ids())
        return self._count

    def __len__(self):
        return self.count()

    def all(self):
        return self

    def window(self, offset, limit):
        """``(page id, kind)`` for the hits from ``offset``, at most ``limit`` of them."""
        if self.surface_order:
            ids = self._ordered_ids()[offset : offset + limit]
            promoted, teasers = set(self._promoted), set(self.teaser_ids())
            return [
                (pk, PROMOTED if pk in promoted else TEASER if pk in teasers else RESULT)
                for pk in ids
            ]
        hits = [(pk, PROMOTED) for pk in self._promoted[offset : offset + limit]]
        start = max(0, offset - len(self._promoted))
        found = self._found()
        if len(hits) < limit:
            stop = start + limit - len(hits)
            hits += [(page.pk, RESULT) for page in found[start:stop]]
        if len(hits) < limit:
            start = max(0, offset - len(self._promoted) - found.count())
            teasers = self.teaser_ids()[start : start + limit - len(hits)]
            hits += [(pk, TEASER) for pk in teasers]
        return hits

    def _ordered_ids(self):
        """Every hit's id in the candidates' own order (the surface asked for ``order``)."""
        found = [page.pk for page in self._found()[:ORDERED_LIMIT]]
        ids = set(self._promoted) | set(found) | set(self.teaser_ids())
        return list(self.pages.filter(pk__in=ids).values_list("pk", flat=True))

    def pages_for(self, hits):
        """The candidates' own instances for ``hits``, in the same order."""
        ids = [pk for pk, _kind in hits]
        found = {page.pk: page for page in self.pages.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("a Search can only be sliced")
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        return self.pages_for(self.window(start, max(0, stop - start)))
