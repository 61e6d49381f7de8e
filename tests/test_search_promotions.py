"""Editors' pinned results, and the admin reports of popular and fruitless searches."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.factories import make_article, make_blog

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(home):
    index = make_blog(home)
    return {
        "overdose": make_article(
            "Responding to an emergency", parent=index, body="What to do if breathing slows."
        ),
        "other": make_article(
            "Overdose overdose overdose",
            parent=index,
            body="Overdose statistics, overdose trends, overdose research.",
        ),
        "members": make_article(
            "Members overdose plan", parent=index, body="Plan.", members_only=True
        ),
    }


def pin(query_string, page, order=0, **fields):
    return SearchPromotion.objects.create(
        query=Query.get(query_string), page=page, sort_order=order, **fields
    )


def results_html(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_pinned_article_comes_first_for_its_query(client, articles):
    pin("overdose", articles["overdose"], description="Start here in an emergency.")

    html = results_html(client, "Overdose")

    assert "Recommended" in html
    assert "Start here in an emergency." in html
    assert html.index("Responding to an emergency") < html.index("Overdose overdose overdose")
    assert html.count("Responding to an emergency</a>") == 1  # not repeated below


def test_pins_belong_to_their_query_only(client, articles):
    pin("overdose", articles["overdose"])

    html = results_html(client, "overdose statistics")

    assert "Recommended" not in html


def test_pinned_members_article_is_not_shown_to_anonymous_readers(client, articles):
    pin("overdose", articles["members"])

    html = results_html(client, "overdose")

    assert "Recommended" not in html


def test_searches_are_counted_for_the_popular_search_terms_report(client, admin_client, articles):
    results_html(client, "overdose")
    results_html(client, "Overdose ")
    results_html(client, "overdose")

    assert Query.get("overdose").hits == 3
    report = admin_client.get("/admin/searchpicks/reports/search-terms/")
    assert report.status_code == 200
    assert "overdose" in report.content.decode()


def test_zero_result_searches_report_lists_what_readers_did_not_find(
    client, admin_client, articles
):
    results_html(client, "gabapentin")
    results_html(client, "gabapentin")

    report = admin_client.get("/admin/reports/searches-with-no-results/")

    assert report.status_code == 200
    body = report.content.decode()
    assert "Searches with no results" in body
    assert "gabapentin" in body
    dashboard = admin_client.get("/admin/").content.decode()
    assert "searches-with-no-results" in dashboard


def test_zero_result_report_is_closed_to_readers(client, member):
    client.force_login(member)

    response = client.get("/admin/reports/searches-with-no-results/")

    assert response.status_code in {302, 403}
