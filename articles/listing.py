"""What article pages and article listings put in front of readers.

Listings ask the access policy which articles the reader may see listed and which only
as teasers, and fetch authors and topics for a whole page of results in a fixed number of
queries (``ArticlePageQuerySet.with_relations``).
"""

import math
from functools import cache

from django.db import connection

from articles.review import review_json_ld
from core import jsonld
from core.access import access_for
from core.plain_sql import fields_of, instance
from home.models import AboutText, MembershipCallToAction

PER_PAGE = 12
#: Newest first; the index ``article_listing_order`` serves exactly this order.
LISTING_ORDER = ("-date", "-published_at", "-pk")


#: Past this page number ``?page=`` is treated as past the end (a bigger offset overflows
#: PostgreSQL's bigint long before any site has that many pages).
MAX_PAGE = 1_000_000


class ListingPage:
    """One page of a listing, found without counting the whole listing.

    It reads ``per_page + 1`` rows: the extra one says whether there is an older page.
    A ``COUNT(*)`` over every listed article grows with the site (7 ms at 10,000 on
    PostgreSQL, for a "page 3 of 834" nobody needs); only a ``?page=`` past the end
    counts, to show the last page instead. Offers what the pagination template reads.
    """

    def __init__(self, queryset, raw_number, per_page=PER_PAGE):
        try:
            number = int(raw_number)
        except (TypeError, ValueError):
            number = 1
        # A page no listing could reach (or an offset no database takes) counts once below.
        reachable = 1 <= number <= MAX_PAGE
        rows = self._rows(queryset, number, per_page) if reachable else []
        if not rows and number != 1:
            number = max(1, math.ceil(queryset.count() / per_page))
            rows = self._rows(queryset, number, per_page)
        self.number = number
        self.per_page = per_page
        self.has_next = len(rows) > per_page
        self.has_previous = number > 1
        self.object_list = rows[:per_page]

    @staticmethod
    def _rows(queryset, number, per_page):
        start = (number - 1) * per_page
        return list(queryset[start : start + per_page + 1])

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def article_listing(queryset, request, per_page=PER_PAGE):
    """One page of the articles this reader may see listed, newest first.

    A bad or out-of-range ``?page=`` is forgiven. Entries the reader may only see as
    teasers carry ``is_locked``.
    """
    access = access_for(request)
    queryset = access.listable(queryset).order_by(*LISTING_ORDER)
    page = ListingPage(queryset.with_relations(), request.GET.get("page", 1), per_page)
    locked = access.locked_ids(page.object_list)
    members_only = access.members_only_ids(page.object_list)
    for article in page.object_list:
        article.is_locked = article.pk in locked
        article.is_members_only = article.pk in members_only
    return page


ABOUT_FIELDS, ABOUT_COLUMNS = fields_of(AboutText, ("id", "name", "heading", "body"))
CTA_FIELDS, CTA_COLUMNS = fields_of(
    MembershipCallToAction, ("id", "name", "heading", "text", "button_label", "button_url")
)


@cache
def _banner_sql(about_chosen, cta_chosen):
    """One row: the "about us" text's columns, then the banner's (NULLs where none)."""

    def first(model, columns, chosen):
        pk = model._meta.pk.column
        where = f" WHERE {pk} = %s" if chosen else ""
        table = model._meta.db_table
        return f"SELECT {', '.join(columns)} FROM {table}{where} ORDER BY {pk} LIMIT 1"

    about = first(AboutText, ABOUT_COLUMNS, about_chosen)
    cta = first(MembershipCallToAction, CTA_COLUMNS, cta_chosen)
    columns = [f"a.{name}" for name in ABOUT_COLUMNS] + [f"c.{name}" for name in CTA_COLUMNS]
    return (
        f"SELECT {', '.join(columns)} FROM (SELECT 1 AS one) o "
        f"LEFT JOIN ({about}) a ON 1 = 1 LEFT JOIN ({cta}) c ON 1 = 1"
    )


def banner_snippets(page):
    """``(about, cta)``: the page's "about us" text and membership banner, in one query.

    Each is the one the editor chose, else the site's standard one (the first made). Plain
    SQL: every article page asks, and compiling the ORM's query for both cost more than
    running it.
    """
    chosen = [pk for pk in (page.about_text_id, page.call_to_action_id) if pk]
    sql = _banner_sql(bool(page.about_text_id), bool(page.call_to_action_id))
    with connection.cursor() as cursor:
        cursor.execute(sql, chosen)
        row = cursor.fetchone()
    about_row, cta_row = row[: len(ABOUT_FIELDS)], row[len(ABOUT_FIELDS) :]
    about = instance(AboutText, ABOUT_FIELDS, about_row) if about_row[0] else None
    cta = instance(MembershipCallToAction, CTA_FIELDS, cta_row) if cta_row[0] else None
    return about, cta


def json_ld(page, request, authors):
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "mainEntityOfPage": page.get_full_url(request),
        "author": [{"@type": "Person", "name": author.name} for author in authors],
    }
    if page.date:
        data["datePublished"] = page.date.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.date().isoformat()
    if getattr(page, "is_members_only", page.members_only):
        data["isAccessibleForFree"] = False
    data.update(review_json_ld(page))
    return jsonld.dumps(data)


def article_context(page, request):
    """Byline, topics, snippets and metadata for an article page (or its teaser)."""
    authors = [link.author for link in page.article_authors.select_related("author")]
    about, cta = banner_snippets(page)
    return {
        "authors": authors,
        "topic_list": list(page.topics.all()),
        "about": about,
        "cta": cta,
        "canonical_url": page.get_full_url(request),
        "json_ld": json_ld(page, request, authors),
    }
