"""A results page costs a bounded number of database queries whatever the site's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_blog, make_topics

pytestmark = pytest.mark.django_db

#: 18 for an anonymous reader, 20 signed in (a member no longer pays for teaser queries);
#: then +1 topic visibility (topics with no live page are hidden), +1 the Site freshness
#: check (core.sites, local-memory caches) and, on PostgreSQL, +1 the menus' restrictions.
MAX_QUERIES = 23


def build(index, start, stop):
    for number in range(start, stop):
        make_article(
            f"Sleep and worry {number}",
            parent=index,
            body="Sleep is the first thing to go when you worry.",
            topics=["Sleep", "Self-care"],
            members_only=number % 5 == 0,
        )


def count_queries(client, **params):
    client.get("/search/", {"q": "insomnia", **params})  # warm caches (vocabulary, site)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": "insomnia", **params})
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("signed_in", [False, True])
def test_query_count_does_not_grow_with_the_corpus(client, home, member, signed_in):
    if signed_in:
        client.force_login(member)
    make_topics([{"name": "Sleep", "synonyms": "insomnia"}, {"name": "Self-care"}])
    index = make_blog(home)
    build(index, 0, 11)  # already more than a page of results
    small = count_queries(client)
    build(index, 11, 30)
    large = count_queries(client)

    print(f"\nqueries per results page: {len(small)} (11 articles), {len(large)} (30 articles)")
    assert len(large) <= MAX_QUERIES
    assert len(large) == len(small), "\n".join(small)
