"""Lists follow content changes through Wagtail's own actions (the signal path).

Nothing here calls the engine directly: articles are published, unpublished, made
members-only, deleted, moved and re-tagged the way the admin does it, and the stored
lists and the public API are read back.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from articles.models import ArticleIndexPage
from articles.related.models import RelatedDocument, RelatedPost
from articles.related.serving import related_items
from tests.factories import make_article, make_blog
from topics.models import Topic

pytestmark = pytest.mark.django_db

TOPICS = ["CRAFT", "Benzodiazepines", "Medication"]


def listed(page):
    return list(RelatedPost.objects.filter(page=page).values_list("target_id", flat=True))


def api_ids(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/related/?limit=20")
    assert response.status_code == 200
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def trio(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = make_article(
            "Benzodiazepine withdrawal", topics=TOPICS, body="taper benzodiazepine dose"
        )
        b = make_article(
            "Tapering benzodiazepines", topics=TOPICS, body="benzodiazepine taper doctor"
        )
        c = make_article(
            "Benzodiazepines and alcohol", topics=TOPICS, body="benzodiazepine alcohol"
        )
        make_article("Talking kindly", topics=["CRAFT", "Communication"], body="listening calmly")
    return a, b, c


def test_publishing_adds_an_article_to_the_lists_it_belongs_in(trio):
    a, b, c = trio
    assert set(listed(a)) == {b.pk, c.pk}
    assert set(listed(b)) == {a.pk, c.pk}


def test_a_draft_is_never_recommended(trio, client, django_capture_on_commit_callbacks):
    a, b, c = trio
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_article("Benzodiazepine taper draft", topics=TOPICS, publish=False)
    assert draft.pk not in listed(a)
    assert draft.pk not in api_ids(client, a)


def test_unpublishing_removes_it_everywhere(trio, client, django_capture_on_commit_callbacks):
    a, b, c = trio
    with django_capture_on_commit_callbacks(execute=True):
        c.unpublish()
    assert c.pk not in listed(a)
    assert c.pk not in listed(b)
    assert c.pk not in api_ids(client, a)
    assert not RelatedDocument.objects.filter(page_id=c.pk).exists()


def test_making_it_members_only_removes_it(trio, client, django_capture_on_commit_callbacks):
    a, b, c = trio
    c.members_only = True
    with django_capture_on_commit_callbacks(execute=True):
        c.save_revision().publish()
    assert PageViewRestriction.objects.filter(page=c).exists()
    assert c.pk not in listed(a)
    assert c.pk not in listed(b)
    assert c.pk not in [item.id for item in related_items(a, 20)]
    assert c.pk not in api_ids(client, a)


def test_a_privacy_setting_on_the_page_removes_it(trio, client, django_capture_on_commit_callbacks):
    a, b, c = trio
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=c, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get_or_create(name="Members")[0])
    assert c.pk not in listed(a)
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert c.pk in listed(a)


def test_deleting_removes_it(trio, client, django_capture_on_commit_callbacks):
    a, b, c = trio
    with django_capture_on_commit_callbacks(execute=True):
        c.delete()
    assert set(listed(a)) == {b.pk}
    assert not RelatedDocument.objects.filter(page_id=c.pk).exists()


def test_moving_under_a_private_section_removes_it(trio, django_capture_on_commit_callbacks):
    a, b, c = trio
    blog = make_blog()
    private = blog.get_parent().add_child(
        instance=ArticleIndexPage(title="Members' blog", slug="members-blog")
    )
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert c.pk in listed(a)
    with django_capture_on_commit_callbacks(execute=True):
        c.move(private, pos="last-child")
    assert c.pk not in listed(a)
    assert set(listed(a)) == {b.pk}


def test_topic_edits_change_the_lists(trio, django_capture_on_commit_callbacks):
    a, b, c = trio
    c.topics.set(["CRAFT", "Communication"])
    c.title, c.summary = "Talking with care", "Listening calmly."
    c.body = [("paragraph", "<p>listening calmly</p>")]
    with django_capture_on_commit_callbacks(execute=True):
        c.save_revision().publish()
    assert c.pk not in listed(a)
    with django_capture_on_commit_callbacks(execute=True):
        Topic.objects.get(name="Benzodiazepines").delete()
    assert set(RelatedDocument.objects.get(page_id=a.pk).topics) == set(
        a.tagged_items.values_list("tag_id", flat=True)
    )


def test_never_recommend_and_exclusions_apply_on_publish(trio, django_capture_on_commit_callbacks):
    a, b, c = trio
    b.never_recommend = True
    with django_capture_on_commit_callbacks(execute=True):
        b.save_revision().publish()
    assert b.pk not in listed(a)
    a.related_exclusions.create(excluded=c)
    with django_capture_on_commit_callbacks(execute=True):
        a.save_revision().publish()
    assert listed(a) == []


def test_editor_picks_come_first(trio, django_capture_on_commit_callbacks):
    a, b, c = trio
    with django_capture_on_commit_callbacks(execute=True):
        other = make_article("Talking kindly again", topics=["CRAFT", "Communication"])
    a.related_picks.create(related=other, sort_order=0)
    with django_capture_on_commit_callbacks(execute=True):
        a.save_revision().publish()
    rows = list(RelatedPost.objects.filter(page=a).values_list("target_id", "source"))
    assert rows[0] == (other.pk, "editor")
