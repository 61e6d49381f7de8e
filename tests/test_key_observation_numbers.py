"""Key Observation numbers follow course order and are never typed (issues 15 and 17)."""

import pytest

from craft_course.models import CourseUnitPage
from tests.factories import exercise_block, make_course, make_module, make_unit

pytestmark = pytest.mark.django_db


def numbers(unit):
    unit = CourseUnitPage.objects.get(pk=unit.pk)
    return [value["number"] for _id, value in unit.exercises()]


def test_typed_duplicates_are_replaced_by_course_order_and_follow_moves(home, client, member):
    course = make_course(home)
    one, two = make_module(course, 1), make_module(course, 2)
    first = make_unit(one, body=[exercise_block(1), exercise_block(1)])
    later = make_unit(two, body=[exercise_block(1)])
    second = make_unit(one, body=[exercise_block(7)])

    assert (numbers(first), numbers(second), numbers(later)) == ([1, 2], [3], [4])
    client.force_login(member)
    assert "Key Observation 4" in client.get(later.url).content.decode()
    body = client.get(f"/api/v2/pages/{second.pk}/").json()["body"]
    assert [block["value"]["number"] for block in body if block["type"] == "exercise"] == [3]

    CourseUnitPage.objects.get(pk=later.pk).move(one, pos="first-child")
    assert (numbers(later), numbers(first), numbers(second)) == ([1], [2, 3], [4])

    CourseUnitPage.objects.get(pk=first.pk).unpublish()
    assert (numbers(later), numbers(second)) == ([1], [2])


def test_a_new_unit_gets_its_number_from_its_place_before_publishing(home):
    course = make_course(home)
    module = make_module(course, 1)
    make_unit(module, body=[exercise_block(1), exercise_block(2)])
    draft = make_unit(module, live=False, body=[exercise_block(1)])

    draft = CourseUnitPage.objects.get(pk=draft.pk)
    draft.full_clean()

    assert [value["number"] for _id, value in draft.exercises()] == [3]
