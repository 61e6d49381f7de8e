"""Demo questions from the demo member, one in each status, one answered through the workflow.

Only when the demo logins exist (DEBUG): questions belong to a member. The answered question
goes the whole way: scrubbed, a draft answer started, submitted to the answers workflow,
approved by the demo clinical reviewer (which stamps the review fields) and published by
the demo editor. The one being answered stops at the clinical review. Loading twice changes
nothing: questions are found again by their text.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from wagtail.models import WorkflowState

from articles.models import ArticlePage, Author
from questions.answers import start_answer
from questions.models import Question
from topics.models import Topic

DATA = Path(__file__).resolve().parent / "demo"
DEMO_MEMBER = "member"
DEMO_EDITOR = "admin"
DEMO_REVIEWER = "reviewer"
#: The demo reviewer writes as this author (demo/authors.json in articles).
REVIEWER_AUTHOR = "priya-nair"


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _write_answer(article, text, user):
    """Replace the draft's placeholder paragraph with the expert's answer and the crisis notice."""
    page = article.get_latest_revision_as_object()
    body = [dict(block) for block in page.body.raw_data]
    body[1] = {"type": "paragraph", "value": f"<p>{text}</p>"}
    body.append({"type": "crisis_notice", "value": {"intro": "If someone is in danger now:"}})
    page.body = json.dumps(body)
    return page.save_revision(user=user)


def _through_workflow(article, editor, reviewer, answered):
    """Submit the answer; when ``answered``, approve the review and publish it too."""
    state = article.get_workflow().start(article, editor)
    if not answered:
        return
    for approver in (reviewer, editor):
        state.refresh_from_db()
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, approver, "approve")


def ensure_question(item, member, editor, reviewer):
    question = Question.objects.filter(user=member, question=item["question"]).first()
    if question is not None:
        return question
    question = Question.objects.create(
        user=member,
        question=item["question"],
        pseudonym=item["pseudonym"],
        consent=True,
        decline_note=item.get("decline_note", ""),
        status=Question.Status.DECLINED
        if item["status"] == "declined"
        else Question.Status.RECEIVED,
    )
    question.topics.set(Topic.objects.filter(name__in=item["topics"]))
    if "answer" not in item:
        return question
    question.scrubbed_question = item["scrubbed"]
    question.privacy_checked = True
    question.assigned_to = reviewer
    question.save()
    article = start_answer(question, editor)
    _write_answer(article, item["answer"], editor)
    _through_workflow(article, editor, reviewer, answered=item["status"] == "answered")
    return question


def load_demo(stdout):
    member, editor, reviewer = _user(DEMO_MEMBER), _user(DEMO_EDITOR), _user(DEMO_REVIEWER)
    if not (member and editor and reviewer):
        stdout.write("No demo logins: the demo questions were skipped.")
        return
    Author.objects.filter(slug=REVIEWER_AUTHOR, account__isnull=True).update(account=reviewer)
    for item in json.loads((DATA / "questions.json").read_text(encoding="utf-8")):
        ensure_question(item, member, editor, reviewer)
    in_review = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
    answered = ArticlePage.objects.filter(answered_questions__isnull=False, live=True).count()
    stdout.write(
        f"Questions: {Question.objects.filter(user=member).count()} from the demo member; "
        f"{answered} answered, {in_review} answer(s) in review."
    )
