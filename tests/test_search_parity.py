"""One search pipeline: /search/, API v2 and API v3 give the same pages in the same order.

For several queries (brand names, synonyms, misspellings, questions, editors' picks) and
for readers who see different things, the three surfaces must agree on which pages, in
which order, and how many.
"""

import re

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.factories import make_user, token_for
from tests.search_data import load_corpus

pytestmark = pytest.mark.django_db

QUERIES = [
    "Klonopin",
    "benzos",
    "rehab",
    "nalaxone",
    "how do I talk to my son about his drinking?",
    "my loved one relapsed, what now?",
    "giving money to my son",
    "overdose",
]
RESULT_LINK = re.compile(r'class="result__title"><a href="([^"]+)"')
COUNT = re.compile(r'class="search__count" role="status">(\d+) result')


@pytest.fixture
def corpus(home):
    articles = load_corpus(home)
    for slug in ("naloxone-at-home", "benzo-tapering", "relapse-is-not-failure"):
        article = articles[slug]
        article.members_only = True
        article.save_revision().publish()
    query = Query.get("overdose")
    SearchPromotion.objects.create(query=query, page=articles["caring-for-yourself"], sort_order=0)
    return articles


def html_results(client, q):
    """Every result's path on /search/, in order, page after page, and the count shown."""
    paths, page, count = [], 1, None
    while True:
        html = client.get("/search/", {"q": q, "page": page}).content.decode()
        found = COUNT.search(html)
        count = int(found.group(1)) if found else 0
        paths += RESULT_LINK.findall(html)
        if 'rel="next"' not in html:
            return paths, count
        page += 1


def _path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def api_results(client, q, headers):
    v2 = client.get("/api/v2/pages/", {"search": q, "limit": 100, "fields": "title"}).json()
    v3 = client.get("/api/v3/pages/", {"search": q, "limit": 100}, headers=headers).json()
    return (
        ([_path(item["meta"]["html_url"]) for item in v2["items"]], v2["meta"]["total_count"]),
        ([_path(item["meta"]["html_url"]) for item in v3["items"]], v3["count"]),
    )


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_the_same_query_gives_the_same_pages_in_the_same_order_everywhere(client, corpus, who):
    headers = {}
    if who == "member":
        user = make_user(member=True)
        client.force_login(user)
        headers = token_for(user)
    for q in QUERIES:
        html = html_results(client, q)
        v2, v3 = api_results(client, q, headers)
        assert html[0], f"{q!r} should find something"
        assert html == v2 == v3, (q, who, html, v2, v3)


def test_teasers_and_picks_take_their_places_in_the_one_order(client, corpus):
    paths, _count = html_results(client, "overdose")
    assert paths[0] == corpus["caring-for-yourself"].url, "the editors' pick comes first"
    paths, _count = html_results(client, "Narcan")
    assert paths[-1] == corpus["naloxone-at-home"].url, "a teaser comes after readable pages"
