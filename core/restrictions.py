"""What the access policy reads about pages: their facts and their view restrictions.

``core.access`` decides; this module fetches what it decides on, for pages already loaded
(the hot path: a page being served, a page of results, a list of related posts):

- ``Facts``: what the rule needs to know about one page (where it is in the tree, whether
  it is live, its members-only flag, whether its type has a teaser);
- ``restrictions_on``: every view restriction on some pages and their ancestors, in one
  plain SQL query, as ``Restriction`` rows.
"""

from dataclasses import dataclass
from functools import cache

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


@cache
def _restrictions_sql():
    restriction = PageViewRestriction._meta.db_table
    through = PageViewRestriction.groups.through
    link = through._meta.db_table
    own = PageViewRestriction.groups.field.m2m_column_name()
    other = PageViewRestriction.groups.field.m2m_reverse_name()
    # An alias shows its source page, so it has the source's restrictions (as in Wagtail).
    return (
        f"SELECT p.path, r.id, r.restriction_type, g.id, g.name "
        f"FROM {Page._meta.db_table} p "
        f"JOIN {restriction} r ON r.page_id = COALESCE(p.alias_of_id, p.id) "
        f"LEFT JOIN {link} l ON l.{own} = r.id "
        f"LEFT JOIN {Group._meta.db_table} g ON g.id = l.{other} "
        f"WHERE p.path IN ({{marks}})"
    )


def restrictions_on(paths):
    """Every view restriction on these pages and their ancestors, by path, in one query.

    Plain SQL: this is on the hot path (every page served, every related-posts read), where
    compiling an ORM query would cost more than running it.
    """
    wanted = sorted({path for own in paths for path in lineage(own)})
    found = {}
    if not wanted:
        return found
    rows = {}
    members = members_group_name()
    with connection.cursor() as cursor:
        cursor.execute(_restrictions_sql().format(marks=", ".join(["%s"] * len(wanted))), wanted)
        for path, pk, kind, group_id, group_name in cursor.fetchall():
            entry = rows.setdefault(pk, [path, kind, set(), False])
            if group_id is not None:
                entry[2].add(group_id)
                entry[3] = entry[3] or group_name == members
    for pk, (path, kind, groups, for_members) in rows.items():
        restriction = Restriction(pk, kind, frozenset(groups), for_members)
        found.setdefault(path, []).append(restriction)
    return found


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
