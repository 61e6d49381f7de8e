"""API v2 pages: what an app gets for each page type, rich text, images, topics, order."""

import re

import pytest

from home.models import HomePageFeaturedPage
from tests.factories import make_article, make_author, make_blog, make_image, make_topic

INTERNAL_MARKUP = re.compile(r"linktype=|embedtype=|<embed")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def blog(home):
    return make_blog(home)


@pytest.fixture
def rich_article(blog):
    photo = make_image("Portrait")
    hero = make_image("Kitchen table")
    author = make_author("Dr Sam Lee", photo=photo)
    topic = make_topic("Benzodiazepines", "benzos, Xanax")
    link = f'<p>Read <a linktype="page" id="{blog.pk}">the blog</a> first.</p>'
    body = [
        {"type": "heading", "value": {"text": "Start here", "level": "h2"}},
        {"type": "paragraph", "value": link},
        {"type": "callout", "value": {"kind": "warning", "title": "Risk", "text": link}},
        {"type": "image", "value": {"image": hero.pk, "alt_text": "A table", "caption": ""}},
        {"type": "question", "value": {"text": "Is it safe?", "pseudonym": "Worried Mom"}},
    ]
    return make_article(
        parent=blog,
        title="Tapering safely",
        standfirst="Dr Lee explains.",
        topics=[topic],
        authors=[author],
        hero_image=hero,
        hero_alt="Two mugs on a kitchen table",
        from_members_blog=True,
        body=body,
    )


def test_article_detail_has_every_field_an_app_needs(client, rich_article):
    data = client.get(f"/api/v2/pages/{rich_article.pk}/").json()
    assert data["title"] == "Tapering safely"
    assert data["summary"] == "What Tapering safely covers."
    assert data["standfirst"] == "Dr Lee explains."
    assert data["date"] == rich_article.date.isoformat()
    assert data["reading_time"] == rich_article.reading_time == 1
    assert data["from_members_blog"] is True
    assert data["members_only"] is False
    assert data["meta"]["type"] == "articles.ArticlePage"
    assert data["meta"]["html_url"].endswith(rich_article.url)

    [author] = data["authors"]
    assert {k: author[k] for k in ("name", "role")} == {"name": "Dr Sam Lee", "role": "Counsellor"}
    assert author["slug"]
    photo = author["photo"]["renditions"]["fill-160x160"]
    assert photo["url"].startswith("/media/images/")
    assert (photo["width"], photo["height"]) == (30, 30)

    assert data["topics"] == [
        {"id": data["topics"][0]["id"], "name": "Benzodiazepines", "slug": "benzodiazepines"}
    ]
    hero = data["hero_image"]
    assert hero["alt"] == "Two mugs on a kitchen table"
    assert set(hero["renditions"]) == {"width-800", "width-1600"}
    for rendition in hero["renditions"].values():
        assert rendition["url"].startswith("/media/images/")
        assert rendition["width"] > 0
        assert rendition["height"] > 0

    assert [block["type"] for block in data["body"]] == [
        "heading",
        "paragraph",
        "callout",
        "image",
        "question",
    ]


def test_body_rich_text_is_front_end_html(client, rich_article, blog):
    response = client.get(f"/api/v2/pages/{rich_article.pk}/")
    assert not INTERNAL_MARKUP.search(response.content.decode())
    body = {block["type"]: block["value"] for block in response.json()["body"]}
    assert f'<a href="http://testserver{blog.url}">the blog</a>' in body["paragraph"]
    assert f'<a href="http://testserver{blog.url}">the blog</a>' in body["callout"]["text"]
    image = body["image"]
    assert image["alt"] == "A table"
    rendition = image["image"]["renditions"]["width-800"]
    assert rendition["url"].startswith("/media/images/")
    assert rendition["full_url"] == "http://testserver" + rendition["url"]


def test_listing_with_all_fields_has_the_body(client, rich_article):
    """As in Wagtail: ``fields=*`` lists every field, the body included."""
    data = client.get("/api/v2/pages/?type=articles.ArticlePage&fields=*").json()
    [item] = data["items"]
    assert [block["type"] for block in item["body"]][:2] == ["heading", "paragraph"]
    assert item["authors"][0]["name"] == "Dr Sam Lee"
    assert item["hero_image"]["renditions"]["width-800"]["url"]
    assert item["reading_time"] == 1


def test_home_page_has_featured_pages_and_crisis_resources(client, home, rich_article, blog):
    draft = make_article(parent=blog, title="Unfinished", publish=False)
    for page in (rich_article, draft):
        HomePageFeaturedPage.objects.create(home=home, page=page)
    data = client.get(f"/api/v2/pages/{home.pk}/").json()
    assert data["intro"] == home.intro
    assert [page["title"] for page in data["featured_pages"]] == ["Tapering safely"]
    featured = data["featured_pages"][0]
    assert featured["summary"] == "What Tapering safely covers."
    assert featured["members_only"] is False
    resources = data["crisis_resources"]
    assert resources["heading"] == "Get help now"
    assert any(item["phone"] == "988" for item in resources["resources"])


