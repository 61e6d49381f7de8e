"""Clinical review on articles and course units: the page, both APIs, JSON-LD and the report."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Author
from articles.review import a_year_after
from tests.factories import make_article, make_course, make_module, make_unit, make_user

pytestmark = pytest.mark.django_db

SOURCES = [
    {
        "type": "source",
        "value": {
            "title": "Medication for opioid use disorder",
            "publisher": "A national health agency",
            "url": "https://example.org/moud",
            "accessed": "2026-10-01",
        },
    }
]


@pytest.fixture
def reviewer(db):
    return Author.objects.create(
        name="Dr Ana Ruiz", slug="ana-ruiz", role="Addiction psychiatrist", credentials="MD"
    )


def reviewed(page, reviewer, day=datetime.date(2026, 3, 1)):
    page.reviewed_by = reviewer
    page.last_reviewed = day
    page.sources = json.dumps(SOURCES)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_next_review_defaults_to_a_year_after_the_last_and_stays_editable(home, reviewer):
    page = reviewed(make_article("Methadone basics"), reviewer)
    assert page.next_review_due == datetime.date(2027, 3, 1)
    page.next_review_due = datetime.date(2026, 9, 1)
    page.save()
    page.refresh_from_db()
    assert page.next_review_due == datetime.date(2026, 9, 1)
    assert a_year_after(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)


def test_readers_see_who_reviewed_when_and_the_sources(client, home, reviewer):
    page = reviewed(make_article("Methadone basics"), reviewer)
    html = client.get(page.url).content.decode()
    assert "Reviewed by" in html
    assert "Dr Ana Ruiz</a>, MD on" in html
    assert '<time datetime="2026-03-01">1 March 2026</time>' in html
    assert 'next review due <time datetime="2027-03-01">1 March 2027</time>' in html
    assert '<a href="https://example.org/moud">Medication for opioid use disorder</a>' in html
    assert "A national health agency" in html
    ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["lastReviewed"] == "2026-03-01"
    assert ld["reviewedBy"] == {"@type": "Person", "name": "Dr Ana Ruiz", "honorificSuffix": "MD"}
    assert ld["citation"][0]["name"] == "Medication for opioid use disorder"
    assert ld["citation"][0]["url"] == "https://example.org/moud"


def test_a_course_unit_shows_its_review_too(home, reviewer):
    unit = make_unit(make_module(make_course(home), 1), title="Warning signs", members_only=False)
    unit = reviewed(unit, reviewer)
    html = Client().get(unit.url).content.decode()
    assert "Dr Ana Ruiz" in html
    assert "Medication for opioid use disorder" in html
    v2 = Client().get(f"/api/v2/pages/{unit.pk}/").json()
    assert v2["last_reviewed"] == "2026-03-01"
    assert v2["reviewed_by"]["credentials"] == "MD"
    ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["@type"] == "LearningResource"
    assert ld["isAccessibleForFree"] is True
    assert ld["lastReviewed"] == "2026-03-01"
    assert ld["reviewedBy"]["name"] == "Dr Ana Ruiz"
    assert ld["citation"][0]["url"] == "https://example.org/moud"


def test_a_members_unit_teaser_carries_its_review_in_json_ld(home, reviewer):
    unit = make_unit(make_module(make_course(home), 1), title="Rewarding sober time")
    unit = reviewed(unit, reviewer)
    html = Client().get(unit.url).content.decode()
    ld = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["isAccessibleForFree"] is False
    assert ld["lastReviewed"] == "2026-03-01"


def test_both_apis_carry_the_review_fields(client, home, reviewer):
    page = reviewed(make_article("Methadone basics"), reviewer)
    v2 = client.get(f"/api/v2/pages/{page.pk}/").json()
    v3 = client.get(f"/api/v3/pages/{page.pk}/").json()
    expected_reviewer = {
        "id": reviewer.pk,
        "name": "Dr Ana Ruiz",
        "slug": "ana-ruiz",
        "role": "Addiction psychiatrist",
        "credentials": "MD",
    }
    expected_sources = [dict(SOURCES[0]["value"])]
    for data in (v2, v3):
        assert data["last_reviewed"] == "2026-03-01"
        assert data["next_review_due"] == "2027-03-01"
        assert data["reviewed_by"] == expected_reviewer
        assert data["sources"] == expected_sources
    listing = client.get(
        "/api/v2/pages/", {"type": "articles.ArticlePage", "fields": "reviewed_by,sources"}
    ).json()
    assert listing["items"][0]["reviewed_by"]["name"] == "Dr Ana Ruiz"


def test_a_teaser_keeps_the_review_line_but_not_the_sources(client, home, reviewer):
    page = reviewed(make_article("Members' methadone notes", members_only=True), reviewer)
    html = client.get(page.url).content.decode()
    assert "Dr Ana Ruiz" in html
    assert "Medication for opioid use disorder" not in html
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["members_only"] is True
    assert data["last_reviewed"] == "2026-03-01"
    assert data["sources"] == []


def test_the_report_lists_overdue_and_soon_due_pages(admin_client, home, reviewer):
    today = timezone.localdate()
    overdue = reviewed(make_article("Overdue page"), reviewer, day=today - datetime.timedelta(400))
    soon = reviewed(make_article("Soon page"), reviewer, day=today - datetime.timedelta(330))
    later = reviewed(make_article("Fresh page"), reviewer, day=today)
    response = admin_client.get("/admin/reports/review-due/")
    assert response.status_code == 200
    html = response.content.decode()
    overdue_table = html.split('data-testid="due-overdue"')[1].split("</table>")[0]
    soon_table = html.split('data-testid="due-soon"')[1].split("</table>")[0]
    assert overdue.title in overdue_table
    assert soon.title not in overdue_table
    assert soon.title in soon_table
    assert overdue.title not in soon_table
    assert later.title not in html
    dashboard = admin_client.get("/admin/").content.decode()
    assert "1 page overdue; 1 due in the next 60 days." in dashboard
    assert "/admin/reports/review-due/" in dashboard


def test_the_report_is_for_page_editors_only(client, home):
    client.force_login(make_user("plain-admin", editor=False))
    assert client.get("/admin/reports/review-due/").status_code in (302, 403)
