"""cms.visibility: who may read what, for every kind of view restriction, at a bounded cost."""

import pytest
from cms.visibility import (
    is_restricted,
    restricted_ids,
    restricted_pages,
    restricted_paths,
    visible_pages,
)
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from tests.factories import make_user


def _child(parent, title):
    page = parent.add_child(instance=Page(title=title, slug=title.lower().replace(" ", "-")))
    page.save_revision().publish()
    return page


def _restrict(page, kind, groups=(), password=""):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=password
    )
    restriction.groups.set(groups)
    return restriction


@pytest.fixture
def site(home):
    """A public page, a login-only section with a child, a group page and a password page."""
    carers = Group.objects.create(name="Carers")
    pages = {
        "public": _child(home, "Public"),
        "login": _child(home, "Login section"),
        "group": _child(home, "Group page"),
        "password": _child(home, "Password page"),
    }
    pages["login child"] = _child(pages["login"], "Login child")
    _restrict(pages["login"], PageViewRestriction.LOGIN)
    _restrict(pages["group"], PageViewRestriction.GROUPS, groups=[carers])
    _restrict(pages["password"], PageViewRestriction.PASSWORD, password="secret")
    return pages, carers


def _readable(pages, user):
    ids = {page.pk: name for name, page in pages.items()}
    found = visible_pages(Page.objects.filter(pk__in=ids), user).values_list("pk", flat=True)
    return {ids[pk] for pk in found}


def _locked(pages, user):
    ids = {page.pk: name for name, page in pages.items()}
    return {ids[pk] for pk in restricted_ids(pages.values(), user)}


EVERY = {"public", "login", "login child", "group", "password"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "readable"),
    [
        ("anonymous", {"public"}),
        ("signed in", {"public", "login", "login child"}),
        ("in the group", {"public", "login", "login child", "group"}),
        ("superuser", {"public", "login", "login child", "group"}),
    ],
)
def test_each_reader_reads_what_their_restrictions_allow(site, who, readable):
    pages, carers = site
    user = None
    if who == "signed in":
        user = make_user()
    elif who == "in the group":
        user = make_user()
        user.groups.add(carers)
    elif who == "superuser":
        user = make_user(superuser=True)

    assert _readable(pages, user) == readable
    assert _locked(pages, user) == EVERY - readable
    for name, page in pages.items():
        assert is_restricted(page, user) is (name not in readable)
    ids = {page.pk for page in pages.values()}
    listed_locked = restricted_pages(Page.objects.filter(pk__in=ids), user)
    assert {page.pk for page in listed_locked} == {pages[n].pk for n in EVERY - readable}


@pytest.mark.django_db
def test_members_only_flag_locks_without_a_restriction(home):
    from tests.api_builders import make_article, make_blog

    article = make_article(make_blog(home), members_only=True)
    PageViewRestriction.objects.filter(page=article).delete()

    assert restricted_ids([article], None) == {article.pk}
    assert restricted_ids([article], make_user(superuser=True)) == set()


@pytest.mark.django_db
def test_checking_a_listing_costs_the_same_however_many_pages_are_restricted(
    home, django_assert_max_num_queries
):
    section = _child(home, "Section")
    pages = [_child(section, f"Leaf {n}") for n in range(4)]
    _restrict(pages[0], PageViewRestriction.LOGIN)
    with django_assert_max_num_queries(1) as few:
        assert restricted_ids(pages, None) == {pages[0].pk}
    for page in pages[1:]:
        _restrict(page, PageViewRestriction.LOGIN)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert restricted_ids(pages, None) == {page.pk for page in pages}


@pytest.mark.django_db
def test_restricted_paths_checks_each_page_and_its_ancestors(site, home):
    pages, _carers = site
    chosen = [pages["group"], pages["public"], pages["login child"], pages["password"]]

    blocked = restricted_paths([page.path for page in chosen])

    assert blocked == {page.path for page in chosen} - {pages["public"].path}
    assert restricted_paths([pages["login child"].path], make_user()) == set()
    assert restricted_paths([]) == set()
