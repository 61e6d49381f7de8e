"""A member's question to the experts, from the day it is asked to its published answer.

A question is private to the member who asked it and the editors who triage it: it is not
a page, not indexed for search, not in any API or feed, and only read by the member's own
views (filtered on ``request.user``) and the admin (``questions.admin_views``). What can be
published is the ``scrubbed_question``: the editor's copy with personal details taken out,
shown under the member's ``pseudonym``.

The status follows the answer: "being answered" once an editor starts the draft answer,
"answered" when that article is published (``questions.receivers``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator

#: Long enough for a worried parent's whole story; short enough to read in a few minutes.
QUESTION_MAX_LENGTH = 4000
PSEUDONYM_MAX_LENGTH = 60


class Question(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        BEING_ANSWERED = "being_answered", "Being answered"
        ANSWERED = "answered", "Answered"
        DECLINED = "declined", "Declined"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="questions",
        help_text="The member who asked. Never shown to readers.",
    )
    question = models.TextField(
        max_length=QUESTION_MAX_LENGTH, help_text="What the member wrote, exactly as sent."
    )
    pseudonym = models.CharField(
        max_length=PSEUDONYM_MAX_LENGTH,
        help_text="The made-up name the member chose to be shown under.",
    )
    consent = models.BooleanField(
        default=False,
        help_text="The member agreed to the question being published anonymously.",
    )
    topics = models.ManyToManyField(
        "topics.Topic",
        blank=True,
        related_name="+",
        help_text="What the question is about (the member's choice; editors may change it).",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_questions",
        help_text="The expert who will answer it.",
    )
    internal_notes = models.TextField(
        blank=True, help_text="For editors only. The member never sees these notes."
    )
    scrubbed_question = models.TextField(
        "question for publication",
        max_length=QUESTION_MAX_LENGTH,
        blank=True,
        help_text=(
            "The question as it may be published: names, places, addresses, phone numbers "
            "and emails taken out. Starts as a suggestion; accept or edit it."
        ),
    )
    privacy_checked = models.BooleanField(
        "personal details removed",
        default=False,
        help_text=(
            "Tick once you have checked the question for publication holds nothing that "
            "could identify the member or their family. Needed before starting an answer."
        ),
    )
    decline_note = models.TextField(
        "note to the member",
        blank=True,
        help_text=(
            "If you decline the question, a kind word for the member, e.g. where else to "
            "find help. They see it in their list of questions."
        ),
    )
    article = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_questions",
        help_text="The article answering the question (set by “Start an answer”).",
    )
    created_at = models.DateTimeField(default=timezone.now, help_text="When it was asked.")
    answered_at = models.DateTimeField(null=True, blank=True)
    member_notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When the member was emailed about the answer."
    )

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Question {self.pk} from “{self.pseudonym}”"

    @property
    def excerpt(self):
        """The start of the question, for the editors' listing."""
        return Truncator(self.question).words(16)

    @property
    def answer_url(self):
        """The published answer's address, once there is one."""
        if self.status == self.Status.ANSWERED and self.article_id and self.article.live:
            return self.article.url
        return None
