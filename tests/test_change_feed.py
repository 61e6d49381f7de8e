"""The change feed keeps an app's mirror exactly what an anonymous reader may read.

A small "app" polls ``/api/v2/changes/`` a few items at a time, applies the items in
order (fetching published and updated pages through the public API, dropping the rest)
and is compared, after each of Wagtail's own actions, with what the access policy lets
an anonymous reader read: publish, edit, unpublish, members-only, a password on a
section, the section opened again, delete, and a move under a private section.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from core.access import Access
from tests.factories import make_article, make_blog, make_page, publish, restrict
from tests.test_hostile_input import HOSTILE
from webhooks.models import PageChange

pytestmark = pytest.mark.django_db


class Mirror:
    """What an app keeps: ``{id: title}``, fed only by the change feed and the API.

    A published page that answers 404 has changed again since that item (a later item
    says how), so it is dropped, as a real app would.
    """

    def __init__(self, client, version="v2", limit=2):
        self.client, self.version, self.limit = client, version, limit
        self.pages, self.since, self.seen = {}, None, []

    def poll(self):
        while True:
            query = {"limit": self.limit, **({"since": self.since} if self.since else {})}
            response = self.client.get(f"/api/{self.version}/changes/", query)
            assert response.status_code == 200, response.content
            data = response.json()
            for item in data["items"]:
                self.seen.append((item["id"], item["action"]))
                page = None
                if item["action"] in ("published", "updated"):
                    page = self.client.get(f"/api/v2/pages/{item['id']}/")
                    assert page.status_code in (200, 404), item
                if page is not None and page.status_code == 200:
                    self.pages[item["id"]] = page.json()["title"]
                else:  # gone, or changed again since: a later item says how
                    self.pages.pop(item["id"], None)
            self.since = data["meta"]["next_since"]
            if not data["meta"]["has_more"]:
                return self


def readable_now():
    """What the site's API lets an anonymous reader read (Wagtail's welcome page is off-site)."""
    site_pages = Page.objects.descendant_of(Site.objects.get().root_page, inclusive=True)
    pages = Access.anonymous().readable(site_pages)
    return dict(pages.values_list("pk", "title"))


def test_a_polling_app_mirrors_what_anonymous_readers_may_read(client):
    blog = make_blog()
    first = make_article("First steps")
    second = make_article("Second thoughts")
    mirror = Mirror(client).poll()
    assert mirror.pages == readable_now()
    assert {first.pk, second.pk, blog.pk} <= set(mirror.pages)

    first.title = "First steps, revised"
    publish(first)
    assert mirror.poll().pages == readable_now()
    assert mirror.pages[first.pk] == "First steps, revised"
    assert mirror.seen[-1] == (first.pk, "updated")

    second.unpublish()
    assert mirror.poll().pages == readable_now()
    assert mirror.seen[-1] == (second.pk, "unpublished")

    first.members_only = True
    publish(first)
    assert mirror.poll().pages == readable_now()
    assert first.pk not in mirror.pages
    assert mirror.seen[-1] == (first.pk, "restricted")

    third = make_article("Third way")
    password = restrict(blog, PageViewRestriction.PASSWORD, password="secret-words")
    assert mirror.poll().pages == readable_now()
    assert blog.pk not in mirror.pages
    assert third.pk not in mirror.pages

    password.delete()
    assert mirror.poll().pages == readable_now()
    assert {blog.pk, third.pk} <= set(mirror.pages)
    assert first.pk not in mirror.pages  # still members-only

    first.members_only = False
    before = len(mirror.seen)
    publish(first)
    assert mirror.poll().pages == readable_now()
    # Public again (its Members restriction removed), then the edit that did it.
    assert mirror.seen[before:] == [(first.pk, "published"), (first.pk, "updated")]

    third.delete()
    assert mirror.poll().pages == readable_now()
    assert mirror.seen[-1] == (third.pk, "deleted")

    private = make_page(blog.get_parent(), "Staff only")
    restrict(private, PageViewRestriction.LOGIN)
    first.move(private, pos="last-child")
    assert mirror.poll().pages == readable_now()
    assert first.pk not in mirror.pages


def test_v3_answers_the_same_feed(client):
    make_article("Both versions")
    restrict(make_blog(), PageViewRestriction.LOGIN)
    v2 = client.get("/api/v2/changes/").json()
    assert client.get("/api/v3/changes/").json() == v2
    assert [item["action"] for item in v2["items"]][-1] == "restricted"
    assert set(v2["items"][0]) == {"id", "type", "action", "at"}
    assert "articles.ArticlePage" in {item["type"] for item in v2["items"]}


def test_a_page_from_before_the_feed_is_still_removed(client):
    """A mirror seeded from a listing learns when such a page goes, though it has no rows."""
    article = make_article("Older than the feed")
    PageChange.objects.filter(page_id=article.pk).delete()
    article.unpublish()
    items = client.get("/api/v2/changes/").json()["items"]
    assert {"id": article.pk, "action": "unpublished"}.items() <= items[-1].items()


def test_drafts_are_never_in_the_feed(client):
    draft = make_article("Not yet", publish=False)
    draft.delete()
    ids = {item["id"] for item in client.get("/api/v2/changes/").json()["items"]}
    assert draft.pk not in ids


def test_a_page_never_splits_one_moment(client):
    """A section's privacy change writes its pages at one moment; paging keeps them whole."""
    blog = make_blog()
    articles = [make_article() for _ in range(4)]
    restrict(blog, PageViewRestriction.LOGIN)
    moment = PageChange.objects.filter(action="restricted").values_list("at", flat=True)
    assert len(set(moment)) == 1
    mirror = Mirror(client, limit=1).poll()
    assert {pk for pk, action in mirror.seen if action == "restricted"} == {
        blog.pk,
        *(a.pk for a in articles),
    }
    again = client.get("/api/v2/changes/", {"since": mirror.since}).json()
    assert again["items"] == []
    assert again["meta"]["next_since"] == mirror.since


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_the_query_count_does_not_grow_with_the_changes(client, version):
    make_article()

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/{version}/changes/?limit=100").status_code == 200
        return len(queries)

    count()  # warm: the first request after a Site change also asks Wagtail which Site
    few = count()
    for _ in range(6):
        make_article()
    assert PageChange.objects.count() > 6
    assert count() == few


