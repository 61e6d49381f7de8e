"""Builders for the API tests: a blog with articles, authors, topics and images."""

import json

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from articles.models import ArticleAuthor, ArticleIndexPage, ArticlePage, Author
from tests.factories import unique
from topics.models import Topic


def make_image(title="Picture"):
    return get_image_model().objects.create(title=title, file=get_test_image_file(size=(40, 30)))


def make_blog(home):
    existing = ArticleIndexPage.objects.first()
    if existing:
        return existing
    blog = home.add_child(instance=ArticleIndexPage(title="Articles", slug="articles"))
    blog.save_revision().publish()
    return blog


def make_topic(name, synonyms=""):
    return Topic.objects.get_or_create(name=name, defaults={"synonyms": synonyms})[0]


def make_author(name=None, photo=None):
    name = name or unique("Author")
    return Author.objects.create(name=name, slug=unique("author"), role="Counsellor", photo=photo)


def make_article(blog, *, title=None, topics=(), authors=(), publish=True, body=None, **fields):
    title = title or unique("Article")
    fields.setdefault("summary", f"What {title} covers.")
    page = ArticlePage(
        title=title,
        slug=unique("article"),
        body=json.dumps(body or [{"type": "paragraph", "value": "<p>Plain words.</p>"}]),
        live=publish,
        **fields,
    )
    blog.add_child(instance=page)
    page.topics.set(list(topics))
    for author in authors:
        page.article_authors.add(ArticleAuthor(author=author))
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
