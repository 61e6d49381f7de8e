"""Content-Security-Policy and Permissions-Policy on every kind of answer the site gives.

Public pages get the strict policy: scripts and styles from the site only, no framing, no
plugins, no <base>, forms to the site only, frames only from the video hosts the video
block embeds. Wagtail's admin and its previews get the admin policy. The pages themselves
hold nothing the strict policy would block: no inline script, handler or style attribute.
"""

import re
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from core.blocks import video_embed_url
from tests.factories import (
    make_article,
    make_author,
    make_blog,
    make_small_course,
    make_topic,
    restrict,
)

pytestmark = pytest.mark.django_db

VIDEO_HOSTS = {
    "{0.scheme}://{0.netloc}".format(urlparse(video_embed_url(link)))
    for link in ("https://www.youtube.com/watch?v=aaaaaaaaaaa", "https://vimeo.com/123456")
}
# A script without src runs inline, unless it is a JSON data block (JSON-LD, settings).
INLINE_SCRIPT = re.compile(
    r'<script(?![^>]*\bsrc=)(?![^>]*type="application/(?:ld\+)?json")[^>]*>', re.I
)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)


def directives(response):
    header = response["Content-Security-Policy"]
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def assert_public_policy(response):
    policy = directives(response)
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'"]
    assert set(policy["frame-src"]) == VIDEO_HOSTS
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]


def assert_nothing_inline(response):
    """What the strict policy would block is not in the page to begin with."""
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html)
    assert not INLINE_HANDLER.findall(html)
    assert not STYLE_ATTRIBUTE.findall(html)
    assert not STYLE_ELEMENT.findall(html)


def assert_permissions_policy(response):
    features = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
    for denied in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[denied] == "()"
    allowed = {host.strip('"') for host in features["fullscreen"].strip("()").split()}
    assert allowed == {"self", *VIDEO_HOSTS}


@pytest.fixture
def site(home):
    blog = make_blog(home)
    topic = make_topic("Alcohol")
    author = make_author("Dana Reyes")
    video = {
        "type": "embed",
        "value": {
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "title": "What CRAFT asks",
            "transcript": "Words.",
        },
    }
    article = make_article(
        "Talking calmly",
        parent=blog,
        topics=[topic],
        authors=[author],
        body=[{"type": "paragraph", "value": "<p>Hello.</p>"}, video],
    )
    locked = make_article("Group notes", parent=blog)
    restrict(locked, PageViewRestriction.PASSWORD, password="shared-secret-7")
    course, [(module, [unit, _other])] = make_small_course(home, modules=1)
    return {
        "blog": blog,
        "topic": topic,
        "author": author,
        "article": article,
        "locked": locked,
        "course": course,
        "module": module,
        "unit": unit,
    }


def _public_urls(site):
    return {
        "home": "/",
        "article index": site["blog"].url,
        "article": site["article"].url,
        "topic listing": reverse("topic_list"),
        "topic page": reverse("topic_detail", args=[site["topic"].slug]),
        "author page": reverse("author_detail", args=[site["author"].slug]),
        "search": "/search/?q=calmly",
        "course index": site["course"].url,
        "course module": site["module"].url,
        "password-required page": site["locked"].url,
        "login": reverse("login"),
        "sign-up": reverse("account_signup"),
        "password reset": reverse("account_reset_password"),
    }


def test_every_public_page_type_gets_the_strict_policy_and_needs_nothing_more(client, site):
    for name, url in _public_urls(site).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_public_policy(response)
        assert_permissions_policy(response)
        assert_nothing_inline(response)


def test_account_pages_get_the_strict_policy_and_need_nothing_more(client, site, member):
    client.force_login(member)
    for url in ("/my/account/", "/my/account/delete/", "/accounts/email/", "/accounts/2fa/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_public_policy(response)
        assert_nothing_inline(response)


def test_members_pages_and_the_journal_get_the_strict_policy(client, site, member):
    client.force_login(member)
    unit = site["unit"]
    for url in (
        unit.url,
        reverse("course_observations"),
        reverse("course_worksheet", args=[unit.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_public_policy(response)
        assert_permissions_policy(response)
        assert_nothing_inline(response)


def test_the_not_found_page_gets_the_strict_policy(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_public_policy(response)
    assert_nothing_inline(response)


def test_the_article_keeps_its_json_ld_and_its_video_frame_is_allowed(client, site):
    html = client.get(site["article"].url).content.decode()
    assert '<script type="application/ld+json">' in html
    frame = re.search(r'<iframe src="([^"]+)"', html).group(1)
    assert "{0.scheme}://{0.netloc}".format(urlparse(frame)) in VIDEO_HOSTS


def test_api_answers_are_still_json_under_the_harmless_public_policy(client, site):
    for url in ("/api/v2/pages/", "/api/v3/pages/", "/api/v2/pages/?offset=abc"):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/json"), url
        assert "unsafe" not in response["Content-Security-Policy"]


def test_the_api_docs_may_draw_data_images_and_nothing_more(client, home):
    response = client.get("/api/v3/docs/")
    policy = directives(response)
    assert response.status_code == 200
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert_nothing_inline(response)


def assert_admin_policy(response):
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert set(policy["frame-src"]) == {"'self'", *VIDEO_HOSTS}
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_the_admin_gets_the_admin_policy(admin_client, site):
    for url in ("/admin/", f"/admin/pages/{site['article'].pk}/edit/"):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_admin_policy(response)
        assert_permissions_policy(response)


def test_the_admin_sign_in_is_the_sites_and_gets_the_public_policy(client, home):
    response = client.get("/admin/login/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert response.status_code == 200
    assert_public_policy(response)


def test_a_preview_is_served_under_the_admin_policy_so_the_editor_can_frame_it(admin_client, site):
    """Wagtail runs the page's own URL through the middleware again to render a preview."""
    article = site["article"]
    editor_request = admin_client.get(f"/admin/pages/{article.pk}/edit/").wsgi_request

    response = article.make_preview_request(editor_request)

    assert response.status_code == 200
    assert_admin_policy(response)


@pytest.mark.parametrize("url", ["/search/?q=a%00b", "/no-such-page/"])
def test_error_pages_hold_nothing_inline(client, home, url):
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert_nothing_inline(response)


def test_the_500_page_holds_nothing_inline():
    from django.test import RequestFactory

    from cms.views import server_error

    response = server_error(RequestFactory().get("/articles/"))
    assert response.status_code == 500
    assert_nothing_inline(response)
