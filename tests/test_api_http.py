"""API HTTP behaviour: Cache-Control, ETag with 304 answers, CORS for allowed origins only."""

import pytest

from tests.factories import make_article, make_blog


@pytest.fixture
def article(home):
    return make_article(parent=make_blog(home), title="Cached article")


def test_etag_and_conditional_get(client, article):
    url = f"/api/v2/pages/{article.pk}/"
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag
    assert "max-age=60" in first["Cache-Control"]
    assert "public" in first["Cache-Control"]

    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""

    article.title = "Changed article"
    article.save_revision().publish()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_listing_and_v3_have_etags_too(client, article):
    for url in ("/api/v2/pages/", "/api/v2/topics/", "/api/v3/topics/"):
        response = client.get(url)
        assert response.status_code == 200
        assert client.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_signed_in_answers_are_private(client, member, article):
    client.force_login(member)
    response = client.get(f"/api/v2/pages/{article.pk}/")
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_errors_are_not_cached(client, article):
    response = client.get("/api/v2/pages/?limit=abc")
    assert response.status_code == 400
    assert not response.has_header("ETag")


def test_cors_only_for_allowed_origins(client, settings, article):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
    allowed = client.get("/api/v2/pages/", headers={"Origin": "https://app.example.org"})
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.org"
    other = client.get("/api/v2/pages/", headers={"Origin": "https://evil.example.com"})
    assert not other.has_header("Access-Control-Allow-Origin")
    html = client.get("/", headers={"Origin": "https://app.example.org"})
    assert not html.has_header("Access-Control-Allow-Origin")


def test_no_cors_by_default(client, article):
    response = client.get("/api/v2/pages/", headers={"Origin": "https://app.example.org"})
    assert not response.has_header("Access-Control-Allow-Origin")
