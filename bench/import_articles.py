"""How fast import_articles builds the blog: N synthetic articles into a fresh test database.

Run: .venv/bin/python bench/import_articles.py [N]   (default 10000)
With DATABASE_URL=postgres://... it measures PostgreSQL; otherwise in-memory SQLite.
"""

import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

TOPICS = ["Benzodiazepines", "benzos", "Alcohol", "Communication", "Self-care", "Overdose"]
AUTHORS = ["Dana Reyes", "Sam Okafor", "Priya Nair", "Lee Chen"]


def synthetic(n):
    """N varied records: a heading, three paragraphs and a question each."""
    for i in range(n):
        yield {
            "slug": f"article-{i}",
            "title": f"Synthetic article {i}",
            "summary": f"A summary for article {i} about families and recovery.",
            "body": [
                {"type": "heading", "value": f"Section {i}"},
                *[
                    {
                        "type": "paragraph",
                        "value": f"<p>Paragraph {j} of article {i}. " * 8 + "</p>",
                    }
                    for j in range(3)
                ],
                {"type": "question", "value": {"text": "What can I do?", "pseudonym": "A parent"}},
            ],
            "topics": [TOPICS[i % 6], TOPICS[(i * 7) % 6]],
            "authors": [AUTHORS[i % 4]],
            "date": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}",
            "members_only": i % 10 == 0,
        }


def machine():
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        ram = "?"
    return f"{os.cpu_count()} cores, {cpu or 'unknown CPU'}, RAM {ram}, DB {connection.vendor}"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from articles.importer import import_records
        from tests.factories import make_home

        make_home()
        started = time.perf_counter()
        result = import_records(synthetic(n))
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = import_records(synthetic(n))
        second = time.perf_counter() - started
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"Machine: {machine()}")
    print(f"{'run':<28}{'records':>9}{'seconds':>10}{'records/s':>11}")
    print(f"{'first import (create)':<28}{n:>9}{first:>10.1f}{n / first:>11.1f}")
    print(f"{'second import (unchanged)':<28}{n:>9}{second:>10.1f}{n / second:>11.1f}")
    print(result.summary())
    print(again.summary())


if __name__ == "__main__":
    main()
