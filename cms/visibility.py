"""The one place that decides what a request may see.

Every public surface (listings, feeds, the sitemap, search, the API and related posts)
asks this module rather than filtering pages itself, so privacy rules cannot drift apart.

- ``visible_pages(qs, user)``: pages whose *content* the user may read: live, and either
  public or behind a restriction the user passes (members see members-only pages).
- ``listable_pages(qs)``: pages whose *title and summary* may be listed to anyone: live.
  Members-only pages are included so readers know they exist; callers show only their
  title and summary (``is_restricted`` tells which ones need trimming).
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


def is_member(user):
    """Members, editors and superusers read members-only content."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_cms_is_member", None)
    if cached is None:
        cached = user.groups.filter(name=settings.MEMBERS_GROUP_NAME).exists() or user.has_perm(
            "wagtailadmin.access_admin"
        )
        user._cms_is_member = cached
    return cached


def _group_ids(user):
    """The user's group ids, read once per request (one restriction per course unit)."""
    cached = getattr(user, "_cms_group_ids", None)
    if cached is None:
        cached = user._cms_group_ids = {group.pk for group in user.groups.all()}
    return cached


def _blocking(user):
    """The view restrictions this user does not pass, as a queryset (nothing is loaded).

    Anonymous readers pass none; signed-in readers pass login restrictions, and group
    restrictions when they are in one of its groups or may use the admin. Password
    restrictions are never passed here: the API and listings have no way to ask for one.
    """
    restrictions = PageViewRestriction.objects.all()
    if not getattr(user, "is_authenticated", False):
        return restrictions
    restrictions = restrictions.exclude(restriction_type=PageViewRestriction.LOGIN)
    if user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        return restrictions.exclude(restriction_type=PageViewRestriction.GROUPS)
    passed = PageViewRestriction.objects.filter(
        restriction_type=PageViewRestriction.GROUPS, groups__in=_group_ids(user)
    )
    return restrictions.exclude(pk__in=passed.values("pk"))


def blocked_q(user=None):
    """A filter matching the pages this user may not read.

    Restricted pages themselves are matched through a subquery on the restrictions table
    (each members-only article carries its own restriction), so their number costs
    nothing in Python; restricted sections add one path prefix each for their descendants.
    """
    blocking = _blocking(user)
    condition = Q(pk__in=blocking.values("page_id"))
    for path in blocking.filter(page__numchild__gt=0).values_list("page__path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def visible_pages(queryset, user=None):
    """Live pages whose full content this user may read."""
    return queryset.live().exclude(blocked_q(user))


def listable_pages(queryset):
    """Live pages whose title and summary may be listed publicly."""
    return queryset.live()


def _own_and_ancestor_paths(path):
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def restricted_paths(paths, user=None):
    """The given tree paths whose page, or an ancestor of it, this user may not read.

    One query that reads only the restrictions on these pages and their ancestors, so the
    cost follows the number of paths asked about, not the number of restricted pages.
    """
    lineage = {path: _own_and_ancestor_paths(path) for path in paths}
    wanted = sorted({path for own in lineage.values() for path in own})
    if not wanted:
        return set()
    if getattr(user, "is_authenticated", False):
        restrictions = _blocking(user).filter(page__path__in=wanted)
        blocked = set(restrictions.values_list("page__path", flat=True))
    else:
        blocked = _any_restriction_among(wanted)
    return {path for path, own in lineage.items() if blocked.intersection(own)}


def _any_restriction_among(paths):
    """The paths among ``paths`` whose page has a view restriction of any kind.

    That is exactly what blocks an anonymous reader. Plain SQL, because anonymous reads
    (related posts on every article, the API) are the hot path and the ORM's compiling
    would cost more than the query.
    """
    page, restriction = Page._meta.db_table, PageViewRestriction._meta.db_table
    marks = ", ".join(["%s"] * len(paths))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.path FROM {page} p JOIN {restriction} r ON r.page_id = p.id "
            f"WHERE p.path IN ({marks})",
            paths,
        )
        return {path for (path,) in cursor.fetchall()}


def restricted_ids(pages, user=None):
    """Ids of the given pages whose body this user may not read, in at most two queries.

    Listings use it to show title and summary only (with a members' badge) for those pages.
    A ``members_only`` flag locks a page even before its restriction is synced.
    """
    blocked = restricted_paths([page.path for page in pages], user)
    member = is_member(user)
    return {
        page.pk
        for page in pages
        if page.path in blocked or (getattr(page, "members_only", False) and not member)
    }


def is_restricted(page, user=None):
    """True when this user may not read the page's body (show title and summary only)."""
    return bool(restricted_ids([page], user))


def public_pages(queryset):
    """Pages anyone may read in full: what feeds, the sitemap and anonymous surfaces show.

    Beyond the view restrictions, a page flagged ``members_only`` is excluded even if its
    restriction has not been synced yet (e.g. a draft flag change), so the flag alone is safe.
    """
    from wagtail.models import get_page_models

    queryset = visible_pages(queryset, None)
    for model in get_page_models():
        if model._meta.concrete_model is not model or not _has_field(model, "members_only"):
            continue
        if issubclass(queryset.model, model):
            queryset = queryset.exclude(members_only=True)
        else:
            flagged = model.objects.filter(members_only=True).values("pk")
            queryset = queryset.exclude(pk__in=flagged)
    return queryset


def _has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


def restricted_pages(queryset, user=None):
    """Live pages this user may see listed but not read (show title and summary only)."""
    return listable_pages(queryset).filter(blocked_q(user))


def sync_members_restriction(page):
    """Restrict a page to the Members group exactly when its ``members_only`` flag is set.

    Articles and course units call this when published, so the flag editors tick and
    Wagtail's own page privacy never disagree.
    """
    restrictions = PageViewRestriction.objects.filter(page=page)
    if not page.members_only:
        restrictions.delete()
        return
    group, _ = Group.objects.get_or_create(name=settings.MEMBERS_GROUP_NAME)
    restriction = restrictions.filter(restriction_type=PageViewRestriction.GROUPS).first()
    if restriction is None:
        restrictions.delete()
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    restriction.groups.add(group)
