"""A member's own course data: progress (HTML form and JSON) and the private journal.

Every view reads and writes only ``request.user``'s rows; nothing takes a user id. Pages
are ``noindex`` and never cached, since they hold private writing.
"""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError
from django.http import Http404, HttpResponseForbidden, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.access import access_for
from core.errors import json_error
from core.input import BadInput, json_body
from craft_course.drafts import COMPLETE_SPOT, keep_draft, say_at
from craft_course.journal import Answers
from craft_course.models import CourseIndexPage, CourseUnitPage, JournalEntry, UnitCompletion
from craft_course.outline import outline_for
from craft_course.unit_context import unit_context

logger = logging.getLogger(__name__)


def member_required(view):
    """Signed-out readers go to sign in; signed-in non-members get a plain 403."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access_for(request).is_member:
            return HttpResponseForbidden("The course journal and progress are for members.")
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return never_cache(wrapped)


def find_readable_unit(unit_id, request):
    """The unit with this id if this reader may read it (the access policy decides), else None."""
    return access_for(request).readable(CourseUnitPage.objects.filter(pk=unit_id)).first()


def readable_unit(request, unit_id):
    """A published unit this member may read, or 404."""
    unit = find_readable_unit(unit_id, request)
    if unit is None:
        raise Http404("No published course unit with this id.")
    return unit


def _safe_next(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def set_completed(user, unit, completed):
    """Mark or unmark; repeating the same request changes nothing."""
    if completed:
        UnitCompletion.objects.get_or_create(user=user, unit=unit)
    else:
        UnitCompletion.objects.filter(user=user, unit=unit).delete()


@require_POST
@member_required
def mark_complete(request, unit_id):
    """Save the unit's answers first, then mark it; answers that cannot be saved stop both."""
    unit = readable_unit(request, unit_id)
    completed = request.POST.get("completed", "1") != "0"
    answers = Answers(unit, request.POST)
    if answers.errors or answers.orphans:
        return _keep_and_redirect(
            request,
            unit,
            answers,
            COMPLETE_SPOT,
            "Your answers were not saved, so the unit is not marked as complete yet. "
            + ("Fix the answer marked above and try again." if answers.errors else _CHANGED),
        )
    try:
        answers.save(request.user, unit)
    except DatabaseError:
        logger.exception("A journal answer could not be saved")
        return _rerender(request, unit, answers, COMPLETE_SPOT, _OUTAGE)
    set_completed(request.user, unit, completed)
    saved = " Your answers are saved." if any(answers.typed.values()) else ""
    if completed:
        say_at(request, COMPLETE_SPOT, f"“{unit.title}” is marked as complete.{saved}")
    else:
        say_at(request, COMPLETE_SPOT, f"“{unit.title}” is no longer marked as complete.{saved}")
    fallback = f"{unit.get_url(request)}#{COMPLETE_SPOT}-status"
    return HttpResponseRedirect(_safe_next(request, fallback))


def progress_data(request):
    access = access_for(request)
    course = access.listable(CourseIndexPage.objects.all()).first()
    outline = outline_for(course, access, request) if course else None
    if outline is None:
        return {"completed": 0, "total": 0, "percent": 0, "units": [], "modules": []}
    resume = outline.continue_unit
    return {
        "completed": outline.completed_count,
        "total": len(outline.units),
        "percent": outline.percent,
        "continue_unit_id": resume.page.pk if resume else None,
        "completed_unit_ids": [unit.page.pk for unit in outline.units if unit.completed],
        "modules": [
            {
                "id": module.page.pk,
                "completed": module.completed_count,
                "total": len(module.units),
                "percent": module.percent,
            }
            for module in outline.modules
        ],
    }


@never_cache
@require_http_methods(["GET", "POST"])
def progress_api(request):
    """The signed-in member's progress as JSON; POST {"unit": id, "completed": bool}."""
    if not request.user.is_authenticated:
        return json_error(401, "Sign in to read or change your course progress.")
    if not access_for(request).is_member:
        return json_error(403, "Course progress is for members.")
    if request.method == "POST":
        try:
            payload = json_body(request.body or b"{}")
        except BadInput as error:
            return json_error(400, f'{error}; send JSON such as {{"unit": 12, "completed": true}}.')
        if not isinstance(payload, dict):
            return json_error(400, "The body must be a JSON object with “unit” and “completed”.")
        unit_id, completed = payload.get("unit"), payload.get("completed", True)
        if not isinstance(unit_id, int) or isinstance(unit_id, bool):
            return json_error(
                400, "“unit” must be the id (a whole number) of a course unit.", "unit"
            )
        if not isinstance(completed, bool):
            return json_error(400, "“completed” must be true or false.", "completed")
        unit = find_readable_unit(unit_id, request)
        if unit is None:
            return json_error(404, f"No published course unit has the id {unit_id}.", "unit")
        set_completed(request.user, unit, completed)
    return JsonResponse(progress_data(request))


