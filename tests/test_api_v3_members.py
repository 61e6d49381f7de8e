"""API v3 for members: a token made on the account page reads what its member may read.

The whole path a member's app takes: make a token at /my/account/, list and read pages on
v3 with it (members-only bodies included; a reader who is not a member gets teasers),
revoke it. Editors' tokens see drafts only when they ask for one (``?version=draft``), never
in listings.
"""

import re

import pytest
from django.test import Client
from wagtail.models import APIToken

from tests.factories import make_article, make_blog, make_user, token_for

SECRET = "zebracorn"


@pytest.fixture
def pages(home):
    blog = make_blog(home)
    public = make_article(parent=blog, title="Open to all")
    locked = make_article(parent=blog, title="For members", members_only=True, body=SECRET)
    edited = make_article(parent=blog, title="Published title")
    edited.title = f"Draft title {SECRET}"
    edited.save_revision()
    never = make_article(parent=blog, title=f"Never published {SECRET}", publish=False)
    return {"public": public, "locked": locked, "edited": edited, "never": never}


def token_from_account_page(user):
    """A token made the way a member makes one: the form on /my/account/."""
    browser = Client()
    browser.force_login(user)
    response = browser.post("/my/account/tokens/", {"name": "My phone"})
    assert response.status_code == 200
    key = re.search(r'<p class="token-key">([^<]+)</p>', response.content.decode()).group(1)
    return browser, {"Authorization": f"Bearer {key}"}


def listed(client, headers, query="type=articles.ArticlePage"):
    response = client.get(f"/api/v3/pages/?{query}&limit=100", headers=headers)
    assert response.status_code == 200
    return {item["id"]: item for item in response.json()["items"]}


def body_of(client, headers, page):
    response = client.get(f"/api/v3/pages/{page.pk}/", headers=headers)
    assert response.status_code == 200
    return response.json()


def test_a_members_token_from_the_account_page_reads_members_only_bodies(client, pages):
    member = make_user(member=True)
    browser, headers = token_from_account_page(member)
    items = listed(client, headers)
    assert set(items) == {pages["public"].pk, pages["locked"].pk, pages["edited"].pk}
    data = body_of(client, headers, pages["locked"])
    assert data["members_only"] is True
    assert SECRET in str(data["body"])

    token = APIToken.objects.get(user=member)
    browser.post("/my/account/tokens/revoke/", {"token": token.pk})
    assert client.get("/api/v3/pages/", headers=headers).status_code == 401


@pytest.mark.parametrize("who", ["reader", "anonymous"])
def test_everyone_else_gets_teasers_of_members_only_pages(client, pages, who):
    headers = token_from_account_page(make_user())[1] if who == "reader" else {}
    items = listed(client, headers)
    assert pages["locked"].pk in items  # listed, as a teaser
    data = body_of(client, headers, pages["locked"])
    assert data["members_only"] is True
    assert data["body"] == []
    assert (
        SECRET
        not in client.get(f"/api/v3/pages/{pages['locked'].pk}/", headers=headers).content.decode()
    )


def test_drafts_never_appear_in_listings_even_for_editors(client, pages):
    editor = make_user(superuser=True)
    headers = token_for(editor)
    items = listed(client, headers)
    assert pages["never"].pk not in items
    assert items[pages["edited"].pk]["title"] == "Published title"
    body = client.get("/api/v3/pages/?limit=100&search=zebracorn", headers=headers).content
    assert SECRET.encode() not in body
    assert body_of(client, headers, pages["edited"])["title"] == "Published title"


def test_only_an_editor_who_asks_gets_the_draft(client, pages):
    edited = pages["edited"]
    url = f"/api/v3/pages/{edited.pk}/?version=draft"
    editor = token_for(make_user(superuser=True))
    assert client.get(url, headers=editor).json()["title"] == f"Draft title {SECRET}"
    for headers in (token_for(make_user(member=True)), {}):
        assert client.get(url, headers=headers).json()["title"] == "Published title"
