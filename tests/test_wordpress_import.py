"""The WordPress importer, through its command: a small export in, pages and redirects out."""

import json
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction, Revision

from articles.models import ArticlePage, Author
from home.models import HomePage
from pages.models import ContentPage
from tests.factories import make_blog, make_topic
from tests.wxr import attachment, export, item
from wordpress.bodies import convert
from wordpress.importer import run_import
from wordpress.models import ImportedItem
from wordpress.shortcodes import autop, expand

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data" / "wordpress"

CLASSIC = (DATA / "classic.html").read_text()

GUTENBERG = (DATA / "gutenberg.html").read_text()


@pytest.fixture
def uploads(tmp_path):
    folder = tmp_path / "uploads" / "2013" / "01"
    folder.mkdir(parents=True)
    for name in ("kitchen.jpg", "garden.jpg"):
        (folder / name).write_bytes(get_test_image_file(size=(60, 40)).file.getvalue())
    (folder / "leaflet.pdf").write_bytes(b"%PDF-1.4 a leaflet")
    return tmp_path / "uploads"


def media_items():
    return [
        attachment(50, "2013/01/kitchen.jpg", "Kitchen", alt="Family at a kitchen table"),
        attachment(51, "2013/01/garden.jpg", "Garden", caption="The garden in May"),
        attachment(52, "2013/01/leaflet.pdf", "Leaflet"),
        attachment(53, "2013/01/missing.jpg", "Missing photo", alt="A photo that is gone"),
    ]


def site_export(**kwargs):
    return export(
        item(
            10,
            "First &amp;lt;em&amp;gt;post&amp;lt;/em&amp;gt; &amp;amp; more",
            CLASSIC,
            name="first-post",
            categories=[("benzos", "benzos"), ("uncategorized", "Uncategorized")],
            tags=[("self-care", "Self-care")],
            meta={"_thumbnail_id": 50},
            sticky=True,
        ),
        item(11, "Second post", GUTENBERG, name="second-post", date="2013-01-12 08:00:00",
             excerpt="The second one, in short."),
        item(12, "", "<p>No title here.</p>", name="", status="draft"),
        item(13, "Waiting", "<p>For review.</p>", status="pending"),
        item(14, "Soon", "<p>Tomorrow.</p>", status="future", date="2099-01-01 10:00:00"),
        item(15, "For members", "<p>Private words.</p>", status="private"),
        item(16, "Locked", "<p>Behind a password.</p>", password="open sesame"),
        item(17, "Binned", "<p>Gone.</p>", status="trash"),
        item(20, "About us", "<p>Who we are.</p>", name="about", post_type="page",
             link="https://oldblog.example/about/"),
        item(21, "Our team", "<p>The people.</p>", name="team", post_type="page", parent=20,
             link="https://oldblog.example/about/team/"),
        item(22, "Menu", "", post_type="nav_menu_item"),
        *media_items(),
        **kwargs,
    )  # fmt: skip


def run_command(data, tmp_path, *args):
    path = tmp_path / "export.xml"
    path.write_bytes(data)
    out = StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def imported(home, uploads, tmp_path):
    make_topic("Benzodiazepines", synonyms="benzos, Xanax")
    make_blog(home)
    report = tmp_path / "report.json"
    output = run_command(
        site_export(), tmp_path, "--uploads", str(uploads), "--report", str(report)
    )
    return output, json.loads(report.read_text())


def article(wp_id):
    record = ImportedItem.objects.get(wp_id=wp_id)
    return record.page.specific


def test_posts_become_articles_with_their_title_slug_date_author_topics_and_media(imported):
    first = article(10)
    assert isinstance(first, ArticlePage)
    assert first.title == "First <em>post</em> & more"
    assert first.slug == "first-post"
    assert str(first.date) == "2013-01-11"
    assert first.live
    author = Author.objects.get(slug="drlee")
    assert author.name == "Dr Sam Lee"
    assert [a.pk for a in first.authors] == [author.pk]
    names = sorted(t.name for t in article(10).topics.all())
    assert names == ["Benzodiazepines", "Self-care"]  # "Uncategorized" is not a topic
    assert article(11).summary == "The second one, in short."
    assert article(10).summary.startswith("Families often ask where to start.")
    page = article(12)
    assert page.title == "Untitled post (WordPress post 12)"
    assert page.slug == "post-12"
    home = HomePage.objects.get()
    assert article(10).pk in [f.page_id for f in home.featured_pages.all()]
    first = article(10)
    kitchen = ImportedItem.objects.get(wp_id=50).image
    assert first.hero_image_id == kitchen.pk
    assert kitchen.description == "Family at a kitchen table"
    assert ImportedItem.objects.get(wp_id=52).document.title == "Leaflet"


