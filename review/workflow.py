"""The answers workflow: the expert's draft, a clinical review, then the editor's publish.

Made on first use (starting an answer, or loading the demo) so a new site needs no set-up:
the "Clinical reviewers" group (who may sign in to the admin), a clinical review task for
it, an editor's publish task for Editors and Moderators, and the "Expert answers" workflow
holding both. Each answer is assigned the workflow on its own page, so other articles keep
whatever workflow the site gives them. Editors may rename or extend all of it in the admin;
it is found again by name.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from review.models import ClinicalReviewTask

WORKFLOW_NAME = "Expert answers"
REVIEWERS_GROUP = "Clinical reviewers"
REVIEW_TASK = "Clinical review"
PUBLISH_TASK = "Editor's publish"
PUBLISHERS = ("Editors", "Moderators")


def reviewers_group():
    """The group, made if missing, always able to sign in to the admin to review."""
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    return group


def answers_workflow():
    """The workflow, with its two tasks, made if missing."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow:
        return workflow
    review = ClinicalReviewTask.objects.filter(name=REVIEW_TASK).first()
    if review is None:
        review = ClinicalReviewTask.objects.create(name=REVIEW_TASK)
        review.groups.set([reviewers_group()])
    publish = GroupApprovalTask.objects.filter(name=PUBLISH_TASK).first()
    if publish is None:
        publish = GroupApprovalTask.objects.create(name=PUBLISH_TASK)
        publish.groups.set(Group.objects.filter(name__in=PUBLISHERS))
    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=publish, sort_order=1)
    return workflow


def assign_answers_workflow(page):
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": answers_workflow()})
