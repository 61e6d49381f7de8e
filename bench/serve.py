"""Side by side through gunicorn: this project at each size, a bare Django view, bakerydemo.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_serve .venv/bin/python bench/serve.py
    .venv/bin/python bench/serve.py --sizes demo 10000 --rounds 3 --duration 5
    .venv/bin/python bench/serve.py --bakerydemo ~/bakerydemo \
        --bakerydemo-python ~/bakerydemo/.venv/bin/python

For each size ("demo" is the demo content alone; a number adds bulk articles under the
blog until it has that many) it starts gunicorn (2 sync workers, production settings,
``bench/serve_wsgi.py``: the site plus ``/bench/bare/``, a view rendering a 5 KB template)
and the task worker, then runs interleaved rounds of wrk (``-t2 -c8``) over each URL and
prints median req/s, p50 and p99 per URL and the median per-round ratio to the bare view.
Then, once the requests wrk left queued are done, it publishes a new title for an article
three times and prints the medians of how long until gunicorn serves it and of how long the
publish call itself took. Requests are anonymous.

wrk comes from Debian (``apt-get install wrk``; the script installs it when it runs as
root and it is missing); without it a Python keep-alive load generator stands in, which
saturates sooner, and the report says so. With ``--bakerydemo PATH`` a wagtail/bakerydemo
checkout (set up with its own virtualenv and demo data) is served the same way and its
URLs (``--bakerydemo-urls``) join the rounds. The database named by DATABASE_URL (default:
a SQLite file in bench/) is migrated and filled: never point it at one you need.
"""

import argparse
import http.client
import os
import re
import shutil
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
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.production"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'serve-bench.sqlite3'}")
os.environ.setdefault("MEDIA_ROOT", str(Path(tempfile.gettempdir()) / "craft-serve-media"))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("TASKS_BACKEND", "database")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench.machine import describe  # noqa: E402

#: Production redirects plain HTTP; a proxy in front would say the request was HTTPS.
HEADERS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
BARE = "bare view"
#: gunicorn's sync workers, each serving one request at a time.
WORKERS = 2
#: Publishes timed; the report gives their medians.
PUBLISHES = 3


def prepare(size):
    """Migrate, load the demo, grow the blog to ``size`` articles; the URLs to measure."""
    from django.urls import reverse

    from articles.models import ArticleIndexPage, ArticlePage
    from bench.search import build, settle_database

    call_command("migrate", verbosity=0)
    if not ArticleIndexPage.objects.exists():
        call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    blog = ArticleIndexPage.objects.get()
    if size != "demo" and int(size) > blog.numchild:
        print(f"  adding {int(size) - blog.numchild} articles…", flush=True)
        build(blog, int(size) - blog.numchild)
        blog.refresh_from_db()
    # What loading queued (related posts, search index) runs now, not during the rounds.
    call_command("run_worker", "--batch", "--no-schedule", verbosity=0)
    settle_database()
    demo = ArticlePage.objects.live().filter(members_only=False).exclude(slug__startswith="bench-")
    article = demo.order_by("pk").first()
    topic = article.topics.order_by("pk").first()
    return article, {
        "home": "/",
        "article page": article.url,
        "listing /articles/": blog.url,
        "topic page": reverse("topic_detail", args=[topic.slug]),
        "API listing": "/api/v2/pages/?type=articles.ArticlePage&fields=*",
        "API detail": f"/api/v2/pages/{article.pk}/",
        "search": "/search/?q=benzodiazepines",
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, server):
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit("the server exited while starting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def start_gunicorn(port, python, module, cwd, env=None):
    command = [
        python,
        "-m",
        "gunicorn",
        module,
        f"--workers={WORKERS}",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        "--graceful-timeout=3",
    ]
    server = subprocess.Popen(command, cwd=cwd, env=env or os.environ.copy())
    wait_for(port, server)
    return server


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def ensure_wrk():
    """wrk's path, installing Debian's package when possible; None to use Python instead."""
    found = shutil.which("wrk")
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, **quiet)
    return shutil.which("wrk")


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(wrk, port, url, seconds, connections):
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{url}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses")
    return rate, p50, p99


