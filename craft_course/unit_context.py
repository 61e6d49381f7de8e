"""What a unit page needs: where it sits in the course, the reader's access, their answers.

Shared by the page itself, the teaser served to non-members and the journal view that
re-renders the page with the member's typed text when a save fails.
"""

from wagtail.models import Page

from cms.visibility import is_member, is_restricted
from craft_course.models import JournalEntry
from craft_course.outline import Outline


def unit_is_locked(unit, user):
    """True when this reader may see only the unit's title, summary and time."""
    if unit.members_only and not is_member(user):
        return True
    return is_restricted(unit, user)


def exercise_forms(unit, user, typed=None, errors=None):
    """Each exercise with its prompts and the member's answers (typed text wins over saved)."""
    typed = typed or {}
    errors = errors or {}
    saved = {}
    if is_member(user):
        for entry in JournalEntry.objects.filter(user=user, unit=unit):
            saved[(entry.exercise_id, entry.prompt_index)] = entry.answer
    forms = {}
    for block_id, value in unit.exercises():
        prompts = []
        for index, text in enumerate(value["prompts"]):
            key = (block_id, index)
            prompts.append(
                {
                    "index": index,
                    "text": text,
                    "name": f"prompt-{index}",
                    "field_id": f"answer-{block_id}-{index}",
                    "answer": typed[key] if key in typed else saved.get(key, ""),
                    "error": errors.get(key, ""),
                }
            )
        forms[block_id] = {
            "id": block_id,
            "number": value["number"],
            "title": value["title"],
            "prompts": prompts,
            "has_errors": any(prompt["error"] for prompt in prompts),
            "has_saved": any(saved.get((block_id, i)) for i in range(len(prompts))),
        }
    return forms


def unit_context(unit, request, typed=None, errors=None):
    user = request.user
    course = Page.objects.filter(path=unit.path[: -2 * Page.steplen]).first()
    outline = Outline(course, user, request=request) if course else None
    nav = outline.neighbours(unit.pk) if outline else {"entry": None}
    module_path = unit.path[: -Page.steplen]
    module = (
        next((m for m in outline.modules if m.page.path == module_path), None) if outline else None
    )
    locked = unit_is_locked(unit, user)
    entry = nav.get("entry")
    return {
        "course": course,
        "outline": outline,
        "module_entry": module,
        "unit_entry": entry,
        "previous_unit": nav.get("previous"),
        "next_unit": nav.get("next"),
        "locked": locked,
        "tracking": bool(outline and outline.tracking),
        "completed": bool(entry and entry.completed),
        "exercise_forms": {} if locked else exercise_forms(unit, user, typed, errors),
    }
