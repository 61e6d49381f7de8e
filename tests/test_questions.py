"""Members' questions: asking, following, triage, scrubbing, the answer workflow, and the loop.

The loop runs end to end through HTTP and the admin: a member asks, an editor triages and
scrubs, starts an answer, the expert writes it and submits it, a clinical reviewer approves
(stamping the review fields), an editor publishes, the member is emailed and their list
shows the answer.
"""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import TaskState, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticlePage, Author
from core import account_data
from questions.models import Question
from questions.scrub import find_personal_data, known_names_of, scrubbed
from review.workflow import REVIEWERS_GROUP, WORKFLOW_NAME, reviewers_group
from tests.factories import make_blog, make_topic, make_user

pytestmark = pytest.mark.django_db

STORY = (
    "My son Jake has taken benzodiazepines for ten years. You can reach me at "
    "worried.mum@example.com or 555-201-3344; we live at 12 Maple Street. Is it safe for "
    "him to stop on his own?"
)


def ask(client, **overrides):
    data = {"question": STORY, "pseudonym": "Worried Mum", "consent": "on", **overrides}
    return client.post(reverse("ask_question"), data)


@pytest.fixture
def member_client(member):
    member.email = "member-a@example.org"
    member.save()
    client = Client()
    client.force_login(member)
    return client


# Members ask and follow their questions


def test_anonymous_readers_are_sent_to_sign_in(client):
    for url in ("/my/questions/", "/my/questions/new/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/my/questions/")


def test_a_signed_in_non_member_is_told_asking_is_for_members(client):
    client.force_login(make_user("stranger"))
    page = client.get("/my/questions/new/")
    assert page.status_code == 200
    assert 'data-testid="members-only"' in page.content.decode()
    assert ask(client).status_code == 403
    assert not Question.objects.exists()


