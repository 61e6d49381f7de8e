"""An article imported from WordPress, read in a real browser: its picture and its gallery."""

from io import BytesIO

import pytest
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from tests.browser.conftest import assert_no_serious_a11y_violations
from tests.factories import make_blog, make_home
from tests.wxr import attachment, export, item
from wordpress.importer import run_import
from wordpress.models import ImportedItem

pytestmark = pytest.mark.browser

BODY = """<!-- wp:paragraph --><p>What the kitchen table taught us.</p><!-- /wp:paragraph -->
<!-- wp:image {"id":50} --><figure class="wp-block-image"><img src="https://oldblog.example/wp-content/uploads/k.jpg" alt="A family at the kitchen table" class="wp-image-50"/><figcaption>Sunday dinner</figcaption></figure><!-- /wp:image -->
<!-- wp:gallery {"ids":[51,52]} --><figure class="wp-block-gallery"></figure><!-- /wp:gallery -->"""  # noqa: E501


def test_an_imported_article_shows_its_image_and_gallery(page, live_server, tmp_path):
    make_blog(make_home())
    if Collection.get_first_root_node() is None:  # an earlier live-server test flushed it
        Collection.add_root(name="Root")
    for name in ("k.jpg", "g1.jpg", "g2.jpg"):
        (tmp_path / name).write_bytes(get_test_image_file(size=(80, 60)).file.getvalue())
    data = export(
        item(10, "Around the table", BODY, name="around-the-table"),
        attachment(50, "k.jpg", "Kitchen"),
        attachment(51, "g1.jpg", "Garden", alt="Tomatoes in the garden"),
        attachment(52, "g2.jpg", "Walk", alt="A walk by the river", caption="After lunch"),
    )
    assert run_import(lambda: BytesIO(data), uploads=tmp_path).ok
    url = ImportedItem.objects.get(wp_id=10).page.url

    page.goto(url)

    figures = page.locator("main figure")
    assert figures.count() == 3
    alts = [figures.nth(i).locator("img").get_attribute("alt") for i in range(3)]
    assert alts == [
        "A family at the kitchen table",
        "Tomatoes in the garden",
        "A walk by the river",
    ]
    assert figures.nth(0).locator("figcaption").inner_text() == "Sunday dinner"
    assert figures.nth(2).locator("figcaption").inner_text() == "After lunch"
    assert "wp:" not in page.content()
    assert_no_serious_a11y_violations(page)
