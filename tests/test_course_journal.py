"""The private exercise journal: save, re-display, export, delete, and nobody else reads it."""

import re

import pytest
from django.db import DataError
from django.urls import reverse
from wagtail.search.index import get_indexed_models

from craft_course.models import ANSWER_MAX_LENGTH, JournalEntry
from tests.factories import make_small_course, make_user

SECRET = "My brother drinks most after talking to our father SECRET-7731"


@pytest.fixture
def unit(home):
    _course, built = make_small_course(home, modules=1, units_per_module=1)
    return built[0][1][0]


def _exercise_id(unit):
    return unit.exercises()[0][0]


def _save(client, unit, *answers, exercise=None):
    data = {"exercise": exercise or _exercise_id(unit)}
    block_id = exercise or _exercise_id(unit)
    data.update({f"answer-{block_id}-{i}": text for i, text in enumerate(answers)})
    return client.post(reverse("course_save_journal", args=[unit.pk]), data)


def test_answers_are_saved_and_shown_again(client, unit, member):
    client.force_login(member)

    response = _save(client, unit, SECRET, "He went out.")

    assert response.status_code == 302
    assert response["Location"] == f"{unit.url}#{_exercise_id(unit)}-status"
    entries = JournalEntry.objects.filter(user=member).order_by("prompt_index")
    assert [(e.prompt, e.answer) for e in entries] == [
        ("What did you notice?", SECRET),
        ("What happened next?", "He went out."),
    ]
    html = client.get(unit.url).content.decode()
    assert f">{SECRET}</textarea>" in html
    assert "Your answers to Key Observation 1 are saved." in html

    _save(client, unit, SECRET + " Updated.", "")
    entries = JournalEntry.objects.filter(user=member)
    assert [e.answer for e in entries] == [SECRET + " Updated."], "a cleared answer is removed"


def test_a_failed_save_keeps_the_typed_text_and_says_what_to_fix(client, unit, member):
    client.force_login(member)
    _save(client, unit, "First version", "")
    too_long = "x" * (ANSWER_MAX_LENGTH + 1)

    response = _save(client, unit, "Second version typed", too_long)

    assert response.status_code == 302, "POST/redirect/GET: a reload never re-sends"
    html = client.get(response["Location"]).content.decode()
    assert "Your answers were not saved" in html
    assert f"the limit is {ANSWER_MAX_LENGTH:,}" in html
    assert ">Second version typed</textarea>" in html
    assert f">{too_long}</textarea>" in html
    assert 'aria-invalid="true"' in html
    assert [e.answer for e in JournalEntry.objects.all()] == ["First version"]


def test_a_database_failure_keeps_the_typed_text_and_saves_nothing(
    client, unit, member, monkeypatch
):
    client.force_login(member)
    _save(client, unit, "First version", "")

    def refuse(*args, **kwargs):
        raise DataError("the database refused the row")

    monkeypatch.setattr(JournalEntry.objects, "update_or_create", refuse)
    response = _save(client, unit, "Typed during the outage", "A second answer")

    html = response.content.decode()
    assert response.status_code == 400
    assert "could not be saved just now" in html
    assert ">Typed during the outage</textarea>" in html
    assert ">A second answer</textarea>" in html
    assert [e.answer for e in JournalEntry.objects.all()] == ["First version"]


def test_control_characters_are_dropped_and_the_rest_is_saved(client, unit, member):
    client.force_login(member)
    response = _save(client, unit, "He came\x00 home\x07 early.\nThen slept.", "")
    assert response.status_code == 302
    assert JournalEntry.objects.get(user=member).answer == "He came home early.\nThen slept."


def test_a_save_for_a_changed_exercise_shows_the_text_back(client, unit, member):
    client.force_login(member)

    response = _save(client, unit, SECRET, exercise="gone")

    html = client.get(response["Location"]).content.decode()
    assert "has changed since you opened the page" in html
    assert SECRET in html
    assert not JournalEntry.objects.exists()


def test_saving_needs_a_member_and_a_post(client, unit):
    url = reverse("course_save_journal", args=[unit.pk])
    assert _save(client, unit, SECRET)["Location"].startswith("/accounts/login/")
    client.force_login(make_user("reader"))
    assert _save(client, unit, SECRET).status_code == 403
    assert client.get(url).status_code == 405
    assert not JournalEntry.objects.exists()


def test_my_observations_page_print_and_downloads(client, unit, member):
    client.force_login(member)
    _save(client, unit, SECRET, "Second line\nwith a break")

    page = client.get(reverse("course_observations"))
    text = client.get(reverse("course_observations_download", args=["txt"]))
    markdown = client.get(reverse("course_observations_download", args=["md"]))

    html = page.content.decode()
    assert SECRET in html
    assert "Key Observation 1: Observation 1" in html
    assert "data-print" in html
    assert "js/print.js" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-cache" in page["Cache-Control"]
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    assert text["Content-Disposition"] == 'attachment; filename="my-observations.txt"'
    body = text.content.decode()
    assert "Key Observation 1: Observation 1" in body
    assert f"Q: What did you notice?\n{SECRET}" in body
    assert "<" not in body, "plain text, not HTML"
    assert markdown["Content-Type"] == "text/markdown; charset=utf-8"
    md = markdown.content.decode()
    assert md.startswith("# My observations")
    assert "### Key Observation 1: Observation 1" in md
    assert f"**What did you notice?**\n\n{SECRET}" in md
    assert "Second line\nwith a break" in md
    assert client.get("/my/observations/my-observations.pdf").status_code == 404


