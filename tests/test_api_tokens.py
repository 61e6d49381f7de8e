"""v3 refuses a bearer token that names no one with 401; it never reads it as anonymous."""

import pytest
from django.utils import timezone
from wagtail.models import APIToken

from tests.factories import make_article, make_blog, make_user, token_for

READS = ["/api/v3/pages/", "/api/v3/topics/", "/api/v3/images/", "/api/v3/course/outline/"]


@pytest.fixture
def article(home):
    return make_article(parent=make_blog(home))


def _refused(response):
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert set(response.json()) == {"message", "parameter"}
    assert "not valid" in response.json()["message"]


@pytest.mark.parametrize("url", [*READS, "/api/v3/whoami/"])
@pytest.mark.parametrize("token", ["wagtail_invalid", "", "   ", "a" * 4096])
def test_an_unknown_token_is_a_401_on_every_read(client, article, url, token):
    _refused(client.get(url, headers={"Authorization": f"Bearer {token}"}))


def test_a_related_read_with_an_unknown_token_is_a_401(client, article):
    response = client.get(
        f"/api/v3/related/{article.pk}/", headers={"Authorization": "Bearer wagtail_invalid"}
    )
    _refused(response)


def test_a_revoked_token_and_an_inactive_user_are_refused(client, article):
    member = make_user(member=True)
    headers = token_for(member)
    assert client.get("/api/v3/pages/", headers=headers).status_code == 200
    APIToken.objects.filter(user=member).update(revoked_at=timezone.now())
    _refused(client.get("/api/v3/pages/", headers=headers))

    other = make_user(member=True)
    headers = token_for(other)
    other.is_active = False
    other.save()
    _refused(client.get("/api/v3/pages/", headers=headers))


def test_no_token_still_reads_as_anonymous_and_basic_auth_is_not_ours(client, article):
    assert client.get("/api/v3/pages/").status_code == 200
    basic = {"Authorization": "Basic c3RhZ2luZzpzdGFnaW5n"}
    assert client.get("/api/v3/pages/", headers=basic).status_code == 200


def test_a_write_with_an_unknown_token_is_a_401_and_changes_nothing(client, home):
    response = client.patch(
        f"/api/v3/pages/{home.pk}/",
        {"title": "Renamed"},
        content_type="application/json",
        headers={"Authorization": "Bearer wagtail_invalid"},
    )
    _refused(response)
    home.refresh_from_db()
    assert home.title != "Renamed"
