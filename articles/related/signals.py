"""Recompute related posts when content changes, after the transaction commits.

Publishing, unpublishing, deleting or moving an article, and saving or deleting a page's
privacy setting, schedule a refresh of the affected articles. Several changes in one
transaction become one task (a full rebuild when many articles changed); a transaction
that rolls back asks for nothing.
"""

import logging

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from articles.models import ArticlePage, TaggedArticle
from articles.related.tasks import rebuild_related, refresh_related
from core.commit_batch import CommitBatch
from topics.models import Topic

#: Above this many changed articles, one full rebuild is cheaper than a refresh.
REBUILD_ABOVE = 200

logger = logging.getLogger(__name__)


def _run(ids):
    if len(ids) > REBUILD_ABOVE:
        result = rebuild_related.enqueue()
    elif ids:
        result = refresh_related.enqueue(sorted(ids))
    else:
        return
    for error in result.errors:
        logger.error("Related posts were not recomputed:\n%s", error.traceback)


_batch = CommitBatch(_run, set)


def schedule(page_ids):
    """Refresh these articles once the current transaction commits (ids of any pages)."""
    _batch.add({int(pk) for pk in page_ids})


def _articles_under(page):
    return ArticlePage.objects.filter(path__startswith=page.path).values_list("pk", flat=True)


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
def on_article_state(sender, instance, **kwargs):
    schedule([instance.pk])


@receiver(pre_delete, sender=ArticlePage)
def on_article_delete(sender, instance, **kwargs):
    schedule([instance.pk])


@receiver(post_page_move)
def on_page_move(sender, instance, **kwargs):
    schedule(_articles_under(instance))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_change(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        schedule(_articles_under(page))


@receiver(post_delete, sender=TaggedArticle)
def on_topic_removed(sender, instance, origin=None, **kwargs):
    """A topic deleted in the admin takes its tags with it: refresh those articles.

    Tags removed by publishing an article are covered by the publish itself.
    """
    if isinstance(origin, Topic) or getattr(origin, "model", None) is Topic:
        schedule([instance.content_object_id])
