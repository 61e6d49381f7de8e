"""The access policy: every kind of page for every kind of reader, in both of its forms.

``core.access`` writes its rule twice, as queryset filters (listings) and over loaded rows
(serving a page, a page of results, related posts). These tests hold both to one table of
expected states and to each other, and check what the rule costs.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from articles.models import ArticlePage
from core.access import HIDDEN, READ, TEASER, Access
from craft_course.models import CourseUnitPage
from tests.factories import make_article, make_blog, make_page, make_user, restrict
from tests.privacy_site import EXPECTED, KINDS, READERS, build_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home):
    return build_site(home)


def reader(site, name):
    """The ``Access`` of one of the site's readers (the password reader passed the password)."""
    if name == "anonymous":
        return Access(AnonymousUser())
    if name == "password":
        passed = PageViewRestriction.objects.filter(
            restriction_type=PageViewRestriction.PASSWORD
        ).values_list("pk", flat=True)
        return Access(AnonymousUser(), passed=passed)
    return Access(site.users[name])


def _state_from_querysets(access, queryset, page):
    readable = access.readable(queryset).filter(pk=page.pk).exists()
    listable = access.listable(queryset).filter(pk=page.pk).exists()
    teaser = access.teasers(queryset).filter(pk=page.pk).exists()
    assert not (readable and teaser), "a page is read or a teaser, never both"
    assert listable == (readable or teaser), "listed pages are exactly the read and the teasers"
    return READ if readable else TEASER if teaser else HIDDEN


@pytest.mark.parametrize("who", READERS)
def test_each_kind_of_page_has_its_state_in_both_forms(site, who):
    access = reader(site, who)
    for kind in KINDS:
        expected = EXPECTED[kind][who]
        for page, model in ((site.articles[kind], ArticlePage), (site.units[kind], CourseUnitPage)):
            page.refresh_from_db()
            assert access.state(page) == expected, (kind, who, model.__name__, "rows")
            for queryset in (model.objects.all(), Page.objects.all()):
                got = _state_from_querysets(access, queryset, page)
                assert got == expected, (kind, who, model.__name__, queryset.model.__name__)


def test_plain_page_rows_of_a_teaser_type_still_carry_the_flag(site):
    """A listing of base pages must not miss a members-only flag set without a restriction."""
    page = Page.objects.get(pk=site.articles["flag_only"].pk)
    assert type(page) is Page
    assert Access.anonymous().state(page) == TEASER
    assert Access.anonymous().locked_ids([page]) == {page.pk}


def test_teasers_keep_their_fields_and_empty_the_rest(site):
    article = site.articles["members"]
    teaser = Access.anonymous().shown(article)
    assert teaser.title == article.title
    assert teaser.summary == article.summary
    assert teaser.reading_time == article.reading_time
    assert list(teaser.body) == []
    assert teaser.standfirst == ""
    assert teaser.members_only is True
    assert list(article.body), "the page itself is untouched"
    assert Access(site.users["member"]).shown(article) is article
    assert Access.anonymous().shown(site.articles["password"]) is None


def test_a_page_of_a_type_without_a_teaser_is_hidden_under_a_members_restriction(home):
    section = make_page(home, "Members' lounge")
    restrict(section, PageViewRestriction.GROUPS, groups=[make_user(member=True).groups.get()])
    assert Access.anonymous().state(section) == HIDDEN
    assert not Access.anonymous().listable(Page.objects.filter(pk=section.pk)).exists()
    member = Access(make_user(member=True))
    assert member.state(section) == READ


def test_an_alias_has_its_source_pages_restrictions(site):
    source = site.articles["password"]
    alias = source.create_alias(update_slug="alias-of-the-protected-note")
    assert Access.anonymous().state(alias) == HIDDEN
    assert not Access.anonymous().listable(ArticlePage.objects.filter(pk=alias.pk)).exists()


def test_unticking_members_only_removes_only_the_members_restriction(home):
    article = make_article(members_only=True, parent=make_blog(home))
    password = restrict(article, PageViewRestriction.PASSWORD, password="x-y-z")
    assert PageViewRestriction.objects.filter(page=article).count() == 2
    article.members_only = False
    article.save_revision().publish()
    assert list(PageViewRestriction.objects.filter(page=article)) == [password]


def _count(callable_):
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured)


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_listing_and_row_checks_cost_the_same_however_many_pages_are_restricted(home, who):
    blog = make_blog(home)
    pages = [make_article(parent=blog, members_only=True) for _ in range(3)]
    user = AnonymousUser() if who == "anonymous" else make_user(member=True)

    def listing():
        access = Access(user)
        found = list(access.listable(ArticlePage.objects.all())[:20])
        access.locked_ids(found)

    listing()
    before = _count(listing)
    pages += [make_article(parent=blog, members_only=True) for _ in range(12)]
    for page in pages[::3]:
        restrict(page, PageViewRestriction.LOGIN)
    assert _count(listing) == before
    assert before <= 6


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, "members"])
def test_pages_under_an_alias_of_a_restricted_section_have_its_restrictions(home, kind):
    area = make_page(home, "Area")
    article = make_article("Kettle notes", parent=area, body="The kettle routine.")
    mirror = make_page(home, "Mirror")
    area.create_alias(parent=mirror, recursive=True, update_slug="area-mirror")
    if kind == "members":
        restrict(area, PageViewRestriction.GROUPS, groups=[make_user(member=True).groups.get()])
        expected = HIDDEN  # a plain page under a Members restriction has no teaser
        expected_article = TEASER
    else:
        restrict(area, PageViewRestriction.PASSWORD, password="x-y-z")
        expected = expected_article = HIDDEN
    alias_article = ArticlePage.objects.get(alias_of=article)
    for access in (Access.anonymous(), Access(make_user())):
        assert access.state(alias_article) == expected_article
        got = _state_from_querysets(access, ArticlePage.objects.all(), alias_article)
        assert got == expected_article
        alias_area = Page.objects.get(alias_of=area)
        assert access.state(alias_area) == expected
        assert _state_from_querysets(access, Page.objects.all(), alias_area) == expected


def test_a_restriction_on_an_alias_itself_counts_for_neither_form(home):
    """Wagtail ignores it (an alias shows its source), and so does the policy, both ways."""
    source = make_article("Open notes")
    alias = source.create_alias(update_slug="open-notes-again")
    restrict(alias, PageViewRestriction.LOGIN)
    assert Access.anonymous().state(alias) == READ
    assert _state_from_querysets(Access.anonymous(), ArticlePage.objects.all(), alias) == READ
