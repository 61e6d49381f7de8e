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
from django.db.models import Q
from wagtail.models import PageViewRestriction


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


def _passes(restriction, user):
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return getattr(user, "is_authenticated", False)
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if not getattr(user, "is_authenticated", False):
            return False
        if user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
            return True
        return any(group.pk in _group_ids(user) for group in restriction.groups.all())
    return False


def blocked_paths(user=None):
    """Tree paths of restricted sections this user may not read (descendants included)."""
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    return [r.page.path for r in restrictions if not _passes(r, user)]


def blocked_q(user=None):
    """A filter matching the pages this user may not read.

    A restricted page without children is matched by id, so thousands of members-only
    articles cost one ``IN`` list rather than thousands of ``LIKE`` comparisons per row.
    """
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    blocked = [r.page for r in restrictions if not _passes(r, user)]
    leaves = [page.pk for page in blocked if page.numchild == 0]
    condition = Q(pk__in=leaves) if leaves else Q()
    for page in blocked:
        if page.numchild:
            condition |= Q(path__startswith=page.path)
    return condition


def visible_pages(queryset, user=None):
    """Live pages whose full content this user may read."""
    queryset = queryset.live()
    blocked = blocked_q(user)
    return queryset.exclude(blocked) if blocked else queryset


def listable_pages(queryset):
    """Live pages whose title and summary may be listed publicly."""
    return queryset.live()


def is_restricted(page, user=None):
    """True when this user may not read the page's body (show title and summary only)."""
    return any(page.path.startswith(path) for path in blocked_paths(user))


def is_restricted_here(page, user=None):
    """``is_restricted`` reading only the restrictions on this page and its ancestors.

    Same answer, constant cost: pages that each carry a restriction (course units) would
    otherwise make every check load all restrictions on the site.
    """
    steplen = page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    restrictions = PageViewRestriction.objects.filter(page__path__in=paths).prefetch_related(
        "groups"
    )
    return any(not _passes(restriction, user) for restriction in restrictions)


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


def restricted_ids(pages, user=None):
    """Ids of the given pages whose body this user may not read, in a constant number of queries.

    Listings use it to show title and summary only (with a members' badge) for those pages.
    """
    paths = blocked_paths(user)
    member = is_member(user)
    return {
        page.pk
        for page in pages
        if any(page.path.startswith(path) for path in paths)
        or (getattr(page, "members_only", False) and not member)
    }


def restricted_pages(queryset, user=None):
    """Live pages this user may see listed but not read (show title and summary only)."""
    blocked = blocked_q(user)
    return listable_pages(queryset).filter(blocked) if blocked else queryset.none()


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
