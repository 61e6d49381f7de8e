"""A member asks the experts, fixes a mistake without losing their words, and later finds
the published answer from their list of questions; every page on the way is accessible."""

import pytest
from wagtail.models import WorkflowState

from questions.answers import start_answer
from questions.models import Question
from tests.browser.conftest import assert_no_serious_a11y_violations
from tests.factories import make_blog, make_home, make_user

pytestmark = pytest.mark.browser

QUESTION = "My son takes a sleeping pill every night and now wants to stop. Is that safe?"


def test_a_member_asks_and_later_finds_the_answer(page, live_server, transactional_db):
    make_blog(make_home())
    make_user("browser-asker", member=True, password="pass-word-123")
    editor = make_user("browser-editor", superuser=True)

    page.goto("/my/questions/new/")
    page.get_by_label("Username").fill("browser-asker")
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/my/questions/new/")
    assert_no_serious_a11y_violations(page)

    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_label("Pseudonym", exact=True).fill("Night Owl")
    page.get_by_role("button", name="Send my question").click()
    page.wait_for_load_state()
    assert "Tick the box to agree" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Your question").input_value() == QUESTION
    assert page.get_by_label("Pseudonym", exact=True).input_value() == "Night Owl"
    assert_no_serious_a11y_violations(page)

    page.get_by_label("I agree that my question may be published").check()
    page.get_by_role("button", name="Send my question").click()
    page.wait_for_url("**/my/questions/")
    assert "Received." in page.get_by_test_id("question-status").inner_text()
    assert_no_serious_a11y_violations(page)

    # Editors scrub the question, start the answer and publish it (the admin has its own tests).
    question = Question.objects.get()
    question.scrubbed_question = QUESTION
    question.privacy_checked = True
    question.save()
    article = start_answer(question, editor)
    WorkflowState.objects.filter(object_id=str(article.pk)).delete()
    article.get_latest_revision().publish()

    page.reload()
    link = page.get_by_test_id("question-status").get_by_role("link")
    assert link.inner_text() == article.title
    link.click()
    page.wait_for_url(f"**{article.url}")
    assert "Night Owl" in page.locator("main").inner_text()
    assert_no_serious_a11y_violations(page)
