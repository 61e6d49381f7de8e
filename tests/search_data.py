"""Builders for search tests: topics and articles from the labelled evaluation file."""

import json
from pathlib import Path

from wagtail.rich_text import RichText

from articles.models import ArticleIndexPage, ArticlePage
from tests.factories import make_home, unique
from topics.models import Topic

EVAL_FILE = Path(__file__).parent / "data" / "search_eval.json"


def load_eval():
    return json.loads(EVAL_FILE.read_text())


def make_index(home=None):
    home = home or make_home()
    existing = ArticleIndexPage.objects.first()
    if existing:
        return existing
    index = home.add_child(instance=ArticleIndexPage(title="Articles", slug="articles"))
    index.save_revision().publish()
    return index


def make_article(index, title, body="", summary=None, topics=(), live=True, **fields):
    """An article, published unless ``live`` is false (publishing syncs its restriction)."""
    article = ArticlePage(
        title=title,
        slug=fields.pop("slug", None) or unique("article"),
        summary=summary if summary is not None else f"About {title.lower()}.",
        body=[("paragraph", RichText(f"<p>{body}</p>"))] if body else [],
        **fields,
    )
    index.add_child(instance=article)
    if topics:
        article.topics.set(Topic.objects.resolve(topics))
    revision = article.save_revision()
    if live:
        revision.publish()
    else:
        article.live = False
        article.save(update_fields=["live"])
    return article


def make_topics(entries):
    return [
        Topic.objects.create(name=entry["name"], synonyms=entry.get("synonyms", ""))
        for entry in entries
    ]


def load_corpus(home=None, only=None):
    """Every topic and article (or the ``only`` slugs) of the evaluation file, by slug."""
    data = load_eval()
    make_topics(data["topics"])
    index = make_index(home)
    return {
        entry["slug"]: make_article(
            index,
            entry["title"],
            entry["body"],
            summary=entry["summary"],
            topics=entry["topics"],
            slug=entry["slug"],
        )
        for entry in data["articles"]
        if only is None or entry["slug"] in only
    }
