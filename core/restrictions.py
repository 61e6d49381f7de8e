"""What the access policy reads about pages: their facts and their view restrictions.

``core.access`` decides; this module fetches what it decides on, for pages already loaded
(the hot path: a page being served, a page of results, a list of related posts):

- ``Facts``: what the rule needs to know about one page (where it is in the tree, whether
  it is live, its members-only flag, whether its type has a teaser);
- ``restrictions_on``: every view restriction on some pages and their ancestors, in one
  plain SQL query, as ``Restriction`` rows.

A page view asks three times (the page itself, its menu, its related posts), each about
different pages. Within a request, the site's restrictions are therefore read once, all of
them, when there are few (``SNAPSHOT_ROWS``), and every later question is answered from
that reading; a site with more (thousands of password-protected imported posts, say) keeps
asking about the pages in hand. Saving or deleting a page or a restriction during the
request forgets the reading, so a request never decides on restrictions it has changed.
Outside requests (commands, the task worker) every question is a query, as before.
"""

import time
from dataclasses import dataclass
from functools import cache

from asgiref.local import Local
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import Page, PageViewRestriction, get_page_models

from core.members import MembersOnlyPage, members_group_name


@cache
def teaser_models():
    """The concrete page types that can be shown as teasers."""
    return tuple(
        model
        for model in get_page_models()
        if issubclass(model, MembersOnlyPage) and not model._meta.abstract
    )


@dataclass(frozen=True)
class Facts:
    """What the rule needs to know about one page, whether or not its model is loaded."""

    path: str
    live: bool = True
    members_only: bool = False
    has_teaser: bool = False


@dataclass(frozen=True)
class Restriction:
    """A view restriction as the rule sees it."""

    id: int
    kind: str
    group_ids: frozenset = frozenset()
    for_members: bool = False


def lineage(path):
    """The tree paths of a page and each of its ancestors."""
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def _tables():
    through = PageViewRestriction.groups.through
    return {
        "page": Page._meta.db_table,
        "restriction": PageViewRestriction._meta.db_table,
        "link": through._meta.db_table,
        "own": PageViewRestriction.groups.field.m2m_column_name(),
        "other": PageViewRestriction.groups.field.m2m_reverse_name(),
        "group": Group._meta.db_table,
    }


@cache
def _restrictions_sql():
    # An alias shows its source page, so it has the source's restrictions (as in Wagtail).
    return (
        "SELECT p.path, r.id, r.restriction_type, g.id, g.name "
        "FROM {page} p "
        "JOIN {restriction} r ON r.page_id = COALESCE(p.alias_of_id, p.id) "
        "LEFT JOIN {link} l ON l.{own} = r.id "
        "LEFT JOIN {group} g ON g.id = l.{other} "
        "WHERE p.path IN ({{marks}})"
    ).format(**_tables())


@cache
def _all_restrictions_sql():
    """Every restriction with the path of its page and of each alias of it (see above)."""
    each = (
        "SELECT p.path, r.id, r.restriction_type, g.id, g.name "
        "FROM {restriction} r JOIN {page} p ON {join} "
        "LEFT JOIN {link} l ON l.{own} = r.id "
        "LEFT JOIN {group} g ON g.id = l.{other}"
    )
    tables = _tables()
    own = each.format(join="p.id = r.page_id AND p.alias_of_id IS NULL", **tables)
    aliases = each.format(join="p.alias_of_id = r.page_id", **tables)
    return f"{own} UNION ALL {aliases} LIMIT %s"


def _as_found(rows):
    """``{path: [Restriction, ...]}`` from rows of path, id, type, group id, group name."""
    entries = {}
    members = members_group_name()
    for path, pk, kind, group_id, group_name in rows:
        entry = entries.setdefault((path, pk), [kind, set(), False])
        if group_id is not None:
            entry[1].add(group_id)
            entry[2] = entry[2] or group_name == members
    found = {}
    for (path, pk), (kind, groups, for_members) in entries.items():
        found.setdefault(path, []).append(Restriction(pk, kind, frozenset(groups), for_members))
    # Tuples: a request's reading is shared by every question in it, so nobody may change it.
    return {path: tuple(restrictions) for path, restrictions in found.items()}


# One reading per request

#: Rows (restrictions × their groups × the aliases of their pages) read whole per request.
SNAPSHOT_ROWS = 500
#: How long a process that found more keeps asking page by page before looking again.
SNAPSHOT_RETRY_SECONDS = 300

_UNREAD, _PAGE_BY_PAGE = object(), object()
#: Per thread: None outside a request, else _UNREAD, _PAGE_BY_PAGE or the reading.
_reading = Local()
_too_many = {"until": 0.0}


def begin_request(**kwargs):
    """A request starts: its first question reads every restriction (``request_started``)."""
    _reading.found = _UNREAD


def end_request(**kwargs):
    """Outside requests, every question is a query again (``request_finished``)."""
    _reading.found = None


def forget_reading(**kwargs):
    """A page or restriction changed: the request's reading may be out of date."""
    if getattr(_reading, "found", None) is not None:
        _reading.found = _UNREAD


def _snapshot():
    """This request's reading of every restriction, or None to ask about pages in hand."""
    found = getattr(_reading, "found", None)
    if found is _UNREAD:
        found = _reading.found = _read_all()
    return None if found is None or found is _PAGE_BY_PAGE else found


def _read_all():
    if time.monotonic() < _too_many["until"]:
        return _PAGE_BY_PAGE
    with connection.cursor() as cursor:
        cursor.execute(_all_restrictions_sql(), [SNAPSHOT_ROWS + 1])
        rows = cursor.fetchall()
    if len(rows) > SNAPSHOT_ROWS:
        _too_many["until"] = time.monotonic() + SNAPSHOT_RETRY_SECONDS
        return _PAGE_BY_PAGE
    return _as_found(rows)


def restrictions_on(paths):
    """Every view restriction on these pages and their ancestors, by path, in one query.

    Plain SQL: this is on the hot path (every page served, every related-posts read), where
    compiling an ORM query would cost more than running it. Within a request, at most one
    query answers every call (see the module's docstring).
    """
    wanted = sorted({path for own in paths for path in lineage(own)})
    if not wanted:
        return {}
    snapshot = _snapshot()
    if snapshot is not None:
        return {path: snapshot[path] for path in wanted if path in snapshot}
    with connection.cursor() as cursor:
        cursor.execute(_restrictions_sql().format(marks=", ".join(["%s"] * len(wanted))), wanted)
        return _as_found(cursor.fetchall())


def lineage_restrictions(path, found=None):
    """The restrictions on the page at ``path`` and its ancestors (from ``restrictions_on``)."""
    found = restrictions_on([path]) if found is None else found
    return [restriction for own in lineage(path) for restriction in found.get(own, ())]


def facts_of(page):
    """``Facts`` for a loaded page of any type (a members-only page type brings its flag).

    A page loaded as a plain ``Page`` row has no flag to read: ``Access.page_states``
    looks it up for those.
    """
    members_page = isinstance(page, MembersOnlyPage)
    return Facts(
        path=page.path,
        live=page.live,
        members_only=members_page and page.members_only,
        has_teaser=members_page,
    )


def flags_of_plain_pages(pages):
    """``{id: members_only}`` for pages loaded as a base type of a teaser page type."""
    flags = {}
    for model in teaser_models():
        ids = [
            page.pk
            for page in pages
            if not isinstance(page, MembersOnlyPage) and issubclass(page.specific_class, model)
        ]
        if ids:
            rows = model.objects.filter(pk__in=ids).values_list("pk", "members_only")
            flags.update(dict(rows))
    return flags
