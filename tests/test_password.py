"""Password-protected pages: Wagtail's form is offered, and the right password opens the page.

Before the access policy, a members-only teaser replaced the form and even the right
password never opened an article. Now the policy hides the page until the session has
passed its password, then the page, and its body in both APIs, open for that session only.
"""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import make_article, make_small_course, make_unit, restrict

pytestmark = pytest.mark.django_db

PASSWORD = "shared-secret-7"
SECRET = "zqpasswordbody"


@pytest.fixture(params=["article", "unit"])
def page(request, home):
    body = [{"type": "paragraph", "value": f"<p>The {SECRET} part.</p>"}]
    if request.param == "article":
        page = make_article("Notes for the family group", body=body)
    else:
        _course, [(module, _units)] = make_small_course(home, modules=1, units_per_module=1)
        page = make_unit(module, title="A unit for the group", body=body, members_only=False)
    restrict(page, PageViewRestriction.PASSWORD, password=PASSWORD)
    return page


def _form_url(page):
    restriction = PageViewRestriction.objects.get(page=page)
    return reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


def test_the_form_is_shown_and_the_page_stays_closed(client, page):
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'type="password"' in html
    assert _form_url(page) in html
    assert '<label for="id_password">Password</label>' in html
    assert SECRET not in html
    assert "no-store" in response["Cache-Control"]
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404


def test_a_wrong_password_is_refused_with_a_reason(client, page):
    response = client.post(_form_url(page), {"password": "guess", "return_url": page.url})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "not right" in html
    assert SECRET not in html
    assert SECRET not in client.get(page.url).content.decode()


def test_the_right_password_opens_the_page_and_its_api_body_for_that_session(client, page):
    response = client.post(_form_url(page), {"password": PASSWORD, "return_url": page.url})
    assert response.status_code == 302
    assert response["Location"] == page.url
    assert SECRET in client.get(page.url).content.decode()
    assert SECRET in client.get(f"/api/v2/pages/{page.pk}/").content.decode()
    assert SECRET in client.get(f"/api/v3/pages/{page.pk}/").content.decode()
    listed = client.get("/api/v2/pages/", {"fields": "title", "limit": 100}).json()["items"]
    assert page.pk in [item["id"] for item in listed]


def test_another_session_still_needs_the_password(client, page):
    client.post(_form_url(page), {"password": PASSWORD, "return_url": page.url})
    other = client.__class__()
    assert SECRET not in other.get(page.url).content.decode()
    assert other.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_answers_opened_by_a_password_are_never_cached_for_everyone(client, page):
    client.post(_form_url(page), {"password": PASSWORD, "return_url": page.url})
    for url in (f"/api/v2/pages/{page.pk}/", f"/api/v3/pages/{page.pk}/", page.url):
        response = client.get(url)
        assert "public" not in response.get("Cache-Control", ""), url
        assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_listings_shown_to_a_session_with_a_password_are_private(client, page):
    client.post(_form_url(page), {"password": PASSWORD, "return_url": page.url})
    for url in ("/search/?q=group", "/"):
        assert "private" in client.get(url)["Cache-Control"], url
