"""Marking units complete: a CSRF-protected, idempotent POST that touches only the member."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from craft_course.models import UnitCompletion
from tests.factories import make_small_course, make_unit, make_user


@pytest.fixture
def course(home):
    return make_small_course(home)


def _csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _token(client, url):
    client.get(url)
    return client.cookies["csrftoken"].value


def test_mark_complete_is_idempotent_and_leaves_other_members_alone(course, member):
    _course, built = course
    unit = built[0][1][0]
    other = make_user("member-b", member=True)
    UnitCompletion.objects.create(user=other, unit=built[1][1][0])
    client = _csrf_client(member)
    token = _token(client, unit.url)
    url = reverse("course_mark_complete", args=[unit.pk])

    first = client.post(url, {"csrfmiddlewaretoken": token})
    second = client.post(url, {"csrfmiddlewaretoken": token})

    assert first.status_code == second.status_code == 302
    assert first["Location"] == f"{unit.url}#complete-status"
    assert UnitCompletion.objects.filter(user=member, unit=unit).count() == 1
    assert list(UnitCompletion.objects.filter(user=other).values_list("unit_id", flat=True)) == [
        built[1][1][0].pk
    ]
    html = client.get(unit.url).content.decode()
    assert "You have completed this unit" in html
    assert "1 of 2 units complete" in html

    client.post(url, {"csrfmiddlewaretoken": token, "completed": "0"})
    assert not UnitCompletion.objects.filter(user=member).exists()
    assert UnitCompletion.objects.filter(user=other).count() == 1


def test_marking_without_csrf_token_is_refused(course, member):
    unit = course[1][0][1][0]
    client = _csrf_client(member)

    response = client.post(reverse("course_mark_complete", args=[unit.pk]))

    assert response.status_code == 403
    assert not UnitCompletion.objects.exists()


def test_marking_needs_a_member_and_a_published_unit(client, course, member):
    _course, built = course
    unit = built[0][1][0]
    url = reverse("course_mark_complete", args=[unit.pk])
    assert client.post(url)["Location"].startswith("/accounts/login/")
    assert client.get(url).status_code == 405
    client.force_login(make_user("reader"))
    assert client.post(url).status_code == 403
    client.force_login(member)
    draft = make_unit(built[0][0], live=False)
    assert client.post(reverse("course_mark_complete", args=[draft.pk])).status_code == 404
    assert client.post(reverse("course_mark_complete", args=[999999])).status_code == 404
    assert not UnitCompletion.objects.exists()


def test_next_is_only_followed_on_this_site(client, course, member):
    unit = course[1][0][1][0]
    client.force_login(member)
    url = reverse("course_mark_complete", args=[unit.pk])
    assert client.post(url, {"next": "https://evil.example/"})["Location"] == (
        f"{unit.url}#complete-status"
    )
    assert client.post(url, {"next": "/course/"})["Location"] == "/course/"


def test_course_and_module_pages_show_progress_and_continue_link(client, course, member):
    course_page, built = course
    (module, (first, second)), (_module2, (third, _fourth)) = built
    UnitCompletion.objects.create(user=member, unit=first)
    client.force_login(member)

    html = client.get(course_page.url).content.decode()
    assert "1 of 4 units complete" in html
    assert 'max="100" value="25"' in html
    assert f"Continue where you left off: {second.title}" in html
    assert f'href="{second.url}" data-testid="continue-link"' in html
    module_html = client.get(module.url).content.decode()
    assert "1 of 2 units complete" in module_html
    assert 'max="100" value="50"' in module_html
    assert "✓" in module_html

    UnitCompletion.objects.create(user=member, unit=second)
    html = client.get(course_page.url).content.decode()
    assert f"Continue where you left off: {third.title}" in html


def test_anonymous_course_page_has_no_progress(client, course):
    html = client.get(course[0].url).content.decode()
    assert "units complete" not in html
    assert "Continue where you left off" not in html


def test_progress_json_get_and_post_for_the_signed_in_member(course, member):
    _course, built = course
    unit = built[1][1][0]
    other = make_user("member-b", member=True)
    UnitCompletion.objects.create(user=other, unit=built[0][1][0])
    client = _csrf_client(member)
    token = _token(client, unit.url)
    url = reverse("course_progress_api")

    empty = client.get(url).json()
    assert empty["completed"] == 0
    assert empty["total"] == 4
    assert empty["continue_unit_id"] == built[0][1][0].pk

    body = json.dumps({"unit": unit.pk, "completed": True})
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 403, "session auth needs the CSRF token"
    for _ in range(2):
        response = client.post(
            url, body, content_type="application/json", headers={"X-CSRFToken": token}
        )
        assert response.status_code == 200
    data = response.json()
    assert data["completed_unit_ids"] == [unit.pk]
    assert data["percent"] == 25
    assert [m["completed"] for m in data["modules"]] == [0, 1]
    assert UnitCompletion.objects.filter(user=member).count() == 1
    assert UnitCompletion.objects.filter(user=other).count() == 1

    undo = json.dumps({"unit": unit.pk, "completed": False})
    client.post(url, undo, content_type="application/json", headers={"X-CSRFToken": token})
    assert not UnitCompletion.objects.filter(user=member).exists()


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ("not json", 400, "not valid JSON"),
        ("[1, 2]", 400, "JSON object"),
        ('{"unit": "seven"}', 400, "whole number"),
        ('{"unit": 1, "completed": "yes"}', 400, "true or false"),
        ('{"unit": 999999}', 404, "No published course unit"),
    ],
)
def test_progress_json_rejects_bad_input_with_a_reason(client, course, member, body, status, words):
    client.force_login(member)

    response = client.post(reverse("course_progress_api"), body, content_type="application/json")

    assert response.status_code == status
    assert words in response.json()["message"]


def test_progress_json_needs_a_signed_in_member(client, course):
    url = reverse("course_progress_api")
    assert client.get(url).status_code == 401
    assert "Sign in" in client.get(url).json()["message"]
    client.force_login(make_user("reader"))
    assert client.get(url).status_code == 403
