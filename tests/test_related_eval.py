"""Relevance evaluation on a labelled set of articles written for the project.

``tests/data/related_eval.jsonl`` holds 30 short articles in four clusters (medication,
communication, self-care, treatment) and two unrelated ones. Four are "generic": they
carry only the topics every article has (CRAFT, Families), so only their text can place
them. For each query article the relevant ones are the rest of its cluster.

Floors: a random ranking scores P@5 about 0.2 here, and topic overlap alone cannot place
the generic articles at all. The engine scores P@5 0.84 and nDCG@5 0.86 (printed with
-s); we require P@5 >= 0.8 and nDCG@5 >= 0.83, and that each generic benzodiazepine
article finds its two generic siblings in its top five, and only medication articles in
its top three, from text alone.
"""

import json
import math
from pathlib import Path

import pytest

from articles.related import core
from articles.related.analysis import analyse

DATA = Path(__file__).parent / "data" / "related_eval.jsonl"
ARTICLES = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
BENZO_GENERIC = {27, 28, 29}


def relevant_for(article):
    if article["cluster"] == "other":
        return None
    return {a["id"] for a in ARTICLES if a["cluster"] == article["cluster"]} - {article["id"]}


def ranking(weights=core.WEIGHTS):
    topic_ids = {}
    docs = [
        core.Document(
            a["id"],
            tuple(topic_ids.setdefault(t, len(topic_ids) + 1) for t in a["topics"]),
            analyse(a["title"], a["summary"], a["body"]),
            740000,
        )
        for a in ARTICLES
    ]
    return {r.source: [i.id for i in r.items] for r in core.rank(core.Index(docs, weights))}


def precision_at_5(ranked, relevant):
    return sum(1 for pk in ranked[:5] if pk in relevant) / 5


def ndcg_at_5(ranked, relevant):
    dcg = sum(1 / math.log2(i + 2) for i, pk in enumerate(ranked[:5]) if pk in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(5, len(relevant))))
    return dcg / ideal


@pytest.fixture(scope="module")
def results():
    lists = ranking()
    rows = []
    for article in ARTICLES:
        relevant = relevant_for(article)
        if relevant:
            ranked = lists[article["id"]]
            rows.append((article, ranked, relevant))
    return rows


def test_precision_and_ndcg_at_5_clear_the_floors(results):
    precision = sum(precision_at_5(r, rel) for _, r, rel in results) / len(results)
    ndcg = sum(ndcg_at_5(r, rel) for _, r, rel in results) / len(results)
    print(
        f"\nrelated posts evaluation: {len(results)} queries, P@5={precision:.3f}, "
        f"nDCG@5={ndcg:.3f}"
    )
    for article, ranked, relevant in results:
        if ndcg_at_5(ranked, relevant) < 0.8:
            print(f"  weak: {article['id']} {article['title']!r} -> {ranked[:5]}")
    assert precision >= 0.8
    assert ndcg >= 0.83


@pytest.mark.parametrize("query", sorted(BENZO_GENERIC))
def test_text_separates_articles_that_share_only_generic_topics(results, query):
    ranked, relevant = next((r, rel) for a, r, rel in results if a["id"] == query)
    assert BENZO_GENERIC - {query} <= set(ranked[:5])
    assert set(ranked[:3]) <= relevant


def test_topic_overlap_alone_cannot_do_it():
    """The baseline: with text switched off, generic articles have no related posts."""
    topic_ids = {}
    docs = [
        core.Document(a["id"], tuple(topic_ids.setdefault(t, len(topic_ids)) for t in a["topics"]))
        for a in ARTICLES
    ]
    index = core.Index(docs, core.Weights(text=0.0, topics=1.0))
    lists = {r.source: r.items for r in core.rank(index)}
    assert lists[27] == ()
