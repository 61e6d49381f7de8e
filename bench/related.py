"""Related-posts benchmark: the engine core on synthetic data, then the site through a database.

    .venv/bin/python bench/related.py                       # core 1k/10k/100k, site 1k/10k
    .venv/bin/python bench/related.py --core 1000,10000 --site 1000 --requests 200   # quick

Core: full rebuild (index + every list) and the update after one publish (index rebuilt
from the kept corpus, affected lists found and re-ranked). Site: a database (a fresh SQLite
file by default, or BENCH_DATABASE_URL, where ``{n}`` stands for the size) filled through
the articles importer unless it already holds enough live articles, then
``rebuild_related``, one publish through Wagtail in the same process (its corpus is warm),
one in a fresh process (``cold_publish_s``: it loads every stored document first), and, once
PostgreSQL has vacuumed the rewritten tables (as autovacuum would soon after), the
related API's p50/p95 through gunicorn (2 workers, 127.0.0.1) against the naive approach
(django-taggit's ``similar_objects`` per request, served by the same gunicorn from
bench/related_wsgi.py).

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_related_{n} \\
        .venv/bin/python bench/related.py --core '' --site 1000,10000
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.related import core  # noqa: E402
from bench.machine import describe  # noqa: E402


def synthetic(n, seed=7, topics=max, vocab=40_000, terms=120):
    """Documents shaped like real articles: ~5 topics (Zipf-popular, one on every article),
    ~120 distinct terms from a Zipf vocabulary mixed with topic-specific words."""
    rng = np.random.default_rng(seed)
    n_topics = max(50, n // 50)
    popularity = 1 / np.arange(1, n_topics + 1) ** 0.9
    popularity /= popularity.sum()
    zipf = 1 / np.arange(1, vocab + 1)
    zipf /= zipf.sum()
    topic_words = rng.integers(0, vocab, size=(n_topics, 80))
    words = [f"w{i}" for i in range(vocab)]
    docs = []
    for pk in range(1, n + 1):
        chosen = rng.choice(n_topics, size=4, replace=False, p=popularity)
        general = rng.choice(vocab, size=terms // 2, p=zipf)
        specific = topic_words[chosen].ravel()[rng.integers(0, 320, size=terms // 2)]
        ids, counts = np.unique(np.concatenate([general, specific]), return_counts=True)
        docs.append(
            core.Document(
                pk,
                (0, *(int(t) + 1 for t in chosen)),
                {words[i]: int(c) for i, c in zip(ids.tolist(), counts.tolist(), strict=True)},
                738_000 + int(rng.integers(0, 3000)),
                bool(rng.random() > 0.02),
            )
        )
    return docs


def bench_core(n, workers):
    docs = synthetic(n)
    started = time.perf_counter()
    corpus = core.Corpus(docs)
    index = core.Index(corpus)
    thresholds = {r.source: r.threshold for r in core.rank(index, workers=workers)}
    rebuild = time.perf_counter() - started

    changed = docs[n // 2]
    new = core.Document(
        changed.id,
        changed.topics[:3],
        dict(list(changed.terms.items())[:80]),
        changed.day + 10,
        True,
    )
    started = time.perf_counter()
    corpus.put(new)
    index = core.Index(corpus)
    sources = core.affected(index, [changed, new], thresholds) | {new.id}
    lists = list(core.rank(index, sorted(sources)))
    update = time.perf_counter() - started
    return {
        "articles": n,
        "workers": workers,
        "rebuild_s": rebuild,
        "publish_update_s": update,
        "lists_rewritten": len(lists),
    }


def site_records(n, seed=11):
    """Importer records (JSONL lines) with real-looking words, topics and bodies."""
    rng = np.random.default_rng(seed)
    vocab = [
        f"{a}{b}{c}"
        for a in "bdfgklmnprst"
        for b in "aeiou"
        for c in ["n", "r", "s", "l", "m", "t"]
    ]
    topic_names = [f"Topic {i}" for i in range(max(30, n // 40))]
    for i in range(n):
        topics = ["Family CRAFT", *rng.choice(topic_names, size=3, replace=False).tolist()]
        words = rng.choice(vocab, size=160).tolist()
        yield json.dumps(
            {
                "slug": f"bench-{i}",
                "title": " ".join(words[:5]).capitalize(),
                "summary": " ".join(words[5:30]).capitalize() + ".",
                "date": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 9}",
                "topics": topics,
                "body": [{"type": "paragraph", "value": "<p>" + " ".join(words[30:]) + "</p>"}],
            }
        )


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def timed_requests(port, paths, count):
    timings = []
    for i in range(count):
        path = paths[i % len(paths)]
        started = time.perf_counter()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:
            response.read()
            assert response.status == 200, path
        timings.append((time.perf_counter() - started) * 1000)
    return percentile(timings, 50), percentile(timings, 95)


def bench_site(n, requests, port):
    workdir = Path(tempfile.mkdtemp(prefix="bench-related-"))
    url = (os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}").format(
        n=n
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "OPENBLAS_NUM_THREADS": "1",
    }
    (workdir / "articles.jsonl").write_text("\n".join(site_records(n)) + "\n")
    script = f"""
