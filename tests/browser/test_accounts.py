"""A reader creates an account, confirms it from the mailbox and reaches their account page;
every page on the way is accessible."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import assert_no_serious_a11y_violations
from tests.factories import make_home

pytestmark = pytest.mark.browser

PASSWORD = "a-long-pass-phrase-42"


def test_sign_up_confirm_and_make_a_token(page, live_server, transactional_db):
    make_home()
    page.goto("/accounts/login/")
    assert_no_serious_a11y_violations(page)
    page.get_by_role("link", name="Create an account").click()
    page.wait_for_load_state()
    assert_no_serious_a11y_violations(page)

    page.get_by_label("Email").fill("browser-reader@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_load_state()
    assert_no_serious_a11y_violations(page)

    [message] = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(link.split("/accounts/", 1)[1].join(["/accounts/", ""]))
    assert_no_serious_a11y_violations(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()

    page.goto("/my/account/")
    assert "You are not a member yet" in page.content()
    page.get_by_label("Name").fill("My phone")
    page.get_by_role("button", name="Create a token").click()
    page.wait_for_load_state()
    assert page.locator(".token-key").inner_text().startswith("wagtail_")
    assert_no_serious_a11y_violations(page)

    for url in ("/accounts/email/", "/accounts/password/change/", "/my/account/delete/"):
        page.goto(url)
        assert "Family CRAFT" in page.title(), url
        assert_no_serious_a11y_violations(page)


def test_the_password_reset_pages_are_accessible(page, live_server, transactional_db):
    make_home()
    page.goto("/accounts/password/reset/")
    assert_no_serious_a11y_violations(page)
    page.get_by_label("Email").fill("nobody@example.org")
    page.get_by_role("button").filter(has_text="Reset").click()
    page.wait_for_load_state()
    assert "/accounts/password/reset/done/" in page.url
    assert_no_serious_a11y_violations(page)


def test_the_whole_way_in_from_a_locked_unit_to_reading_it(page, live_server, transactional_db):
    """Teaser → join → sign up → confirm from the mailbox → enter a code → read the unit."""
    from membership.models import AccessCode, JoinPage
    from tests.factories import make_small_course, publish

    home = make_home()
    home.add_child(instance=JoinPage(title="Join us", slug="join", intro="Membership helps."))
    publish(JoinPage.objects.get())
    _course, built = make_small_course(home, modules=1, units_per_module=1)
    unit = built[0][1][0]
    AccessCode.objects.create(code="WAYIN2345", max_uses=5)

    page.goto(unit.url)
    page.get_by_role("link", name="Become a member").first.click()
    page.wait_for_load_state()
    assert "/join/" in page.url
    page.get_by_role("link", name="Create an account").click()
    page.wait_for_load_state()
    page.get_by_label("Email").fill("way-in@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_load_state()

    [message] = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto("/accounts/" + link.split("/accounts/", 1)[1])
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()

    page.goto("/my/membership/")
    page.get_by_role("textbox", name="Access code").fill("wayin 2345")
    page.get_by_role("button", name="Use this code").click()
    page.wait_for_load_state()
    assert_no_serious_a11y_violations(page)

    page.goto(unit.url)
    assert page.get_by_role("link", name="Become a member").count() == 0
    assert "Key Observation" in page.content()
