"""Page lifecycle signals -> change-feed rows and webhook deliveries (``webhooks.events``).

Wagtail's signals, in the transaction that made the change, so a feed row exists exactly
when its change does; HTTP happens in the worker after commit. The members-only flag
needs no receiver of its own: publishing syncs it to a Members restriction (``core``
connects that first), whose save or delete lands here as a privacy change.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from webhooks.events import last_actions, notify, record, record_deleted
from webhooks.models import PageChange


def _subtree(page):
    """The live pages whose anonymous view a change at ``page`` can change."""
    return Page.objects.descendant_of(page, inclusive=True).filter(live=True).order_by("path")


@receiver(page_published, dispatch_uid="webhooks-published")
def published(sender, instance, **kwargs):
    record([instance], edited=True)
    notify("page.published", instance)


@receiver(page_unpublished, dispatch_uid="webhooks-unpublished")
def unpublished(sender, instance, **kwargs):
    """Wagtail unpublishes a page it is deleting too: that one is ``page.deleted`` alone."""
    if last_actions([instance.pk]).get(instance.pk) == PageChange.DELETED:
        return
    record([instance], edited=True)
    notify("page.unpublished", instance)


@receiver(pre_delete, sender=Page, dispatch_uid="webhooks-deleted")
def deleted(sender, instance, **kwargs):
    """Before the row goes, while its address can still be worked out (descendants too)."""
    if instance.first_published_at is None:
        return  # a draft nobody outside the admin ever saw
    record_deleted(instance)
    notify("page.deleted", instance)


@receiver(post_page_move, dispatch_uid="webhooks-moved")
def moved(sender, instance, **kwargs):
    """A move changes addresses below it, and may put pages under (or out of) a restriction."""
    record(_subtree(instance), edited=True)
    if instance.live:
        notify("page.moved", instance)


def _privacy_changed(restriction, origin=None):
    deleting = getattr(origin, "model", None) or type(origin)  # a queryset, or an instance
    if issubclass(deleting, Page):
        return  # the page itself is being deleted: its tombstone says it all
    page = Page.objects.filter(pk=restriction.page_id).first()
    if page is None:
        return
    record(_subtree(page), edited=False)
    if page.live:
        notify("page.privacy_changed", page)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="webhooks-restricted")
def restriction_saved(sender, instance, **kwargs):
    _privacy_changed(instance)


@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="webhooks-opened")
def restriction_deleted(sender, instance, origin=None, **kwargs):
    _privacy_changed(instance, origin)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through, dispatch_uid="webhooks-groups")
def restriction_groups(sender, instance, action, **kwargs):
    """A restriction's groups decide members-only (a teaser) or hidden: the feed follows."""
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, PageViewRestriction
    ):
        page = Page.objects.filter(pk=instance.page_id).first()
        if page is not None:
            record(_subtree(page), edited=False)
