"""The editor's content checks: crisis notice, stigmatising terms, reading level (warnings only)."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.readability import grade_level
from home.content_checks import check_page
from home.models import StigmatisingTerm
from tests.factories import make_article, make_course, make_module, make_unit

pytestmark = pytest.mark.django_db

PLAIN = "We sat down. We talked. He said he felt sad. I said I was glad he told me. " * 3
HARD = (
    "Pharmacological interventions necessitate comprehensive interdisciplinary "
    "consideration, particularly regarding benzodiazepine discontinuation protocols, "
    "physiological dependence characteristics and individualised tapering methodologies "
    "administered under appropriate professional supervision. "
) * 2


def kinds(page):
    return [warning.kind for warning in check_page(page)]


def test_a_crisis_topic_without_a_crisis_notice_is_warned_about(home):
    bare = make_article("Naloxone at home", topics=["Overdose and naloxone"], body=PLAIN)
    assert "crisis" in kinds(bare)
    noticed = make_article(
        "Naloxone kit",
        topics=["Overdose and naloxone"],
        body=[
            {"type": "paragraph", "value": f"<p>{PLAIN}</p>"},
            {"type": "crisis_notice", "value": {"intro": "In danger now?"}},
        ],
    )
    assert "crisis" not in kinds(noticed)
    other = make_article("Holiday plans", topics=["Holidays"], body=PLAIN)
    assert kinds(other) == []


def test_a_unit_about_suicide_needs_the_notice_too(home):
    body = [{"type": "paragraph", "value": f"<p>{PLAIN}</p>"}]
    module = make_module(make_course(home), 1)
    unit = make_unit(module, title="Staying safe", body=body, topics=["Suicide prevention"])
    assert "crisis" in kinds(unit)


def test_stigmatising_terms_are_flagged_with_the_preferred_phrasing(home):
    page = make_article("Words", body="My son is an addict. His test came back dirty. Dirty again.")
    messages = [w.message for w in check_page(page) if w.kind == "stigma"]
    assert any(
        "“addict” appears once" in m and "person with a substance use" in m for m in messages
    )
    assert any("“dirty” appears 2 times" in m and "positive test" in m for m in messages)
    StigmatisingTerm.objects.create(term="relapser", preferred="person who returned to use")
    page = make_article("Edited list", body="He is a relapser.")
    assert any("person who returned to use" in w.message for w in check_page(page))


def test_the_reading_level_is_measured_against_the_target(home, settings):
    assert grade_level(PLAIN) < 4
    assert grade_level(HARD) > 14
    assert grade_level("Too short.") is None
    hard = make_article("Tapering", body=HARD)
    assert "reading" in kinds(hard)
    settings.READING_GRADE_TARGET = 100
    assert "reading" not in kinds(hard)


def test_the_editor_shows_the_checks_and_they_never_block_publishing(admin_client, home):
    page = make_article(
        "Fentanyl worries",
        topics=["Opioids and fentanyl"],
        body=f"<p>My son is an addict.</p><p>{HARD}</p>",
    )
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    panel = edit.split('data-testid="content-checks"')[1].split("</div>\n</div>")[0]
    assert 'data-check="crisis"' in panel
    assert 'data-check="stigma"' in panel
    assert "person with a substance use" in panel
    assert 'data-check="reading"' in panel
    assert "the site aims for grade 8" in panel
    add = reverse("wagtailadmin_pages:add", args=("articles", "articlepage", page.get_parent().pk))
    assert "Save a draft to run the content checks" in admin_client.get(add).content.decode()


def test_publishing_with_warnings_works_and_says_what_to_check(admin_client, home):
    page = make_article("Overdose night", topics=["Overdose"], body=PLAIN)
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": "A night we will not forget.",
            "standfirst": "",
            "date": "",
            "hero_alt": "",
            "topics": "Overdose",
            "body": streamfield([("paragraph", rich_text("<p>He is an addict, I thought.</p>"))]),
            "sources": streamfield([]),
            "article_authors": inline_formset([]),
            "related_picks": inline_formset([]),
            "related_exclusions": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client.post(url, data, follow=True)
    page.refresh_from_db()
    assert page.live
    assert "addict" in str(page.body)
    html = response.content.decode()
    assert "Content checks:" in html
    assert "has no crisis notice" in html
    assert "“addict” appears once" in html
