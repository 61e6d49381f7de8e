"""In a real browser: the topic merge asks first and lists what moves; Key Observations are
numbered in course order whatever the editor typed."""

import pytest

from articles.models import ArticlePage
from tests.factories import (
    exercise_block,
    make_article,
    make_blog,
    make_course,
    make_home,
    make_module,
    make_topic,
    make_unit,
    make_user,
)
from topics.models import Topic

pytestmark = pytest.mark.browser


def _sign_in(page, username, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("pass-word-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{next_url}")


def test_the_merge_shows_what_moves_and_only_merges_when_confirmed(
    page, live_server, transactional_db
):
    home = make_home()
    make_blog(home)
    source, target = make_topic("Benzos old"), make_topic("Benzodiazepines")
    make_article("Tapering slowly", topics=[source])
    make_unit(make_module(make_course(home), 1), "Spotting sedation", topics=["Benzos old"])
    make_user("editor", password="pass-word-123", superuser=True)
    _sign_in(page, "editor", f"/admin/topics/merge/{source.pk}/")

    page.locator("select[name=target]").select_option(label="Benzodiazepines")
    page.get_by_role("button", name="Review the merge").click()

    moving = page.get_by_test_id("merge-moving")
    assert "Tapering slowly" in moving.first.inner_text()
    assert "Spotting sedation" in moving.last.inner_text()
    assert "cannot be undone" in page.get_by_test_id("merge-confirm").inner_text()
    assert Topic.objects.filter(pk=source.pk).exists()

    page.get_by_role("button", name="Yes, merge into Benzodiazepines").click()
    page.wait_for_url("**/admin/topics/topic/**")
    assert "Merged “Benzos old” into “Benzodiazepines”" in page.content()
    assert not Topic.objects.filter(pk=source.pk).exists()
    moved = ArticlePage.objects.get(title="Tapering slowly")
    assert [topic.pk for topic in moved.topics.all()] == [target.pk]


def test_key_observations_are_numbered_in_course_order(page, live_server, transactional_db):
    course = make_course(make_home())
    first = make_unit(make_module(course, 1), "First", body=[exercise_block(1), exercise_block(1)])
    second = make_unit(make_module(course, 2), "Second", body=[exercise_block(1)])
    make_user("numbers-member", member=True, password="pass-word-123")

    _sign_in(page, "numbers-member", first.url)
    labels = page.locator(".exercise__label").all_inner_texts()
    assert labels == ["Key Observation 1", "Key Observation 2"]
    page.goto(second.url)
    assert page.locator(".exercise__label").all_inner_texts() == ["Key Observation 3"]
