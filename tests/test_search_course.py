"""Course pages in search: the outline for everyone, unit bodies for members only."""

import pytest

from tests.factories import (
    make_article,
    make_blog,
    make_course,
    make_module,
    make_topics,
    make_unit,
)
from topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(home):
    course = make_course(home, intro="Eight modules that teach families CRAFT.")
    module = make_module(course, 1, title="Understanding triggers", summary="Spot triggers.")
    unit = make_unit(
        module,
        title="Mapping a typical evening",
        summary="Notice what happens before use.",
        body=[{"type": "paragraph", "value": "<p>Write down the pelican moments.</p>"}],
    )
    make_article("Triggers at family dinners", parent=make_blog(home), body="Plan dinners calmly.")
    return {"module": module, "unit": unit}


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_course_outline_pages_are_found_with_their_type(client, course):
    html = search(client, q="triggers")

    assert "Understanding triggers" in html
    assert ">Course · <time" in html
    assert "Triggers at family dinners" in html


def test_type_filter_keeps_only_course_or_only_articles(client, course):
    courses = search(client, q="triggers", type="course")
    articles = search(client, q="triggers", type="article")

    assert "Understanding triggers" in courses
    assert "Triggers at family dinners" not in courses
    assert "Triggers at family dinners" in articles
    assert "Understanding triggers" not in articles


def test_unit_body_is_searchable_by_members_only(client, member, course):
    anonymous = search(client, q="pelican")
    client.force_login(member)
    signed_in = search(client, q="pelican")

    assert "Mapping a typical evening" not in anonymous
    assert "moments" not in anonymous
    assert "Nothing matched" in anonymous
    assert "Mapping a typical evening" in signed_in
    assert "<mark>pelican</mark> moments" in signed_in


def test_anonymous_readers_see_a_matching_unit_as_title_and_summary(client, course):
    html = search(client, q="evening")

    assert "Mapping a typical evening" in html
    assert '<span class="badge">Members</span>' in html
    assert "Notice what happens before use." in html
    assert "pelican" not in html


@pytest.fixture
def benzo_unit(course, django_capture_on_commit_callbacks):
    """A unit found only through its topic: no topic name or synonym in its own text.

    Its topics are indexed once the publish commits (``core.search.indexing``).
    """
    make_topics([{"name": "Benzodiazepines", "synonyms": "benzos, Klonopin"}])
    with django_capture_on_commit_callbacks(execute=True):
        return make_unit(
            course["module"],
            title="Coming off sleeping tablets",
            summary="A slow, supervised plan.",
            body=[{"type": "paragraph", "value": "<p>Keep a calendar of tapering steps.</p>"}],
            topics=["Benzodiazepines"],
        )


@pytest.mark.parametrize("q", ["Benzodiazepines", "benzos"])
def test_members_find_a_unit_by_its_topic_name_or_synonym(client, member, benzo_unit, q):
    client.force_login(member)

    html = search(client, q=q)

    assert "Coming off sleeping tablets" in html
    assert "Keep a calendar of tapering steps." in html


@pytest.mark.parametrize("q", ["Benzodiazepines", "benzos"])
def test_a_topic_match_shows_anonymous_readers_nothing_of_a_members_unit(client, benzo_unit, q):
    html = search(client, q=q)

    assert "Coming off sleeping tablets" not in html
    assert "tapering" not in html
    assert "Nothing matched" in html


def test_a_free_sample_unit_is_found_by_topic_by_anyone(
    client, course, django_capture_on_commit_callbacks
):
    make_topics([{"name": "Benzodiazepines", "synonyms": "benzos"}])
    with django_capture_on_commit_callbacks(execute=True):
        make_unit(
            course["module"],
            title="A free look at tapering",
            body=[{"type": "paragraph", "value": "<p>Ask the doctor for a schedule.</p>"}],
            topics=["Benzodiazepines"],
            members_only=False,
        )

    html = search(client, q="benzos")

    assert "A free look at tapering" in html
    assert "Ask the doctor for a schedule." in html


def test_topics_added_when_a_unit_is_republished_are_searchable_at_once(
    client, member, course, django_capture_on_commit_callbacks
):
    make_topics([{"name": "Benzodiazepines", "synonyms": "benzos"}])
    unit = make_unit(course["module"], title="Coming off sleeping tablets")
    client.force_login(member)
    assert "Coming off sleeping tablets" not in search(client, q="benzos")

    unit.topics.set(Topic.objects.resolve(["Benzodiazepines"]))
    with django_capture_on_commit_callbacks(execute=True):  # indexed when the publish commits
        unit.save_revision().publish()

    assert "Coming off sleeping tablets" in search(client, q="benzos")
