"""Search evaluation: queries a family member would type against labelled articles.

Reports the share of queries with an expected article in the top three and asserts a
floor. Misspellings of words that appear only in article bodies need PostgreSQL's
trigram matching; on SQLite those cases are skipped (the vocabulary correction covers
topic names, synonyms, titles and summaries on both databases).
"""

import pytest
from django.db import connection

from core.access import Access
from core.search.pipeline import Search
from tests.search_data import load_corpus, load_eval

FLOOR = 0.85


def top_slugs(query, user, count=3):
    """The first slugs the one search pipeline gives this reader."""
    return [page.slug for page in Search(query, Access(user))[:count]]


def cases():
    postgres = connection.vendor == "postgresql"
    selected = []
    for case in load_eval()["queries"]:
        if case["kind"] == "body-misspelling" and not postgres:
            continue
        selected.append(case)
    return selected


@pytest.mark.django_db
def test_share_of_queries_with_an_expected_article_in_the_top_three(home, capsys):
    load_corpus(home)
    selected = cases()
    hits, misses = 0, []
    for case in selected:
        slugs = top_slugs(case["q"], None)
        if set(slugs) & set(case["expect"]):
            hits += 1
        else:
            misses.append(f"{case['q']!r} ({case['kind']}): got {slugs}")
    share = hits / len(selected)
    with capsys.disabled():
        print(
            f"\nsearch evaluation on {connection.vendor}: {hits}/{len(selected)} "
            f"queries ({share:.0%}) have an expected article in the top 3"
        )
        for miss in misses:
            print(f"  miss: {miss}")
    assert len(selected) >= 15
    assert share >= FLOOR, misses