@pytest.mark.parametrize("version", ["v2", "v3"])
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("since=yesterday", "since"),
        ("since=2026-13-40T99:00:00Z", "since"),
        ("limit=0", "limit"),
        ("limit=abc", "limit"),
        ("until=2026-01-01", "until"),
    ],
)
def test_bad_input_is_a_400_in_the_one_shape(client, version, query, parameter):
    response = client.get(f"/api/{version}/changes/?{query}")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "parameter"}
    assert body["parameter"] == parameter


def test_since_takes_iso_8601_with_an_offset_a_date_or_no_zone(client):
    make_article()
    for since in ("2000-01-01", "2000-01-01T00:00:00", "2000-01-01T01:00:00+01:00"):
        body = client.get("/api/v2/changes/", {"since": since}).json()
        assert body["items"], since
    late = client.get("/api/v2/changes/?since=2999-01-01T00:00:00+00:00").json()
    assert late == {"meta": {"next_since": "2999-01-01T00:00:00Z", "has_more": False}, "items": []}


def test_no_hostile_value_answers_5xx(client):
    """The values of ``tests/test_hostile_input.py`` in these endpoints' own parameters."""
    make_article()
    for value in HOSTILE.values():
        for url in ("/api/v2/changes/", "/api/v3/changes/", "/api/v2/preview/"):
            for name in ("since", "limit", "token", "content_type"):
                response = client.get(f"{url}?content_type=a.b&token=t&{name}={value}")
                assert response.status_code in (200, 400, 403, 404), (url, name, value)
                assert response["Content-Type"] == "application/json", (url, name)
