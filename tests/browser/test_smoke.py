import pytest

from tests.browser.conftest import assert_no_serious_a11y_violations
from tests.factories import make_home

pytestmark = pytest.mark.browser


def test_home_page_shows_crisis_resources_and_is_accessible(page, live_server, transactional_db):
    make_home(title="Help for families")

    page.goto("/")

    assert page.locator("h1").inner_text() == "Help for families"
    crisis = page.locator("#crisis-resources")
    assert "988 Suicide and Crisis Lifeline" in crisis.inner_text()
    assert crisis.locator("a[href='tel:988']").count() == 1
    page.get_by_role("banner").get_by_role("link", name="Get help now").click()
    assert page.url.endswith("#crisis-resources")
    assert_no_serious_a11y_violations(page)
