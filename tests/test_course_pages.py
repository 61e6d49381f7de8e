"""The course page tree, unit order, previous/next, access to unit bodies and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from craft_course.models import (
    CourseIndexPage,
    CourseModulePage,
    CourseUnitPage,
    JournalEntry,
    UnitCompletion,
)
from tests.factories import (
    make_blog,
    make_course,
    make_module,
    make_small_course,
    make_unit,
    make_user,
)


def test_page_tree_rules(home):
    assert CourseIndexPage.can_create_at(home)
    assert not CourseModulePage.can_create_at(home)
    assert not CourseUnitPage.can_create_at(home)
    course = make_course(home)
    assert not CourseIndexPage.can_create_at(home), "only one course index"
    assert CourseModulePage.allowed_parent_page_models() == [CourseIndexPage]
    assert CourseUnitPage.allowed_parent_page_models() == [CourseModulePage]
    assert CourseIndexPage.allowed_subpage_models() == [CourseModulePage]
    assert CourseModulePage.allowed_subpage_models() == [CourseUnitPage]
    assert CourseUnitPage.allowed_subpage_models() == []
    module = make_module(course, 1)
    assert CourseUnitPage.can_create_at(module)
    assert not CourseUnitPage.can_create_at(course)
    index = make_blog(home)
    assert not CourseModulePage.can_create_at(index)
    assert not CourseIndexPage.can_create_at(Page.get_first_root_node())


def _unit_page(client, unit):
    response = client.get(unit.url)
    assert response.status_code == 200
    return response.context


def test_units_follow_tree_order_and_prev_next_crosses_modules_skipping_drafts(
    client, home, member
):
    course = make_course(home)
    first_module = make_module(course, 1)
    second_module = make_module(course, 2)
    a = make_unit(first_module, "Unit A")
    b = make_unit(first_module, "Unit B")
    draft = make_unit(first_module, "Draft unit", live=False)
    c = make_unit(second_module, "Unit C")
    # An editor drags B above A: the order follows the tree.
    b.move(a, pos="left")
    a.refresh_from_db()
    b.refresh_from_db()
    client.force_login(member)

    context = _unit_page(client, a)
    assert context["previous_unit"].page.pk == b.pk
    assert context["next_unit"].page.pk == c.pk, "skips the draft and crosses into module 2"
    context = _unit_page(client, c)
    assert context["previous_unit"].page.pk == a.pk
    assert context["next_unit"] is None
    context = _unit_page(client, b)
    assert context["previous_unit"] is None
    assert context["unit_entry"].position == 1

    outline = client.get("/api/v2/course/outline/").json()
    assert [u["title"] for u in outline[0]["units"]] == ["Unit B", "Unit A"]
    assert draft.pk not in [u["id"] for m in outline for u in m["units"]]
    assert client.get(f"/api/v2/pages/{a.pk}/").json()["next_unit_id"] == c.pk
    assert client.get(f"/api/v2/pages/{c.pk}/").json()["previous_unit_id"] == a.pk
    assert client.get(f"/api/v2/pages/{first_module.pk}/").json()["estimated_minutes"] == 20


def test_unit_page_shows_breadcrumb_toc_with_current_unit_and_complete_button(client, home, member):
    course, built = make_small_course(home)
    module, (unit, other) = built[0]
    client.force_login(member)

    html = client.get(unit.url).content.decode()

    assert f'<a href="{course.url}">{course.title}</a>' in html
    assert f"Module 1: {module.title}" in html
    assert f'<a href="{unit.url}" aria-current="page"><strong>{unit.title}</strong>' in html
    assert f'<a href="{other.url}">{other.title}</a>' in html
    assert "Mark as complete" in html
    # Members-only pages stay out of search engines, whoever reads them.
    assert '<meta name="robots" content="noindex">' in html


def test_anonymous_readers_get_summary_and_sign_in_prompt_never_the_body(client, home):
    course, built = make_small_course(home)
    unit = built[0][1][0]
    assert PageViewRestriction.objects.filter(page=unit).exists()

    response = client.get(unit.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert unit.summary in html
    assert "Secret body" not in html
    assert "What did you notice?" not in html, "exercise prompts are part of the body"
    assert '<meta name="robots" content="noindex">' in html
    assert f"/accounts/login/?next={unit.url}" in html.replace("%2F", "/")
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    # The outline stays public.
    outline_html = client.get(course.url).content.decode()
    assert unit.title in outline_html
    assert unit.summary in outline_html
    assert "Secret body" not in outline_html
    assert client.get(built[0][0].url).status_code == 200


def test_signed_in_non_member_gets_the_teaser_and_members_read_the_body(client, home, member):
    _course, built = make_small_course(home)
    unit = built[0][1][0]
    client.force_login(make_user("not-a-member"))
    html = client.get(unit.url).content.decode()
    assert "Secret body" not in html
    assert "This unit is for members" in html

    client.force_login(member)
    html = client.get(unit.url).content.decode()
    assert "Secret body" in html
    assert "This unit is for members" not in html


def test_unit_bodies_stay_out_of_the_public_api(client, home):
    _course, built = make_small_course(home)
    unit = built[0][1][0]

    listing = client.get("/api/v2/pages/", {"type": "craft_course.CourseUnitPage"})
    detail = client.get(f"/api/v2/pages/{unit.pk}/")

    # Listed with title and summary (issue 5), but the body is empty for anonymous readers.
    assert listing.json()["meta"]["total_count"] == 4
    assert detail.json()["body"] == []
    assert detail.json()["members_only"] is True
    for response in (listing, detail):
        assert "Secret body" not in response.content.decode()
    modules = client.get(
        "/api/v2/pages/", {"type": "craft_course.CourseModulePage", "fields": "*"}
    ).json()
    assert modules["meta"]["total_count"] == 2
    assert {"number", "summary", "estimated_minutes"} <= set(modules["items"][0])


def test_course_outline_lists_modules_and_units_without_bodies(client, home, member):
    course, built = make_small_course(home)
    UnitCompletion.objects.create(user=member, unit=built[0][1][0])

    public = client.get("/api/v2/course/outline/").json()
    client.force_login(member)
    mine = client.get("/api/v2/course/outline/").json()

    assert [m["number"] for m in public] == [1, 2]
    unit = public[0]["units"][0]
    assert set(unit) == {
        "id",
        "title",
        "slug",
        "url",
        "summary",
        "estimated_minutes",
        "position",
        "members_only",
    }
    assert public[0]["estimated_minutes"] == 20
    assert mine[0]["units"][0]["completed"] is True
    assert mine[0]["units"][1]["completed"] is False


def _build(home, modules, units_per_module, member):
    course, built = make_small_course(home, modules, units_per_module)
    units = [unit for _module, units in built for unit in units]
    for unit in units[::2]:
        UnitCompletion.objects.create(user=member, unit=unit)
        for block_id, _value in unit.exercises():
            JournalEntry.objects.create(
                user=member,
                unit=unit,
                exercise_id=block_id,
                prompt_index=0,
                exercise_number=1,
                exercise_title="t",
                prompt="p",
                answer="a",
            )
    return course, units


def _queries(client, url):
    client.get(url)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page_kind", ["course", "unit", "module"])
def test_query_counts_do_not_grow_with_the_course(client, home, member, page_kind):
    client.force_login(member)
    course, units = _build(home, 2, 2, member)
    url = {"course": course.url, "unit": units[-2].url, "module": units[0].get_parent().url}
    small = _queries(client, url[page_kind])

    extra_module = make_module(course, 9)
    for _ in range(10):
        unit = make_unit(extra_module)
        UnitCompletion.objects.create(user=member, unit=unit)
    for module in CourseModulePage.objects.child_of(course):
        make_unit(module)
    large = _queries(client, url[page_kind])

    assert large == small
    assert small <= 30
