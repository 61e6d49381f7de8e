"""Course page cost as the course grows: queries and render time for a member.

Run: .venv/bin/python bench/course.py [UNITS ...]   (default 24 120)
Each size builds a fresh course (8 modules, units spread across them, half completed by the
member) in a throwaway test database. With DATABASE_URL=postgres://... it measures
PostgreSQL; otherwise in-memory SQLite.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.machine import describe  # noqa: E402

MODULES = 8
REPEATS = 20


def build(units):
    from craft_course.models import CourseIndexPage, UnitCompletion
    from tests.factories import make_course, make_home, make_module, make_unit, make_user

    CourseIndexPage.objects.all().delete()
    course = make_course(make_home())
    modules = [make_module(course, number) for number in range(1, MODULES + 1)]
    built = [make_unit(modules[i % MODULES]) for i in range(units)]
    member = make_user(member=True)
    for unit in built[::2]:
        UnitCompletion.objects.create(user=member, unit=unit)
    return course, modules[0], built[len(built) // 2], member


def measure(client, url):
    client.get(url)
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return len(executed), statistics.median(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "units", nargs="*", type=int, default=[24, 120], help="course sizes (default 24 120)"
    )
    sizes = parser.parse_args().units
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    rows = []
    try:
        for size in sizes:
            course, module, unit, member = build(size)
            client = Client()
            client.force_login(member)
            for name, url in (("course", course.url), ("module", module.url), ("unit", unit.url)):
                queries, ms = measure(client, url)
                rows.append((size, name, queries, ms))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"Machine: {describe(connection.vendor)}")
    print(f"{'units':>6}  {'page':<8}{'queries':>8}{'median ms':>11}")
    for size, name, queries, ms in rows:
        print(f"{size:>6}  {name:<8}{queries:>8}{ms:>11.1f}")


if __name__ == "__main__":
    main()
