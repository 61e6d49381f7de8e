"""Menus from the page tree, the favicon and the header (issue 15), through HTTP."""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Site

from pages.models import ContentPage
from tests.factories import make_article, make_author, restrict


def content_page(parent, title, **fields):
    page = ContentPage(title=title, slug=title.lower().replace(" ", "-"), **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def nav(html, label):
    start = html.index(f'aria-label="{label}"')
    return html[start : html.index("</nav>", start)]


@pytest.mark.django_db
def test_header_and_footer_menus_come_from_the_page_tree(client, home):
    about = content_page(home, "About us", intro="Who we are.", show_in_menus=True)
    content_page(home, "Contact", show_in_menus=True)
    content_page(home, "Press kit", show_in_menus=False)
    restrict(content_page(home, "Staff notes", show_in_menus=True), "login")

    html = client.get("/contact/").content.decode()

    for label in ("Main", "Site"):
        menu = nav(html, label)
        assert menu.index('href="/about-us/"') < menu.index('href="/contact/"')  # tree order
        assert "Press kit" not in menu
        assert "Staff notes" not in menu
    assert '<a href="/contact/" aria-current="page">Contact</a>' in nav(html, "Main")
    # The crisis resources are always one link away, in the header and the footer.
    assert html.count('href="#crisis-resources"') == 2
    assert "Who we are." in client.get(about.url).content.decode()


@pytest.mark.django_db
def test_favicon_exists_and_pages_link_their_icons(client, home):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("img/favicon.ico")
    icons = Path(settings.BASE_DIR) / "static" / "img"
    assert (icons / "favicon.ico").stat().st_size > 0
    assert (icons / "apple-touch-icon.png").stat().st_size > 0
    html = client.get("/").content.decode()
    assert 'rel="apple-touch-icon"' in html
    assert 'type="image/svg+xml"' in html


@pytest.mark.django_db
def test_sign_in_page_shows_the_site_name_not_the_host(client, home):
    Site.objects.filter(is_default_site=True).update(site_name="Families First")
    html = client.get("/accounts/login/", HTTP_HOST="127.0.0.1:8301").content.decode()
    assert "<title>Sign in · Families First</title>" in html
    assert "<span>Families First</span>" in html
    assert "127.0.0.1:8301" not in html


@pytest.mark.django_db
def test_byline_has_no_empty_separator_without_a_date(client, home):
    make_article("Undated", slug="undated", authors=[make_author("Sam Lee")], date=None)
    html = client.get("/articles/undated/").content.decode()
    byline = html[html.index('<p class="byline">') :]
    byline = byline[: byline.index("</p>")]
    assert "·" not in byline
    assert "Sam Lee" in byline
    assert "min read" in byline