def run_python(port, url, seconds, connections):
    """A keep-alive load generator for machines without wrk (saturates sooner)."""
    latencies, lock, deadline = [], threading.Lock(), time.perf_counter() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        own = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            conn.request("GET", url, headers=HEADERS)
            response = conn.getresponse()
            response.read()
            if response.status >= 400:
                raise SystemExit(f"{url}: HTTP {response.status}")
            own.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(own)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)
    return len(ordered) / seconds, ordered[len(ordered) // 2], ordered[int(len(ordered) * 0.99)]


def warm(port, url):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(3):
        conn.request("GET", url, headers=HEADERS)
        response = conn.getresponse()
        response.read()
    if response.status != 200:
        raise SystemExit(f"{url} answered {response.status}")


def rounds(targets, options, wrk):
    """``{name: [(req/s, p50, p99), ...]}`` over interleaved rounds."""
    results = {name: [] for name in targets}
    for number in range(options.rounds):
        print(f"  round {number + 1} of {options.rounds}", flush=True)
        for name, (port, url) in targets.items():
            settle(port, url)
            if wrk:
                result = run_wrk(wrk, port, url, options.duration, options.connections)
            else:
                result = run_python(port, url, options.duration, options.connections)
            results[name].append(result)
    return results


def fetch_body(port, url):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", url, headers=HEADERS)
    return conn.getresponse().read().decode()


def settle(port, url):
    """Wait until every worker is free: one request each, queued behind what wrk left.

    A slow URL's backlog would otherwise be timed as the next URL's (search at 10,000
    articles left seconds of it, and the bare view after it in a round measured slow).
    """
    threads = [threading.Thread(target=warm, args=(port, url)) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def publish_to_served(port, article):
    """Seconds from starting a publish to the new title being served, and the publish's own.

    Medians of ``PUBLISHES`` publishes, each once the server has settled.
    """
    from articles.models import ArticlePage

    served, published = [], []
    for attempt in range(PUBLISHES):
        settle(port, article.url)
        page = ArticlePage.objects.get(pk=article.pk)
        page.title = f"{page.title.split(' [')[0]} [{time.time():.0f}-{attempt}]"
        started = time.perf_counter()
        page.save_revision().publish()
        published.append(time.perf_counter() - started)
        while page.title not in fetch_body(port, page.url):
            if time.perf_counter() - started > 60:
                return None, statistics.median(published)
            time.sleep(0.01)
        served.append(time.perf_counter() - started)
    return statistics.median(served), statistics.median(published)


def report(size, results, publish, wrk):
    bare = results[BARE]
    print(f"\n{size} articles" if size != "demo" else "\ndemo content")
    print(f"{'URL':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'x bare':>8}")
    for name, runs in results.items():
        ratio = statistics.median(run[0] / base[0] for run, base in zip(runs, bare, strict=True))
        print(
            f"{name:<26}{statistics.median(r[0] for r in runs):>9.0f}"
            f"{statistics.median(r[1] for r in runs):>9.1f}"
            f"{statistics.median(r[2] for r in runs):>9.1f}{ratio:>8.2f}"
        )
    served, published = publish
    if served is None:
        print(f"publish -> served: not within 60 s (the publish call took {published:.2f} s)")
    else:
        print(
            f"publish -> new title served: {served:.2f} s (the publish call: {published:.2f} s;"
            f" medians of {PUBLISHES})"
        )
    print(f"load: {'wrk -t2' if wrk else 'Python threads (wrk not installed)'}", end="")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["demo", "10000"])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per URL per round")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--bakerydemo", type=Path, help="a wagtail/bakerydemo checkout")
    parser.add_argument("--bakerydemo-python", default=sys.executable)
    parser.add_argument("--bakerydemo-urls", nargs="*", default=["/", "/blog/"])
    options = parser.parse_args()
    wrk = ensure_wrk()
    call_command("collectstatic", "--noinput", verbosity=0)
    bakery = None
    if options.bakerydemo:
        bakery_port = free_port()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.dev"}
        env.pop("DATABASE_URL")
        bakery = start_gunicorn(
            bakery_port, options.bakerydemo_python, "bakerydemo.wsgi", options.bakerydemo, env
        )
    try:
        for size in options.sizes:
            article, urls = prepare(size)
            port = free_port()
            server = start_gunicorn(port, sys.executable, "bench.serve_wsgi", ROOT)
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "run_worker", "--verbosity=0"], cwd=ROOT
            )
            try:
                targets = {BARE: (port, "/bench/bare/")}
                targets.update({name: (port, url) for name, url in urls.items()})
                if bakery:
                    for url in options.bakerydemo_urls:
                        targets[f"bakerydemo {url}"] = (bakery_port, url)
                for target_port, url in targets.values():
                    warm(target_port, url)
                results = rounds(targets, options, wrk)
                publish = publish_to_served(port, article)
            finally:
                stop(worker)
                stop(server)
            report(size, results, publish, wrk)
            print(f", {options.rounds} rounds of {options.duration} s, -c{options.connections}")
    finally:
        if bakery:
            stop(bakery)
    print(f"machine: {describe(connection.vendor)}; gunicorn 2 sync workers, production settings")


if __name__ == "__main__":
    main()
