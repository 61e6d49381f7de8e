"""Headless preview: the admin's Preview button hands a front end a short-lived token.

Through the admin's own preview views (the form state Wagtail keeps, then the preview
panel's GET) and the API: a valid token answers the unsaved draft; an expired, altered or
forged one is a 403 in the one error shape; without ``HEADLESS_PREVIEW_URL`` the site's
own templates preview the page, as before.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.test import Client, override_settings
from wagtail.models import get_page_models

from core.preview import HeadlessPreview
from tests.factories import make_article, make_blog

pytestmark = pytest.mark.django_db


@pytest.fixture
def front_end():
    """The front end's server: anonymous, holding nothing but the token."""
    return Client()


FRONT_END = "https://front.example.org/api/preview"


def preview_in_admin(client, page, **changes):
    """What the preview panel does: post the edit form's state, then load the preview."""
    url = f"/admin/pages/{page.pk}/edit/preview/"
    data = {"title": page.title, "slug": page.slug, "intro": getattr(page, "intro", ""), **changes}
    assert client.post(url, data).json()["is_valid"] is True
    return client.get(url, {"mode": "", "in_preview_panel": "true"})


def token_from(response):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == FRONT_END
    query = parse_qs(location.query)
    return query["content_type"][0], query["token"][0]


def test_every_page_type_can_be_previewed_headless():
    ours = [m for m in get_page_models() if not m._meta.app_label.startswith("wagtail")]
    assert len(ours) > 5
    assert [m.__name__ for m in ours if not issubclass(m, HeadlessPreview)] == []


def test_without_a_front_end_the_site_previews_the_page(admin_client, front_end):
    blog = make_blog()
    response = preview_in_admin(admin_client, blog, title="Our reading room")
    assert response.status_code == 200
    assert "Our reading room" in response.content.decode()


@override_settings(HEADLESS_PREVIEW_URL=FRONT_END)
def test_the_preview_button_sends_the_front_end_the_unsaved_draft(admin_client, front_end):
    blog = make_blog()
    content_type, token = token_from(
        preview_in_admin(admin_client, blog, title="Not saved yet", intro="Draft words.")
    )
    assert content_type == "articles.articleindexpage"

    response = front_end.get("/api/v2/preview/", {"content_type": content_type, "token": token})
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Not saved yet"
    assert data["id"] == blog.pk
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    blog.refresh_from_db()
    assert blog.title != "Not saved yet"  # the draft was never saved, let alone published


@override_settings(HEADLESS_PREVIEW_URL=FRONT_END)
def test_a_members_only_draft_is_answered_in_full_to_the_token(admin_client, front_end):
    article = make_article("Members' draft", members_only=True, body="Only for members.")
    request = admin_client.get(f"/admin/pages/{article.pk}/edit/").wsgi_request
    content_type, token = token_from(article.make_preview_request(request, ""))
    data = front_end.get("/api/v2/preview/", {"content_type": content_type, "token": token}).json()
    assert "Only for members." in str(data["body"])
    # ...while the published page stays a teaser for the same anonymous caller.
    assert front_end.get(f"/api/v2/pages/{article.pk}/").json()["body"] == []


@override_settings(HEADLESS_PREVIEW_URL=FRONT_END, HEADLESS_PREVIEW_MAX_AGE=600)
def test_an_expired_token_is_refused(admin_client, front_end, monkeypatch):
    content_type, token = token_from(preview_in_admin(admin_client, make_blog()))
    real_time = signing.time.time

    class Later:
        @staticmethod
        def time():
            return real_time() + 601

    monkeypatch.setattr(signing, "time", Later)
    response = front_end.get("/api/v2/preview/", {"content_type": content_type, "token": token})
    assert response.status_code == 403
    assert response.json() == {
        "message": "token: this preview token has expired; press Preview in the admin again",
        "parameter": "token",
    }


@override_settings(HEADLESS_PREVIEW_URL=FRONT_END)
def test_forged_and_altered_tokens_are_refused(admin_client, front_end):
    content_type, token = token_from(preview_in_admin(admin_client, make_blog()))
    value, _, signature = token.rpartition(":")
    forged_elsewhere = signing.TimestampSigner(key="not-our-secret", salt="headlesspreview.token")
    for bad in (
        f"{value}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        token.replace("id=", "id=9"),
        forged_elsewhere.sign(value.rsplit(":", 1)[0]),
        "id=1",
    ):
        response = front_end.get("/api/v2/preview/", {"content_type": content_type, "token": bad})
        assert response.status_code == 403, bad
        assert response.json()["parameter"] == "token"


@override_settings(HEADLESS_PREVIEW_URL=FRONT_END)
def test_a_token_answers_only_its_own_draft(admin_client, front_end):
    content_type, token = token_from(preview_in_admin(admin_client, make_blog()))
    other = front_end.get("/api/v2/preview/", {"content_type": "home.homepage", "token": token})
    assert other.status_code == 404
    missing = front_end.get("/api/v2/preview/", {"content_type": content_type})
    assert missing.status_code == 400
    assert missing.json()["parameter"] == "token"
