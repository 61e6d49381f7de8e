"""Benchmark the API through a real HTTP server: list, detail, topic list and the HTML page.

Builds a site of N articles (default 10,000) with authors, topics and hero images, starts
gunicorn (2 workers) on 127.0.0.1, warms up, then sends a fixed number of requests per
endpoint from a few client threads and prints p50/p95 latency and requests per second.

    .venv/bin/python bench/api.py                      # 10,000 articles, SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_api_bench .venv/bin/python bench/api.py
    .venv/bin/python bench/api.py --articles 1000 --requests 200

The database named by DATABASE_URL is migrated and filled; a second run reuses the
articles already there (the import of 10,000 takes about half an hour). Never point it
at a database whose content you need.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'api-bench.sqlite3'}")
os.environ.setdefault("MEDIA_ROOT", str(Path(tempfile.gettempdir()) / "craft-bench-media"))

from bench.machine import describe  # noqa: E402

WORDS = [
    "families",
    "often",
    "notice",
    "small",
    "changes",
    "first",
    "and",
    "a",
    "calm",
    "plan",
    "helps",
    "everyone",
    "stay",
    "safe",
    "while",
    "a",
    "Loved",
    "One",
    "with",
    "SUD",
    "considers",
    "treatment",
    "kind",
    "words",
    "land",
    "better",
    "than",
    "arguments",
    "rewarding",
    "sober",
    "time",
    "builds",
    "trust",
    "and",
    "looking",
    "after",
    "yourself",
    "keeps",
    "you",
    "steady",
]


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def paragraph(seed, length=60):
    return " ".join(WORDS[(seed * 7 + i) % len(WORDS)] for i in range(length))


def records(count):
    """``count`` article records in the importer's JSON Lines shape (as dicts)."""
    for n in range(count):
        yield {
            "slug": f"bench-article-{n}",
            "title": f"Bench article {n}",
            "summary": paragraph(n, 25),
            "date": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            "body": [
                {"type": "paragraph", "value": f"<p>{paragraph(n + k)}</p>"} for k in range(4)
            ],
            "topics": [f"Bench topic {n % 20}", f"Bench topic {(n + 7) % 20}"],
            "authors": [f"Bench Author {n % 50}", f"Bench Author {(n + 1) % 50}"],
            "members_only": n % 10 == 0,
        }


def build_site(count, stdout=sys.stdout):
    """A home page, and ``count`` articles imported through ``articles.importer``.

    Authors get photos and articles hero images afterwards (the import format has neither),
    so the listing serialises every kind of related object.
    """
    from django.db import connection
    from django.db.models.functions import Mod
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from articles.importer import import_records
    from articles.models import ArticlePage, Author
    from tests.factories import make_home

    make_home()
    started = time.perf_counter()

    def progress(done, total):
        if done % 200 == 0 or done == total:
            stdout.write(f"\r  imported {done}/{total}")
            stdout.flush()

    have = ArticlePage.objects.filter(slug__startswith="bench-article-").count()
    if have >= count:
        stdout.write(f"  reusing the {have} articles already imported\n")
    else:
        result = import_records(records(count), progress=progress)
        stdout.write(f"\n  {result.summary()} ({time.perf_counter() - started:.0f}s)\n")
        if result.errors:
            raise SystemExit(f"import failed: {result.errors[:3]}")
    image_model = get_image_model()
    images = list(image_model.objects.filter(title__startswith="Bench ").order_by("pk"))
    for n in range(len(images), 20):
        file = get_test_image_file(filename=f"bench-{n}.png", size=(1200, 800))
        images.append(image_model.objects.create(title=f"Bench {n}", file=file))
    articles = ArticlePage.objects.filter(slug__startswith="bench-article-")
    for n, image in enumerate(images):
        bucket = articles.annotate(bucket=Mod("pk", len(images))).filter(bucket=n)
        ArticlePage.objects.filter(pk__in=bucket.values("pk")).update(
            hero_image=image, hero_alt="A calm kitchen table"
        )
    for n, author in enumerate(Author.objects.filter(name__startswith="Bench Author")):
        if author.photo_id is None:
            author.photo = images[n % 20]
            author.save(update_fields=["photo"])
    if connection.vendor == "postgresql":  # fresh bulk-loaded tables need statistics
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return articles.first().get_parent(), articles.count()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port):
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "cms.wsgi",
        "--workers=2",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        "--graceful-timeout=3",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def measure(port, path, total, threads):
    """Send ``total`` GETs from ``threads`` keep-alive connections; latencies in ms."""
    latencies, statuses, lock = [], {}, threading.Lock()
    per_thread = [total // threads + (1 if i < total % threads else 0) for i in range(threads)]

    def worker(count):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(count):
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "localhost"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = "error"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(n,)) for n in per_thread]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "p50": statistics.median(latencies),
        "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)],
        "rps": len(latencies) / wall,
        "statuses": statuses,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    parser.add_argument("--threads", type=int, default=4, help="concurrent client connections")
    args = parser.parse_args()

    print(f"Building {args.articles} articles in {os.environ['DATABASE_URL'].split('@')[-1]}")
    setup_django()
    blog, count = build_site(args.articles)
    from articles.models import ArticlePage

    article = ArticlePage.objects.child_of(blog).live().filter(members_only=False).last()
    topic = article.topics.first()
    endpoints = [
        ("list (20, default fields)", "/api/v2/pages/?type=articles.ArticlePage"),
        ("list (50, all fields)", "/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=50"),
        ("detail (with body)", f"/api/v2/pages/{article.pk}/"),
        ("topic list (20, -date)", f"/api/v2/pages/?topic={topic.slug}&order=-date&fields=*"),
        ("same article, HTML", article.get_url()),
    ]
    from django.db import connections

    connections.close_all()
    port = free_port()
    server = start_server(port)
    try:
        for _, path in endpoints:  # warm up: workers import, renditions get made
            measure(port, path, 6, 2)
        rows = [
            (name, path, measure(port, path, args.requests, args.threads))
            for name, path in endpoints
        ]
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    print(
        f"\nAPI benchmark: {count} articles, {args.requests} requests per row, "
        f"{args.threads} client threads, gunicorn 2 workers"
    )
    print(f"Machine: {describe(os.environ['DATABASE_URL'])}\n")
    print(f"{'endpoint':28} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}  statuses")
    for name, _path, result in rows:
        statuses = ", ".join(f"{k}×{v}" for k, v in sorted(result["statuses"].items(), key=str))
        print(
            f"{name:28} {result['p50']:8.1f} {result['p95']:8.1f} {result['rps']:8.1f}  {statuses}"
        )
    print("\nPaths:")
    for name, path, _ in rows:
        print(f"  {name}: {path}")


if __name__ == "__main__":
    main()
