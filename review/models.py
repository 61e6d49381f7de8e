"""The clinical review step of the answers workflow.

A group approval task (the "Clinical reviewers" group) whose approval stamps the page's
review fields (``articles.review.ClinicallyReviewed``): reviewed by the approver's author
profile (Snippets › Authors › account), reviewed today, next review a year on. The stamp
is saved as a new revision before the workflow moves on, so the editor's publish step
publishes the stamped page.
"""

from django.db import transaction
from wagtail.models import AbstractGroupApprovalTask

from articles.models import Author
from articles.review import ClinicallyReviewed


class ClinicalReviewTask(AbstractGroupApprovalTask):
    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            stamp_latest_revision(task_state.workflow_state.content_object, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return (
            "Members of the chosen groups check the health information; approving records "
            "who reviewed it and when, with the next review due a year later."
        )

    class Meta:
        verbose_name = "Clinical review task"
        verbose_name_plural = "Clinical review tasks"


def stamp_latest_revision(obj, user):
    """Record ``user``'s review on the newest draft of ``obj`` (a new revision)."""
    page = obj.specific.get_latest_revision_as_object()
    if not isinstance(page, ClinicallyReviewed):
        return
    author = Author.objects.filter(account=user).first() or page.reviewed_by
    page.stamp_review(author)
    page.save_revision(user=user, clean=False)
