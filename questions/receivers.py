"""The question's status follows its answer: published means answered, and the member hears.

Connected to Wagtail's page signals for articles. The email goes through a task, queued
once the publish has committed, so a rolled-back publish never tells a member anything.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from articles.models import ArticlePage
from questions.models import Question
from questions.tasks import notify_answered


def answer_published(sender, instance, **kwargs):
    waiting = Question.objects.filter(article_id=instance.pk).exclude(
        status__in=[Question.Status.ANSWERED, Question.Status.DECLINED]
    )
    ids = list(waiting.values_list("pk", flat=True))
    if not ids:
        return
    Question.objects.filter(pk__in=ids).update(
        status=Question.Status.ANSWERED, answered_at=timezone.now()
    )
    for pk in ids:
        transaction.on_commit(lambda pk=pk: notify_answered.enqueue(pk))


def answer_unpublished(sender, instance, **kwargs):
    """An answer taken down is being answered again (and its link leaves the member's list)."""
    Question.objects.filter(article_id=instance.pk, status=Question.Status.ANSWERED).update(
        status=Question.Status.BEING_ANSWERED
    )


page_published.connect(answer_published, sender=ArticlePage, dispatch_uid="questions-answered")
page_unpublished.connect(
    answer_unpublished, sender=ArticlePage, dispatch_uid="questions-unanswered"
)
