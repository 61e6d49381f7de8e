"""Keep derived state in step: the Members group with the grants, whatever changes them
(the admin, the shell, the payment hook; checked again at sign-in), and the cached join
page address with the join pages and sites."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from membership.join import forget_join_url
from membership.middleware import mark_checked
from membership.models import JoinPage, Membership
from membership.services import sync_members_group


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def grant_changed(sender, instance, **kwargs):
    sync_members_group(instance.user)


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    """A membership that lapsed while the reader was away ends as they sign in."""
    sync_members_group(user)
    if request is not None and hasattr(request, "session"):
        mark_checked(request)


for signal in (page_published, page_unpublished, post_page_move, post_delete):
    signal.connect(forget_join_url, sender=JoinPage, dispatch_uid=f"forget_join_url_{id(signal)}")
for signal in (post_save, post_delete):
    signal.connect(forget_join_url, sender=Site, dispatch_uid=f"forget_join_url_site_{id(signal)}")
