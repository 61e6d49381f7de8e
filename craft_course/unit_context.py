"""What a unit page needs: where it sits in the reader's course, and the member's answers.

Shared by the page itself (and its teaser) and by the journal view, which shows the page
again with the member's typed text when a save fails. Answers are read through the user
(``user.journal_entries``), never by id.
"""

from articles.review import review_json_ld
from core import jsonld
from core.access import access_for
from craft_course.drafts import ANSWER_MAX_LENGTH, COMPLETE_SPOT, page_and_spot_messages, pop_draft
from craft_course.outline import outline_for


def exercise_forms(unit, user, typed=None, errors=None):
    """Each exercise with its prompts and the member's answers (typed text wins over saved)."""
    typed = typed or {}
    errors = errors or {}
    saved = {}
    if user.is_authenticated:
        for entry in user.journal_entries.filter(unit=unit):
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
                    "name": f"answer-{block_id}-{index}",
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
            "max_length": ANSWER_MAX_LENGTH,
            "max_length_text": f"{ANSWER_MAX_LENGTH:,}",
            "has_errors": any(prompt["error"] for prompt in prompts),
            "has_saved": any(saved.get((block_id, i)) for i in range(len(prompts))),
        }
    return forms


def unit_context(unit, request, draft=None):
    """The outline around the unit for this reader, the member's exercise forms and messages.

    ``draft`` is what a failed save kept (``craft_course.drafts``), by default read from
    the session: typed text wins over saved answers, and its message is shown beside the
    button that was pressed (``spot_messages``; ``spot_error`` for an error), other
    messages at the top (``page_messages``). A teaser (``unit.is_teaser``) gets no forms:
    its body is empty and its answers private.
    """
    locked = getattr(unit, "is_teaser", False)
    draft = draft or (None if locked else pop_draft(request, unit)) or {}
    page_messages, spot_messages = page_and_spot_messages(request)
    access = access_for(request)
    outline = outline_for(unit, access, request)
    nav = outline.neighbours(unit.pk) if outline else {"entry": None}
    entry = nav["entry"]
    typed, errors = draft.get("typed"), draft.get("errors")
    forms = {} if locked else exercise_forms(unit, request.user, typed, errors)
    spot = draft.get("spot", "")
    known_spot = spot in forms or spot == COMPLETE_SPOT
    return {
        "course": outline.course if outline else None,
        "outline": outline,
        "module_entry": entry.module if entry else None,
        "unit_entry": entry,
        "previous_unit": nav.get("previous"),
        "next_unit": nav.get("next"),
        "tracking": bool(outline and outline.tracking),
        "completed": bool(entry and entry.completed),
        "exercise_forms": forms,
        "page_messages": page_messages,
        "spot_messages": spot_messages,
        "spot_error": {spot: draft["message"]} if draft and known_spot else {},
        "journal_error": draft["message"] if draft and not known_spot else "",
        "orphan_text": draft.get("orphans", []),
        "json_ld": unit_json_ld(unit, request, outline.course if outline else None),
    }


def unit_json_ld(unit, request, course):
    """A unit as a schema.org LearningResource, with its clinical review and sources."""
    data = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "name": unit.title,
        "description": unit.summary,
        "url": unit.get_full_url(request),
        "isAccessibleForFree": not getattr(unit, "is_members_only", unit.members_only),
    }
    if course is not None:
        data["isPartOf"] = {"@type": "Course", "name": course.title}
    if unit.estimated_minutes:
        data["timeRequired"] = f"PT{unit.estimated_minutes}M"
    data.update(review_json_ld(unit))
    return jsonld.dumps(data)
