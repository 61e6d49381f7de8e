"""Topics: clean names, synonym resolution, reader pages, feeds and the editors' merge action."""

import json

import pytest
from django.urls import reverse

from articles.importer import ensure_index, import_records
from articles.models import ArticlePage
from tests.factories import make_article
from topics.merge import merge_topics
from topics.models import Topic


def article(slug, topics, **fields):
    data = {
        "slug": slug,
        "title": f"Article {slug}",
        "summary": f"Summary of {slug}.",
        "body": [{"type": "paragraph", "value": f"<p>Body of {slug}.</p>"}],
        "topics": topics,
        "authors": [],
        "date": "2024-02-02",
    }
    data.update(fields)
    return data


@pytest.fixture
def blog(home):
    Topic.objects.create(
        name="Overdose and naloxone", synonyms="Narcan\nnaloxone", description="Staying alive."
    )
    Topic.objects.create(name="Peer support", synonyms="AA, 12 steps, Nar-Anon")
    return ensure_index()


def load(*records):
    result = import_records([json.dumps(r) for r in records])
    assert result.ok, result.errors


def test_resolve_trims_drops_blanks_and_maps_synonyms_case_insensitively(blog):
    topics = Topic.objects.resolve(["  narcan ", "", "NALOXONE", "12 steps", "New  topic"])
    assert [t.name for t in topics] == ["Overdose and naloxone", "Peer support", "New topic"]
    assert Topic.objects.resolve(["Unknown"], create=False) == []


def test_topic_list_shows_counts_of_live_articles(client, blog):
    load(
        article("a", ["Narcan"]), article("b", ["naloxone", "AA"]), article("c", ["AA"], live=False)
    )
    html = client.get("/topics/").content.decode()
    assert 'Overdose and naloxone</a> <span class="meta">(2 articles)' in html
    assert 'Peer support</a> <span class="meta">(1 article)' in html


def test_topic_page_shows_description_and_articles(client, blog):
    load(article("a", ["Narcan"]), article("b", ["AA"]))
    response = client.get("/topics/overdose-and-naloxone/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Staying alive." in html
    assert "Article a" in html
    assert "Article b" not in html


def test_a_synonym_slug_redirects_permanently_to_its_topic(client, blog):
    make_article("Kept safe", topics=["Overdose and naloxone", "Peer support"])
    response = client.get("/topics/narcan/")
    assert response.status_code == 301
    assert response["Location"] == "/topics/overdose-and-naloxone/"
    assert client.get("/topics/12-steps/")["Location"] == "/topics/peer-support/"
    assert client.get("/topics/no-such-topic/").status_code == 404


@pytest.mark.parametrize("query", ["abc", "999", "0"])
def test_topic_pagination_never_fails(client, blog, query):
    load(*[article(f"n{i:02}", ["Narcan"]) for i in range(13)])
    response = client.get(f"/topics/overdose-and-naloxone/?page={query}")
    assert response.status_code == 200
    assert "of 2" in response.content.decode()


def test_merge_moves_articles_and_keeps_the_old_name_as_a_synonym(blog):
    load(article("a", ["Naloxone kits"]), article("b", ["Naloxone kits", "Narcan"]))
    source = Topic.objects.get(name="Naloxone kits")
    target = Topic.objects.get(name="Overdose and naloxone")

    moved = merge_topics(source, target)

    assert moved == 1
    assert not Topic.objects.filter(name="Naloxone kits").exists()
    for slug in ("a", "b"):
        page = ArticlePage.objects.get(slug=slug)
        assert [t.name for t in page.topics.all()] == ["Overdose and naloxone"]
        # The latest revision follows, so the next edit keeps the topic.
        assert [t.name for t in page.get_latest_revision_as_object().topics.all()] == [
            "Overdose and naloxone"
        ]
    target.refresh_from_db()
    assert "Naloxone kits" in target.synonym_list
    assert Topic.objects.resolve(["naloxone KITS"])[0] == target


def test_topic_admin_lists_counts_searches_and_merges(admin_client, blog):
    load(article("a", ["Narcan"]), article("b", ["Kits"]))
    # The list moved with the model; the old address still leads there.
    assert admin_client.get("/admin/articles/topic/").url == "/admin/topics/topic/"
    index = admin_client.get("/admin/topics/topic/")
    html = index.content.decode()
    assert index.status_code == 200
    assert "Overdose and naloxone" in html
    assert "Merge into" in html
    found = admin_client.get("/admin/topics/topic/", {"q": "Nar-Anon"}).content.decode()
    assert "Peer support" in found
    assert "Overdose and naloxone" not in found

    source = Topic.objects.get(name="Kits")
    target = Topic.objects.get(name="Overdose and naloxone")
    url = reverse("topics_merge", args=[source.pk])
    assert admin_client.get(url).status_code == 200
    bad = admin_client.post(url, {"target": source.pk})
    assert bad.status_code == 200
    assert "Choose the topic to merge into" in bad.content.decode()
    review = admin_client.post(url, {"target": target.pk})
    assert review.status_code == 200, "the first step only shows what will move"
    assert "This cannot be undone" in review.content.decode()
    assert Topic.objects.filter(pk=source.pk).exists()
    response = admin_client.post(url, {"target": target.pk, "confirm": "yes"})
    assert response.status_code == 302
    assert list(ArticlePage.objects.get(slug="b").topics.values_list("name", flat=True)) == [
        "Overdose and naloxone"
    ]


def test_merge_needs_permission(client, blog):
    from tests.factories import make_user

    client.force_login(make_user("reader"))
    source = Topic.objects.get(name="Peer support")
    response = client.get(reverse("topics_merge", args=[source.pk]))
    assert response.status_code in (302, 403)
    assert Topic.objects.filter(pk=source.pk).exists()
