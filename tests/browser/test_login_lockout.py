"""A reader who keeps mistyping their password is told, in the page, to wait and why."""

import pytest

from tests.browser.conftest import assert_no_serious_a11y_violations
from tests.factories import make_home, make_user

pytestmark = pytest.mark.browser


def test_a_locked_out_reader_sees_the_form_with_an_accessible_explanation(
    page, live_server, transactional_db
):
    make_home()
    make_user("browser-reader", password="pass-word-123")
    page.goto("/accounts/login/")

    for _ in range(5):
        page.get_by_label("Username").fill("browser-reader")
        page.get_by_label("Password").fill("not-my-password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
    page.get_by_label("Password").fill("pass-word-123")
    with page.expect_response("**/accounts/login/") as answer:
        page.get_by_role("button", name="Sign in").click()

    assert answer.value.status == 429
    alert = page.get_by_role("alert")
    assert "Too many failed attempts" in alert.inner_text()
    assert "15 minutes" in alert.inner_text()
    assert page.get_by_label("Username").input_value() == "browser-reader"
    assert_no_serious_a11y_violations(page)
