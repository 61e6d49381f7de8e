"""The course in the API: unit and module fields on v2, the outline router on v3."""

import pytest
from wagtail.models import APIToken

from tests.factories import make_article, make_blog, make_small_course, make_topic, make_unit


@pytest.fixture
def course(home):
    return make_small_course(home, modules=2, units_per_module=2)


def test_unit_fields_and_locked_body(client, member, course):
    _course, [(module, [first, second]), _] = course
    data = client.get(f"/api/v2/pages/{second.pk}/").json()
    assert data["summary"] == second.summary
    assert data["estimated_minutes"] == 10
    assert data["module_id"] == module.pk
    assert data["position"] == 2
    assert data["previous_unit_id"] == first.pk
    assert data["members_only"] is True
    assert data["body"] == []
    assert "Secret body" not in client.get(f"/api/v2/pages/{second.pk}/").content.decode()
    client.force_login(member)
    assert "Secret body" in client.get(f"/api/v2/pages/{second.pk}/").content.decode()


def test_units_are_listed_with_title_and_summary(client, course):
    items = client.get("/api/v2/pages/?type=craft_course.CourseUnitPage&fields=*").json()["items"]
    assert len(items) == 4
    assert all(item["members_only"] is True and item["body"] == [] for item in items)


def test_topic_filter_finds_course_units_by_topic_or_synonym(client, course):
    _course, [(module, _units), _] = course
    topic = make_topic("Benzodiazepines", "benzos")
    unit = make_unit(module, title="Tapering together", topics=["Benzodiazepines"])
    article = make_article(parent=make_blog(_course.get_parent()), topics=[topic])

    def ids(query):
        response = client.get(f"/api/v2/pages/?{query}")
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert ids("type=craft_course.CourseUnitPage&topic=benzos") == {unit.pk}
    both = "type=articles.ArticlePage,craft_course.CourseUnitPage&topic=benzodiazepines"
    assert ids(both) == {unit.pk, article.pk}
    assert ids("topic=benzos") == {article.pk}  # without a type, articles (as documented)


def test_module_fields(client, course):
    _course, [(module, _units), _] = course
    data = client.get(f"/api/v2/pages/{module.pk}/").json()
    assert data["number"] == 1
    assert data["goals"] == ["Notice patterns", "Stay safe"]
    assert data["estimated_minutes"] == 20


def test_v3_course_outline(client, member, course):
    outline = client.get("/api/v3/course/outline/").json()
    assert [module["number"] for module in outline] == [1, 2]
    unit = outline[0]["units"][0]
    assert unit["summary"].startswith("Summary of")
    assert unit.get("completed") is None
    assert "body" not in unit
    paths = client.get("/api/v3/openapi.json").json()["paths"]
    assert "/api/v3/course/outline/" in paths

    _token, key = APIToken.create_token(user=member, name="phone")
    with_token = client.get("/api/v3/course/outline/", headers={"Authorization": f"Bearer {key}"})
    assert with_token.json()[0]["units"][0]["completed"] is False
