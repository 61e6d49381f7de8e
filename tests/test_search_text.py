"""Search text is what readers read: no block structure in the index or the excerpts.

A heading's level ("h2", labelled "Section (H2)"), a callout's kind, block type names,
ids and field keys are structure. Before, ``/search/?q=h2`` matched every article with a
heading and excerpts read "…The positive side h2 None of this means…".
"""

import re

import pytest
from wagtail.blocks import ChoiceBlock

from articles.models import ArticlePage
from core.text import stream_text
from craft_course.models import CourseUnitPage
from tests.factories import make_article, make_blog, make_course, make_module, make_unit

pytestmark = pytest.mark.django_db

BODY = [
    {"type": "heading", "id": "b1", "value": {"text": "The positive side", "level": "h2"}},
    {"type": "paragraph", "id": "b2", "value": "<p>None of this means giving up on naloxone.</p>"},
    {"type": "heading", "id": "b3", "value": {"text": "Careful monitoring", "level": "h3"}},
    {
        "type": "callout",
        "id": "b4",
        "value": {
            "kind": "warning",
            "title": "Overdose risk",
            "text": "<p>Keep naloxone near.</p>",
        },
    },
    {
        "type": "embed",
        "id": "b5",
        "value": {
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "title": "Naloxone in two minutes",
            "transcript": "Spray it into one nostril.",
        },
    },
]


@pytest.fixture
def article(home):
    make_blog(home)
    return make_article("Narcan for my son", body=BODY, summary="A mother asks about naloxone.")


def search(client, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_body_text_is_the_words_readers_read(article):
    text = stream_text(ArticlePage.objects.get(pk=article.pk).body)

    assert text == (
        "The positive side None of this means giving up on naloxone. Careful monitoring "
        "Overdose risk Keep naloxone near. Naloxone in two minutes Spray it into one nostril."
    )


def test_excerpt_holds_no_heading_level_or_block_structure(client, article):
    html = search(client, "narcan for my son")

    excerpts = re.findall(r'<p class="result__excerpt">(.*?)</p>', html, re.S)
    assert len(excerpts) == 1
    assert "The positive side None of this means" in excerpts[0]
    for structure in ("h2", "h3", "section", "warning", "heading", "paragraph", "youtube"):
        assert structure not in excerpts[0].lower(), structure


@pytest.mark.parametrize("q", ["h2", "h3", "section", "warning", "youtube"])
def test_structure_words_find_nothing(client, article, q):
    html = search(client, q)

    assert article.title not in html
    assert "Nothing matched" in html


def test_course_units_index_no_structure_either(client, home, member):
    course = make_course(home)
    module = make_module(course, 1)
    make_unit(module, title="Spotting a window", body=BODY)
    client.force_login(member)

    assert "Spotting a window" in search(client, "monitoring")
    assert "Spotting a window" not in search(client, "h2")


def test_every_choice_in_a_page_body_is_kept_out_of_search():
    """A new choice block in a body must be a ``StyleChoiceBlock`` (or not indexed)."""

    def choices(block):
        if isinstance(block, ChoiceBlock):
            yield block
        for child in getattr(block, "child_blocks", {}).values():
            yield from choices(child)
        if getattr(block, "child_block", None) is not None:
            yield from choices(block.child_block)

    for model in (ArticlePage, CourseUnitPage):
        for block in choices(model._meta.get_field("body").stream_block):
            assert block.get_searchable_content(block.get_default()) == [], block.name
