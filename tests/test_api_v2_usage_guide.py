"""The examples of Wagtail's "API v2 Usage Guide", replayed against this API.

Front ends written for Wagtail's API (its Next.js workshop, maintained integrations) follow
that guide (docs/advanced_topics/api/v2/usage.md in Wagtail's repository); each test is
one of its examples, with this site's page types in place of the guide's ``blog.BlogPage``
(``articles.ArticlePage``) and ``feed_image`` (``hero_image``).
"""

import pytest
from django.db import transaction
from django.test import override_settings

from tests.factories import make_article
from tests.front_end_site import build_site

ARTICLES = "/api/v2/pages/?type=articles.ArticlePage"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """One site for the whole module (built once: the examples only read), rolled back after."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), media:
        atomic = transaction.atomic()
        atomic.__enter__()
        built = build_site()
        make_article(parent=built["blog"], title="Another article", slug="another")
        yield built
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def get(client, site, db):
    def get(path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.content)
        return response.json()

    return get


def test_example_response_has_items_and_an_absolute_detail_url(get):
    data = get("/api/v2/pages/")
    assert data["meta"]["total_count"] == len(data["items"]) > 1
    for item in data["items"]:
        assert item["meta"]["detail_url"] == f"http://testserver/api/v2/pages/{item['id']}/"


def test_custom_page_fields_with_type_and_nested_authors(get):
    """``?type=blog.BlogPage&fields=published_date,body,authors(name)``."""
    data = get(f"{ARTICLES}&fields=date,body,authors(name)")
    article = next(item for item in data["items"] if item["meta"]["slug"] == "tapering-safely")
    assert article["meta"]["html_url"] == "http://testserver/articles/tapering-safely/"
    assert article["date"]
    assert article["body"][0] == {
        "type": "heading",
        "value": {"text": "Start here", "level": "h2"},
        "id": article["body"][0]["id"],
    }
    assert article["authors"] == [{"id": article["authors"][0]["id"], "name": "Dr Sam Lee"}]


def test_one_post_by_slug_with_its_body(get):
    """How front ends fetch a post: ``?type=…&slug=…&fields=body``."""
    data = get(f"{ARTICLES}&slug=tapering-safely&fields=body")
    [item] = data["items"]
    assert [block["type"] for block in item["body"]][:2] == ["heading", "paragraph"]


def test_pagination(get):
    first = get("/api/v2/pages/?limit=2")["items"]
    second = get("/api/v2/pages/?offset=2&limit=2")["items"]
    assert len(first) == 2
    assert not {item["id"] for item in first} & {item["id"] for item in second}


def test_ordering_ascending_descending_and_random(get):
    titles = [item["title"] for item in get("/api/v2/pages/?order=title")["items"]]
    assert titles == sorted(titles)
    reverse = [item["title"] for item in get("/api/v2/pages/?order=-title")["items"]]
    assert reverse == sorted(titles, reverse=True)
    shuffled = get("/api/v2/pages/?order=random")["items"]
    assert sorted(item["title"] for item in shuffled) == sorted(titles)


def test_filtering_by_slug(get, site):
    [about] = get("/api/v2/pages/?slug=about")["items"]
    assert about["id"] == site["about"].pk
    assert about["meta"]["html_url"] == "http://testserver/about/"


def test_menu_from_child_of_home_and_show_in_menus(get, site):
    items = get(f"/api/v2/pages/?child_of={site['home'].pk}&show_in_menus=true")["items"]
    assert [item["title"] for item in items] == ["About us"]


def test_ancestor_of_and_descendant_of(get, site):
    index = get(f"/api/v2/pages/?ancestor_of={site['article'].pk}&type=articles.ArticleIndexPage")
    assert [item["id"] for item in index["items"]] == [site["blog"].pk]
    under = get(f"/api/v2/pages/?descendant_of={site['course'].pk}")["items"]
    assert {item["id"] for item in under} == {site["module"].pk, site["unit"].pk}


def test_filtering_by_site(get):
    assert get("/api/v2/pages/?site=testserver")["meta"]["total_count"] > 1
    assert get("/api/v2/pages/?site=testserver:80")["meta"]["total_count"] > 1


def test_search_with_operator_and_order(get, site):
    found = get("/api/v2/pages/?search=tapering")["items"]
    assert site["article"].pk in {item["id"] for item in found}
    ordered = "/api/v2/pages/?search=tapering&order=-first_published_at&search_operator=and"
    assert site["article"].pk in {item["id"] for item in get(ordered)["items"]}


def test_additional_fields_across_relationships(get):
    """``?fields=body,feed_image(width,height)`` nests the image's width and height."""
    items = get(f"{ARTICLES}&slug=tapering-safely&fields=body,hero_image(width,height)")["items"]
    assert items[0]["hero_image"] == {
        "id": items[0]["hero_image"]["id"],
        "width": 40,
        "height": 30,
    }
    assert items[0]["body"]


