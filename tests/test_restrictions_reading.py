"""Within a request the site's view restrictions are read once; outside, page by page.

Both readings must answer every question alike (aliases of restricted sections included),
a site with too many restrictions must fall back, and a write within the request must be
seen by the questions after it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core import restrictions
from core.restrictions import restrictions_on
from tests.factories import make_article, make_blog, make_page, make_user, restrict
from tests.privacy_site import build_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_request():
    restrictions.begin_request()
    yield
    restrictions.end_request()


@pytest.fixture
def site(home):
    built = build_site(home)
    section = Page.objects.get(title="Carers' corner", alias_of__isnull=True)
    alias = section.create_alias(update_slug="carers-alias")
    make_page(alias, "Under the alias")  # an alias's own children are pages of their own
    return built


def restriction_queries(captured):
    """The policy's readings of restrictions (not the queryset filters that join them)."""
    return [query for query in captured if query["sql"].startswith("SELECT p.path, r.id")]


def all_paths():
    return list(Page.objects.values_list("path", flat=True))


def test_the_request_reading_answers_as_the_page_by_page_reading(site, in_request):
    paths = all_paths()
    restrictions.end_request()
    page_by_page = {path: restrictions_on([path]) for path in paths}
    together = restrictions_on(paths)
    restrictions.begin_request()
    with CaptureQueriesContext(connection) as captured:
        assert {path: restrictions_on([path]) for path in paths} == page_by_page
        assert restrictions_on(paths) == together
    assert len(restriction_queries(captured)) == 1
    assert any(found for found in page_by_page.values())  # the site has restrictions


def test_an_alias_of_a_restricted_section_has_its_restrictions(site, in_request):
    alias = Page.objects.get(slug="carers-alias")
    source = Page.objects.get(title="Carers' corner", alias_of__isnull=True)
    found = restrictions_on([alias.path, source.path])
    kinds = {path: [r.kind for r in found.get(path, [])] for path in (alias.path, source.path)}
    assert kinds == {alias.path: ["groups"], source.path: ["groups"]}


def test_a_site_with_too_many_restrictions_is_asked_page_by_page(site, in_request, monkeypatch):
    monkeypatch.setattr(restrictions, "SNAPSHOT_ROWS", 1)
    monkeypatch.setitem(restrictions._too_many, "until", 0.0)
    paths = all_paths()
    with CaptureQueriesContext(connection) as captured:
        answers = [restrictions_on([path]) for path in paths[:3]]
    # One look at the whole site, then a query per question.
    assert len(restriction_queries(captured)) == 1 + 3
    restrictions.end_request()
    assert answers == [restrictions_on([path]) for path in paths[:3]]
    restrictions.begin_request()
    # The process does not look at the whole site again for a while.
    with CaptureQueriesContext(connection) as captured:
        restrictions_on(paths[:1])
    assert len(restriction_queries(captured)) == 1


def test_a_restriction_made_during_the_request_is_seen(home, in_request):
    article = make_article("Tapering", parent=make_blog(home))
    assert restrictions_on([article.path]) == {}
    restrict(article, PageViewRestriction.LOGIN)
    assert [r.kind for r in restrictions_on([article.path])[article.path]] == ["login"]


def test_outside_requests_every_question_is_a_query(site):
    paths = all_paths()
    with CaptureQueriesContext(connection) as captured:
        restrictions_on(paths[:1])
        restrictions_on(paths[1:2])
    assert len(restriction_queries(captured)) == 2


def test_a_page_view_reads_restrictions_once(client, site):
    member = make_user("reading-member", member=True)
    client.force_login(member)
    article = site.articles["members"]
    assert client.get(article.url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(article.url)
    assert response.status_code == 200
    assert len(restriction_queries(captured)) == 1
