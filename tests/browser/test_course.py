"""A member works through a unit in a real browser; the course pages pass an axe scan."""

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


def _body(title):
    return [
        {"type": "heading", "value": {"text": "What to notice", "level": "h2"}},
        {"type": "paragraph", "value": f"<p>The text of {title}.</p>"},
        exercise_block(1, prompts=("When does your Loved One usually use?",)),
        {"type": "key_takeaways", "value": {"heading": "Key takeaways", "items": ["Notice."]}},
    ]


def test_member_writes_an_answer_marks_complete_and_sees_progress(
    page, live_server, transactional_db
):
    home = make_home()
    course = make_course(home)
    module = make_module(course, 1, title="Key observations")
    unit = make_unit(module, "A typical week", body=_body("A typical week"))
    make_unit(module, "Triggers", body=_body("Triggers"))
    make_user("browser-member", member=True, password="pass-word-123")

    page.goto(course.url)
    assert_no_serious_a11y_violations(page)
    page.goto(module.url)
    assert_no_serious_a11y_violations(page)
    page.goto(unit.url)
    assert "This unit is for members" in page.locator("main").inner_text()
    assert_no_serious_a11y_violations(page)

    page.get_by_role("link", name="Sign in to continue").click()
    page.get_by_label("Username").fill("browser-member")
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{unit.url}")
    progress = page.get_by_test_id("module-progress").get_by_role("progressbar")
    assert progress.get_attribute("value") == "0"

    answer = page.get_by_label("When does your Loved One usually use?")
    answer.fill("Mostly on Friday evenings after work.")
    page.get_by_role("button", name="Save my answers").click()
    page.wait_for_load_state()
    assert "are saved" in page.locator(".journal-form .journal-status").inner_text()
    assert answer.input_value() == "Mostly on Friday evenings after work."
    assert_no_serious_a11y_violations(page)

    page.get_by_role("button", name="Mark as complete").click()
    page.wait_for_load_state()
    assert progress.get_attribute("value") == "50"
    assert "1 of 2 units complete" in page.get_by_test_id("module-progress").inner_text()

    page.goto(course.url)
    assert (
        page.get_by_test_id("course-progress").get_by_role("progressbar").get_attribute("value")
        == "50"
    )
    assert (
        "Continue where you left off: Triggers" in page.get_by_test_id("continue-link").inner_text()
    )
    assert_no_serious_a11y_violations(page)