def test_all_fields_include_the_body(get):
    item = get(f"{ARTICLES}&slug=tapering-safely&fields=*")["items"][0]
    assert {"body", "summary", "authors", "topics", "hero_image", "members_only"} <= set(item)


def test_removing_fields(get):
    item = get(f"{ARTICLES}&slug=tapering-safely&fields=*,-body")["items"][0]
    assert "body" not in item
    assert "summary" in item
    item = get(f"{ARTICLES}&slug=tapering-safely&fields=-title,body")["items"][0]
    assert "title" not in item
    assert item["body"]


def test_removing_all_default_fields(get):
    item = get("/api/v2/pages/?fields=_,title")["items"][0]
    assert set(item) == {"title"}


def test_detail_view_and_its_fields(get, site):
    page = site["article"]
    data = get(f"/api/v2/pages/{page.pk}/")
    assert {"body", "authors", "hero_image"} <= set(data)
    assert data["meta"]["parent"]["id"] == site["blog"].pk
    slim = get(f"/api/v2/pages/{page.pk}/?fields=_,title,body")
    assert set(slim) == {"title", "body"}


def test_find_by_html_path(client, site, db):
    response = client.get("/api/v2/pages/find/?html_path=/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://testserver/api/v2/pages/{site['home'].pk}/")


def test_images_and_documents_endpoints(get, site):
    image = get(f"/api/v2/images/{site['hero'].pk}/")
    assert (image["width"], image["height"]) == (40, 30)
    assert image["meta"]["download_url"].startswith("http://testserver/media/")
    document = get(f"/api/v2/documents/{site['document'].pk}/")
    assert document["meta"]["download_url"].startswith("http://testserver/documents/")


def test_every_page_type_exports_its_own_fields(get):
    assert get("/api/v2/pages/?type=articles.ArticleIndexPage&fields=intro")["items"][0][
        "intro"
    ] == ("Practical articles for families.")
    about = get("/api/v2/pages/?type=pages.ContentPage&fields=intro,body")["items"][0]
    assert about["intro"] == "Who we are."
    assert about["body"][0]["type"] == "paragraph"
    join = get("/api/v2/pages/?type=membership.JoinPage&fields=*")["items"][0]
    assert join["intro"] == "Join us."
    assert 'href="http://testserver/about/"' in join["how_to_join"]


def test_rich_text_format_is_honoured_or_refused(client, get, site):
    detail = f"/api/v2/pages/{site['article'].pk}/"
    html = get(detail)["body"][1]["value"]
    assert html.startswith("<p>Read <a href=")
    db_html = get(f"{detail}?rich_text_format=db_html")["body"][1]["value"]
    assert 'linktype="page"' in db_html
    markdown = get(f"{detail}?rich_text_format=markdown")["body"][1]["value"]
    assert markdown.startswith("Read [the blog](http://testserver/articles/)")
    for version in ("v2", "v3"):
        response = client.get(f"/api/{version}/pages/{site['article'].pk}/?rich_text_format=rtf")
        assert response.status_code == 400
        assert response.json()["parameter"] == "rich_text_format"


def test_unknown_nested_fields_are_refused(client, site, db):
    response = client.get(f"{ARTICLES}&fields=authors(shoe_size)")
    assert response.status_code == 400
    assert response.json() == {
        "message": "fields: unknown fields: authors(shoe_size)",
        "parameter": "fields",
    }
