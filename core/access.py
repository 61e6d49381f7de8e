"""Who may see what: the one access policy that every surface asks.

Page serving, listings, feeds, the sitemap, search, related posts, the course outline,
both APIs, and images and documents all ask an ``Access`` for the reader in front of
them (``access_for(request)``); none decides alone. For one reader, a page is in one of
three states:

- ``READ``: its content may be shown;
- ``TEASER``: it is listed, but only as a teaser (title, summary, ``members_only: true``,
  no body);
- ``HIDDEN``: it is neither listed nor shown.

The rules:

- Drafts, unpublished and scheduled pages are hidden from everyone (editors see them in
  the admin, which does not ask this policy).
- Members-only pages, that is pages whose ``members_only`` flag is set (the flag alone
  locks) or that sit under a restriction to the Members group, are teasers for everyone
  who is not a member, when their type has a teaser (``core.members.MembersOnlyPage``;
  any other type is hidden instead). Members and editors read them.
- Password, login and other group restrictions hide a page and everything under it from
  readers who do not pass them, as Wagtail decides: a password counts once entered in this
  session, login restrictions pass any signed-in reader, and a group restriction passes
  its groups and superusers.

The rule is written twice, side by side in this module, and the tests hold the two against
each other for every kind of page and reader: as queryset filters (``readable``,
``listable``, ``teasers``), so listings of any size cost the same queries, and as a check
of pages already loaded (``decide``, ``state``, ``locked_ids``), the hot path of serving a
page, a page of results or a list of related posts, whose restrictions
``core.restrictions`` reads in one plain SQL query.
"""

from functools import cache, cached_property

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from core.members import MembersOnlyPage, members_group_name
from core.restrictions import (
    Facts,
    Restriction,
    facts_of,
    flags_of_plain_pages,
    lineage_restrictions,
    restrictions_on,
    teaser_models,
)

READ, TEASER, HIDDEN = "read", "teaser", "hidden"


def published(queryset):
    """Pages that exist for readers at all (live), before asking who may see them.

    For what is kept for every reader alike (the recommender's corpus of articles): who
    then sees what is decided when reading.
    """
    return queryset.live()