_CHANGED = (
    "An exercise has changed since you opened the page, so your answers were not saved. "
    "Copy them from above before reloading the page."
)
_OUTAGE = "Your answers could not be saved just now. They are still here: try again in a moment."


@require_POST
@member_required
def save_journal(request, unit_id):
    """Save the unit's answers; on failure send the member back to the page with their text.

    The button pressed names its exercise (``exercise``): the message appears beside it.
    """
    unit = readable_unit(request, unit_id)
    answers = Answers(unit, request.POST)
    spot = request.POST.get("exercise", "")
    value = answers.values.get(spot)
    if value is None or answers.orphans:
        return _keep_and_redirect(request, unit, answers, spot, _CHANGED)
    if answers.errors:
        return _keep_and_redirect(
            request,
            unit,
            answers,
            spot,
            "Your answers were not saved. Fix the answer marked above and save again.",
        )
    try:
        answers.save(request.user, unit)
    except DatabaseError:
        logger.exception("A journal answer could not be saved")
        return _rerender(request, unit, answers, spot, _OUTAGE)
    say_at(request, spot, f"Your answers to Key Observation {value['number']} are saved.")
    return HttpResponseRedirect(f"{unit.get_url(request)}#{spot}-status")


def _keep_and_redirect(request, unit, answers, spot, message):
    """POST/redirect/GET: the unit page shows the typed text and the message once."""
    keep_draft(request, unit, answers, message, spot)
    return HttpResponseRedirect(f"{unit.get_url(request)}#{spot or 'journal'}-status")


def _rerender(request, unit, answers, spot, message):
    """The page again, at once, with the typed text: when the database refuses, the session
    (kept in the same database) cannot be trusted to hold the draft for a redirect."""
    draft = {
        "typed": answers.typed,
        "errors": answers.errors,
        "orphans": answers.orphans,
        "message": message,
        "spot": spot,
    }
    context = unit.get_context(request)
    context.update(unit_context(unit, request, draft=draft))
    return TemplateResponse(request, unit.get_template(request), context, status=400)


def _entries(user):
    return (
        JournalEntry.objects.filter(user=user)
        .select_related("unit")
        .order_by("unit__path", "exercise_number", "exercise_id", "prompt_index")
    )


def grouped_entries(user):
    """The member's answers grouped by unit, then exercise, in course order."""
    groups = []
    for entry in _entries(user):
        if not groups or groups[-1]["unit"].pk != entry.unit_id:
            groups.append({"unit": entry.unit, "exercises": []})
        exercises = groups[-1]["exercises"]
        if not exercises or exercises[-1]["id"] != entry.exercise_id:
            exercises.append(
                {
                    "id": entry.exercise_id,
                    "number": entry.exercise_number,
                    "title": entry.exercise_title,
                    "answers": [],
                }
            )
        exercises[-1]["answers"].append(entry)
    return groups


@member_required
def observations(request):
    return render(
        request, "craft_course/observations.html", {"groups": grouped_entries(request.user)}
    )


@member_required
def download_observations(request, fmt):
    template = {"txt": "craft_course/observations.txt", "md": "craft_course/observations.md"}
    content_type = {"txt": "text/plain", "md": "text/markdown"}
    if fmt not in template:
        raise Http404("Download your observations as .txt or .md.")
    response = render(
        request,
        template[fmt],
        {"groups": grouped_entries(request.user), "member": request.user},
        content_type=f"{content_type[fmt]}; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="my-observations.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
@member_required
def delete_observations(request):
    count = JournalEntry.objects.filter(user=request.user).count()
    if request.method == "POST":
        JournalEntry.objects.filter(user=request.user).delete()
        messages.success(request, "All your observations are deleted. This cannot be undone.")
        return HttpResponseRedirect(reverse("course_observations"))
    return render(request, "craft_course/observations_delete.html", {"count": count})


@member_required
def worksheet(request, unit_id):
    """A printable page of the unit's exercises, with space to write by hand."""
    unit = readable_unit(request, unit_id)
    exercises = [value for _id, value in unit.exercises()]
    return render(request, "craft_course/worksheet.html", {"unit": unit, "exercises": exercises})