def test_each_status_maps_to_wagtail(client, imported):
    assert not article(12).live  # draft
    pending = article(13)
    assert not pending.live
    assert pending.current_workflow_state is not None  # in moderation
    future = article(14)
    assert not future.live
    assert future.get_latest_revision().approved_go_live_at.year == 2099
    private = article(15)
    assert private.live
    assert private.members_only
    locked = article(16)
    restriction = PageViewRestriction.objects.get(page=locked)
    assert restriction.restriction_type == "password"
    assert restriction.password == "open sesame"
    assert not ImportedItem.objects.filter(wp_id=17).exists()
    assert "Private words" not in client.get(article(15).url).content.decode()
    assert "Behind a password" not in client.get(article(16).url).content.decode()


def test_pages_become_content_pages_keeping_their_hierarchy(client, imported):
    about, team = article(20), article(21)
    assert isinstance(about, ContentPage)
    assert isinstance(team, ContentPage)
    assert about.get_parent().specific_class is HomePage
    assert team.get_parent().pk == about.pk
    assert client.get("/about/team/").status_code == 200


def test_missing_media_is_reported_and_the_words_are_kept(imported):
    output, report = imported
    files = [entry["file"] for entry in report["media_missing"]]
    assert "2013/01/missing.jpg" in files
    assert any("gone.jpg" in name for name in files)
    assert "Media missing" in output
    body = body_json(article(10))
    assert "A lost picture" in body
    assert report["ok"] is True  # missing media is a warning


def body_json(page):
    return json.dumps(page.body.get_prep_value())


def blocks(page):
    return [child.block_type for child in page.body]


def test_classic_html_becomes_blocks(imported):
    page = article(10)
    raw = page.body.get_prep_value()
    kinds = blocks(page)
    assert kinds[:3] == ["paragraph", "image", "heading"]
    assert raw[0]["value"].startswith("<p>Families often ask where to start.<br/>")
    image = raw[1]["value"]
    assert image["caption"] == "Talking at the table"
    assert image["alt_text"] == "A kitchen table"
    assert {"embed", "quote"} <= set(kinds)
    assert kinds.count("image") == 3  # the captioned picture and the two of the gallery
    text = body_json(page)
    assert "<li>without arguing</li>" in text.replace("\\n", "")
    assert "[sic]" in text
    for leftover in ("[caption", "[gallery", "[contact-form", "<script", "alert("):
        assert leftover not in text


def test_gutenberg_blocks_become_blocks(imported):
    page = article(11)
    kinds = blocks(page)
    raw = page.body.get_prep_value()
    text = body_json(page)
    assert kinds.count("embed") == 2
    assert {"heading", "quote", "image", "paragraph"} <= set(kinds)
    assert kinds.count("image") == 4  # image, two in the gallery, one in [gallery]
    assert kinds.count("quote") == 2
    heading = next(c for c in raw if c["type"] == "heading")
    assert heading["value"] == {"text": "A smaller heading", "level": "h3"}
    for words in ("Left column", "Grouped right", "<b>Day | Goal</b>", "step one<br/>step two",
                  "Raw <i>HTML</i>", "Inner"):  # fmt: skip
        assert words in text
    for leftover in ("<!-- wp:", "wp:paragraph", "<script", "onclick", "bad()"):
        assert leftover not in text


def test_internal_links_point_at_the_new_pages(imported):
    first, second = article(10), article(11)
    leaflet = ImportedItem.objects.get(wp_id=52).document
    assert f'<a linktype="document" id="{leaflet.pk}">our leaflet</a>' in body_json(first).replace(
        '\\"', '"'
    )
    assert f'href="{second.url}"' in body_json(first).replace('\\"', '"')
    assert f'href="{first.url}"' not in body_json(second)
    button = body_json(second).replace('\\"', '"')
    assert f'href="{second.url}"' in button  # "?p=11" was a link to itself


OLD_ADDRESSES = [
    ("/2013/01/11/first-post/", "first"),
    ("/?p=10", "first"),
    ("/?page_id=20", "about"),
    ("/category/substances/benzos/", "/topics/benzodiazepines/"),
    ("/category/substances/benzos/feed/", "/topics/benzodiazepines/feed/"),
    ("/tag/self-care/", "/topics/self-care/"),
    ("/author/drlee/", "/authors/drlee/"),
    ("/feed/", "/articles/feed/"),
    ("/?attachment_id=52", "leaflet"),
    ("/wp-content/uploads/2013/01/leaflet.pdf", "leaflet"),
]


