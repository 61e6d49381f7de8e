"""Editors in the Wagtail admin: page tree rules, composing an article, authors and topics."""

import json

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from articles.importer import ensure_index
from articles.models import ArticleIndexPage, ArticlePage, Author
from home.models import HomePage
from tests.factories import make_home
from topics.models import Topic


class ArticleTreeRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home()
        cls.index = ensure_index()

    def test_articles_live_only_in_the_blog(self):
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(Page, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertAllowedSubpageTypes(ArticleIndexPage, {ArticlePage})
        self.assertAllowedParentPageTypes(ArticlePage, {ArticleIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, {})

    def test_the_blog_lives_under_the_home_page_once(self):
        self.assertCanCreateAt(HomePage, ArticleIndexPage)
        self.assertCanNotCreateAt(ArticleIndexPage, ArticleIndexPage)
        self.assertAllowedParentPageTypes(ArticleIndexPage, {HomePage})
        assert not ArticleIndexPage.can_create_at(self.home)  # max_count = 1

    def test_index_is_routable_and_renderable(self):
        self.assertPageIsRoutable(self.index)
        self.assertPageIsRenderable(self.index)


def article_form(**overrides):
    data = {
        "title": "Talking about benzos",
        "slug": "talking-about-benzos",
        "summary": "How to raise a new prescription calmly.",
        "standfirst": "",
        "date": "2024-05-01",
        "hero_alt": "",
        "topics": "benzos, Klonopin,  , Family support",
        "body": streamfield(
            [
                ("heading", {"text": "The risks", "level": "h2"}),
                ("paragraph", rich_text("<p>Mixing sedatives is risky.</p>")),
                ("question", {"text": "Is she safe?", "pseudonym": "Steady Sister"}),
                (
                    "callout",
                    {"kind": "warning", "title": "Naloxone", "text": rich_text("<p>Keep it.</p>")},
                ),
                ("quote", {"text": "One day at a time.", "attribution": "A parent"}),
                ("crisis_notice", {"intro": "In danger now?"}),
            ]
        ),
        "sources": streamfield([]),
        "article_authors": inline_formset([{"author": Author.objects.get().pk}]),
        "related_picks": inline_formset([]),
        "related_exclusions": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def blog(home):
    Topic.objects.create(name="Benzodiazepines", synonyms="benzos\nKlonopin")
    Author.objects.create(name="Dana Reyes", slug="dana-reyes")
    return ensure_index()


def test_editor_composes_an_article_with_several_blocks_and_it_renders(admin_client, blog):
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", blog.pk))
    response = admin_client.post(url, article_form())

    assert response.status_code == 302, response.context["form"].errors
    page = ArticlePage.objects.get(slug="talking-about-benzos")
    assert page.live
    assert [b.block_type for b in page.body] == [
        "heading",
        "paragraph",
        "question",
        "callout",
        "quote",
        "crisis_notice",
    ]
    # A synonym typed in the admin tag field files the article under its topic; blanks vanish.
    assert sorted(t.name for t in page.topics.all()) == ["Benzodiazepines", "Family support"]
    assert page.date.isoformat() == "2024-05-01"
    html = admin_client.get(page.url).content.decode()
    assert "Steady Sister" in html
    assert "Mixing sedatives is risky." in html
    assert 'href="/topics/benzodiazepines/"' in html
    assert 'href="/authors/dana-reyes/">Dana Reyes</a>' in html


def test_the_admin_explains_a_missing_summary(admin_client, blog):
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", blog.pk))
    response = admin_client.post(url, article_form(summary=""))
    assert response.status_code == 200
    assert "summary" in response.context["form"].errors
    assert not ArticlePage.objects.exists()


def test_members_only_in_the_admin_restricts_the_page(admin_client, blog):
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", blog.pk))
    admin_client.post(url, article_form(members_only="on"))
    page = ArticlePage.objects.get()
    assert page.get_view_restrictions().get().groups.get().name == "Members"


def test_author_snippets_are_listed_and_searchable(admin_client, blog):
    Author.objects.create(name="Priya Nair", slug="priya-nair", role="Physician")
    url = reverse("wagtailsnippets_articles_author:list")
    html = admin_client.get(url).content.decode()
    assert "Dana Reyes" in html
    assert "Priya Nair" in html
    found = admin_client.get(url, {"q": "Priya"}).content.decode()
    assert "Priya Nair" in found
    assert "Dana Reyes" not in found


def test_editor_form_stores_only_safe_rich_text(admin_client, blog):
    """The editor's form (which v3 writes bind too) cleans what Draftail submits."""
    contentstate = json.dumps(
        {
            "blocks": [
                {
                    "key": "aaaaa",
                    "text": "click here",
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 10, "key": 0}],
                }
            ],
            "entityMap": {
                "0": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": "javascript:alert(1)"},
                }
            },
        }
    )
    url = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", blog.pk))
    form = article_form(body=streamfield([("paragraph", contentstate)]))
    response = admin_client.post(url, form)

    assert response.status_code == 302, response.context["form"].errors
    stored = ArticlePage.objects.get(slug="talking-about-benzos").body[0].value.source
    assert stored == '<p data-block-key="aaaaa">click here</p>'
