"""``GET /api/v2/pages/<id>/related/``: shape, limits, errors and a constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, unique

pytestmark = pytest.mark.django_db

TOPICS = ["CRAFT", "Medication", "Methadone"]


def build(count, capture, others=1):
    with capture(execute=True):
        for _ in range(others):
            make_article(
                unique("Talking kindly"), topics=["CRAFT", "Communication"], body="listening"
            )
        pages = [
            make_article(
                f"Methadone clinic visit {i}", topics=TOPICS, body=f"methadone dose clinic {i}"
            )
            for i in range(count)
        ]
    return pages


@pytest.fixture
def articles(django_capture_on_commit_callbacks):
    # Topics on half the site or more weigh nothing, so most articles are about other things.
    return build(4, django_capture_on_commit_callbacks, others=5)


def test_shape(client, articles):
    source = articles[0]
    body = client.get(f"/api/v2/pages/{source.pk}/related/").json()
    assert body["meta"]["total_count"] == len(body["items"]) == 3
    item = body["items"][0]
    assert set(item) == {
        "id",
        "title",
        "html_url",
        "summary",
        "topics",
        "score",
        "source",
        "reasons",
    }
    assert item["source"] == "auto"
    assert item["html_url"].startswith("http")
    assert {t["name"] for t in item["topics"]} == set(TOPICS)
    assert 0 < item["score"] <= 1
    reasons = item["reasons"]
    assert {t["name"] for t in reasons["shared_topics"]} >= {"Methadone"}
    assert "methadone" in reasons["shared_terms"]
    assert reasons["editor_pick"] is False
    assert reasons["explanation"].startswith("Also about: ")


def test_a_stored_list_whose_first_targets_went_offline_still_fills_the_limit(
    client, django_capture_on_commit_callbacks
):
    from articles.models import ArticlePage
    from articles.related.models import RelatedPost

    pages = build(7, django_capture_on_commit_callbacks, others=8)
    source = pages[0]
    stored = list(RelatedPost.objects.filter(page=source).values_list("target_id", flat=True))
    assert len(stored) == 6
    ArticlePage.objects.filter(pk__in=stored[:3]).update(live=False)  # no signal: list is stale

    body = client.get(f"/api/v2/pages/{source.pk}/related/", {"limit": 2}).json()
    assert [item["id"] for item in body["items"]] == stored[3:5]


def test_targets_that_went_private_without_a_refresh_are_dropped_at_read_time(
    client, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    from articles.models import ArticlePage
    from articles.related.models import RelatedPost

    pages = build(7, django_capture_on_commit_callbacks, others=8)
    source = pages[0]
    stored = list(RelatedPost.objects.filter(page=source).values_list("target_id", flat=True))
    restricted, members_only, opted_out = stored[:3]
    # No signals run, so the stored list still names all three.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page_id=restricted, restriction_type=PageViewRestriction.LOGIN)]
    )
    ArticlePage.objects.filter(pk=members_only).update(members_only=True)
    ArticlePage.objects.filter(pk=opted_out).update(never_recommend=True)

    body = client.get(f"/api/v2/pages/{source.pk}/related/", {"limit": 20}).json()
    assert [item["id"] for item in body["items"]] == stored[3:]
    html = client.get(source.url).content.decode()
    gone = ArticlePage.objects.filter(pk__in=stored[:3]).values_list("url_path", flat=True)
    shown = ArticlePage.objects.filter(pk__in=stored[3:5]).values_list("url_path", flat=True)
    assert all(f"/{path.split('/')[-2]}/" not in html for path in gone)
    assert all(f"/{path.split('/')[-2]}/" in html for path in shown)


def test_limit(client, articles):
    url = f"/api/v2/pages/{articles[0].pk}/related/"
    assert len(client.get(url, {"limit": 2}).json()["items"]) == 2
    for bad in ["0", "21", "-1", "two", "", "1.5"]:
        response = client.get(url, {"limit": bad})
        assert response.status_code == 400, bad
        assert response.json()["parameter"] == "limit"
        assert "limit" in response.json()["message"]
    response = client.get(url, {"colour": "blue"})
    assert response.status_code == 400
    assert "colour" in response.json()["message"]


@pytest.mark.parametrize("hidden", [False, True])
def test_a_source_behind_a_login_restriction_is_404_even_with_a_stored_list(
    client, articles, hidden
):
    from wagtail.models import PageViewRestriction

    from articles.models import ArticlePage
    from articles.related.models import RelatedPost

    source = articles[0]
    assert RelatedPost.objects.filter(page=source).exists()
    ArticlePage.objects.filter(pk=source.pk).update(hide_related=hidden)
    PageViewRestriction.objects.bulk_create(  # no signal: the stored list stays
        [PageViewRestriction(page=source, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert client.get(f"/api/v2/pages/{source.pk}/related/").status_code == 404


def test_unknown_draft_and_members_only_sources_are_404(
    client, articles, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_article("Methadone draft", topics=TOPICS, publish=False)
        private = make_article("Methadone for members", topics=TOPICS, members_only=True)
    for pk in (999999, 2**40, 10**30, draft.pk, private.pk):
        response = client.get(f"/api/v2/pages/{pk}/related/")
        assert response.status_code == 404
        assert "message" in response.json()
    # and the members-only article is never in anyone's list either
    ids = [
        i["id"]
        for i in client.get(f"/api/v2/pages/{articles[0].pk}/related/?limit=20").json()["items"]
    ]
    assert private.pk not in ids
    assert draft.pk not in ids


def test_hidden_section_answers_an_empty_list(client, articles, django_capture_on_commit_callbacks):
    source = articles[0]
    source.hide_related = True
    with django_capture_on_commit_callbacks(execute=True):
        source.save_revision().publish()
    body = client.get(f"/api/v2/pages/{source.pk}/related/").json()
    assert body == {"meta": {"total_count": 0, "hidden": True}, "items": []}


def queries_for(client, url):
    client.get(url)  # warm the site-root cache, as any running server has
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_site(client, django_capture_on_commit_callbacks):
    small = build(3, django_capture_on_commit_callbacks)
    few = queries_for(client, f"/api/v2/pages/{small[0].pk}/related/?limit=20")
    build(12, django_capture_on_commit_callbacks)
    many = queries_for(client, f"/api/v2/pages/{small[0].pk}/related/?limit=20")
    assert many == few
    # The source, its list, their restrictions, the topics; and the Site freshness check
    # (core.sites, with local-memory caches as in tests).
    assert few <= 5


def test_v3_answers_the_same_list_and_is_in_the_openapi_document(client, articles):
    source = articles[0]

    v2 = client.get(f"/api/v2/pages/{source.pk}/related/?limit=2").json()
    v3 = client.get(f"/api/v3/related/{source.pk}/?limit=2").json()

    assert [item["id"] for item in v3["items"]] == [item["id"] for item in v2["items"]]
    assert v3["meta"]["total_count"] == 2
    assert "/api/v3/related/{page_id}/" in client.get("/api/v3/openapi.json").json()["paths"]


def test_v3_rejects_bad_limits_and_unknown_or_members_only_sources(client, articles):
    members_only = make_article("Members' methadone notes", topics=TOPICS, members_only=True)

    too_many = client.get(f"/api/v3/related/{articles[0].pk}/?limit=21")
    assert too_many.status_code == 400
    assert too_many.json()["parameter"] == "limit"
    assert client.get("/api/v3/related/999999/").status_code == 404
    assert client.get(f"/api/v3/related/{members_only.pk}/").status_code == 404