def test_delete_all_asks_first_and_removes_only_my_answers(client, unit, member):
    other = make_user("member-b", member=True)
    client.force_login(other)
    _save(client, unit, "B's answer")
    client.force_login(member)
    _save(client, unit, SECRET)
    url = reverse("course_observations_delete")

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "permanently deletes all 1 answer" in confirm.content.decode()
    assert JournalEntry.objects.filter(user=member).exists()

    response = client.post(url)

    assert response["Location"] == reverse("course_observations")
    assert not JournalEntry.objects.filter(user=member).exists()
    assert JournalEntry.objects.filter(user=other).count() == 1
    assert (
        "You have not written any observations yet"
        in client.get(reverse("course_observations")).content.decode()
    )


def test_member_b_can_never_read_member_a_answers(client, unit, member, admin_user):
    client.force_login(member)
    _save(client, unit, SECRET)
    reader_b = make_user("member-b", member=True)
    client.force_login(reader_b)

    urls = [
        unit.url,
        reverse("course_observations"),
        reverse("course_observations_download", args=["txt"]),
        reverse("course_observations_download", args=["md"]),
        reverse("course_observations_delete"),
        reverse("course_progress_api"),
        reverse("course_worksheet", args=[unit.pk]),
        "/api/v2/pages/?fields=*",
        "/api/v2/pages/?search=father",
        "/search/?q=father",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert "talking to our father" not in response.content.decode(), url

    # Anonymous readers and the API without a session see nothing either.
    client.logout()
    for url in urls:
        assert "talking to our father" not in client.get(url).content.decode(), url
    # Not in the admin: no snippet or model listing, and not in the search index.
    client.force_login(admin_user)
    assert client.get("/admin/snippets/craft_course/journalentry/").status_code == 404
    edit = client.get(f"/admin/pages/{unit.pk}/edit/").content.decode()
    assert "talking to our father" not in edit
    assert JournalEntry not in get_indexed_models()
    assert JournalEntry.objects.get().user == member


def test_printable_worksheet_lists_the_unit_exercises_for_members_only(client, unit, member):
    url = reverse("course_worksheet", args=[unit.pk])
    assert client.get(url)["Location"].startswith("/accounts/login/")

    client.force_login(member)
    html = client.get(url).content.decode()

    assert "Key Observation 1: Observation 1" in html
    assert "What did you notice?" in html
    assert "What happened next?" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html


def _complete(client, unit, *answers):
    block_id = _exercise_id(unit)
    data = {f"answer-{block_id}-{i}": text for i, text in enumerate(answers)}
    return client.post(reverse("course_mark_complete", args=[unit.pk]), data)


def test_mark_as_complete_saves_the_typed_answers_first(client, unit, member):
    client.force_login(member)

    response = _complete(client, unit, SECRET, "")

    assert response["Location"] == f"{unit.url}#complete-status"
    assert [e.answer for e in JournalEntry.objects.filter(user=member)] == [SECRET]
    assert member.course_completions.filter(unit=unit).exists()
    html = client.get(unit.url).content.decode()
    assert "is marked as complete. Your answers are saved." in html
    assert "is marked as complete." not in client.get(unit.url).content.decode(), "said once"


def test_mark_as_complete_with_an_answer_too_long_keeps_it_and_does_not_complete(
    client, unit, member
):
    client.force_login(member)
    too_long = "y" * (ANSWER_MAX_LENGTH + 1)

    response = _complete(client, unit, "Kept text", too_long)

    assert response.status_code == 302
    assert not JournalEntry.objects.exists()
    assert not member.course_completions.exists()
    html = client.get(response["Location"]).content.decode()
    assert "not marked as complete yet" in html
    assert ">Kept text</textarea>" in html
    assert f">{too_long}</textarea>" in html
    status = re.search(r'<div class="journal-status[^>]*data-testid="status-complete"', html)
    assert status
    assert 'role="alert"' in status.group(0)
    assert "data-focus-on-load" in status.group(0)
    reload = client.get(unit.url).content.decode()
    assert "Kept text" not in reload, "the draft is shown once, then forgotten"


def test_the_form_shows_the_limit_a_counter_and_my_observations(client, unit, member):
    client.force_login(member)

    html = client.get(unit.url).content.decode()

    assert f'data-max-length="{ANSWER_MAX_LENGTH}"' in html
    assert f"Up to {ANSWER_MAX_LENGTH:,} characters." in html
    assert "js/journal.js" in html
    assert 'formaction="/my/course/units/' in html
    assert '<nav class="member-nav" aria-label="Your course">' in html
    assert 'href="/my/observations/">My observations</a>' in html
