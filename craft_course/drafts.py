"""Typed journal text kept in the member's session between a failed save and the next GET.

The journal form posts, fails (an answer over the limit, an exercise that changed) and
redirects back to the unit page, which shows the text again from here: reloading that page
never re-sends the form. Each draft is read once and removed. Messages about a save are
shown beside the button that was pressed (its "spot": an exercise's block id, or
``COMPLETE_SPOT`` for "Mark as complete").
"""

from django.contrib import messages

#: The longest answer a member may save (characters); the page shows a counter against it.
ANSWER_MAX_LENGTH = 10_000
COMPLETE_SPOT = "complete"
SPOT_TAG = "spot:"


def say_at(request, spot, text):
    """A success message shown beside the button at ``spot`` on the next unit page."""
    messages.success(request, text, extra_tags=f"{SPOT_TAG}{spot}")


def _draft_key(unit):
    return f"journal-draft-{unit.pk}"


def keep_draft(request, unit, answers, message, spot):
    """Keep typed text, errors and the message in the session for the next GET of the unit."""
    request.session[_draft_key(unit)] = {
        "typed": [[block_id, index, text] for (block_id, index), text in answers.typed.items()],
        "errors": [[block_id, index, text] for (block_id, index), text in answers.errors.items()],
        "orphans": answers.orphans,
        "message": message,
        "spot": spot,
    }


def pop_draft(request, unit):
    """The draft kept by ``keep_draft`` for this unit, once; None when there is none."""
    session = getattr(request, "session", None)
    if session is None or _draft_key(unit) not in session:
        return None
    draft = session.pop(_draft_key(unit))
    return {
        "typed": {(block_id, index): text for block_id, index, text in draft["typed"]},
        "errors": {(block_id, index): text for block_id, index, text in draft["errors"]},
        "orphans": draft["orphans"],
        "message": draft["message"],
        "spot": draft["spot"],
    }


def page_and_spot_messages(request):
    """This request's messages: (shown at the top of the page, {spot: [messages]})."""
    top, spots = [], {}
    for message in messages.get_messages(request):
        tags = message.extra_tags or ""
        if tags.startswith(SPOT_TAG):
            spots.setdefault(tags.removeprefix(SPOT_TAG), []).append(str(message))
        else:
            top.append(message)
    return top, spots
