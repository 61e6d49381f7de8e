"""Editors' topics field: label, help, suggestions by synonym, no quotes, drafts stay private."""

import pytest
from django.urls import reverse

from articles.models import ArticlePage, ArticleRelatedPick
from tests.factories import (
    make_article,
    make_blog,
    make_course,
    make_module,
    make_topic,
    make_unit,
)
from topics.models import Topic
from topics.tag_strings import names_from_string

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog(home):
    return make_blog(home)


def _public_surfaces(client, topic):
    return {
        "page": client.get(f"/topics/{topic.slug}/").status_code,
        "list": topic.name in client.get("/topics/").content.decode(),
        "v2": topic.name in client.get("/api/v2/topics/").content.decode(),
        "v3": topic.name in client.get("/api/v3/topics/").content.decode(),
        "v3 detail": client.get(f"/api/v3/topics/{topic.pk}/").status_code,
        "search": f'/topics/{topic.slug}/"' in client.get("/search/?q=zebrafinch").content.decode(),
    }


HIDDEN = {"page": 404, "list": False, "v2": False, "v3": False, "v3 detail": 404, "search": False}
SHOWN = {"page": 200, "list": True, "v2": True, "v3": True, "v3 detail": 200, "search": True}


def test_a_topic_typed_in_a_draft_stays_private_until_it_is_published(client, blog, admin_client):
    draft = make_article("Zebrafinch worries", topics=["Zebrafinch habit"], publish=False)
    topic = Topic.objects.get(name="Zebrafinch habit")

    assert _public_surfaces(client, topic) == HIDDEN
    suggest = admin_client.get(reverse("topics_autocomplete"), {"term": "Zebra"})
    assert suggest.json() == [], "not suggested to other editors yet"

    draft.save_revision().publish()

    assert _public_surfaces(client, topic) == SHOWN
    assert admin_client.get(reverse("topics_autocomplete"), {"term": "zebra"}).json() == [
        "Zebrafinch habit"
    ]


def test_a_topic_whose_pages_are_all_unpublished_has_no_page(client, blog):
    article = make_article("Zebrafinch at home", topics=["Zebrafinch habit"])
    topic = Topic.objects.get(name="Zebrafinch habit")
    assert client.get(f"/topics/{topic.slug}/").status_code == 200

    article.unpublish()

    assert _public_surfaces(client, topic) == HIDDEN


def test_suggestions_match_names_and_synonyms(blog, admin_client):
    benzos = make_topic("Benzodiazepines", synonyms="benzos\nKlonopin")
    make_topic("Benzene exposure")  # used by nothing: never suggested
    make_article("Tapering", topics=[benzos])
    url = reverse("topics_autocomplete")

    assert admin_client.get(url, {"term": "benzos"}).json() == ["Benzodiazepines"]
    assert admin_client.get(url, {"term": "klon"}).json() == ["Benzodiazepines"]
    assert admin_client.get(url, {"term": "Benz"}).json() == ["Benzodiazepines"]
    assert admin_client.get(url, {"term": "zos"}).json() == [], "words are matched from the start"
    assert admin_client.get(url, {"term": ""}).json() == []


def test_the_field_is_labelled_topics_with_plain_help_and_no_quotes(blog, admin_client):
    article = make_article("Two words", topics=["Mental health", "Alcohol"])

    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    assert ">Topics<" in html
    assert "Tags" not in html.split('id="id_topics"')[0].rsplit("<label", 1)[-1]
    assert "double quotes" not in html
    assert "a topic may have several words" in html
    assert 'value="Alcohol, Mental health"' in html
    assert reverse("topics_autocomplete") in html


def test_two_word_topics_need_no_quotes_and_commas_separate(blog):
    assert names_from_string("Mental health") == ["Mental health"]
    assert names_from_string('"Mental health", alcohol,, ,alcohol') == ["Mental health", "alcohol"]


def test_editor_labels_read_as_an_editor_would_say_them(blog, admin_client):
    article = make_article("Labels")

    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    for words in (
        "Add an author",
        "Add a related article",
        "Hide the related posts section",
        "A YouTube or Vimeo video inside an article",
    ):
        assert words in html, words
    for old in ("Add Authors", "Add Chosen related posts", "Hide related<"):
        assert old not in html, old
    assert "Other names" in admin_client.get("/admin/topics/topic/create/").content.decode()
    snippets = admin_client.get("/admin/snippets/").content.decode()
    assert "Membership calls to action" in snippets


def test_the_merge_lists_articles_and_course_units_and_asks_first(home, blog, admin_client):
    source, target = make_topic("Benzos old"), make_topic("Benzodiazepines")
    make_article("Tapering slowly", topics=[source])
    make_unit(make_module(make_course(home), 1), "Spotting sedation", topics=["Benzos old"])
    url = reverse("topics_merge", args=[source.pk])

    review = admin_client.post(url, {"target": target.pk}).content.decode()

    assert "Articles (1)" in review
    assert "Tapering slowly" in review
    assert "Course units (1)" in review
    assert "Spotting sedation" in review
    assert "Yes, merge into Benzodiazepines" in review
    assert Topic.objects.filter(pk=source.pk).exists()
    assert admin_client.post(url, {"target": target.pk, "confirm": "yes"}).status_code == 302
    assert not Topic.objects.filter(pk=source.pk).exists()


def test_an_empty_related_row_is_ignored_rather_than_blocking_save(blog):
    other = make_article("Methadone alone")
    article = make_article("Benzos in recovery")
    article.related_picks = [ArticleRelatedPick(related=None), ArticleRelatedPick(related=other)]

    article.save_revision().publish()

    saved = ArticlePage.objects.get(pk=article.pk)
    assert [pick.related_id for pick in saved.related_picks.all()] == [other.pk]
