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

pytestmark = pytest.mark.django_db

CLASSIC = """Families often ask where to start.
This line follows a line break.

[caption id="attachment_50" width="300"]<img class="wp-image-50 size-medium" src="https://oldblog.example/wp-content/uploads/2013/01/kitchen-300x200.jpg" alt="A kitchen table" /> Talking at the table[/caption]

<h2>What helps</h2>
<ul><li>Listen<ul><li>without arguing</li></ul></li><li>Reward sober time</li></ul>

https://www.youtube.com/watch?v=aaaaaaaaaaa

[gallery ids="50,51"]

Read <a href="https://oldblog.example/2013/01/12/second-post/">the second post</a> too. [sic]
[contact-form-7 id="12" title="Contact"]
<script>alert("x")</script>
<blockquote>It got better slowly. <cite>A parent</cite></blockquote>
<img src="https://oldblog.example/wp-content/uploads/2013/01/gone.jpg" alt="A lost picture" />"""

GUTENBERG = """<!-- wp:paragraph -->
<p>Opening <strong>words</strong>.</p>
<!-- /wp:paragraph -->

<!-- wp:heading {"level":3} -->
<h3 class="wp-block-heading">A smaller heading</h3>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><!-- wp:list-item --><li>One<!-- wp:list --><ul><!-- wp:list-item --><li>Inner</li><!-- /wp:list-item --></ul><!-- /wp:list --></li><!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph --><p>Be kind to yourself.</p><!-- /wp:paragraph --><cite>A counsellor</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>Small steps count.</p><cite>A mother</cite></blockquote></figure>
<!-- /wp:pullquote -->

<!-- wp:image {"id":50,"sizeSlug":"large"} -->
<figure class="wp-block-image size-large"><img src="https://oldblog.example/wp-content/uploads/2013/01/kitchen-1024x768.jpg" alt="" class="wp-image-50"/><figcaption>The kitchen</figcaption></figure>
<!-- /wp:image -->

<!-- wp:gallery {"linkTo":"none"} -->
<figure class="wp-block-gallery has-nested-images"><!-- wp:image {"id":50} -->
<figure class="wp-block-image"><img src="https://oldblog.example/wp-content/uploads/2013/01/kitchen.jpg" alt="Table" class="wp-image-50"/></figure>
<!-- /wp:image --><!-- wp:image {"id":51} -->
<figure class="wp-block-image"><img src="https://oldblog.example/wp-content/uploads/2013/01/garden.jpg" alt="Garden" class="wp-image-51"/></figure>
<!-- /wp:image --></figure>
<!-- /wp:gallery -->

<!-- wp:embed {"url":"https://vimeo.com/76979871","type":"video","providerNameSlug":"vimeo"} -->
<figure class="wp-block-embed is-type-video is-provider-vimeo"><div class="wp-block-embed__wrapper">
https://vimeo.com/76979871
</div></figure>
<!-- /wp:embed -->

<!-- wp:core-embed/youtube {"url":"https://youtu.be/bbbbbbbbbbb"} -->
<figure class="wp-block-embed-youtube"><div class="wp-block-embed__wrapper">https://youtu.be/bbbbbbbbbbb</div></figure>
<!-- /wp:core-embed/youtube -->

<!-- wp:separator -->
<hr class="wp-block-separator"/>
<!-- /wp:separator -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Day</th><th>Goal</th></tr></thead><tbody><tr><td>Monday</td><td>Walk</td></tr></tbody></table></figure>
<!-- /wp:table -->

<!-- wp:code -->
<pre class="wp-block-code"><code>step one
step two</code></pre>
<!-- /wp:code -->

<!-- wp:preformatted -->
<pre class="wp-block-preformatted">kept   as written</pre>
<!-- /wp:preformatted -->

<!-- wp:buttons -->
<div class="wp-block-buttons"><!-- wp:button -->
<div class="wp-block-button"><a class="wp-block-button__link" href="https://oldblog.example/?p=11">Read more</a></div>
<!-- /wp:button --></div>
<!-- /wp:buttons -->

<!-- wp:columns -->
<div class="wp-block-columns"><!-- wp:column -->
<div class="wp-block-column"><!-- wp:paragraph --><p>Left column</p><!-- /wp:paragraph --></div>
<!-- /wp:column --><!-- wp:column -->
<div class="wp-block-column"><!-- wp:group --><div class="wp-block-group"><!-- wp:paragraph --><p>Grouped right</p><!-- /wp:paragraph --></div><!-- /wp:group --></div>
<!-- /wp:column --></div>
<!-- /wp:columns -->

<!-- wp:shortcode -->
[gallery ids="51"]
<!-- /wp:shortcode -->

<!-- wp:html -->
<div onclick="steal()">Raw <em>HTML</em><script>bad()</script></div>
<!-- /wp:html -->"""


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
    output = run_command(site_export(), tmp_path, "--uploads", str(uploads), "--report", str(report))
    return output, json.loads(report.read_text())


