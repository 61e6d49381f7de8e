"""A reader types into the header search box, reads the results and opens one."""

import pytest

from tests.browser.conftest import assert_no_serious_a11y_violations
from tests.factories import make_article, make_blog, make_home, make_topics

pytestmark = pytest.mark.browser


def test_header_search_finds_and_opens_a_result(page, live_server, transactional_db):
    make_topics([{"name": "Naloxone", "synonyms": "Narcan"}])
    make_article(
        "Keeping an overdose-reversal spray at home",
        parent=make_blog(make_home()),
        body="Keep naloxone nasal spray where the family can reach it.",
        summary="Where to get the spray and how to use it.",
        topics=["Naloxone"],
        slug="reversal-spray",
    )

    page.goto("/")
    field = page.get_by_label("Search the site")
    if not field.is_visible():  # on a narrow screen the field opens from the header
        page.locator('[data-toggle="site-search"]').click()
    field.fill("Narcan")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Narcan")
    assert page.locator(".search__count").inner_text().startswith("1 result")
    assert page.locator(".result .meta").first.inner_text().startswith("Article")
    assert page.locator(".result mark").first.inner_text() == "naloxone"
    assert_no_serious_a11y_violations(page)

    page.get_by_role("link", name="Keeping an overdose-reversal spray at home").click()
    page.wait_for_url("**/reversal-spray/")
    assert page.locator("h1").first.inner_text() == "Keeping an overdose-reversal spray at home"


def test_no_result_page_is_helpful_and_accessible(page, live_server, transactional_db):
    make_topics([{"name": "Self-care"}])
    index = make_blog(make_home())
    make_article("Looking after yourself", parent=index, body="Rest.", topics=["Self-care"])

    page.goto("/search/?q=qwertyzx")

    assert page.get_by_role("heading", name="Nothing matched “qwertyzx”").is_visible()
    assert page.get_by_role("link", name="Self-care").first.is_visible()
    assert page.get_by_role("heading", name="If you need help now").is_visible()
    assert_no_serious_a11y_violations(page)
