"""A request's Site is found with Wagtail's rule, in one query, and follows Site changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core import sites
from tests.factories import make_page

pytestmark = pytest.mark.django_db


def site_queries(captured):
    return [q for q in captured if Site._meta.db_table in q["sql"].split(" WHERE ")[0]]


@pytest.fixture
def second_site(home):
    other_home = make_page(home.get_parent(), "Partners' site")
    return Site.objects.create(hostname="partners.example.org", port=80, root_page=other_home)


def test_a_page_view_costs_one_site_query(client, home):
    assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    assert len(site_queries(captured)) == 1


def test_each_host_gets_its_own_site_request_after_request(client, home, second_site):
    for _ in range(2):
        partners = client.get("/", HTTP_HOST="partners.example.org")
        default = client.get("/", HTTP_HOST="localhost")
        unknown = client.get("/", HTTP_HOST="elsewhere.example.org")
        assert "Partners&#x27; site" in partners.content.decode()
        assert home.title in default.content.decode()
        assert home.title in unknown.content.decode()  # the default site, as in Wagtail


def test_a_site_given_a_new_host_is_followed_at_once(client, home, second_site):
    assert "Partners" in client.get("/", HTTP_HOST="partners.example.org").content.decode()
    # As another worker would: the row changes, this process's memory is not told.
    Site.objects.filter(pk=second_site.pk).update(hostname="friends.example.org")
    assert home.title in client.get("/", HTTP_HOST="partners.example.org").content.decode()
    assert "Partners" in client.get("/", HTTP_HOST="friends.example.org").content.decode()


def test_the_memory_of_hosts_stays_bounded(client, home, second_site, monkeypatch):
    monkeypatch.setattr(sites, "MAX_HOSTS", 2)
    for number in range(5):
        response = client.get("/", HTTP_HOST=f"host-{number}.example.org")
        assert home.title in response.content.decode()
        assert len(sites._seen["hosts"]) <= 2
    assert "Partners" in client.get("/", HTTP_HOST="partners.example.org").content.decode()
