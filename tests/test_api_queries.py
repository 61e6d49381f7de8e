"""Listing articles costs a fixed number of queries, whatever the number of articles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import MembershipCallToAction
from tests.factories import make_article, make_author, make_blog, make_image, make_topic, unique
from tests.front_end_site import make_document

URL = "/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=50"
#: 13 before issue 19 (authors and topics then took two queries each).
BODIES = "/api/v2/pages/?type=articles.ArticlePage&fields=body&limit=50"
MAX_QUERIES = 20


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _body():
    """Every kind of block that reads the database: images, documents, snippets, settings."""
    banner = MembershipCallToAction.objects.create(name=unique("Banner"), heading="Join", text="Us")
    link = f'<p>See <a linktype="document" id="{make_document().pk}">this</a>.</p>'
    image = {"image": make_image("Inline").pk, "alt_text": "", "caption": ""}
    return [
        {"type": "paragraph", "value": link},
        {"type": "image", "value": image},
        {"type": "image", "value": {**image, "image": make_image("Second").pk}},
        {"type": "call_to_action", "value": {"call_to_action": banner.pk}},
        {"type": "crisis_notice", "value": {"intro": ""}},
    ]


def _add_articles(blog, count):
    for _ in range(count):
        photo = make_image("Photo")
        authors = [make_author(photo=photo), make_author()]
        topics = [make_topic(unique("Topic")) for _ in range(2)]
        make_article(
            parent=blog,
            authors=authors,
            topics=topics,
            hero_image=make_image("Hero"),
            body=_body(),
        )


def _count(client, url=URL):
    client.get(url)  # renditions are made on first use; count a warm listing
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    items = response.json()["items"]
    assert all(len(item["body"]) == 5 for item in items)
    return len(queries), len(items)


def test_article_listing_queries_do_not_grow(client, home, django_assert_max_num_queries):
    blog = make_blog(home)
    _add_articles(blog, 2)
    small, small_items = _count(client)
    _add_articles(blog, 8)
    large, large_items = _count(client)
    assert (small_items, large_items) == (2, 10)
    assert small == large
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(URL)


def test_listing_bodies_costs_the_same_queries_for_any_number_of_articles(client, home):
    """``fields=body`` (Wagtail's documented way to fetch posts) does not cost a query per post."""
    blog = make_blog(home)
    _add_articles(blog, 2)
    small, _ = _count(client, BODIES)
    _add_articles(blog, 6)
    large, items = _count(client, BODIES)
    assert items == 8
    assert small == large