import time, django
django.setup()
from django.core.management import call_command
from django.db import connection, transaction
call_command("migrate", verbosity=0)
from articles.models import ArticlePage
imported = -1.0
if ArticlePage.objects.live().count() < {n}:
    from tests.factories import make_home
    make_home()
    from articles.importer import import_records
    from articles.demo import ensure_index
    ensure_index()
    t = time.perf_counter()
    with open({str(workdir / "articles.jsonl")!r}) as lines:
        result = import_records(lines)
    imported = time.perf_counter() - t
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
t = time.perf_counter()
call_command("rebuild_related", verbosity=0)
rebuild = time.perf_counter() - t
page = ArticlePage.objects.live().filter(members_only=False).order_by("pk")[{n // 2}]
page.title = page.title + " revised"
t = time.perf_counter()
with transaction.atomic():
    page.save_revision().publish()
publish = time.perf_counter() - t
public = ArticlePage.objects.live().filter(members_only=False)
ids = list(public.order_by("?").values_list("pk", flat=True)[:50])
print("RESULT", imported, rebuild, publish, ",".join(map(str, ids)))
"""
    cold_script = f"""
import time, django
django.setup()
from django.db import connection, transaction
from articles.models import ArticlePage
page = ArticlePage.objects.live().filter(members_only=False).order_by("pk")[{n // 3}]
page.title = page.title + " revised"
t = time.perf_counter()
with transaction.atomic():
    page.save_revision().publish()
cold = time.perf_counter() - t
if connection.vendor == "postgresql":  # settle the rewritten tables before timing reads
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE articles_relatedpost, articles_relateddocument")
print("RESULT", cold)
"""

    def run(code):
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise SystemExit(f"site benchmark failed:\n{done.stderr[-3000:]}")
        return done.stdout.strip().splitlines()[-1].split()[1:]

    imported, rebuild, publish, ids = run(script)
    (cold,) = run(cold_script)
    ids = ids.split(",")
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "bench.related_wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/pages/{ids[0]}/related/")
                break
            except OSError:
                time.sleep(0.2)
        engine = [f"/api/v2/pages/{pk}/related/?limit=5" for pk in ids]
        naive = [f"/bench/naive-related/{pk}/?limit=5" for pk in ids]
        timed_requests(port, engine + naive, 40)  # warm both workers
        engine_p50, engine_p95 = timed_requests(port, engine, requests)
        naive_p50, naive_p95 = timed_requests(port, naive, requests)
    finally:
        server.terminate()
        server.wait()
    return {
        "articles": n,
        "import_s": float(imported),
        "rebuild_s": float(rebuild),
        "publish_update_s": float(publish),
        "cold_publish_s": float(cold),
        "api_p50_ms": engine_p50,
        "api_p95_ms": engine_p95,
        "naive_p50_ms": naive_p50,
        "naive_p95_ms": naive_p95,
        "db": url.split(":", 1)[0],
    }


def table(rows, columns):
    widths = [
        max(len(c), *(len(f"{r[c]:.3f}" if isinstance(r[c], float) else str(r[c])) for r in rows))
        for c in columns
    ]
    lines = ["  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True))]
    for row in rows:
        cells = [f"{row[c]:.3f}" if isinstance(row[c], float) else str(row[c]) for c in columns]
        lines.append("  ".join(v.rjust(w) for v, w in zip(cells, widths, strict=True)))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--core", default="1000,10000,100000", help="core sizes ('' to skip)")
    parser.add_argument("--site", default="1000,10000", help="site sizes ('' to skip)")
    parser.add_argument("--requests", type=int, default=400, help="timed requests per case")
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count(), help="ranking processes for core rebuilds"
    )
    args = parser.parse_args()
    database = os.environ.get("BENCH_DATABASE_URL") or "sqlite"
    print(f"machine: {describe(database)}, load {os.getloadavg()[0]:.1f} at start")
    print(f"command: {' '.join(sys.argv)}\n")
    core_rows = [bench_core(int(n), args.workers) for n in args.core.split(",") if n]
    if core_rows:
        print("engine core (synthetic data; the rebuild ranks in --workers processes)")
        columns = ["articles", "workers", "rebuild_s", "publish_update_s", "lists_rewritten"]
        print(table(core_rows, columns))
        print()
    site_rows = [bench_site(int(n), args.requests, args.port) for n in args.site.split(",") if n]
    if site_rows:
        for row in site_rows:
            row["naive_over_engine_p95"] = row["naive_p95_ms"] / row["api_p95_ms"]
        print("through the database (importer, rebuild_related, publish, gunicorn 2 workers)")
        print(
            table(
                site_rows,
                [
                    "articles",
                    "db",
                    "import_s",
                    "rebuild_s",
                    "publish_update_s",
                    "cold_publish_s",
                    "api_p50_ms",
                    "api_p95_ms",
                    "naive_p50_ms",
                    "naive_p95_ms",
                    "naive_over_engine_p95",
                ],
            )
        )
        if len(site_rows) > 1:
            ratio = site_rows[-1]["api_p95_ms"] / site_rows[0]["api_p95_ms"]
            print(
                f"\nAPI p95 at {site_rows[-1]['articles']} / at {site_rows[0]['articles']}: "
                f"{ratio:.2f}x"
            )


if __name__ == "__main__":
    main()
