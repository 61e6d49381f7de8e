"""Keep Wagtail page privacy in step with an article's ``members_only`` flag."""

from django.dispatch import receiver
from wagtail.signals import page_published

from articles.models import ArticlePage
from cms.visibility import sync_members_restriction


@receiver(page_published, sender=ArticlePage)
def on_article_published(sender, instance, **kwargs):
    sync_members_restriction(instance)
