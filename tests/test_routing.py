"""Routing passes through sections without loading them in full, and serves full pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.url_routing import RouteResult

from articles.models import ArticleIndexPage
from craft_course.models import CourseIndexPage
from tests.factories import make_article, make_blog, make_page, make_small_course, make_user

pytestmark = pytest.mark.django_db


def tables_read(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return " ".join(query["sql"] for query in captured), response


def test_an_article_is_reached_without_reading_the_blog_in_full(client, home):
    article = make_article("Tapering safely", parent=make_blog(home))
    sql, response = tables_read(client, article.url)
    assert "Tapering safely" in response.content.decode()
    assert ArticleIndexPage._meta.db_table not in sql


def test_a_unit_is_reached_without_reading_the_course_in_full(client, home):
    _course, built = make_small_course(home, modules=1, units_per_module=2)
    unit = built[0][1][1]
    client.force_login(make_user("routing-member", member=True))
    sql, response = tables_read(client, unit.url)
    assert unit.title in response.content.decode()
    assert CourseIndexPage._meta.db_table not in sql


def test_the_served_page_is_loaded_in_full_when_a_section_answers_itself(client, home, monkeypatch):
    blog = make_blog(home)
    blog.intro = "Every article, newest first."
    blog.save_revision().publish()

    def answer_itself(self, request, path_components):
        return RouteResult(self, kwargs={"rest": path_components})

    monkeypatch.setattr(ArticleIndexPage, "route", answer_itself)
    seen = {}
    original = ArticleIndexPage.serve

    def serve(self, request, *args, **kwargs):
        seen["intro loaded"] = "intro" in self.__dict__
        return original(self, request)

    monkeypatch.setattr(ArticleIndexPage, "serve", serve)
    response = client.get(blog.url + "any/thing/")
    assert response.status_code == 200
    assert seen == {"intro loaded": True}


def test_a_missing_section_is_not_found(client, home):
    make_page(home, "A section")
    assert client.get("/no-such-section/deeper/").status_code == 404
