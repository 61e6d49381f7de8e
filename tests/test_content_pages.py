"""Plain content pages: served, nested, private when restricted, in the API and in search."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from pages.models import ContentPage
from tests.factories import members_group, restrict

SECRET = "Only staff of the helpline read this."


def make_content_page(parent, slug, **fields):
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    page = ContentPage(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def about(home):
    return make_content_page(
        home,
        "about-us",
        intro="Who we are, in two sentences.",
        body=[
            {"type": "heading", "value": {"text": "Our team", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Clinicians and families working together.</p>"},
        ],
    )


def test_a_content_page_renders_its_title_intro_and_blocks(client, about):
    response = client.get("/about-us/")

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "pages/content_page.html"
    html = response.content.decode()
    assert '<h1 id="page-title">About us</h1>' in html
    assert "Who we are, in two sentences." in html
    assert "Our team</h2>" in html
    assert "Clinicians and families working together." in html


def test_content_pages_nest_and_accept_no_other_children(client, about):
    child = make_content_page(about, "our-history", intro="How it began.")

    assert client.get("/about-us/our-history/").status_code == 200
    assert ContentPage.allowed_subpage_models() == [ContentPage]
    assert child.get_parent().specific == about


def test_a_restricted_content_page_is_not_served_to_anonymous_readers(client, home, member):
    page = make_content_page(
        home,
        "members-notes",
        body=[{"type": "paragraph", "value": f"<p>{SECRET}</p>"}],
    )
    restrict(page, PageViewRestriction.GROUPS, groups=[members_group()])

    anonymous = client.get("/members-notes/")
    assert SECRET not in anonymous.content.decode()
    listing = client.get("/api/v2/pages/?type=pages.ContentPage&fields=intro")
    assert listing.status_code == 200
    assert SECRET not in listing.content.decode()
    assert SECRET not in client.get(f"/api/v2/pages/{page.pk}/").content.decode()

    client.force_login(member)
    assert SECRET in client.get("/members-notes/").content.decode()


def test_the_api_exports_intro_and_body(client, about):
    detail = client.get(f"/api/v2/pages/{about.pk}/").json()

    assert detail["meta"]["type"] == "pages.ContentPage"
    assert detail["intro"] == "Who we are, in two sentences."
    assert [block["type"] for block in detail["body"]] == ["heading", "paragraph"]


def test_search_finds_a_content_page_by_its_body(client, about):
    html = client.get("/search/?q=clinicians").content.decode()

    assert "/about-us/" in html


def test_demo_content_pages_are_created_once_and_shown_in_menus(db):
    call_command("load_demo_content", stdout=StringIO())
    call_command("load_demo_content", stdout=StringIO())

    pages = ContentPage.objects.live().order_by("path")
    assert [page.slug for page in pages] == ["about-us", "how-we-write", "contact"]
    assert all(page.show_in_menus for page in pages)
    assert all(page.revisions.count() == 1 for page in pages)