class Access:
    """What one reader may see.

    Build one with ``access_for(request)`` (it counts the passwords entered in the
    session) or ``Access(user)`` / ``Access.anonymous()`` where there is no request.
    """

    def __init__(self, user=None, passed=(), passed_collections=()):
        self.user = user or AnonymousUser()
        self.passed = frozenset(passed)
        self.passed_collections = frozenset(passed_collections)
        self._filters = {}
        #: What surfaces work out once per reader (e.g. a course outline), by name.
        self.memo = {}

    @classmethod
    def anonymous(cls):
        """A reader nobody knows: what feeds, the sitemap and public caches may show."""
        return cls()

    # Who the reader is

    @property
    def sees_what_anyone_sees(self):
        """True when nothing about this reader opens more than an anonymous visitor sees.

        What such a reader is answered may be cached for everyone; anything else is
        personal (a signed-in user, a token, a password entered in this session).
        """
        return not (self.is_authenticated or self.passed or self.passed_collections)

    @cached_property
    def is_authenticated(self):
        return bool(getattr(self.user, "is_authenticated", False))

    @cached_property
    def is_editor(self):
        """Editors and superusers: they read members-only pages (not other groups' pages)."""
        return self.is_authenticated and (
            self.user.is_superuser or self.user.has_perm("wagtailadmin.access_admin")
        )

    @cached_property
    def _groups(self):
        """The reader's groups, ``{id: name}``, read once (plain SQL: every signed-in page)."""
        if not self.is_authenticated:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(_groups_sql(), [self.user.pk])
            return dict(cursor.fetchall())

    @cached_property
    def group_ids(self):
        return frozenset(self._groups)

    @cached_property
    def is_member(self):
        """Members (the Members group), editors and superusers read members-only pages."""
        if not self.is_authenticated:
            return False
        if self.user.is_superuser or members_group_name() in self._groups.values():
            return True
        return self.is_editor

    # The rule over loaded pages

    def passes(self, restriction, passed=None, members_rule=True):
        """True when this reader passes one restriction (a ``Restriction`` or a model row).

        ``members_rule``: a restriction to the Members group also passes editors. Pages
        use it; collections do not, so that every surface serving images and documents
        (Wagtail's own document view and API v3 among them) agrees with this one.
        """
        kind = getattr(restriction, "kind", None) or restriction.restriction_type
        if kind == BaseViewRestriction.PASSWORD:
            return restriction.id in (self.passed if passed is None else passed)
        if kind == BaseViewRestriction.LOGIN:
            return self.is_authenticated
        if kind == BaseViewRestriction.GROUPS:
            if not self.is_authenticated:
                return False
            if self.user.is_superuser:
                return True
            if isinstance(restriction, Restriction):
                groups, for_members = restriction.group_ids, restriction.for_members
            else:
                named = list(restriction.groups.values_list("pk", "name"))
                groups = {pk for pk, _name in named}
                for_members = any(name == members_group_name() for _pk, name in named)
            return bool(groups & self.group_ids) or (
                members_rule and for_members and self.is_member
            )
        return True

    def decide(self, facts, restrictions):
        """The state of one page, given every restriction on it and its ancestors."""
        if not facts.live:
            return HIDDEN
        unpassed = [r for r in restrictions if not self.passes(r)]
        if any(not r.for_members for r in unpassed):
            return HIDDEN
        if unpassed or (facts.members_only and not self.is_member):
            return TEASER if facts.has_teaser else HIDDEN
        return READ

    def states(self, facts):
        """The state of each of several pages (``Facts``), reading their restrictions once."""
        found = restrictions_on([f.path for f in facts])
        return [self.decide(f, lineage_restrictions(f.path, found)) for f in facts]

    def _read(self, pages):
        """``(facts, restrictions)`` for loaded pages, remembered for this reader.

        Pages loaded as plain ``Page`` rows have their members-only flag looked up, so a
        listing of mixed types cannot miss it. A listing asks twice (what this reader may
        read, and which pages are members-only), so the reading is kept by page ids.
        """
        key = tuple(page.pk for page in pages)
        memo = self.memo.setdefault("page_facts", {})
        if key not in memo:
            flags = flags_of_plain_pages(pages)
            facts = []
            for page in pages:
                found = facts_of(page)
                if page.pk in flags:
                    found = Facts(found.path, found.live, flags[page.pk], True)
                facts.append(found)
            memo.clear()  # one listing at a time: keep memory flat over a long request
            memo[key] = (facts, restrictions_on([f.path for f in facts]))
        return memo[key]

    def page_states(self, pages, reader=None):
        """``{page id: state}`` for loaded pages of any type, in at most one query per type.

        ``reader``: decide for another reader (an anonymous one, say) over the same reading.
        """
        pages = list(pages)
        facts, found = self._read(pages)
        reader = reader or self
        return {
            page.pk: reader.decide(f, lineage_restrictions(f.path, found))
            for page, f in zip(pages, facts, strict=True)
        }

    def state(self, page):
        return self.page_states([page])[page.pk]

    def locked_ids(self, pages):
        """Ids of the given pages this reader may not read (for listed pages: the teasers)."""
        return {pk for pk, state in self.page_states(pages).items() if state != READ}

    def members_only_ids(self, pages):
        """Ids of the given pages that are members-only (teasers for anyone who is not a member).

        What a "members" badge shows, whoever is reading.
        """
        anyone = self if self.sees_what_anyone_sees else Access.anonymous()
        states = self.page_states(pages, reader=anyone)
        return {pk for pk, state in states.items() if state == TEASER}

    def shown(self, page):
        """What of ``page`` this reader may see: the page itself, its teaser, or None."""
        state = self.state(page)
        if state == READ:
            return page
        return page.as_teaser() if state == TEASER else None

    def may_preview(self, page):
        """Editors who may change a page may ask for its latest draft (API ``version=draft``)."""
        return self.is_authenticated and page.permissions_for_user(self.user).can_edit()

    # The same rule as queryset filters

    def _unpassed(self):
        """The view restrictions this reader does not pass (a query; nothing is loaded)."""
        restrictions = PageViewRestriction.objects.all()
        if self.passed:
            restrictions = restrictions.exclude(
                restriction_type=PageViewRestriction.PASSWORD, pk__in=self.passed
            )
        if self.is_authenticated:
            restrictions = restrictions.exclude(restriction_type=PageViewRestriction.LOGIN)
            if self.user.is_superuser:
                return restrictions.exclude(restriction_type=PageViewRestriction.GROUPS)
            passed = PageViewRestriction.objects.filter(
                restriction_type=PageViewRestriction.GROUPS, groups__in=self.group_ids
            )
            restrictions = restrictions.exclude(pk__in=passed.values("pk"))
        if self.is_member:
            restrictions = restrictions.exclude(pk__in=_members_restrictions())
        return restrictions

    def _sections(self):
        """Paths of the restricted sections (pages with children) this reader does not pass.

        ``{"hidden": [...], "locked": [...]}``, read in one query per reader: a section adds
        one path prefix to the filters, while restricted pages without children are
        matched by a subquery and cost nothing in Python.
        """
        if "sections" not in self._filters:
            sections = {"hidden": [], "locked": []}
            # As in Wagtail, a restriction on an alias is not the alias's: it shows its source.
            unpassed = (
                self._unpassed()
                .filter(page__numchild__gt=0, page__alias_of__isnull=True)
                .annotate(for_members=Exists(_members_restrictions().filter(pk=OuterRef("pk"))))
            )
            kinds = {}
            for page_id, path, for_members in unpassed.values_list(
                "page_id", "page__path", "for_members"
            ):
                kind = "locked" if for_members else "hidden"
                kinds.setdefault(page_id, set()).add(kind)
                sections[kind].append(path)
            # ...and the pages under an alias of a restricted section have its restrictions.
            if kinds:
                aliases = Page.objects.filter(alias_of__in=kinds, numchild__gt=0)
                for source, path in aliases.values_list("alias_of_id", "path"):
                    for kind in kinds[source]:
                        sections[kind].append(path)
            self._filters["sections"] = sections
        return self._filters["sections"]

    def _under(self, name, restrictions, model, flagged=False):
        """Conditions for pages under any of ``restrictions`` (their own page included),
        and, with ``flagged``, pages of ``model``'s queryset whose members-only flag is set.

        Each condition is excluded or matched on its own, and the page ids come from one
        subquery: search runs these on every query, and PostgreSQL plans a few hashed
        ``NOT IN``s well but falls back to a slow nested loop as their number grows.
        """
        key = (name, model, flagged)
        if key not in self._filters:
            restricted = restrictions.values("page_id")
            # An alias has its source page's restrictions, not its own, as in Wagtail.
            pages = Q(pk__in=restrictions.filter(page__alias_of__isnull=True).values("page_id"))
            pages |= Q(alias_of__in=restricted)
            own_flag = flagged and issubclass(model, MembersOnlyPage)
            if flagged and not own_flag:
                for teaser_model in teaser_models():
                    if issubclass(teaser_model, model):
                        pages |= Q(**{f"{teaser_model._meta.model_name}__members_only": True})
            # Only the page id (and path) is filtered on, so search backends take it.
            parts = [Q(pk__in=Page.objects.filter(pages).values("pk"))]
            if own_flag:
                parts.append(Q(members_only=True))
            sections = self._sections()
            paths = sections["hidden"] + sections["locked"] if name == "any" else sections[name]
            if paths:
                prefixes = Q()
                for path in paths:
                    prefixes |= Q(path__startswith=path)
                parts.append(prefixes)
            self._filters[key] = parts
        return self._filters[key]

    def _hidden(self, model):
        members = _members_restrictions()
        return self._under("hidden", self._unpassed().exclude(pk__in=members), model)

    def _locked(self, model):
        if self.is_member:
            # A member passes every members-only restriction and flag (``_unpassed``
            # leaves those out), so nothing is locked: no conditions, rather than
            # subqueries that match nothing (what every member's search and listing ran).
            return []
        locked = self._unpassed().filter(pk__in=_members_restrictions())
        return self._under("locked", locked, model, flagged=not self.is_member)

    def readable(self, queryset, listed=False):
        """Pages whose content this reader may read: under no restriction they do not pass.

        ``listed``: the queryset is already ``listable`` for this reader, so only the
        teasers need leaving out (a search over an API listing, say: half the conditions).
        """
        model = queryset.model
        if listed:
            return _excluding(queryset, self._locked(model))
        parts = self._under("any", self._unpassed(), model, flagged=not self.is_member)
        return _excluding(queryset.live(), parts)

    def listable(self, queryset):
        """Pages this reader may see listed: the readable ones and the teasers."""
        model = queryset.model
        listed = _excluding(queryset.live(), self._hidden(model))
        lacks = _lacks_teaser_q(model)
        if lacks is None:
            return listed
        return listed.exclude(_any(self._locked(model)) & lacks)

    def teasers(self, queryset, listed=False):
        """Listed pages this reader may only see as teasers (``listed``: as ``readable``)."""
        if self.is_member:  # nothing is locked for a member (see ``_locked``)
            return queryset.none()
        listable = queryset if listed else self.listable(queryset)
        return listable.filter(_any(self._locked(queryset.model)))

    # Images and documents

    def collection_items(self, queryset):
        """Images or documents outside the private collections this reader does not pass."""
        return queryset.exclude(collection__in=self.restricted_collection_ids())

    def restricted_collection_ids(self):
        blocked = [
            restriction.collection
            for restriction in CollectionViewRestriction.objects.select_related("collection")
            if not self.passes(restriction, self.passed_collections, members_rule=False)
        ]
        if not blocked:
            return set()
        under = Q()
        for collection in blocked:
            under |= Q(path__startswith=collection.path)
        return set(type(blocked[0]).objects.filter(under).values_list("pk", flat=True))


