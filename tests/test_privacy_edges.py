"""Corners of privacy found in review: caching, parents, probing filters, disagreeing forms."""

import pytest
from wagtail.models import PageViewRestriction

from core.access import Access
from tests.factories import (
    make_article,
    make_blog,
    make_course,
    make_module,
    make_page,
    make_unit,
    make_user,
    members_group,
    restrict,
    token_for,
)

pytestmark = pytest.mark.django_db


def test_a_members_only_page_without_its_restriction_row_is_never_cached(client, home):
    article = make_article("Flag only", members_only=True, body="zqflagbody")
    PageViewRestriction.objects.filter(page=article).delete()
    client.force_login(make_user(member=True))
    response = client.get(article.url)
    assert "zqflagbody" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_v3_never_names_a_draft_parent(client, home):
    section = make_page(home, "Draft section")
    child = make_article("Live child", parent=section)
    section.unpublish()
    data = client.get(f"/api/v3/pages/{child.pk}/").json()
    assert data["meta"]["parent"] is None
    assert "Draft section" not in client.get(f"/api/v3/pages/{child.pk}/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=articles.ArticlePage&standfirst=Secret+standfirst",
        "/api/v2/pages/?type=articles.ArticlePage&order=standfirst",
        "/api/v3/pages/?type=articles.ArticlePage&standfirst=Secret+standfirst",
        "/api/v3/pages/?type=articles.ArticlePage&order=-standfirst",
    ],
)
def test_a_teasers_content_cannot_be_probed_by_filter_or_order(client, home, url):
    make_article("Locked", members_only=True, standfirst="Secret standfirst")
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["parameter"] in ("standfirst", "order")


@pytest.mark.parametrize("version", ["v2", "v3"])
@pytest.mark.parametrize("order", ["slug", "random"])
def test_searching_with_an_order_the_backend_cannot_do_is_a_400(client, home, version, order):
    make_article("Sleep")
    response = client.get(f"/api/{version}/pages/", {"search": "sleep", "order": order})
    assert response.status_code == 400
    assert response.json()["parameter"] == "order"


def test_a_module_for_members_is_a_teaser_with_its_units_inside(client, home):
    course = make_course(home)
    module = make_module(course, 1)
    unit = make_unit(module, title="Inside the members' module", members_only=False)
    restrict(module, PageViewRestriction.GROUPS, groups=[members_group()])
    outline = client.get("/api/v2/course/outline/").json()
    assert [m["id"] for m in outline] == [module.pk]
    assert outline[0]["units"][0]["id"] == unit.pk
    assert outline[0]["units"][0]["members_only"] is True
    page = client.get(module.url)
    assert page.status_code == 200
    assert 'content="noindex"' in page.content.decode()
    assert client.get(f"/api/v2/pages/{unit.pk}/").json()["module_id"] == module.pk


def test_when_the_listing_and_the_check_disagree_the_check_wins(client, home, monkeypatch):
    """A safety net: a page the policy hides is never answered, even if a listing let it in."""
    article = make_article("Behind a password", body="zqnetbody")
    restrict(article, PageViewRestriction.PASSWORD, password="x-y-z")
    monkeypatch.setattr(Access, "listable", lambda self, queryset: queryset.live())
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 404
    assert client.get(f"/api/v3/pages/{article.pk}/").status_code == 404
    listed = client.get("/api/v2/pages/", {"type": "articles.ArticlePage"}).json()["items"]
    assert article.pk not in [item["id"] for item in listed]


def test_v3_reads_as_the_token_not_the_cookie(client, home):
    article = make_article("For members", members_only=True)
    member = make_user(member=True)
    with_token = client.get(f"/api/v3/related/{article.pk}/", headers=token_for(member))
    assert with_token.status_code == 200
    client.force_login(member)
    assert client.get(f"/api/v3/related/{article.pk}/").status_code == 404


def test_a_teaser_is_never_saved(home):
    article = make_article("Locked", members_only=True, parent=make_blog(home))
    with pytest.raises(RuntimeError):
        article.as_teaser().save()
