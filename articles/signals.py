"""Keep Wagtail page privacy in step with an article's ``members_only`` flag."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published

from articles.models import ArticlePage


def sync_members_restriction(page):
    """Restrict the page to the Members group exactly when ``members_only`` is set."""
    restrictions = PageViewRestriction.objects.filter(page=page)
    if page.members_only:
        group, _ = Group.objects.get_or_create(name=settings.MEMBERS_GROUP_NAME)
        restriction = restrictions.filter(restriction_type=PageViewRestriction.GROUPS).first()
        if restriction is None:
            restrictions.delete()
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.GROUPS
            )
        restriction.groups.add(group)
    else:
        restrictions.delete()


@receiver(page_published, sender=ArticlePage)
def on_article_published(sender, instance, **kwargs):
    sync_members_restriction(instance)
