"""The course in the API costs the same queries for 2 units or 20 (no query per unit)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_module, make_small_course, make_unit, make_user

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/api/v2/pages/?type=craft_course.CourseUnitPage&fields=*",
    "/api/v2/pages/?type=craft_course.CourseModulePage&fields=*",
    "/api/v2/course/outline/",
    "/api/v3/course/outline/",
]


def _queries(client, url):
    client.get(url)  # warm per-process caches (content types, the site)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_course_listings_cost_a_constant_number_of_queries(client, home, url, who):
    if who == "member":
        client.force_login(make_user(member=True))
    course, _built = make_small_course(home, modules=1, units_per_module=2)
    small = _queries(client, url)
    for number in (2, 3, 4):
        module = make_module(course, number)
        for _ in range(6):
            make_unit(module)
    large = _queries(client, url)
    assert large == small, f"{url}: {small} queries for 2 units, {large} for 20"
    assert small <= 20