def test_every_old_address_redirects_permanently_to_its_new_page(client, imported):
    targets = {
        "first": article(10).url,
        "about": article(20).url,
        "leaflet": ImportedItem.objects.get(wp_id=52).document.url,
    }
    for old, new in OLD_ADDRESSES:
        expected = targets.get(new, new)
        response = client.get(old)
        assert (old, response.status_code, response.get("Location")) == (old, 301, expected)
        assert client.get(expected).status_code == 200, expected
    # A redirect never shadows a live page: the page imported at /about/ answers itself.
    assert not Redirect.objects.filter(old_path="/about").exists()
    assert client.get("/about/").status_code == 200


def test_bad_items_are_reported_and_skipped_and_the_exit_code_says_so(home, tmp_path):
    make_blog(home)
    fine = item(30, "Fine", "<p>Fine words.</p>")
    twice = item(30, "Same id again", "<p>Another post.</p>", name="again")
    path = tmp_path / "export.xml"
    path.write_bytes(export(fine, twice))
    with pytest.raises(CommandError, match="1 item"):
        call_command("import_wordpress", str(path), stdout=StringIO())
    assert ImportedItem.objects.filter(wp_id=30).exists()
    assert ArticlePage.objects.get().title == "Fine"


def test_a_rerun_writes_nothing_and_a_changed_post_gets_one_revision(imported, uploads, tmp_path):
    revisions, redirects = Revision.objects.count(), Redirect.objects.count()
    images = get_image_model().objects.count()
    output = run_command(site_export(), tmp_path, "--uploads", str(uploads))
    assert Revision.objects.count() == revisions
    assert Redirect.objects.count() == redirects
    assert get_image_model().objects.count() == images
    assert "0 created, 0 updated" in output
    changed = site_export().replace(b"Families often ask", b"Families usually ask")
    run_command(changed, tmp_path, "--uploads", str(uploads))
    assert Revision.objects.count() == revisions + 1
    assert "Families usually ask" in body_json(article(10))


def test_a_dry_run_writes_nothing(home, uploads, tmp_path):
    make_blog(home)
    revisions = Revision.objects.count()
    output = run_command(site_export(), tmp_path, "--uploads", str(uploads), "--dry-run")
    assert "Would import posts: 7 created" in output
    assert Revision.objects.count() == revisions
    assert not ArticlePage.objects.exists()
    assert not ImportedItem.objects.exists()
    assert not Redirect.objects.exists()
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("version", "scheme"), [("1.0", "http"), ("1.1", "https"), ("1.2", "https")]
)
def test_every_wxr_version_and_namespace_is_read(home, version, scheme):
    make_blog(home)
    data = export(item(40, "Old format", "<p>Hello.</p>"), version=version, scheme=scheme)
    report = run_import(lambda: BytesIO(data))
    assert report.counts["post"]["created"] == 1
    assert ArticlePage.objects.get().title == "Old format"


def test_an_entity_bomb_is_refused(home, tmp_path):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<rss><channel><title>&c;</title></channel></rss>"
    )
    path = tmp_path / "bomb.xml"
    path.write_bytes(bomb)
    with pytest.raises(CommandError, match="entities"):
        call_command("import_wordpress", str(path), stdout=StringIO())
    assert not ArticlePage.objects.exists()


def test_the_converter_leaves_no_shortcode_or_block_comment():
    stream = convert(
        "<!-- wp:paragraph --><p>[footnote]x[/footnote] "
        '[audio src="a.mp3"]</p><!-- /wp:paragraph -->'
    )
    text = json.dumps(stream)
    for leftover in ("[footnote", "[/footnote", "[audio", "wp:"):
        assert leftover not in text


def test_the_fixture_file_imports(home):
    make_blog(home)
    data = (DATA / "small.xml").read_bytes()
    report = run_import(lambda: BytesIO(data))
    assert report.ok


def test_a_post_whose_page_was_deleted_is_imported_again(home, tmp_path):
    make_blog(home)
    data = export(item(60, "Comes back", "<p>Words.</p>"))
    run_command(data, tmp_path)
    article(60).delete()
    output = run_command(data, tmp_path)
    assert "Imported posts: 1 created" in output
    assert article(60).title == "Comes back"


def test_wpautop_paragraphs_line_breaks_and_preformatted_text():
    html = autop("One\ntwo\n\nThree\n<pre>keep\n\n  this</pre>\n<ul>\n<li>item</li>\n</ul>")
    assert html.startswith("<p>One<br/>\ntwo</p>\n<p>Three</p>")
    assert "<pre>keep\n\n  this</pre>" in html
    assert "<p><li>" not in html
    assert expand("Write [[gallery]] to show a gallery.") == "Write [gallery] to show a gallery."
