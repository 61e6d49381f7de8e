"""What readers get: article page, blog index, author pages, pagination and bounded queries."""

import json

import pytest

from articles.importer import ensure_index, import_records
from articles.models import ArticlePage
from home.models import AboutText, MembershipCallToAction
from topics.models import Topic

BODY = [
    {"type": "heading", "value": "The risks"},
    {"type": "paragraph", "value": "<p>Careful words about <b>risk</b>.</p>"},
    {"type": "question", "value": {"text": "Should I worry?", "pseudonym": "Steady Sister"}},
    {"type": "callout", "value": {"kind": "warning", "title": "Mixing", "text": "<p>Slow.</p>"}},
    {"type": "quote", "value": {"text": "Small steps count.", "attribution": "A parent"}},
]


def article(slug, **fields):
    data = {
        "slug": slug,
        "title": f"Article {slug}",
        "summary": f"Summary of {slug}.",
        "body": BODY,
        "topics": ["Benzodiazepines"],
        "authors": ["Dana Reyes"],
        "date": "2024-01-01",
    }
    data.update(fields)
    return data


def load(*records):
    result = import_records([json.dumps(r) for r in records])
    assert result.ok, result.errors
    return result


@pytest.fixture
def blog(home):
    AboutText.objects.create(name="Standard", heading="About us", body="<p>Since 2003.</p>")
    MembershipCallToAction.objects.create(
        name="Standard", heading="Join us", text="Members learn CRAFT.", button_url="/join/"
    )
    Topic.objects.create(name="Benzodiazepines", synonyms="benzos")
    return ensure_index()


def test_article_page_shows_the_full_anatomy(client, blog):
    load(
        article(
            "benzos-in-recovery",
            standfirst="Dr. Nair explains.",
            from_members_blog=True,
            topics=["benzos", "Anxiety"],
            authors=["Priya Nair", "Lee Chen"],
        )
    )
    response = client.get("/articles/benzos-in-recovery/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1" in html
    assert "Article benzos-in-recovery" in html
    assert 'href="/authors/priya-nair/">Priya Nair</a> and <a href="/authors/lee-chen/"' in html
    assert 'href="/topics/benzodiazepines/"' in html
    assert 'href="/topics/anxiety/"' in html
    assert "1 min read" in html
    assert '<time datetime="2024-01-01">' in html
    assert "first appeared on the members' blog" in html
    assert "Dr. Nair explains." in html
    assert "Steady Sister" in html
    assert "Careful words about" in html
    assert "Since 2003." in html
    assert "Join us" in html
    assert '<link rel="canonical" href="http://localhost/articles/benzos-in-recovery/">' in html
    assert '<meta property="og:title" content="Article benzos-in-recovery">' in html
    ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["@type"] == "Article"
    assert ld["author"][1]["name"] == "Lee Chen"
    assert ld["datePublished"] == "2024-01-01"
    assert 'name="robots"' not in html


def test_a_chosen_banner_replaces_the_standard_one(client, blog):
    load(article("chosen"))
    special = MembershipCallToAction.objects.create(
        name="Special", heading="Special offer", text="."
    )
    page = ArticlePage.objects.get(slug="chosen")
    page.call_to_action = special
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Special offer" in html
    assert "Join us" not in html


def test_reading_time_grows_with_the_body(blog):
    words = " ".join(["word"] * 1100)
    load(article("long", body=[{"type": "paragraph", "value": f"<p>{words}</p>"}]))
    assert ArticlePage.objects.get(slug="long").reading_time == 5


def test_blog_index_lists_newest_first_twelve_per_page(client, blog):
    load(*[article(f"a{i:02}", date=f"2024-01-{i + 1:02}") for i in range(14)])

    first = client.get("/articles/").content.decode()
    second = client.get("/articles/?page=2").content.decode()

    assert first.index("Article a13") < first.index("Article a12")
    assert first.count('class="card"') == 12
    assert "Page 1" in first
    assert 'href="?page=2" rel="next"' in first
    assert second.count('class="card"') == 2
    assert "Article a00" in second


@pytest.mark.parametrize(("query", "expected"), [("abc", 1), ("999", 2), ("-1", 2), ("", 1)])
def test_pagination_never_fails(client, blog, query, expected):
    load(*[article(f"p{i:02}") for i in range(13)])
    response = client.get(f"/articles/?page={query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Page {expected}</li>" in html
    assert html.count('class="card"') == (12 if expected == 1 else 1)


def test_blog_index_filters_by_topic_and_explains_an_unknown_one(client, blog):
    load(article("on-topic"), article("off-topic", topics=["Alcohol"]))
    html = client.get("/articles/?topic=alcohol").content.decode()
    assert "Article off-topic" in html
    assert "Article on-topic" not in html
    unknown = client.get("/articles/?topic=nothing-here")
    assert unknown.status_code == 200
    assert "There is no topic called" in unknown.content.decode()


def test_author_page_lists_their_articles(client, blog):
    load(article("theirs", authors=["Sam Okafor"]), article("other"))
    response = client.get("/authors/sam-okafor/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Article theirs" in html
    assert "Article other" not in html
    assert client.get("/authors/nobody/").status_code == 404


def test_drafts_never_appear(client, blog):
    load(article("draft", live=False), article("published"))
    assert client.get("/articles/draft/").status_code == 404
    html = client.get("/articles/").content.decode()
    assert "Article published" in html
    assert "Article draft" not in html
    assert "Article draft" not in client.get("/authors/dana-reyes/").content.decode()
    assert "Article draft" not in client.get("/topics/benzodiazepines/").content.decode()


def _build(n_topics, n_authors, n_blocks, count=3):
    records = []
    for i in range(count):
        records.append(
            article(
                f"q{n_topics}-{i}",
                topics=[f"Topic {n_topics}-{t}" for t in range(n_topics)],
                authors=[f"Author {n_authors}-{a}" for a in range(n_authors)],
                body=BODY * n_blocks,
            )
        )
    load(*records)
    return records


@pytest.mark.parametrize(("n_topics", "n_authors", "n_blocks"), [(1, 1, 1), (8, 6, 10)])
def test_page_queries_do_not_grow_with_topics_authors_or_blocks(
    client, blog, django_assert_max_num_queries, n_topics, n_authors, n_blocks
):
    _build(n_topics, n_authors, n_blocks, count=13)
    slug = f"q{n_topics}-0"
    client.get("/articles/")  # warm the site and settings caches
    # The article page includes the related-posts section (about 8 queries, constant).
    with django_assert_max_num_queries(24):
        assert client.get(f"/articles/{slug}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/articles/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/topics/topic-{n_topics}-0/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/authors/author-{n_authors}-0/").status_code == 200
