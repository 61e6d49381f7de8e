"""How fast import_wordpress moves a site: an N-post WordPress export into a fresh test database.

Run: .venv/bin/python bench/import_wordpress.py [N]   (default 10000)
With DATABASE_URL=postgres://... it measures PostgreSQL; otherwise in-memory SQLite.

The export is written to a temporary file with realistic bodies (half Gutenberg blocks,
half classic HTML with shortcodes), categories, tags and internal links. It prints the
time of a first import, of a second (nothing changed, nothing written), the peak memory
of the process, and as a yardstick the JSON Lines importer on the same number of articles.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.import_articles import synthetic  # noqa: E402
from bench.machine import describe  # noqa: E402
from tests.wxr import HEAD, TAIL, item  # noqa: E402

CATEGORIES = [("benzos", "benzos"), ("alcohol", "Alcohol"), ("communication", "Communication")]
TAGS = [("self-care", "Self-care"), ("overdose", "Overdose"), ("siblings", "Siblings")]


def gutenberg(i):
    paragraph = f"<p>Paragraph about week {i}: listening, rewarding sober time, staying safe. </p>"
    return (
        f"<!-- wp:paragraph -->{paragraph * 3}<!-- /wp:paragraph -->\n"
        f'<!-- wp:heading --><h2 class="wp-block-heading">Section {i}</h2><!-- /wp:heading -->\n'
        "<!-- wp:list --><ul><li>Notice</li><li>Reward<ul><li>soon</li></ul></li></ul>"
        "<!-- /wp:list -->\n"
        '<!-- wp:quote --><blockquote class="wp-block-quote"><p>It helped.</p><cite>A parent'
        "</cite></blockquote><!-- /wp:quote -->\n"
        f'<!-- wp:paragraph --><p>See <a href="https://oldblog.example/?p={max(i - 1, 1)}">'
        "the last post</a>.</p><!-- /wp:paragraph -->"
    )


def classic(i):
    return (
        f"Week {i} began with a hard conversation.\nWe stayed calm.\n\n"
        "<h2>What we tried</h2>\n<ol><li>Listening</li><li>Waiting</li></ol>\n\n"
        '[contact-form-7 id="4"]\nhttps://www.youtube.com/watch?v=aaaaaaaaaaa\n\n'
        "<blockquote>One day at a time.</blockquote>\n\n" + "More words follow here. " * 20
    )


def write_export(path, n):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(HEAD.format(version="1.2", scheme="https"))
        for i in range(1, n + 1):
            handle.write(
                item(
                    i,
                    f"Post number {i} &amp; more",
                    gutenberg(i) if i % 2 else classic(i),
                    name=f"post-number-{i}",
                    date=f"20{10 + i % 14}-0{1 + i % 9}-1{i % 10} 09:00:00",
                    status="private" if i % 10 == 0 else "publish",
                    categories=[CATEGORIES[i % 3]],
                    tags=[TAGS[i % 3], TAGS[(i + 1) % 3]],
                )
            )
        handle.write(TAIL)


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="posts (default 10000)")
    n = parser.parse_args().n
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    export = Path(tempfile.mkdtemp()) / "export.xml"
    try:
        from articles.importer import import_records
        from tests.factories import make_blog, make_home
        from wordpress.importer import run_import

        make_blog(make_home())
        write_export(export, n)
        size = export.stat().st_size / 1024 / 1024
        before = peak_mib()
        started = time.perf_counter()
        first = run_import(lambda: export.open("rb"))
        first_time = time.perf_counter() - started
        after_first = peak_mib()
        started = time.perf_counter()
        again = run_import(lambda: export.open("rb"))
        second_time = time.perf_counter() - started
        started = time.perf_counter()
        import_records(synthetic(n))
        yardstick = time.perf_counter() - started
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        export.unlink(missing_ok=True)
    print(f"Machine: {describe(connection.vendor)}")
    print(f"Export: {n} posts, {size:.1f} MiB")
    print(f"{'run':<36}{'posts':>7}{'seconds':>10}{'posts/s':>9}")
    for label, seconds in (
        ("import_wordpress, first (create)", first_time),
        ("import_wordpress, again (unchanged)", second_time),
        ("yardstick: import_articles (JSONL)", yardstick),
    ):
        print(f"{label:<36}{n:>7}{seconds:>10.1f}{n / seconds:>9.1f}")
    print(f"Ratio to the yardstick (first import): {first_time / yardstick:.2f}x")
    print(
        f"Peak memory: {after_first:.0f} MiB for the process "
        f"({after_first - before:.0f} MiB above its size before the import)"
    )
    print(first.lines()[0], "|", again.lines()[0], "| failed:", len(first.failed))


if __name__ == "__main__":
    main()
