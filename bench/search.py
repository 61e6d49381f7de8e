"""Search latency at 10,000 articles on PostgreSQL, through the HTML view and the API.

Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_search .venv/bin/python bench/search.py
    (options: --articles N, --rounds N, --rebuild)

The articles are written straight into the tables (pages, article rows, topic tags,
members-only restrictions) and indexed with the search backend's bulk indexer, because
publishing 10,000 pages one by one would take far longer than the measurement. The
database named by DATABASE_URL is migrated and gains a "Benchmark articles" section;
run it against a scratch database, never production.
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from treebeard.mp_tree import MP_Node  # noqa: E402
from wagtail.models import Page, PageViewRestriction  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from articles.models import ArticlePage, TaggedArticle  # noqa: E402
from bench.machine import describe  # noqa: E402
from tests.factories import make_blog, make_home  # noqa: E402
from tests.search_data import load_eval  # noqa: E402
from topics.models import Topic  # noqa: E402

BENCH_SLUG = "bench-articles"
QUERIES = [
    "naloxone",
    "Klonopin",
    "benzos",
    "how do I talk to my son about his drinking",
    "overdose signs",
    "rehab",
    "nalaxone",
    "relapse",
    "money boundaries",
    "fentanyl test strips",
]
CHUNK = 500


def corpus_sentences():
    data = load_eval()
    sentences = []
    for entry in data["articles"]:
        sentences.extend(s.strip() + "." for s in entry["body"].split(".") if s.strip())
        sentences.append(entry["summary"])
    return data, sentences


def section(home):
    existing = Page.objects.filter(slug=BENCH_SLUG).first()
    if existing:
        return existing.specific
    bench = make_blog(home).add_child(instance=Page(title="Benchmark articles", slug=BENCH_SLUG))
    bench.save_revision().publish()
    return bench


def settle_database():
    """After a bulk build: statistics for the planner, and the vacuum done now, so that
    PostgreSQL's autovacuum does not wake during the measurements."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def build(parent, count, seed=7):
    """Insert ``count`` live articles under ``parent`` in bulk and index them."""
    data, sentences = corpus_sentences()
    topics = Topic.objects.resolve([t["name"] for t in data["topics"]])
    for topic, entry in zip(topics, data["topics"], strict=True):
        topic.synonyms = entry["synonyms"]
        topic.save()
    rng = random.Random(seed)
    article_type = ContentType.objects.get_for_model(ArticlePage)
    members = Group.objects.get_or_create(name=settings.MEMBERS_GROUP_NAME)[0]
    now = timezone.now()
    start = parent.numchild
    with transaction.atomic():
        for first in range(start, start + count, CHUNK):
            numbers = range(first, min(first + CHUNK, start + count))
            pages = []
            for number in numbers:
                words = rng.choice(sentences).rstrip(".").split()
                title = f"{' '.join(words[:6]).capitalize()} ({number})"
                slug = f"bench-{number}"
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        path=parent.path + MP_Node._int2str(number + 1).rjust(4, "0"),
                        depth=parent.depth + 1,
                        numchild=0,
                        content_type=article_type,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                        url_path=f"{parent.url_path}{slug}/",
                        locale_id=parent.locale_id,
                        translation_key=uuid.uuid4(),
                    )
                )
            Page.objects.bulk_create(pages)
            tags, restrictions = [], []
            for number, page in zip(numbers, pages, strict=True):
                body = " ".join(rng.choice(sentences) for _ in range(8))
                article = ArticlePage(
                    page_ptr_id=page.pk,
                    summary=rng.choice(sentences),
                    standfirst="",
                    date=now.date(),
                    published_at=now,
                    hero_alt="",
                    body=[("paragraph", f"<p>{body}</p>")],
                    members_only=number % 20 == 0,
                )
                article.save_base(raw=True, force_insert=True)
                for topic in rng.sample(topics, 2):
                    tags.append(TaggedArticle(tag=topic, content_object_id=page.pk))
                if article.members_only:
                    restrictions.append(
                        PageViewRestriction(
                            page_id=page.pk, restriction_type=PageViewRestriction.GROUPS
                        )
                    )
            TaggedArticle.objects.bulk_create(tags)
            for restriction in PageViewRestriction.objects.bulk_create(restrictions):
                restriction.groups.add(members)
            index_articles([page.pk for page in pages])
            print(f"  built {numbers[-1] + 1 - start} of {count} articles", flush=True)
        Page.objects.filter(pk=parent.pk).update(numchild=start + count)


def index_articles(ids):
    backend = get_search_backend()
    articles = ArticlePage.objects.filter(pk__in=ids).prefetch_related("topics")
    backend.add_bulk(ArticlePage, list(articles))


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client, url_for, rounds):
    samples = []
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            response = client.get(url_for(query))
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (query, response.status_code)
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="delete and rebuild the articles")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/search.py measures PostgreSQL: set DATABASE_URL=postgres://...")

    call_command("migrate", verbosity=0)
    home = make_home()
    parent = section(home)
    if options.rebuild:
        for page in parent.get_children():
            page.delete()
        parent.refresh_from_db()
    have = ArticlePage.objects.child_of(parent).count()
    if have < options.articles:
        print(f"Building {options.articles - have} articles…", flush=True)
        started = time.perf_counter()
        build(parent, options.articles - have)
        print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:  # fresh bulk-loaded tables need statistics
        cursor.execute("ANALYZE")

    client = Client()
    html = measure(client, lambda q: f"/search/?{_qs(q)}", options.rounds)
    api = measure(client, lambda q: f"/api/v2/pages/?search={_quote(q)}", options.rounds)
    total = ArticlePage.objects.live().count()
    print()
    print(f"Search latency, {total} live articles, {len(QUERIES)} queries x {options.rounds}")
    print(f"{'surface':<28}{'requests':>10}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, samples in (("HTML /search/?q=", html), ("API /api/v2/pages/?search=", api)):
        print(
            f"{name:<28}{len(samples):>10}{statistics.median(samples):>10.1f}"
            f"{percentile(samples, 0.95):>10.1f}{max(samples):>10.1f}"
        )
    print(f"machine: {describe(connection)}")


def _quote(value):
    from urllib.parse import quote_plus

    return quote_plus(value)


def _qs(query):
    return f"q={_quote(query)}"


if __name__ == "__main__":
    main()
