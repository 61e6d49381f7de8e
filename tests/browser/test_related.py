"""The related section appears on an article page and its links lead to the articles."""

import pytest

from tests.browser.conftest import assert_no_serious_a11y_violations
from tests.factories import make_article

pytestmark = pytest.mark.browser

TOPICS = ["CRAFT", "Benzodiazepines", "Medication"]


def test_related_posts_appear_and_their_links_work(page, live_server, transactional_db):
    # transactional_db commits for real, so the refresh runs on commit as in production.
    for i in range(3):
        make_article(
            f"Talking kindly {i}", topics=["CRAFT", "Communication"], body="listening calmly"
        )
    source = make_article(
        "Benzodiazepine withdrawal", topics=TOPICS, body="benzodiazepine taper dose"
    )
    target = make_article(
        "Tapering benzodiazepines", topics=TOPICS, body="benzodiazepine taper doctor"
    )

    page.goto(source.url)
    section = page.get_by_role("region", name="Related posts")
    assert section.is_visible()
    card_link = section.get_by_role("link", name="Tapering benzodiazepines")
    assert "Also about: Benzodiazepines · Medication" in section.inner_text()
    assert "Talking kindly" not in section.inner_text()
    assert_no_serious_a11y_violations(page)

    card_link.click()
    page.wait_for_url(f"**{target.url}")
    assert page.locator("h1").inner_text() == "Tapering benzodiazepines"
