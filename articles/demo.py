"""Demo content for the blog: topics, authors and articles from the data files beside this module.

Articles go through the importer, so loading twice changes nothing (no new revisions), and
the home page features a few of them.
"""

import json
from pathlib import Path

from articles.demo_review import review_demo_pages
from articles.importer import ensure_index, import_records
from articles.models import ArticlePage, Author
from core.access import Access
from home.demo_images import demo_image, description
from topics.models import Topic

DATA = Path(__file__).resolve().parent / "demo"
FEATURED = [
    "benzodiazepines-in-recovery",
    "calm-conversations-with-a-son-in-active-addiction",
    "protecting-a-loved-one-from-overdose",
]


def read_json(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def ensure_topics():
    for item in read_json("topics.json"):
        synonyms = "\n".join(item["synonyms"])
        topic = Topic.objects.filter(name=item["name"]).first()
        if topic is None:
            Topic.objects.create(
                name=item["name"], description=item["description"], synonyms=synonyms
            )
        elif (topic.description, topic.synonyms) != (item["description"], synonyms):
            topic.description, topic.synonyms = item["description"], synonyms
            topic.save()


def ensure_authors():
    for item in read_json("authors.json"):
        Author.objects.update_or_create(slug=item["slug"], defaults=item)


def ensure_featured():
    """Feature a few articles on the home page once; later editor changes are kept."""
    from home.models import HomePage

    home = HomePage.objects.first()
    if home is None or home.featured_pages.exists():
        return
    from home.models import HomePageFeaturedPage

    featured = Access.anonymous().listable(ArticlePage.objects.filter(slug__in=FEATURED))
    pages = {page.slug: page for page in featured}
    home.featured_pages = [
        HomePageFeaturedPage(page=pages[slug], sort_order=order)
        for order, slug in enumerate(FEATURED)
        if slug in pages
    ]
    home.save_revision().publish()


#: Articles that get a drawn hero picture, once (an editor's later choice is kept).
HEROES = {
    "benzodiazepines-in-recovery": "Demo: morning hills",
    "calm-conversations-with-a-son-in-active-addiction": "Demo: quiet water",
    "protecting-a-loved-one-from-overdose": "Demo: two paths",
}


def ensure_heroes():
    for page in ArticlePage.objects.filter(slug__in=HEROES, hero_image__isnull=True):
        title = HEROES[page.slug]
        page.hero_image, page.hero_alt = demo_image(title), description(title)
        page.save_revision().publish()


def load_demo(stdout):
    index = ensure_index()
    intro = "Expert answers to families' questions about substance use, recovery and CRAFT."
    if not index.intro:
        index.intro = intro
        index.save_revision().publish()
    ensure_topics()
    ensure_authors()
    with (DATA / "articles.jsonl").open(encoding="utf-8") as lines:
        result = import_records(lines)
    for number, reason in result.errors:
        stdout.write(f"articles.jsonl line {number}: {reason}")
    stdout.write(f"Articles: {result.summary()}")
    reviewed = review_demo_pages(ArticlePage.objects.live().order_by("path"))
    stdout.write(f"Articles given a clinical review: {reviewed}")
    ensure_featured()
    ensure_heroes()
