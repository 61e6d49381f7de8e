import json

import pytest

from articles.importer import ensure_index, import_records
from home.models import AboutText, MembershipCallToAction
from tests.browser.conftest import assert_no_serious_a11y_violations
from tests.factories import make_home
from topics.models import Topic

pytestmark = pytest.mark.browser


def build_blog():
    make_home()
    AboutText.objects.create(name="Standard", heading="About us", body="<p>Since 2003.</p>")
    MembershipCallToAction.objects.create(
        name="Standard", heading="Become a member", text="Learn CRAFT with us.", button_url="/join/"
    )
    Topic.objects.create(name="Benzodiazepines", synonyms="benzos", description="Sedatives.")
    ensure_index()
    body = [
        {"type": "question", "value": {"text": "Is she safe?", "pseudonym": "Steady Sister"}},
        {"type": "heading", "value": "The risks"},
        {"type": "paragraph", "value": "<p>Benzodiazepines and opioids both slow breathing.</p>"},
        {
            "type": "callout",
            "value": {"kind": "warning", "title": "Mixing", "text": "<p>Slow.</p>"},
        },
        {"type": "crisis_notice", "value": {"intro": "In danger now?"}},
    ]
    records = [
        {
            "slug": "benzos-in-recovery",
            "title": "Benzodiazepines in recovery",
            "summary": "A sister asks whether a new prescription is a risk.",
            "standfirst": "Dr. Nair explains.",
            "from_members_blog": True,
            "body": body,
            "topics": ["benzos"],
            "authors": ["Priya Nair"],
            "date": "2024-03-12",
        },
        {
            "slug": "members-story",
            "title": "A members-only story",
            "summary": "Only for members.",
            "body": body[:1],
            "topics": ["benzos"],
            "authors": ["Priya Nair"],
            "date": "2024-03-01",
            "members_only": True,
        },
    ]
    assert import_records(json.dumps(r) for r in records).ok


def test_reader_opens_an_article_from_the_blog_and_follows_a_topic(
    page, live_server, transactional_db
):
    build_blog()

    page.goto("/articles/")
    assert_no_serious_a11y_violations(page)
    page.get_by_role("link", name="Benzodiazepines in recovery").click()
    page.wait_for_url("**/articles/benzos-in-recovery/")
    assert page.locator("h1").inner_text() == "Benzodiazepines in recovery"
    assert "Steady Sister" in page.locator("main").inner_text()
    assert_no_serious_a11y_violations(page)

    page.get_by_role("navigation", name="Topics of this article").get_by_role(
        "link", name="Benzodiazepines"
    ).click()
    page.wait_for_url("**/topics/benzodiazepines/")
    assert page.locator("h1").inner_text() == "Benzodiazepines"
    assert page.get_by_role("link", name="A members-only story").count() == 1
    assert_no_serious_a11y_violations(page)


def test_members_only_teaser_is_accessible(page, live_server, transactional_db):
    build_blog()
    page.goto("/articles/members-story/")
    assert "This article is for members" in page.locator("main").inner_text()
    assert "Is she safe?" not in page.content()
    assert_no_serious_a11y_violations(page)
