"""Rich text from outside the editor is stored only as the editor could have stored it.

Every way in (the importer, v3 writes, the editor itself) goes through the rich-text
blocks' and fields' ``clean``; ``sanitise_rich_text`` repairs what was stored before.
"""

import io
import json
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.fields import StreamField

from articles.importer import import_records
from articles.models import ArticlePage
from core.blocks import RICH_TEXT_FEATURES
from core.richtext import RichTextBlock, sanitise_rich_text, sanitise_stream_data
from home.models import AboutText
from tests.factories import make_article, make_blog, token_for

PAYLOAD = (
    '<p>Hi<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">'
    "x</a></p>"
)
HOSTILE = [
    PAYLOAD,
    "<p>Unclosed <b>bold <i>and italic",
    "<p>a</b></i></p></p>",
    "<svg onload=alert(1)><circle/></svg><p>after</p>",
    '<iframe src="https://evil.example/"></iframe><p>framed</p>',
    '<p><a href="data:text/html;base64,PHNjcmlwdD4=">data</a></p>',
    '<p><a href=" JaVaScRiPt:alert(1)">mixed case</a></p>',
    '<p><a href="&#106;&#97;vascript:alert(1)">entities</a></p>',
    '<p><a href="jav&#x09;ascript:alert(1)">tab</a></p>',
    "<p style=\"background:url('javascript:alert(1)')\" onclick=alert(1)>styled</p>",
    "<style>p{color:red}</style><p>styled away</p>",
    '<p><a linktype="page" id="not-a-number">broken link</a></p>',
    "<h1>Not a feature</h1><table><tr><td>cell</td></tr></table>",
]


def assert_harmless(html):
    assert "<script" not in html.lower()
    assert "alert(" not in html
    assert not re.search(r"\son\w+\s*=", html, re.IGNORECASE)
    assert not re.search(r"(javascript|data|vbscript):", html, re.IGNORECASE)
    for tag in ("iframe", "svg", "img", "style", "table", "h1"):
        assert f"<{tag}" not in html.lower()


def assert_harmless_page(html):
    """A whole page: nothing of the payloads (the site's own markup is the CSP tests')."""
    assert "alert(" not in html
    assert "javascript:" not in html.lower()
    assert "onerror" not in html.lower()
    assert 'src="x"' not in html


def opens_in_editor(html, features=RICH_TEXT_FEATURES):
    """Wagtail's Draftail converter accepts it (raises AssertionError if not)."""
    json.loads(ContentstateConverter(features).from_database_format(html))
    return True


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_becomes_harmless_editor_html_and_stays_so(db, html):
    clean = sanitise_rich_text(html, RICH_TEXT_FEATURES)
    assert_harmless(clean)
    assert opens_in_editor(clean)
    assert sanitise_rich_text(clean, RICH_TEXT_FEATURES) == clean


def test_the_words_and_allowed_formatting_survive(db):
    clean = sanitise_rich_text(PAYLOAD, RICH_TEXT_FEATURES)
    assert clean == "<p>Hix</p>"
    kept = sanitise_rich_text(
        '<p>A <b>bold</b> <a href="https://example.org/?a=1&amp;b=2">link</a>, '
        '<a href="mailto:help@example.org">mail</a></p><ul><li>one<li>two</ul>',
        RICH_TEXT_FEATURES,
    )
    assert kept == (
        '<p>A <b>bold</b> <a href="https://example.org/?a=1&amp;b=2">link</a>, '
        '<a href="mailto:help@example.org">mail</a></p><ul><li>one</li><li>two</li></ul>'
    )
    # A feature the field does not have is dropped, its words kept.
    assert sanitise_rich_text("<p><b>x</b> <i>y</i></p>", ["italic"]) == "<p>x <i>y</i></p>"


def test_editor_output_passes_unchanged(db):
    converter = ContentstateConverter(RICH_TEXT_FEATURES)
    source = '<p>A <b>b</b> <a href="https://example.org/">l</a></p><ol><li>one</li></ol>'
    editor_html = converter.to_database_format(converter.from_database_format(source))
    assert "data-block-key" in editor_html
    assert sanitise_rich_text(editor_html, RICH_TEXT_FEATURES) == editor_html


def _stream_blocks():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, StreamField):
                yield f"{model._meta.label}.{field.name}", field.stream_block


def test_every_blocks_preview_value_is_already_clean(db):
    checked = 0
    for label, stream_block in _stream_blocks():
        for name, block in stream_block.child_blocks.items():
            preview = block.get_preview_value()
            if preview is None:
                continue
            data = [{"type": name, "value": block.get_prep_value(preview), "id": "x"}]
            assert list(sanitise_stream_data(stream_block, data)) == [], (label, name)
            checked += 1
    assert checked > 10


def test_demo_content_is_already_clean(db):
    call_command("load_demo_content", verbosity=0)
    out = io.StringIO()
    call_command("sanitise_rich_text", "--dry-run", stdout=out)
    assert out.getvalue().strip().splitlines()[-1] == "Would clean 0 rich-text value(s)."
    # The demo files themselves, not only what was stored from them.
    demo = apps.get_app_config("articles").path + "/demo/articles.jsonl"
    stream_block = ArticlePage._meta.get_field("body").stream_block
    with open(demo, encoding="utf-8") as handle:
        for line in handle:
            body = [item for item in json.loads(line)["body"] if item["type"] != "heading"]
            assert list(sanitise_stream_data(stream_block, body)) == []