def test_a_member_asks_and_sees_the_question_received(member_client, member, home):
    sleep = make_topic("Sleep")
    page = member_client.get("/my/questions/new/").content.decode()
    assert "Never your real name." in page
    response = ask(member_client, topics=[sleep.pk])
    assert response.status_code == 302
    question = Question.objects.get()
    assert (question.user, question.pseudonym, question.consent) == (member, "Worried Mum", True)
    assert list(question.topics.all()) == [sleep]
    assert question.status == Question.Status.RECEIVED
    listing = member_client.get("/my/questions/")
    html = listing.content.decode()
    assert "Received." in html
    assert "Worried Mum" in html
    assert "no-cache" in listing["Cache-Control"] or "no-store" in listing["Cache-Control"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"question": "   "}, "Write your question before sending it."),
        ({"pseudonym": ""}, "Choose a pseudonym"),
        ({"consent": ""}, "Tick the box to agree"),
        ({"pseudonym": "member-a"}, "looks like your own name"),
        ({"question": "x" * 4001}, "longer than 4,000 characters"),
    ],
)
def test_a_mistake_is_explained_and_keeps_what_was_typed(member_client, overrides, message):
    data = {"question": STORY, "pseudonym": "Worried Mum", "consent": "on", **overrides}
    response = member_client.post(reverse("ask_question"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if "question" not in overrides:
        assert "My son Jake has taken benzodiazepines" in html
    if "pseudonym" not in overrides:
        assert 'value="Worried Mum"' in html
    assert not Question.objects.exists()


def test_declined_questions_show_the_kind_note(member_client, member):
    Question.objects.create(
        user=member,
        question="Can you recommend a clinic in my town?",
        pseudonym="Hopeful",
        consent=True,
        status=Question.Status.DECLINED,
        decline_note="We cannot recommend clinics; the SAMHSA helpline can.",
    )
    html = member_client.get("/my/questions/").content.decode()
    assert "Not answered this time." in html
    assert "the SAMHSA helpline can." in html


def test_a_member_sees_only_their_own_questions(member_client, member):
    other = make_user("member-b", member=True)
    Question.objects.create(user=other, question="zqotherquestion", pseudonym="B", consent=True)
    Question.objects.create(user=member, question="zqownquestion", pseudonym="A", consent=True)
    html = member_client.get("/my/questions/").content.decode()
    assert "zqownquestion" in html
    assert "zqotherquestion" not in html


def test_questions_are_in_the_export_and_go_with_the_account(member, home):
    Question.objects.create(user=member, question="zqexported", pseudonym="A", consent=True)
    exported = account_data.export_for(member)["questions"]
    assert exported[0]["question"] == "zqexported"
    assert exported[0]["status"] == "received"
    assert "internal_notes" not in exported[0]
    account_data.delete_for(member)
    assert not Question.objects.exists()


# Personal data


def test_personal_data_is_found_and_scrubbed(member):
    member.first_name = "Priya"
    text = (
        "I'm worried. Priya here: my son Jake (jake@example.com, +1 555 201 3344) lives at "
        "9 Oak Road in Dayton."
    )
    findings = find_personal_data(text, known_names_of(member))
    kinds = [finding.kind for finding in findings]
    assert {"email", "phone", "address", "name"} <= set(kinds)
    clean = scrubbed(text, findings)
    for secret in ("Priya", "Jake", "jake@example.com", "555", "9 Oak Road", "Dayton"):
        assert secret not in clean, secret
    assert clean.startswith("I'm worried. [name] here: my son [name] ([email], [phone])")


def test_ordinary_words_are_not_taken_for_names():
    text = "We talked on Monday. My Loved One uses Suboxone and goes to AA meetings."
    assert find_personal_data(text) == []


# Editors triage


def test_only_editors_reach_the_questions_admin(client, member, home):
    Question.objects.create(user=member, question=STORY, pseudonym="A", consent=True)
    client.force_login(member)
    response = client.get("/admin/questions/")
    assert response.status_code in (302, 403)


def test_editors_filter_and_search_questions(admin_client, member, home):
    sleep = make_topic("Sleep")
    first = Question.objects.create(
        user=member, question="Nightmares every night", pseudonym="Tired Dad", consent=True
    )
    first.topics.add(sleep)
    Question.objects.create(
        user=member,
        question="Rehab choices",
        pseudonym="Unsure Aunt",
        consent=True,
        status=Question.Status.DECLINED,
    )
    listing = admin_client.get("/admin/questions/").content.decode()
    assert "Tired Dad" in listing
    assert "Unsure Aunt" in listing
    by_status = admin_client.get("/admin/questions/", {"status": "declined"}).content.decode()
    assert "Unsure Aunt" in by_status
    assert "Tired Dad" not in by_status
    by_topic = admin_client.get("/admin/questions/", {"topics": sleep.pk}).content.decode()
    assert "Tired Dad" in by_topic
    assert "Unsure Aunt" not in by_topic
    found = admin_client.get("/admin/questions/", {"q": "nightmares"}).content.decode()
    assert "Tired Dad" in found
    assert "Unsure Aunt" not in found
    assert admin_client.get("/admin/questions/new/").status_code == 404


def test_start_an_answer_waits_for_the_privacy_check(admin_client, member, home):
    make_blog(home)
    question = Question.objects.create(user=member, question=STORY, pseudonym="A", consent=True)
    url = reverse("questions:start_answer", args=[question.pk])
    response = admin_client.post(url)
    assert response.status_code == 400
    assert "personal details removed" in response.content.decode()
    assert not ArticlePage.objects.exists()


# The whole loop


def triage_form(question, **overrides):
    data = {
        "scrubbed_question": question.scrubbed_question,
        "privacy_checked": "on",
        "status": question.status,
        "assigned_to": "",
        "topics": [topic.pk for topic in question.topics.all()],
        "internal_notes": "",
        "decline_note": "",
        **overrides,
    }
    return data


def answer_form(article, answer_text):
    return nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "summary": article.summary,
            "standfirst": "Dr Lee explains how to taper safely.",
            "date": "",
            "hero_alt": "",
            "topics": ", ".join(topic.name for topic in article.topics.all()),
            "body": streamfield(
                [
                    ("question", dict(article.body[0].value)),
                    ("paragraph", rich_text(f"<p>{answer_text}</p>")),
                    ("crisis_notice", {"intro": "Worried about withdrawal right now?"}),
                ]
            ),
            "from_members_blog": "on",
            "members_only": "on",
            "sources": streamfield(
                [
                    (
                        "source",
                        {
                            "title": "Benzodiazepine tapering guide",
                            "publisher": "A health agency",
                            "url": "https://example.org/taper",
                            "accessed": "2026-11-01",
                        },
                    )
                ]
            ),
            "reviewed_by": "",
            "last_reviewed": "",
            "next_review_due": "",
            "article_authors": inline_formset(
                [{"author": article.article_authors.get().author_id}]
            ),
            "related_picks": inline_formset([]),
            "related_exclusions": inline_formset([]),
            "comments": inline_formset([]),
            "action-submit": "submit",
        }
    )