@cache
def _groups_sql():
    groups = get_user_model().groups.field
    return (
        f"SELECT g.id, g.name FROM {Group._meta.db_table} g "
        f"JOIN {groups.m2m_db_table()} ug ON ug.{groups.m2m_reverse_name()} = g.id "
        f"WHERE ug.{groups.m2m_column_name()} = %s"
    )


def _members_restrictions():
    return PageViewRestriction.objects.filter(
        restriction_type=PageViewRestriction.GROUPS, groups__name=members_group_name()
    ).values("pk")


def _excluding(queryset, parts):
    for part in parts:
        queryset = queryset.exclude(part)
    return queryset


def _any(parts):
    condition = Q(pk__in=[])
    for part in parts:
        condition |= part
    return condition


def _lacks_teaser_q(model):
    """Pages of ``model``'s queryset whose type cannot be shown as a teaser (None: none)."""
    if issubclass(model, MembersOnlyPage):
        return None
    from_types = [m for m in teaser_models() if issubclass(m, model)]
    if not from_types:
        return Q()
    return ~Q(content_type__in=_content_type_ids(tuple(from_types)))


def _content_type_ids(models):
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def access_for(request):
    """The access policy for a request's reader, made once per request and reader.

    The reader is ``request.user`` as it is now (API v3 replaces it with the token's user),
    and the passwords entered in this session count.
    """
    user = getattr(request, "user", None)
    cached = getattr(request, "_access", None)
    if cached is not None and cached.user is user:
        return cached
    session = getattr(request, "session", None) or {}
    access = Access(
        user,
        session.get(PageViewRestriction.passed_view_restrictions_session_key, []),
        session.get(CollectionViewRestriction.passed_view_restrictions_session_key, []),
    )
    request._access = access
    return access
