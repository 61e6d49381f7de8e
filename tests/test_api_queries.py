"""Listing articles costs a fixed number of queries, whatever the number of articles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_author, make_blog, make_image, make_topic, unique

URL = "/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=50"
#: 13 before issue 19 (authors and topics then took two queries each).
MAX_QUERIES = 11


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _add_articles(blog, count):
    for _ in range(count):
        photo = make_image("Photo")
        authors = [make_author(photo=photo), make_author()]
        topics = [make_topic(unique("Topic")) for _ in range(2)]
        make_article(parent=blog, authors=authors, topics=topics, hero_image=make_image("Hero"))


def _count(client):
    client.get(URL)  # renditions are made on first use; count a warm listing
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), len(response.json()["items"])


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
