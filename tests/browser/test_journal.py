"""A member's typed answers survive "Mark as complete", and the save message takes focus."""

import pytest

from tests.browser.conftest import assert_no_serious_a11y_violations
from tests.factories import (
    exercise_block,
    make_course,
    make_home,
    make_module,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.browser

PROMPT = "When does your Loved One usually use?"


def _sign_in(page, unit):
    page.goto(f"/accounts/login/?next={unit.url}")
    page.get_by_label("Username").fill("journal-member")
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{unit.url}")


def test_typed_text_is_kept_after_mark_as_complete_and_the_message_is_focused(
    page, live_server, transactional_db
):
    module = make_module(make_course(make_home()), 1)
    unit = make_unit(module, "A typical week", body=[exercise_block(1, prompts=(PROMPT,))])
    make_user("journal-member", member=True, password="pass-word-123")
    _sign_in(page, unit)

    answer = page.get_by_label(PROMPT)
    answer.fill("Friday evenings, after work.")
    assert "28 of 10,000 characters" in page.locator(".char-count").inner_text()
    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_url(f"**{unit.url}#complete-status")

    assert page.get_by_label(PROMPT).input_value() == "Friday evenings, after work."
    status = page.get_by_test_id("status-complete")
    assert "marked as complete. Your answers are saved." in status.inner_text()
    assert status.evaluate("element => element === document.activeElement")
    assert status.get_attribute("role") == "status"

    page.get_by_label(PROMPT).fill("Friday evenings, and Sundays.")
    page.get_by_role("button", name="Save my answers").click()
    page.wait_for_load_state()
    saved = page.locator(".journal-form .journal-status")
    assert "are saved" in saved.inner_text()
    assert saved.evaluate("element => element === document.activeElement")
    assert_no_serious_a11y_violations(page)
