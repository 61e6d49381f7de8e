"""A member's own course data: progress (HTML form and JSON) and the private journal.

Every view reads and writes only ``request.user``'s rows; nothing takes a user id. Pages
are ``noindex`` and never cached, since they hold private writing.
"""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, transaction
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
from craft_course.models import (
    ANSWER_MAX_LENGTH,
    CourseIndexPage,
    CourseUnitPage,
    JournalEntry,
    UnitCompletion,
)
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
    unit = readable_unit(request, unit_id)
    completed = request.POST.get("completed", "1") != "0"
    set_completed(request.user, unit, completed)
    if completed:
        messages.success(request, f"“{unit.title}” is marked as complete.")
    else:
        messages.info(request, f"“{unit.title}” is no longer marked as complete.")
    return HttpResponseRedirect(_safe_next(request, unit.get_url(request)))


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


def _answer_error(text):
    return (
        f"This answer is {len(text):,} characters long; the limit is {ANSWER_MAX_LENGTH:,}. "
        "Shorten it and save again. Your text is still here."
    )


@require_POST
@member_required
def save_journal(request, unit_id):
    """Save one exercise's answers; on failure show the page again with the typed text."""
    unit = readable_unit(request, unit_id)
    exercise_id = request.POST.get("exercise", "")
    exercises = dict(unit.exercises())
    value = exercises.get(exercise_id)
    if value is None:
        return _rerender(
            request,
            unit,
            journal_error=(
                "This exercise has changed since you opened the page, so your answers were "
                "not saved. Copy them from below before reloading the page."
            ),
            orphan_text=[v for k, v in request.POST.items() if k.startswith("prompt-") and v],
        )
    typed, errors = {}, {}
    for index, _prompt in enumerate(value["prompts"]):
        text = request.POST.get(f"prompt-{index}", "").replace("\r\n", "\n")
        typed[(exercise_id, index)] = text
        if len(text) > ANSWER_MAX_LENGTH:
            errors[(exercise_id, index)] = _answer_error(text)
    if errors:
        return _rerender(
            request,
            unit,
            typed=typed,
            errors=errors,
            journal_error=(
                "Your answers were not saved. Fix the answer marked below and save again."
            ),
        )
    try:
        _save_answers(request.user, unit, value, typed)
    except DatabaseError:
        logger.exception("A journal answer could not be saved")
        return _rerender(
            request,
            unit,
            typed=typed,
            journal_error=(
                "Your answers could not be saved just now. They are still below: "
                "try saving again in a moment."
            ),
        )
    messages.success(request, f"Your answers to Key Observation {value['number']} are saved.")
    return HttpResponseRedirect(f"{unit.get_url(request)}#exercise-{value['number']}")


def _save_answers(user, unit, value, typed):
    """Write one exercise's answers together: all of them are saved, or none."""
    with transaction.atomic():
        for (block_id, index), text in typed.items():
            if text.strip():
                JournalEntry.objects.update_or_create(
                    user=user,
                    unit=unit,
                    exercise_id=block_id,
                    prompt_index=index,
                    defaults={
                        "exercise_number": value["number"],
                        "exercise_title": value["title"],
                        "prompt": value["prompts"][index][:300],
                        "answer": text,
                    },
                )
            else:
                JournalEntry.objects.filter(
                    user=user, unit=unit, exercise_id=block_id, prompt_index=index
                ).delete()


def _rerender(request, unit, typed=None, errors=None, **extra):
    context = unit.get_context(request)
    context.update(unit_context(unit, request, typed=typed, errors=errors))
    context.update(extra)
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
