"""API privacy: members-only pages show title and summary only; drafts never appear."""

import pytest

from tests.factories import make_article, make_blog, make_topic

SECRET = "zebracorn"  # a word only in locked or draft content


@pytest.fixture
def pages(home):
    blog = make_blog(home)
    topic = make_topic("Boundaries", "limits")
    body = [{"type": "paragraph", "value": f"<p>The {SECRET} technique in detail.</p>"}]
    locked = make_article(
        parent=blog,
        title="Setting limits kindly",
        summary="How to hold a boundary.",
        standfirst=f"Our {SECRET} expert explains.",
        members_only=True,
        topics=[topic],
        body=body,
    )
    draft = make_article(
        parent=blog, title=f"Draft {SECRET} plans", topics=[topic], body=body, publish=False
    )
    public = make_article(parent=blog, title="Open article", topics=[topic])
    # A published page whose newer draft must stay unseen.
    public.title = f"Unpublished {SECRET} title"
    public.save_revision()
    return {"locked": locked, "draft": draft, "public": public}


def _items(client, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert response.status_code == 200, response.content
    return response.json()["items"]


LISTINGS = [
    "type=articles.ArticlePage&fields=*",
    "fields=title",
    "topic=boundaries&fields=*",
    "topic=limits&order=-date&fields=summary,members_only",
    "type=articles.ArticlePage&members_only=true&fields=*",
    "search=limits&fields=*",
    "search=kindly&type=articles.ArticlePage&fields=*",
]


@pytest.mark.parametrize("query", LISTINGS)
def test_listings_show_locked_pages_without_content(client, pages, query):
    items = _items(client, query)
    locked = [item for item in items if item["id"] == pages["locked"].pk]
    assert locked, f"members-only article should be listed for {query}"
    assert locked[0]["members_only"] is True
    assert locked[0].get("body", []) == []
    assert locked[0].get("standfirst", "") == ""
    assert all(item["id"] != pages["draft"].pk for item in items)


@pytest.mark.parametrize("query", [*LISTINGS, "search=" + SECRET, "search=Unpublished"])
def test_no_listing_leaks_draft_or_locked_words(client, pages, query):
    response = client.get(f"/api/v2/pages/?{query}")
    assert SECRET not in response.content.decode()
    assert pages["draft"].pk not in [item["id"] for item in response.json()["items"]]


def test_locked_detail_has_title_and_summary_but_empty_body(client, pages):
    data = client.get(f"/api/v2/pages/{pages['locked'].pk}/").json()
    assert data["title"] == "Setting limits kindly"
    assert data["summary"] == "How to hold a boundary."
    assert data["members_only"] is True
    assert data["body"] == []
    assert data["standfirst"] == ""
    assert data["reading_time"] >= 1


def test_search_does_not_match_words_in_a_locked_body(client, pages):
    assert _items(client, f"search={SECRET}") == []


def test_members_read_the_body(client, member, pages):
    client.force_login(member)
    data = client.get(f"/api/v2/pages/{pages['locked'].pk}/").json()
    assert SECRET in data["body"][0]["value"]
    assert SECRET in data["standfirst"]
    assert [item["id"] for item in _items(client, f"search={SECRET}")] == [pages["locked"].pk]


def test_drafts_are_absent_everywhere(client, member, pages):
    draft = pages["draft"]
    for who in (None, member):
        if who:
            client.force_login(who)
        response = client.get(f"/api/v2/pages/{draft.pk}/")
        assert response.status_code == 404
        assert response.json() == {"message": "not found", "parameter": None}
        assert client.get(f"/api/v2/pages/find/?html_path={draft.get_url()}").status_code == 404
        assert client.get(f"/api/v2/pages/find/?id={draft.pk}").status_code == 404


def test_find_by_path_works_for_published_pages(client, pages):
    """The control for the draft case above: the same lookup finds a live page."""
    response = client.get(f"/api/v2/pages/find/?html_path={pages['public'].get_url()}")
    assert response.status_code == 302


def test_published_content_not_the_newer_draft(client, pages):
    data = client.get(f"/api/v2/pages/{pages['public'].pk}/").json()
    assert data["title"] == "Open article"
