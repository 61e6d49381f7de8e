"""The /search/ page through HTTP: results, filters, forgiveness, empty and fruitless queries."""

import pytest
from django.db import connection

from search.models import ZeroResultQuery
from tests.factories import make_article, make_blog
from tests.search_data import load_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(home):
    """A handful of articles from the evaluation file, with every topic."""
    wanted = {
        "benzo-tapering",
        "naloxone-at-home",
        "overdose-signs",
        "alcohol-withdrawal",
        "calm-conversations",
    }
    return load_corpus(home, only=wanted)


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_results_show_count_title_type_date_topics_and_highlighted_excerpt(client, corpus):
    html = search(client, q="delirium")

    article = corpus["alcohol-withdrawal"]
    assert "1 result" in html
    assert article.title.replace("?", "") in html
    assert article.url in html
    assert ">Article · <time" in html
    assert article.date.strftime("%Y-%m-%d") in html
    assert ">Alcohol</a>" in html
    assert "<mark>Delirium</mark> tremens" in html
    assert '<meta name="robots" content="noindex">' in html


def test_topic_and_type_filters(client, corpus):
    everything = search(client, q="overdose breathing")
    by_topic = search(client, q="overdose breathing", topic="naloxone")
    courses = search(client, q="overdose breathing", type="course")

    assert corpus["overdose-signs"].title in everything
    assert corpus["naloxone-at-home"].title in everything
    assert corpus["naloxone-at-home"].title in by_topic
    assert corpus["overdose-signs"].title not in by_topic
    assert corpus["naloxone-at-home"].title not in courses
    assert "Nothing matched" in courses


def test_unknown_filter_values_are_explained_not_errors(client, corpus):
    html = search(client, q="overdose", topic="no-such-topic", type="podcast")

    assert "There is no topic “no-such-topic”" in html
    assert "“podcast” is not a result type" in html
    assert corpus["overdose-signs"].title in html


@pytest.mark.parametrize(
    ("query", "slug"),
    [("benzos", "benzo-tapering"), ("Klonopin", "benzo-tapering"), ("Narcan", "naloxone-at-home")],
)
def test_synonyms_and_brand_names_find_the_topic_content(client, corpus, query, slug):
    html = search(client, q=query)

    assert corpus[slug].title in html
    assert "Nothing matched" not in html


def test_synonym_query_lists_the_matching_topic(client, corpus):
    html = search(client, q="Narcan")

    assert 'id="matching-topics"' in html
    assert ">Naloxone</a>" in html


def test_misspelt_topic_word_is_corrected_on_any_database(client, corpus):
    html = search(client, q="nalaxone")

    assert corpus["naloxone-at-home"].title in html
    assert "Also searched for “naloxone”" in html


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Misspellings of words found only in article bodies need PostgreSQL trigram "
    "matching (Wagtail's Fuzzy query); SQLite FTS5 has no fuzzy search.",
)
def test_misspelt_body_word_finds_results_on_postgresql(client, corpus):
    html = search(client, q="tremers")

    assert corpus["alcohol-withdrawal"].title in html


@pytest.mark.parametrize(
    "query",
    [
        '"overdose',
        "overdose AND OR NOT",
        "(overdose)*",
        "overdose: -signs^2",
        "overdose!!! ???",
        "l'overdose",
        "NEAR(overdose signs)",
    ],
)
def test_punctuation_and_operators_never_break_a_query(client, corpus, query):
    html = search(client, q=query)

    assert corpus["overdose-signs"].title in html


def test_stop_words_alone_give_the_helpful_page(client, corpus):
    html = search(client, q="how do I the and")

    assert "Nothing matched" in html
    assert 'id="crisis-heading"' in html


def test_empty_query_shows_popular_topics(client, corpus):
    html = search(client, q="   ")

    assert "Popular topics" in html
    assert ">Opioids</a>" in html
    assert "Nothing matched" not in html


def test_no_results_page_suggests_topics_and_crisis_resources_and_is_recorded(client, corpus):
    html = search(client, q="qwertyzx plokmijn")

    assert "Nothing matched “qwertyzx plokmijn”" in html
    assert "Suggested topics" in html
    assert 'class="crisis-list"' in html
    assert ZeroResultQuery.objects.get(query_string="qwertyzx plokmijn").hits == 1
    search(client, q="Qwertyzx   plokmijn")
    assert ZeroResultQuery.objects.get(query_string="qwertyzx plokmijn").hits == 2


def test_a_script_in_the_query_is_shown_as_text(client, corpus):
    html = search(client, q="<script>alert('x')</script> overdose")

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html
    assert corpus["overdose-signs"].title in html


def test_html_in_content_is_escaped_before_highlighting(client, home):
    index = make_blog(home)
    make_article(
        "Notes on lozenges",
        parent=index,
        body="Ignore &lt;img src=x onerror=alert(1)&gt; and read about lozenges & sprays.",
        summary="Plain words about <b>lozenges</b>.",
    )

    html = search(client, q="lozenges")

    assert "<img src=x" not in html
    assert "<b>lozenges" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&amp;lt;" not in html
    assert "<mark>lozenges</mark> &amp; sprays" in html


def test_pagination_tolerates_junk_and_out_of_range_pages(client, home):
    index = make_blog(home)
    for number in range(12):
        make_article(f"Sleep advice {number}", parent=index, body="Sleep routines for families.")

    first = search(client, q="sleep", page="abc")
    last = search(client, q="sleep", page="999")
    negative = search(client, q="sleep", page="-3")

    assert "12 results, page 1 of 2" in first
    assert first.count('class="result"') == 10
    assert "12 results, page 2 of 2" in last
    assert last.count('class="result"') == 2
    assert "page 1 of 2" in negative
    assert 'rel="next"' in first
    assert "page=2" in first


def test_publishing_and_unpublishing_update_the_index(client, home):
    index = make_blog(home)
    article = make_article("Quokka therapy", parent=index, body="Unusual words.")
    assert "Quokka therapy" in search(client, q="quokka")

    article.unpublish()
    assert "Nothing matched" in search(client, q="quokka")


def test_update_index_rebuilds_the_index(client, home):
    from io import StringIO

    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    index = make_blog(home)
    make_article("Wombat weekends", parent=index, body="Plans for calm weekends.")
    IndexEntry.objects.all().delete()
    assert "Nothing matched" in search(client, q="wombat")

    call_command("update_index", stdout=StringIO(), stderr=StringIO())

    assert "Wombat weekends" in search(client, q="wombat")
