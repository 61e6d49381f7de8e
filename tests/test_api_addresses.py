"""Every address an API answer holds is absolute and answers, for a front end on another origin."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from core.sites import configure_site
from tests.front_end_site import build_site

LINK_IN_HTML = re.compile(r'(?:href|src)="([^"]*)"')
#: Other sites' addresses the content links to (videos, the default crisis lines).
EXTERNAL = (
    "https://www.youtube.com/",
    "https://www.youtube-nocookie.com/",
    "https://988lifeline.org/",
    "https://www.samhsa.gov/",
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def site(db):
    return build_site()


def addresses(data, key=None, parent=None):
    """``(key, address)`` for every URL in an answer: ``*url`` fields and links in HTML."""
    if isinstance(data, dict):
        for name, value in data.items():
            yield from addresses(value, name, data)
    elif isinstance(data, list):
        for item in data:
            yield from addresses(item, key, parent)
    elif isinstance(data, str):
        # A media ``url`` is the stored path, as in Wagtail; ``full_url`` beside it is absolute.
        stored_path = key == "url" and "full_url" in parent
        if key and key.endswith("url") and data and not stored_path:
            yield key, data
        for link in LINK_IN_HTML.findall(data):
            yield "link", link


def assert_absolute_and_reachable(client, settings, data, where):
    seen = list(addresses(data))
    assert seen, f"{where}: no addresses found"
    for key, address in seen:
        assert address.startswith(("http://", "https://")), f"{where}: {key} {address!r}"
        if address.startswith(EXTERNAL):
            continue
        parts = urlsplit(address)
        assert parts.netloc == "testserver", f"{where}: {key} {address!r}"
        if parts.path.startswith(settings.MEDIA_URL):
            stored = Path(settings.MEDIA_ROOT) / parts.path.removeprefix(settings.MEDIA_URL)
            assert stored.exists(), f"{where}: {key} {address!r} is not stored"
        else:
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            status = client.get(path).status_code
            assert status == 200, f"{where}: {key} {address!r} answers {status}"


def test_every_address_in_every_page_type_detail_is_absolute_and_answers(client, settings, site):
    for name in ("home", "blog", "article", "about", "join", "course", "module", "unit"):
        page = site[name]
        for version in ("v2", "v3"):
            response = client.get(f"/api/{version}/pages/{page.pk}/")
            assert response.status_code == 200, (name, version, response.content)
            assert_absolute_and_reachable(client, settings, response.json(), f"{version} {name}")


def test_listings_media_topics_and_the_outline_are_absolute_too(client, settings, site):
    for path in (
        "/api/v2/pages/?type=articles.ArticlePage&fields=*",
        "/api/v2/pages/?type=craft_course.CourseUnitPage&fields=*",
        "/api/v2/images/?fields=*",
        f"/api/v2/documents/{site['document'].pk}/",
        "/api/v2/topics/?fields=*",
        "/api/v2/course/outline/",
        "/api/v3/course/outline/",
    ):
        response = client.get(path)
        assert response.status_code == 200, (path, response.content)
        assert_absolute_and_reachable(client, settings, response.json(), path)


def test_find_redirects_to_an_absolute_detail_address(client, site):
    response = client.get("/api/v2/pages/find/?html_path=/articles/tapering-safely/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"http://testserver/api/v2/pages/{site['article'].pk}/")


def test_rich_text_links_are_absolute_in_html_and_markdown(client, site):
    document = site["document"]
    detail = f"/api/v2/pages/{site['article'].pk}/"
    [paragraph] = [b for b in client.get(detail).json()["body"] if b["type"] == "paragraph"]
    assert f'href="http://testserver{document.url}"' in paragraph["value"]
    markdown = client.get(f"{detail}?rich_text_format=markdown").json()["body"][1]["value"]
    assert f"(http://testserver{document.url})" in markdown
    assert "(http://testserver/articles/)" in markdown


def test_the_site_follows_wagtailadmin_base_url(settings, site):
    settings.WAGTAILADMIN_BASE_URL = "https://families.example.org"
    call_command("configure_site")
    default = Site.objects.get(is_default_site=True)
    assert (default.hostname, default.port) == ("families.example.org", 443)
    assert site["article"].full_url == "https://families.example.org/articles/tapering-safely/"
    with pytest.raises(CommandError, match="http"):
        call_command("configure_site", base_url="ftp://families.example.org")


def test_wagtailapi_base_url_names_the_api_address(client, settings, site):
    settings.WAGTAILAPI_BASE_URL = "https://api.example.org"
    item = client.get("/api/v2/pages/?type=articles.ArticlePage").json()["items"][0]
    assert item["meta"]["detail_url"].startswith("https://api.example.org/api/v2/pages/")


def test_a_site_changed_by_another_worker_takes_effect_without_a_restart(client, site):
    """Another worker's save clears only its own memory; this one finds out by itself."""
    detail = f"/api/v2/pages/{site['article'].pk}/"
    assert client.get(detail).json()["meta"]["html_url"].startswith("http://testserver/")
    Site.objects.filter(is_default_site=True).update(hostname="families.example.org")
    html_url = client.get(detail).json()["meta"]["html_url"]
    assert html_url == "http://families.example.org/articles/tapering-safely/"


def test_configure_site_creates_the_default_site_when_there_is_none(db, settings):
    site = build_site()
    Site.objects.all().delete()
    created = configure_site(root_page=site["home"])
    assert created.is_default_site
    assert created.root_url == "http://testserver"
