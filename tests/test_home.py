"""The home page, the crisis-resources setting and the site-wide templates."""

from django.template.loader import render_to_string
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from home.models import CrisisResources, HomePage, HomePageFeaturedPage


def test_home_page_renders_with_crisis_resources(client, home):
    response = client.get("/")

    assert response.status_code == 200
    assert "home/home_page.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "988 Suicide and Crisis Lifeline" in html
    assert 'href="tel:18006624357"' in html
    assert 'href="#crisis-resources"' in html
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<meta name="description"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html


def test_editing_crisis_resources_in_the_admin_changes_every_page(admin_client, client, home):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/home/crisisresources/{site.pk}/"
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(
        url,
        {
            "heading": "Help right now",
            "resources-count": "1",
            "resources-0-deleted": "",
            "resources-0-order": "0",
            "resources-0-type": "resource",
            "resources-0-id": "",
            "resources-0-value-name": "Local family crisis line",
            "resources-0-value-phone": "555-0100",
            "resources-0-value-text": "",
            "resources-0-value-url": "",
            "resources-0-value-guidance": "Answered by trained volunteers every evening.",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/").content.decode()
    assert "Help right now" in html
    assert "Local family crisis line" in html
    assert 'href="tel:5550100"' in html
    assert "988 Suicide and Crisis Lifeline" not in html


def test_crisis_resources_default_to_emergency_988_and_samhsa(db, home):
    resources = CrisisResources.for_site(Site.objects.get(is_default_site=True))

    names = [block.value["name"] for block in resources.resources]

    assert names == [
        "Emergency services",
        "988 Suicide and Crisis Lifeline",
        "SAMHSA National Helpline",
    ]


def test_featured_pages_show_only_live_pages_in_editor_order(client, home):
    draft = home.add_child(instance=Page(title="Never published", slug="draft", live=False))
    second = home.add_child(instance=Page(title="Second pick", slug="second"))
    third = home.add_child(instance=Page(title="Third pick", slug="third"))
    for position, page in enumerate([third, draft, second]):
        HomePageFeaturedPage.objects.create(home=home, page=page, sort_order=position)

    html = client.get("/").content.decode()

    assert "Never published" not in html
    assert html.index("Third pick") < html.index("Second pick")


def test_unknown_address_gets_the_friendly_404_page(client, home):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert "crisis-resources" in response.content.decode()


def test_500_page_renders_without_a_request_context():
    html = render_to_string("500.html")

    assert "Something went wrong" in html
    assert "988" in html


def test_robots_txt_blocks_private_areas_and_names_the_sitemap(client, home):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sign_in_page_explains_a_failed_login(client, home, member):
    response = client.post("/accounts/login/", {"login": "member-a", "password": "wrong"})

    assert response.status_code == 200
    assert "We could not sign you in" in response.content.decode()


class TestHomePageTree(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
