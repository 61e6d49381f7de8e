"""Hostile input never answers 500: NUL, huge and foreign numbers, deep JSON, long and odd text.

Every HTML view and every v2 endpoint a reader or an app can reach is sent the same
bounded set of hostile values in the parameters they read; a 5xx anywhere fails the test
and names the address. The cases an attacker found are pinned one by one with the answer
they must get: a 400 in the API's JSON error shape, or the site's 400 page.
"""

import json
from urllib.parse import quote

import pytest
from django.urls import reverse

from core.input import MAX_JSON_DEPTH
from craft_course.models import JournalEntry
from tests.factories import (
    exercise_block,
    make_article,
    make_author,
    make_blog,
    make_course,
    make_module,
    make_topic,
    make_unit,
    make_user,
    token_for,
)

HOSTILE = {
    "nul_inside": "alc%00ohol",
    "control": "a%01%1Fb%7F",
    "huge_number": "99999999999999999999999",
    "negative": "-99999999999999999999",
    "unicode_digits": quote("١٢٣"),
    "superscript": quote("²"),
    "long": "a" * 4096,
    "fts_operators": quote('alcohol & !( | <-> "" * OR NOT :* \\'),
    "percent_garbage": "%ZZ%",
    "emoji": quote("🙂" * 50),
}
#: The parameters pages and endpoints read; each gets every hostile value.
PAGE_PARAMETERS = ["q", "page", "topic", "next"]
API_PARAMETERS = [
    "search",
    "limit",
    "offset",
    "id",
    "order",
    "type",
    "fields",
    "topic",
    "html_path",
]


@pytest.fixture
def site(home):
    topic = make_topic("Alcohol")
    author = make_author("Dana Writer")
    blog = make_blog(home)
    article = make_article(parent=blog, topics=[topic], authors=[author])
    course = make_course(home)
    module = make_module(course, 1)
    unit = make_unit(module, body=[exercise_block(1, block_id="ex-1")])
    return {
        "article": article,
        "unit": unit,
        "html": [
            "/",
            "/articles/",
            article.url,
            "/articles/feed/",
            "/topics/",
            f"/topics/{topic.slug}/",
            f"/topics/{topic.slug}/feed/",
            f"/authors/{author.slug}/",
            "/search/",
            "/sitemap.xml",
            course.url,
            module.url,
            unit.url,
            "/my/observations/",
            f"/my/course/units/{unit.pk}/worksheet/",
            "/accounts/login/",
        ],
        "personal": [
            "/search/",
            "/articles/",
            unit.url,
            "/my/observations/",
            f"/my/course/units/{unit.pk}/worksheet/",
        ],
        "api": [
            "/api/v2/pages/",
            f"/api/v2/pages/{article.pk}/",
            "/api/v2/pages/find/",
            f"/api/v2/pages/{article.pk}/related/",
            "/api/v2/topics/",
            "/api/v2/images/",
            "/api/v2/documents/",
            "/api/v2/course/outline/",
            "/api/v3/pages/",
            "/api/v3/topics/",
            f"/api/v3/related/{article.pk}/",
            "/api/v3/images/",
            "/api/v3/documents/",
            "/my/course/progress/",
        ],
    }


def _sweep(client, urls, parameters, value):
    failures = []
    for url in urls:
        for name in parameters:
            address = f"{url}?{name}={value}"
            response = client.get(address)
            if response.status_code >= 500:
                failures.append((response.status_code, address[:120]))
    return failures


def test_no_hostile_value_in_any_parameter_answers_5xx(client, site, member):
    client.raise_request_exception = False
    failures = []
    for kind, value in HOSTILE.items():
        client.logout()
        found = _sweep(client, site["html"], PAGE_PARAMETERS, value)
        found += _sweep(client, site["api"], API_PARAMETERS, value)
        client.force_login(member)
        found += _sweep(client, site["personal"], PAGE_PARAMETERS, value)
        found += _sweep(client, ["/my/course/progress/", "/api/v2/pages/"], API_PARAMETERS, value)
        failures += [(kind, *failure) for failure in found]
    assert not failures, failures


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/search/?q=alc%00ohol",
        "/search/?q=alcohol&topic=%00",
        "/articles/?topic=%00",
        "/articles/%00/",
    ],
)
def test_control_characters_in_a_page_address_get_the_400_page(client, site, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert b"We could not read that request" in response.content
    assert b"control character" in response.content


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v2/images/?search=%00", "search"),
        ("/api/v2/documents/?search=%00", "search"),
        ("/api/v2/pages/?search=alc%00ohol", "search"),
        ("/api/v3/pages/?search=%00", "search"),
        ("/api/v2/pages/?search=alcohol&order=random", "order"),
        ("/api/v2/pages/find/?id=abc", "id"),
        ("/api/v2/documents/?offset=99999999999999999999", "offset"),
        ("/api/v3/documents/?offset=99999999999999999999", "offset"),
        ("/api/v3/pages/?limit=%D9%A1", "limit"),
    ],
)
def test_each_reported_api_500_is_now_a_json_400(client, site, url, parameter):
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["parameter"] == parameter
    assert set(response.json()) == {"message", "parameter"}


def test_deep_json_to_the_progress_api_is_a_400_with_a_reason(client, site, member):
    client.force_login(member)
    for body in ("[" * 100_000, "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)):
        response = client.post("/my/course/progress/", body, content_type="application/json")
        assert response.status_code == 400
        assert "nests deeper" in response.json()["message"]
    nul = json.dumps({"unit": site["unit"].pk, "completed": True, "note": "a\x00b"})
    response = client.post("/my/course/progress/", nul, content_type="application/json")
    assert response.status_code == 400
    assert "control character" in response.json()["message"]


def test_deep_json_to_a_v3_write_is_a_json_400(client, site):
    editor = make_user(superuser=True)
    response = client.post(
        "/api/v3/pages/",
        "[" * 100_000,
        content_type="application/json",
        headers=token_for(editor),
    )
    assert response.status_code == 400
    assert "nests deeper" in response.json()["message"]


def test_a_journal_answer_with_nul_is_saved_without_it_and_nothing_is_lost(client, site, member):
    client.force_login(member)
    unit = site["unit"]
    response = client.post(
        reverse("course_save_journal", args=[unit.pk]),
        {"exercise": "ex-1", "answer-ex-1-0": "I noticed\x00 he came home early."},
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(user=member, unit=unit)
    assert entry.answer == "I noticed he came home early."


def test_api_errors_are_json_even_from_the_site_wide_handlers(client, site, settings):
    response = client.get("/api/v2/pages/%00/")
    assert response.status_code == 400
    assert response.json()["message"]
    response = client.get("/api/v2/no-such-endpoint/")
    assert response.status_code == 404
    assert set(response.json()) == {"message", "parameter"}


def test_a_fault_under_the_api_answers_json_500(client, site, monkeypatch):
    from api import pages

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pages.ProjectPagesAPIViewSet, "listing_view", broken)
    client.raise_request_exception = False
    response = client.get("/api/v2/pages/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"message", "parameter"}
    assert "boom" not in response.content.decode()
    page = client.get("/articles/")
    assert page.status_code == 200