def _import_payload(home):
    make_blog(home)
    record = {
        "slug": "hostile",
        "title": "Hostile",
        "summary": "Tries to get a script in.",
        "date": "2024-03-05",
        "body": [
            {"type": "paragraph", "value": PAYLOAD},
            {"type": "callout", "value": {"kind": "note", "title": "", "text": HOSTILE[1]}},
        ],
    }
    result = import_records([json.dumps(record)])
    assert (result.created, result.errors) == (1, [])
    return ArticlePage.objects.get(slug="hostile")


def test_imported_payload_reaches_readers_harmless_and_opens_in_the_editor(
    client, home, admin_user
):
    page = _import_payload(home)
    assert page.body[0].value.source == "<p>Hix</p>"

    html = client.get(page.url).content.decode()
    assert "<p>Hix</p>" in html
    assert_harmless_page(html)
    for url in (f"/api/v2/pages/{page.pk}/", f"/api/v3/pages/{page.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert_harmless(json.dumps(response.json()["body"]))

    client.force_login(admin_user)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_v3_writes_never_store_hostile_rich_text(client, home, admin_user):
    """v3 binds the page's admin form, whose blocks clean rich text (see the editor test in
    test_articles_admin). The body is not a writable v3 field today; whatever v3 stores,
    nothing hostile gets in."""
    page = make_article(parent=make_blog(home))
    auth = token_for(admin_user)
    body = [{"type": "paragraph", "value": PAYLOAD}, {"type": "paragraph", "value": HOSTILE[2]}]
    response = client.patch(
        f"/api/v3/pages/{page.pk}/",
        {"meta": {"type": "articles.ArticlePage", "action": "publish"}, "body": body},
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 200, response.content
    response = client.post(
        "/api/v3/pages/",
        {
            "meta": {"type": "articles.ArticlePage", "parent_id": page.get_parent().pk},
            "title": "Made by an app",
            "slug": "made-by-an-app",
            "body": body,
        },
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 201, response.content
    for article in ArticlePage.objects.all():
        for stored in (article, article.get_latest_revision_as_object()):
            for child in stored.body:
                assert_harmless(child.value.source)
                assert opens_in_editor(child.value.source)


def test_rich_text_field_is_sanitised_by_model_validation(db):
    about = AboutText(name="about", body=PAYLOAD)
    about.full_clean()
    assert about.body == "<p>Hix</p>"


def _write_raw(page, body):
    """Store ``body`` as the page's live content and latest revision, bypassing all cleaning."""
    raw = json.dumps(body)
    with connection.cursor() as cursor:
        table = ArticlePage._meta.db_table
        cursor.execute(f"UPDATE {table} SET body = %s WHERE page_ptr_id = %s", [raw, page.pk])  # noqa: S608
    revision = page.latest_revision
    revision.content["body"] = raw
    revision.save(update_fields=["content"])


def test_command_cleans_raw_content_live_and_draft_then_the_editor_opens_it(home, admin_client):
    page = make_article(parent=make_blog(home), title="Written raw")
    block_id = page.body[0].id
    _write_raw(
        page,
        [
            {"type": "paragraph", "value": PAYLOAD, "id": block_id},
            {"type": "callout", "value": {"kind": "note", "title": "", "text": HOSTILE[1]}},
        ],
    )
    with pytest.raises(AssertionError, match="Unmatched tags"):  # the 500
        admin_client.get(f"/admin/pages/{page.pk}/edit/")

    out = io.StringIO()
    call_command("sanitise_rich_text", "--dry-run", stdout=out)
    assert "Would clean 4 rich-text value(s)." in out.getvalue()
    assert ArticlePage.objects.get(pk=page.pk).body[0].value.source == PAYLOAD

    out = io.StringIO()
    call_command("sanitise_rich_text", stdout=out)
    report = out.getvalue()
    assert f"articles.ArticlePage {page.pk} “Written raw” (live) body item 1 (paragraph)" in report
    assert "(live) body item 2 (callout) text" in report
    assert f"(revision {page.latest_revision_id}) body item 1 (paragraph)" in report
    assert "Cleaned 4 rich-text value(s)." in report

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.body[0].value.source == "<p>Hix</p>"
    assert page.body[0].id == block_id
    assert page.get_latest_revision_as_object().body[0].value.source == "<p>Hix</p>"
    assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert_harmless_page(admin_client.get(page.url).content.decode())

    out = io.StringIO()
    call_command("sanitise_rich_text", stdout=out)
    assert out.getvalue().strip() == "Cleaned 0 rich-text value(s)."


def test_every_stream_field_uses_sanitising_rich_text_blocks():
    """A plain Wagtail RichTextBlock in a body would let raw HTML through: none may."""
    found = 0
    for label, stream_block in _stream_blocks():
        stack = [stream_block]
        while stack:
            block = stack.pop()
            stack.extend(getattr(block, "child_blocks", {}).values())
            if getattr(block, "child_block", None):
                stack.append(block.child_block)
            if isinstance(block, blocks.RichTextBlock):
                assert isinstance(block, RichTextBlock), (label, block.name)
                found += 1
    assert found >= 3
