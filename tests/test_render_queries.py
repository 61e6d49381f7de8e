"""An article page, its API detail and the blog listing cost a fixed, small number of queries.

The numbers are today's, exactly: a change that adds a query per request should show up
here and say why it is worth it, and one that saves a query should lower the number. Each
count is of a warm second request (content types, the site and renditions are made or
cached by the first).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import AboutText, MembershipCallToAction
from tests.factories import (
    make_article,
    make_author,
    make_blog,
    make_image,
    make_small_course,
)

pytestmark = pytest.mark.django_db

#: Session, site (one query: ``core.sites.read_sites``), route (the home page, the blog's
#: row, the article: ``core.routing``), restrictions (once for the whole request:
#: ``core.restrictions``), user, groups; authors, snippets (one query for both), topics,
#: hero image, crisis settings; the menu's pages; related posts (list, whether computed);
#: the user's permissions (one query: ``accounts.backends``). 21 before the render work of
#: stop 24 (two Site queries, the blog loaded in full, three restriction readings and two
#: permission queries).
ARTICLE_PAGE = 17
#: Session, user, site, groups, restricted sections; the lookup, the specific page; hero
#: image and renditions, authors, photos and renditions, topics; restrictions; the parent
#: (row and listable check); crisis settings. 18 before stop 24 (one Site query less).
API_DETAIL = 17
#: 13 before stop 24: one Site query less, restrictions read once for the menu and list.
LISTING = 11


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def article(home, django_capture_on_commit_callbacks):
    AboutText.objects.create(name="Standard", heading="About us", body="<p>Who we are.</p>")
    MembershipCallToAction.objects.create(
        name="Standard", heading="Join", text="Join us.", button_label="Join"
    )
    blog = make_blog(home)
    authors = [make_author(photo=make_image("Photo")), make_author()]
    body = [
        {"type": "paragraph", "value": "<p>What families notice first.</p>"},
        {"type": "crisis_notice", "value": {"intro": "If someone is in danger:"}},
    ]
    common = {"parent": blog, "topics": ["CRAFT", "Sleep"], "authors": authors}
    with django_capture_on_commit_callbacks(execute=True):  # related posts worked out
        for number in range(3):
            make_article(f"Neighbour {number}", body="sleep worry craft", **common)
        return make_article(
            "Sleep and worry", body=body, members_only=True, hero_image=make_image("Hero"), **common
        )


def count(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_a_members_article_page_costs_a_fixed_number_of_queries(client, member, article):
    client.force_login(member)
    queries, response = count(client, article.url)
    assert "What families notice first." in response.content.decode()
    assert queries == ARTICLE_PAGE, queries


def test_the_api_detail_costs_a_fixed_number_of_queries(client, member, article):
    client.force_login(member)
    queries, response = count(client, f"/api/v2/pages/{article.pk}/")
    data = response.json()
    assert len(data["authors"]) == 2
    assert data["body"][1]["value"]["crisis_resources"] is not None
    assert queries == API_DETAIL, queries


def test_the_listing_does_not_count_or_grow(client, article):
    small, response = count(client, "/articles/")
    assert "Page 1" not in response.content.decode()  # one page: no pagination at all
    blog = article.get_parent()
    for number in range(12):
        make_article(f"More {number}", parent=blog, topics=["CRAFT"])
    large, response = count(client, "/articles/")
    assert 'rel="next"' in response.content.decode()
    assert large == small
    assert large == LISTING, large


#: Session, site, route, restrictions, user, groups; the outline (modules, units, their
#: restrictions, ticks); the exercises' journal entries; crisis settings; permissions.
#: 23 before stop 24: one Site query, the course passed through without loading it in
#: full, restrictions read once and permissions in one query took five off.
COURSE_UNIT = 18


def test_a_course_unit_costs_a_fixed_number_of_queries(client, home, member):
    _course, built = make_small_course(home, modules=2, units_per_module=3)
    unit = built[1][1][1]
    client.force_login(member)
    queries, response = count(client, unit.url)
    assert unit.title in response.content.decode()
    assert queries == COURSE_UNIT, queries