def test_the_whole_loop_from_question_to_published_answer(
    home, member_client, member, django_capture_on_commit_callbacks
):
    make_blog(home)
    topic = make_topic("Benzodiazepines")
    member.first_name = "Priya"
    member.save()
    # 1. The member asks.
    assert ask(member_client, topics=[topic.pk]).status_code == 302
    question = Question.objects.get()

    # 2. An editor triages: sees the personal data highlighted and a scrubbed copy offered.
    editor = make_user("editor-e", superuser=True)
    expert = make_user("expert-x", editor=True)
    Author.objects.create(name="Dr Lee", slug="dr-lee", account=expert)
    editor_client = Client()
    editor_client.force_login(editor)
    edit_url = reverse("questions:edit", args=[question.pk])
    page = editor_client.get(edit_url).content.decode()
    assert (
        '<mark class="personal-data" title="Looks like an email address">'
        "worried.mum@example.com</mark>" in page
    )
    assert "Jake</mark>" in page
    offered = page.split('name="scrubbed_question"')[1].split("</textarea>")[0]
    for secret in ("Jake", "worried.mum@example.com", "555-201-3344", "12 Maple Street"):
        assert secret not in offered
    assert "[name]" in offered
    assert "[email]" in offered
    # 3. It accepts the scrubbed copy (with an edit), assigns the expert, keeps a note.
    clean = "My son has taken benzodiazepines for ten years. Is it safe for him to stop on his own?"
    question.refresh_from_db()
    response = editor_client.post(
        edit_url,
        triage_form(
            question, scrubbed_question=clean, assigned_to=expert.pk, internal_notes="zqnote"
        ),
    )
    assert response.status_code == 302, response.content[:2000]
    question.refresh_from_db()
    assert (question.scrubbed_question, question.privacy_checked) == (clean, True)
    assert question.assigned_to == expert

    # 4. "Start an answer": a draft under the blog, prefilled, in the answers workflow.
    start_url = reverse("questions:start_answer", args=[question.pk])
    assert "Start an answer" in editor_client.get(edit_url).content.decode()
    assert editor_client.get(start_url).status_code == 200
    response = editor_client.post(start_url)
    article = ArticlePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[article.pk])
    question.refresh_from_db()
    assert question.status == Question.Status.BEING_ANSWERED
    assert question.article == article
    assert not article.live
    assert article.from_members_blog
    assert article.members_only
    block = article.body[0]
    assert block.block_type == "question"
    assert (block.value["pseudonym"], block.value["text"]) == ("Worried Mum", clean)
    assert list(article.topics.all()) == [topic]
    assert [link.author.name for link in article.article_authors.all()] == ["Dr Lee"]
    assert WorkflowPage.objects.get(page=article).workflow.name == WORKFLOW_NAME
    # The draft links back to its question.
    assert edit_url in editor_client.get(response["Location"]).content.decode()
    assert "In progress" not in member_client.get("/my/questions/").content.decode()
    assert "Being answered." in member_client.get("/my/questions/").content.decode()

    # 5. The expert writes the answer and submits it for review.
    expert.groups.add(Group.objects.get(name="Editors"))
    expert_client = Client()
    expert_client.force_login(expert)
    response = expert_client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        answer_form(article, "Never stop suddenly; taper with a doctor."),
    )
    assert response.status_code == 302, response.content[:3000]
    state = WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS)

    # 6. A clinical reviewer approves: the review fields are stamped.
    reviewer = make_user("reviewer-r")
    reviewer.groups.add(reviewers_group())
    assert reviewer.groups.filter(name=REVIEWERS_GROUP).exists()
    Author.objects.create(name="Dr Ana Ruiz", slug="ana-ruiz", credentials="MD", account=reviewer)
    reviewer_client = Client()
    reviewer_client.force_login(reviewer)
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[article.pk, "approve", task_state.pk]
    )
    assert reviewer_client.post(approve, {"comment": ""}).status_code == 302
    article.refresh_from_db()
    assert not article.live
    draft = article.get_latest_revision_as_object()
    assert draft.reviewed_by.name == "Dr Ana Ruiz"
    assert draft.last_reviewed is not None
    assert draft.next_review_due == draft.last_reviewed.replace(year=draft.last_reviewed.year + 1)
    assert not mail.outbox

    # 7. The editor publishes (the workflow's last step).
    state.refresh_from_db()
    publish_state = TaskState.objects.get(pk=state.current_task_state_id)
    publish = reverse(
        "wagtailadmin_pages:workflow_action", args=[article.pk, "approve", publish_state.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(publish, {"comment": ""}).status_code == 302
    article.refresh_from_db()
    assert article.live
    assert article.reviewed_by.name == "Dr Ana Ruiz"

    # 8. The member is emailed under their pseudonym, and the list links the answer.
    question.refresh_from_db()
    assert question.status == Question.Status.ANSWERED
    assert question.member_notified_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["member-a@example.org"]
    assert "Hello Worried Mum" in message.body
    assert article.url in message.body
    for secret in ("Jake", "worried.mum", "Maple", "Priya"):
        assert secret not in message.body
    listing = member_client.get("/my/questions/").content.decode()
    assert f'<a href="{article.url}">' in listing
    answer = member_client.get(article.url).content.decode()
    assert "Never stop suddenly" in answer
    assert "Worried Mum" in answer
    assert "Reviewed by" in answer
    assert "Dr Ana Ruiz" in answer
    for secret in ("Jake", "worried.mum", "Maple", "Priya"):
        assert secret not in answer