def test_article_index_page_is_served(client, blog):
    data = client.get(f"/api/v2/pages/{blog.pk}/").json()
    assert data["meta"]["type"] == "articles.ArticleIndexPage"
    assert data["title"] == "Articles"


def test_topic_filter_resolves_synonyms_and_is_any_of(client, blog):
    benzos = make_topic("Benzodiazepines", "benzos")
    alcohol = make_topic("Alcohol", "drinking")
    a = make_article(parent=blog, title="Benzo article", topics=[benzos])
    b = make_article(parent=blog, title="Alcohol article", topics=[alcohol])
    make_article(parent=blog, title="Untagged")

    def titles(query):
        response = client.get(f"/api/v2/pages/?{query}")
        assert response.status_code == 200, response.content
        return sorted(item["title"] for item in response.json()["items"])

    assert titles("topic=benzodiazepines") == [a.title]
    assert titles("topic=Benzos") == [a.title]
    assert titles("topic=drinking&topic=benzos") == sorted([a.title, b.title])
    assert titles("topic=alcohol,benzodiazepines") == sorted([a.title, b.title])
    assert titles("topic=alcohol&type=articles.ArticlePage") == [b.title]


def test_order_by_date(client, blog):
    import datetime

    for day in (3, 1, 2):
        make_article(parent=blog, title=f"Day {day}", date=datetime.date(2026, 1, day))
    newest = client.get("/api/v2/pages/?type=articles.ArticlePage&order=-date").json()
    assert [item["title"] for item in newest["items"]] == ["Day 3", "Day 2", "Day 1"]
    oldest = client.get("/api/v2/pages/?type=articles.ArticlePage&order=date&fields=date").json()
    assert [item["date"] for item in oldest["items"]] == [
        "2026-01-01",
        "2026-01-02",
        "2026-01-03",
    ]


def test_search_finds_articles(client, blog):
    make_article(parent=blog, title="Talking about treatment", summary="Ways to suggest rehab.")
    make_article(parent=blog, title="Self-care", summary="Looking after yourself.")
    data = client.get("/api/v2/pages/?search=treatment&type=articles.ArticlePage").json()
    assert [item["title"] for item in data["items"]] == ["Talking about treatment"]


def test_search_pages_through_ranked_matches_then_locked_ones(client, blog):
    """Each page of a search holds the next matches: readable ones by relevance, then
    members-only ones (title and summary only); the total counts them all."""
    best = make_article(parent=blog, title="Detox help", summary="Detox, detox and detox again.")
    good = [
        make_article(parent=blog, title=f"Note {n}", summary="A word on detox.") for n in range(3)
    ]
    locked = make_article(parent=blog, title="Detox for members", members_only=True)
    make_article(parent=blog, title="Unrelated", summary="Gardening.")

    def page(offset, limit=2):
        query = f"search=detox&type=articles.ArticlePage&offset={offset}&limit={limit}"
        return client.get(f"/api/v2/pages/?{query}").json()

    pages = [page(0), page(2), page(4)]
    assert {data["meta"]["total_count"] for data in pages} == {5}
    ids = [item["id"] for data in pages for item in data["items"]]
    assert ids[0] == best.pk
    assert sorted(ids[1:4]) == sorted(p.pk for p in good)
    assert ids[4] == locked.pk
    assert page(5)["items"] == []
    assert [item["id"] for item in page(3, limit=5)["items"]] == ids[3:]


def test_paging_defaults_to_20_and_allows_100(client, blog):
    for _ in range(22):
        make_article(parent=blog)
    data = client.get("/api/v2/pages/?type=articles.ArticlePage").json()
    assert data["meta"]["total_count"] == 22
    assert len(data["items"]) == 20
    assert (
        len(client.get("/api/v2/pages/?type=articles.ArticlePage&limit=100").json()["items"]) == 22
    )
    page_two = client.get("/api/v2/pages/?type=articles.ArticlePage&offset=20").json()
    assert len(page_two["items"]) == 2


def test_topics_endpoint(client, blog):
    topic = make_topic("Alcohol", "drinking, booze")
    make_article(parent=blog, topics=[topic])
    make_article(parent=blog, topics=[topic], members_only=True)
    make_article(parent=blog, topics=[topic], publish=False)
    listing = client.get("/api/v2/topics/").json()
    [item] = listing["items"]
    assert item["name"] == "Alcohol"
    assert item["slug"] == "alcohol"
    assert item["synonyms"] == ["drinking", "booze"]
    assert item["article_count"] == 2
    assert item["html_url"] == f"http://localhost{blog.url}?topic=alcohol"
    detail = client.get(f"/api/v2/topics/{topic.pk}/").json()
    assert {k: detail[k] for k in item if k != "meta"} == {k: item[k] for k in item if k != "meta"}
    assert client.get("/api/v2/topics/?search=boo").json()["meta"]["total_count"] == 1
