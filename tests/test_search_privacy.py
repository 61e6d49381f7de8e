"""Members-only and draft articles through search: what anonymous readers and members get."""

import pytest

from tests.factories import make_article, make_blog

pytestmark = pytest.mark.django_db

SECRET = "zebrafish"


@pytest.fixture
def articles(home):
    index = make_blog(home)
    return {
        "public": make_article(
            "Sleep hygiene for carers", parent=index, body="Regular bedtimes help."
        ),
        "members": make_article(
            "Members guide to sleep",
            parent=index,
            body=f"Only members read about the {SECRET} routine.",
            summary="A deeper look at sleep for members.",
            members_only=True,
        ),
        "draft": make_article(
            "Draft about sleep", parent=index, body=f"Unfinished {SECRET} notes.", publish=False
        ),
    }


def search(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_reader_sees_members_article_as_title_and_summary_only(client, articles):
    html = search(client, "sleep")

    assert "Members guide to sleep" in html
    assert "A deeper look at <mark>sleep</mark> for members." in html
    assert '<span class="badge">Members</span>' in html
    assert SECRET not in html
    assert "Only members read" not in html
    # The count is the pipeline's, as in the API: readable results and teasers.
    assert "2 results" in html


def test_body_only_words_of_members_articles_find_nothing_for_anonymous(client, articles):
    html = search(client, SECRET)

    assert "Members guide to sleep" not in html
    assert "Nothing matched" in html


def test_member_gets_the_members_article_with_a_body_excerpt(client, member, articles):
    client.force_login(member)

    html = search(client, SECRET)

    assert "Members guide to sleep" in html
    assert f"<mark>{SECRET}</mark> routine" in html
    assert '<span class="badge">Members</span>' not in html


@pytest.mark.parametrize("signed_in", [False, True])
def test_drafts_never_appear(client, member, articles, signed_in):
    if signed_in:
        client.force_login(member)

    html = search(client, "draft sleep")

    assert "Draft about sleep" not in html
    assert "Unfinished" not in html
