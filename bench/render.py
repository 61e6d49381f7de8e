"""Uncached render cost in-process: queries and median ms per URL, at two site sizes.

Run: .venv/bin/python bench/render.py [--sizes 1000 10000] [--repeats 30] [--profile URL]
With DATABASE_URL=postgres://... it measures PostgreSQL (what the issue's figures are);
otherwise a throwaway SQLite file. It builds a throwaway test database, loads the demo
content, then adds bulk articles under the blog until each size is reached, and measures:
Wall time includes the database's; "CPU ms" is this process's own work, steadier on a
busy machine. It measures a members-only article page for a signed-in member, the API
detail of that article, the ``/articles/`` listing (first and a deep page),
``/search/?q=benzodiazepines``, a course unit for a member, and the yardstick: the bare
view ``bench/serve.py`` measures against (a 5 KB template through the same middleware), so
each figure is also a ratio that this machine's drifting speed moves less.
``--profile URL`` prints a pyinstrument profile of that URL (signed in as the member) at
the last size instead of the table (``--sql``: and its queries).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from bench import serve_wsgi  # noqa: E402, F401  (adds the bare view's URL)
from bench.machine import describe  # noqa: E402


def urls():
    """The URLs to measure, found in the demo content."""
    from articles.models import ArticleIndexPage, ArticlePage
    from craft_course.models import CourseUnitPage

    # A demo article: its related posts were worked out when it was published.
    demo = ArticlePage.objects.live().filter(members_only=True).exclude(slug__startswith="bench-")
    article = demo.order_by("pk").first()
    unit = CourseUnitPage.objects.live().order_by("path").first()
    blog = ArticleIndexPage.objects.get()
    return {
        BARE: "/bench/bare/",
        "article page (member)": article.url,
        "API detail": f"/api/v2/pages/{article.pk}/",
        "listing /articles/": blog.url,
        "listing page 40": f"{blog.url}?page=40",
        "search": "/search/?q=benzodiazepines",
        "course unit (member)": unit.url,
    }


#: The yardstick: a 5 KB template and nothing else, through the same middleware.
BARE = "bare view (yardstick)"


def measure(client, url, repeats):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    timings, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return len(executed), statistics.median(timings), statistics.median(cpu)


def grow(count):
    """Bulk articles under the blog until it has ``count`` children."""
    from articles.models import ArticleIndexPage
    from bench.search import build, settle_database

    blog = ArticleIndexPage.objects.get()
    missing = count - blog.numchild
    if missing > 0:
        build(blog, missing)
    settle_database()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", type=int, default=[1000, 10_000])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--profile", help="profile this URL (or a name from the table)")
    parser.add_argument("--sql", action="store_true", help="with --profile: print its SQL")
    options = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    rows = []
    try:
        call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        from tests.factories import make_user

        member = make_user(member=True)
        client = Client()
        client.force_login(member)
        for size in options.sizes:
            grow(size)
            for name, url in urls().items():
                rows.append((size, name, *measure(client, url, options.repeats)))
        if options.profile:
            from pyinstrument import Profiler

            url = urls().get(options.profile, options.profile)
            if options.sql:
                with CaptureQueriesContext(connection) as queries:
                    client.get(url)
                for query in queries:
                    print(query["sql"][:300])
            client.get(url)
            with Profiler(interval=0.0005) as profiler:
                for _ in range(options.repeats):
                    client.get(url)
            print(profiler.output_text(unicode=True, color=False, show_all=False))
            return
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"Machine: {describe(connection.vendor)}")
    bare = {size: ms for size, name, _queries, ms, _cpu in rows if name == BARE}
    print(f"{'articles':>8}  {'URL':<24}{'queries':>8}{'median ms':>11}{'CPU ms':>8}{'× bare':>8}")
    for size, name, queries, ms, cpu in rows:
        ratio = ms / bare[size]
        print(f"{size:>8}  {name:<24}{queries:>8}{ms:>11.1f}{cpu:>8.1f}{ratio:>8.1f}")


if __name__ == "__main__":
    main()
