"""The changes that purge, each mapped to what shows the changed object.

Publishing (a members-only flag changed on publish included), unpublishing, moving and
deleting pages; a page's privacy (``PageViewRestriction``) saved or deleted; a topic or an
author saved, merged or deleted; the engine rewriting related lists; images and
documents saved; and site settings, snippets, sites and collection privacy, which every
page may show (the crisis resources are on every page), purge everything.

A page's state before a save is read in ``pre_save`` (its address, topics, authors, menu
flag), so publishing an article that leaves a topic purges that topic's page too.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from articles.models import Author
from articles.related.tasks import lists_rewritten
from caching import invalidation
from topics.models import Topic

#: A save of a page with only these fields changes nothing a reader sees (a draft saved).
UNSEEN_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
}


@receiver(pre_save)
def remember_page_before(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or not instance.pk:
        return
    if update_fields is not None and set(update_fields) <= UNSEEN_FIELDS:
        return
    instance._shown_before = invalidation.before([instance.pk])


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    before = getattr(instance, "_shown_before", None)
    invalidation.purge(lambda: invalidation.for_pages([instance.pk], before=before))


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    invalidation.purge(lambda: invalidation.for_pages([instance.pk], with_descendants=True))


@receiver(post_page_move)
def on_move(sender, instance, url_path_before, url_path_after, **kwargs):
    found = invalidation.for_pages([instance.pk], with_descendants=True)
    if not found.everything:
        # The old addresses, of the page, everything under it and its old parents.
        old = set()
        for url_path in instance.get_descendants(inclusive=True).values_list("url_path", flat=True):
            moved = url_path_before + url_path[len(url_path_after) :]
            old |= invalidation.page_paths(moved) | invalidation._ancestor_paths(moved)
        found = found | invalidation.Purge(paths=old)
    invalidation.purge(found)


@receiver(pre_delete)
def on_page_delete(sender, instance, **kwargs):
    # Before the rows go: what shows the page is still known.
    if isinstance(instance, Page):
        invalidation.purge(lambda: invalidation.for_pages([instance.pk]))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_change(sender, instance, **kwargs):
    invalidation.purge(lambda: invalidation.for_pages([instance.page_id], with_descendants=True))


@receiver(pre_save, sender=Topic)
@receiver(pre_save, sender=Author)
def remember_slug(sender, instance, **kwargs):
    if instance.pk:
        instance._slug_before = (
            sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        )


@receiver(post_save, sender=Topic)
@receiver(pre_delete, sender=Topic)
def on_topic_change(sender, instance, **kwargs):
    old = getattr(instance, "_slug_before", None)
    invalidation.purge(invalidation.for_topic(instance, old_slug=old))


@receiver(post_save, sender=Author)
@receiver(pre_delete, sender=Author)
def on_author_change(sender, instance, **kwargs):
    old = getattr(instance, "_slug_before", None)
    invalidation.purge(invalidation.for_author(instance, old_slug=old))


@receiver(lists_rewritten)
def on_related_lists(sender, page_ids, **kwargs):
    if page_ids is None:
        invalidation.purge(invalidation.Purge(everything=True))
    else:
        invalidation.purge(invalidation.own_pages(page_ids))


@receiver(post_save)
@receiver(post_delete)
def on_anything_else(sender, instance, created=False, **kwargs):
    """Settings, snippets, sites, collection privacy: shown everywhere; media: where used.

    A site setting's row made on first reading (``for_site``) holds the defaults that were
    already shown, so its creation purges nothing.
    """
    if isinstance(instance, (get_image_model(), get_document_model())):
        references = ReferenceIndex.get_references_to(instance).filter(
            base_content_type__model="page"
        )
        page_ids = [int(pk) for pk in references.values_list("object_id", flat=True)]
        if page_ids:
            invalidation.purge(invalidation.for_pages(page_ids))
        return
    if created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        return
    everywhere = (BaseSiteSetting, BaseGenericSetting, Site, CollectionViewRestriction)
    if isinstance(instance, everywhere) or (
        sender not in (Author, Topic) and sender in get_snippet_models()
    ):
        invalidation.purge(invalidation.Purge(everything=True))