def article(wp_id):
    record = ImportedItem.objects.get(wp_id=wp_id)
    return record.page.specific


def test_posts_become_articles_with_plain_titles_slugs_dates_and_authors(imported):
    first = article(10)
    assert isinstance(first, ArticlePage)
    assert first.title == "First <em>post</em> & more"
    assert first.slug == "first-post"
    assert str(first.date) == "2013-01-11"
    assert first.live
    author = Author.objects.get(slug="drlee")
    assert author.name == "Dr Sam Lee"
    assert [a.pk for a in first.authors] == [author.pk]


def test_categories_and_tags_become_topics_through_synonyms(imported):
    names = sorted(t.name for t in article(10).topics.all())
    assert names == ["Benzodiazepines", "Self-care"]  # "Uncategorized" is not a topic


def test_summary_is_the_excerpt_or_generated_from_the_text(imported):
    assert article(11).summary == "The second one, in short."
    assert article(10).summary.startswith("Families often ask where to start.")


def test_an_empty_title_gets_a_stated_fallback_and_a_slug(imported):
    page = article(12)
    assert page.title == "Untitled post (WordPress post 12)"
    assert page.slug == "post-12"


def test_each_status_maps_to_wagtail(imported):
    assert not article(12).live  # draft
    pending = article(13)
    assert not pending.live
    assert pending.current_workflow_state is not None  # in moderation
    future = article(14)
    assert not future.live
    assert future.get_latest_revision().approved_go_live_at.year == 2099
    private = article(15)
    assert private.live and private.members_only
    locked = article(16)
    restriction = PageViewRestriction.objects.get(page=locked)
    assert restriction.restriction_type == "password"
    assert restriction.password == "open sesame"
    assert not ImportedItem.objects.filter(wp_id=17).exists()


def test_private_and_password_posts_do_not_reach_anonymous_readers(client, imported):
    assert "Private words" not in client.get(article(15).url).content.decode()
    assert "Behind a password" not in client.get(article(16).url).content.decode()


def test_pages_become_content_pages_keeping_their_hierarchy(client, imported):
    about, team = article(20), article(21)
    assert isinstance(about, ContentPage) and isinstance(team, ContentPage)
    assert about.get_parent().specific_class is HomePage
    assert team.get_parent().pk == about.pk
    assert client.get("/about/team/").status_code == 200


def test_sticky_posts_are_featured_on_the_home_page(imported):
    home = HomePage.objects.get()
    assert article(10).pk in [f.page_id for f in home.featured_pages.all()]


def test_media_become_images_and_documents_and_the_featured_image_the_hero(imported):
    first = article(10)
    kitchen = ImportedItem.objects.get(wp_id=50).image
    assert first.hero_image_id == kitchen.pk
    assert kitchen.description == "Family at a kitchen table"
    assert ImportedItem.objects.get(wp_id=52).document.title == "Leaflet"


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
    assert "embed" in kinds and "quote" in kinds
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
    assert f'href="{second.url}"' in body_json(first).replace('\\"', '"')
    assert f'href="{first.url}"' not in body_json(second)
    assert f'href="{article(11).url}"' not in ""
    assert 'href="/articles/post-11/"' not in body_json(second)
    button = body_json(second).replace('\\"', '"')
    assert f'href="{second.url}"' in button  # "?p=11" was a link to itself


@pytest.mark.parametrize(
    "old, new",
    [
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
    ],
)
def test_old_addresses_redirect_permanently(client, imported, old, new):
    targets = {
        "first": lambda: article(10).url,
        "about": lambda: article(20).url,
        "leaflet": lambda: ImportedItem.objects.get(wp_id=52).document.url,
    }
    expected = targets[new]() if new in targets else new
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == expected
    assert client.get(expected).status_code == 200


def test_a_redirect_never_shadows_a_live_page(imported):
    _output, report = imported
    assert not Redirect.objects.filter(old_path="/about").exists()  # the page is there
    assert client_free_paths(report)


def client_free_paths(report):
    return all("path" in entry for entry in report["redirects_skipped"])


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


@pytest.mark.parametrize("version, scheme", [("1.0", "http"), ("1.1", "https"), ("1.2", "https")])
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
    stream = convert('<!-- wp:paragraph --><p>[footnote]x[/footnote] [audio src="a.mp3"]</p><!-- /wp:paragraph -->')
    text = json.dumps(stream)
    assert "[footnote" not in text and "[audio" not in text and "wp:" not in text


def test_the_fixture_file_imports(home):
    make_blog(home)
    data = Path(__file__).parent.joinpath("data/wordpress/small.xml").read_bytes()
    report = run_import(lambda: BytesIO(data))
    assert report.ok
