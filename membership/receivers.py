"""Keep the Members group in step with the grants, whatever changes them (the admin, the
shell, the payment hook), and check it again when someone signs in."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from membership.middleware import mark_checked
from membership.models import Membership
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
