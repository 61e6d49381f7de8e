"""How fast import_articles builds the blog: N synthetic articles into a fresh test database.

Run: .venv/bin/python bench/import_articles.py [N]   (default 10000)
With DATABASE_URL=postgres://... it measures PostgreSQL; otherwise in-memory SQLite.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.machine import describe  # noqa: E402

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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "n", nargs="?", type=int, default=10_000, help="articles to import (default 10000)"
    )
    n = parser.parse_args().n
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
    print(f"Machine: {describe(connection.vendor)}")
    print(f"{'run':<28}{'records':>9}{'seconds':>10}{'records/s':>11}")
    print(f"{'first import (create)':<28}{n:>9}{first:>10.1f}{n / first:>11.1f}")
    print(f"{'second import (unchanged)':<28}{n:>9}{second:>10.1f}{n / second:>11.1f}")
    print(result.summary())
    print(again.summary())


if __name__ == "__main__":
    main()
