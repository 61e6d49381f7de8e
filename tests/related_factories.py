"""Builders for related-posts tests: articles published through Wagtail's own methods."""

import datetime

from django.db import transaction
from wagtail.rich_text import RichText

from articles.models import ArticleIndexPage, ArticlePage
from tests.factories import make_home, unique


def make_blog():
    existing = ArticleIndexPage.objects.first()
    if existing:
        return existing
    blog = make_home().add_child(instance=ArticleIndexPage(title="Articles", slug="articles"))
    blog.save_revision().publish()
    return blog


def make_article(
    title,
    topics=(),
    summary="",
    body="",
    *,
    publish=True,
    days_ago=30,
    parent=None,
    **fields,
):
    """An article with topics (names, resolved like the admin does) and one paragraph."""
    parent = parent or make_blog()
    page = ArticlePage(
        title=title,
        slug=unique("article"),
        summary=summary or f"About {title.lower()}.",
        body=[("paragraph", RichText(f"<p>{body or title}</p>"))],
        date=datetime.date.today() - datetime.timedelta(days=days_ago),
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    page.topics.set(list(topics))
    page.save()
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()  # publish() works on a copy: pick up live, revisions, dates
    return page


def committed(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the refresh tasks) as a real commit would."""
    return django_capture_on_commit_callbacks(execute=True)


__all__ = ["make_article", "make_blog", "committed", "transaction"]
