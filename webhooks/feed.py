"""Reading the change feed: the changes after a moment, in order, a page at a time.

Rows are ordered by ``(at, id)``. A page of results never splits rows that share one
moment (a privacy change writes its whole section at once): when the page is full, the
rest of its last moment comes with it, so ``next_since`` (that moment) loses nothing and
repeats nothing. At most three queries, whatever the number of changes.
"""

from webhooks.models import PageChange

FIELDS = ("page_id", "page_type", "action", "at")


def changes_since(since, limit):
    """``(rows, has_more)``: up to ``limit`` rows after ``since`` (all if None), plus the
    rest of the last row's moment."""
    rows = PageChange.objects.order_by("at", "pk")
    if since is not None:
        rows = rows.filter(at__gt=since)
    found = list(rows.values_list(*FIELDS, "pk")[: limit + 1])
    has_more = len(found) > limit
    found = found[:limit]
    if has_more and found:
        last_at, last_pk = found[-1][3], found[-1][4]
        found += list(rows.filter(at=last_at, pk__gt=last_pk).values_list(*FIELDS, "pk"))
        has_more = rows.filter(at__gt=last_at).exists()
    return [row[:4] for row in found], has_more
