"""The shared block library: editor affordances, previews, validation and templates."""

import pytest
from django.urls import reverse
from wagtail import blocks

from articles.models import ArticlePage
from core.blocks import EmbedBlock, video_embed_url

BODY_BLOCKS = ArticlePage.body.field.stream_block.child_blocks
REQUIRED_NAMES = {
    "heading",
    "paragraph",
    "image",
    "quote",
    "question",
    "callout",
    "embed",
    "call_to_action",
    "crisis_notice",
}


def test_article_body_offers_every_required_block():
    assert set(BODY_BLOCKS) >= REQUIRED_NAMES


@pytest.mark.parametrize("name", sorted(REQUIRED_NAMES))
def test_block_has_icon_description_preview_and_template(name):
    block = BODY_BLOCKS[name]

    assert block.meta.icon not in ("", "placeholder")
    assert block.get_description()
    assert block.is_previewable
    assert block.meta.template.startswith("blocks/")


@pytest.mark.parametrize("name", sorted(REQUIRED_NAMES))
def test_block_preview_renders_in_the_admin(admin_client, home, name):
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": BODY_BLOCKS[name].definition_prefix}
    )

    assert response.status_code == 200
    assert "/static/css/site.css" in response.content.decode()


def test_crisis_notice_preview_shows_the_crisis_contacts(admin_client, home):
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"),
        {"id": BODY_BLOCKS["crisis_notice"].definition_prefix},
    )

    assert "988 Suicide and Crisis Lifeline" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.youtube.com/watch?v=abc123XYZ_-",
            "https://www.youtube-nocookie.com/embed/abc123XYZ_-",
        ),
        ("https://youtu.be/abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://m.youtube.com/shorts/abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://vimeo.com/channels/staff", ""),
        ("https://example.com/video.mp4", ""),
        ("", ""),
    ],
)
def test_video_links_become_privacy_friendly_players_without_the_network(url, expected):
    assert video_embed_url(url) == expected


def test_embed_without_transcript_or_with_unknown_host_does_not_validate():
    block = EmbedBlock()
    value = {"url": "https://www.youtube.com/watch?v=abc", "title": "Intro", "transcript": ""}
    with pytest.raises(blocks.StructBlockValidationError) as missing:
        block.clean(block.to_python(value))
    assert "transcript" in missing.value.block_errors

    value = {"url": "https://example.com/x.mp4", "title": "Intro", "transcript": "Words."}
    with pytest.raises(blocks.StructBlockValidationError) as unknown:
        block.clean(block.to_python(value))
    assert "YouTube or Vimeo" in str(unknown.value.block_errors["url"])


def test_embed_renders_player_title_and_transcript():
    block = EmbedBlock()
    value = block.to_python(
        {
            "url": "https://youtu.be/abc123",
            "title": "Talking calmly",
            "transcript": "First line.\n\nSecond <b>line</b>.",
        }
    )

    html = block.render(value)

    assert 'src="https://www.youtube-nocookie.com/embed/abc123"' in html
    assert 'title="Video: Talking calmly"' in html
    assert "<summary>Read the transcript" in html
    assert "Second &lt;b&gt;line&lt;/b&gt;." in html


def test_heading_renders_the_chosen_level():
    heading = BODY_BLOCKS["heading"]

    assert heading.render(heading.to_python({"text": "Risks", "level": "h3"})).strip() == (
        "<h3>Risks</h3>"
    )


def test_question_shows_the_pseudonym_not_a_name_field():
    question = BODY_BLOCKS["question"]

    html = question.render(question.to_python({"text": "Is it safe?", "pseudonym": "Worried Mom"}))

    assert "Worried Mom" in html
    assert "pseudonym" in question.child_blocks
    assert "name" not in question.child_blocks


def test_call_to_action_preview_shows_a_banner(admin_client, home):
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"),
        {"id": BODY_BLOCKS["call_to_action"].definition_prefix},
    )

    assert 'class="cta"' in response.content.decode()
