"""The unit page's answers form: read what a member typed, save it, and never lose it.

A unit page is one form: every exercise's answers (fields ``answer-<block id>-<n>``), a
"Save my answers" button per exercise and "Mark as complete", which saves the answers
before it marks the unit. A save that fails keeps the typed text in the member's session
and redirects to the unit page (POST/redirect/GET), so reloading the error page shows the
text again instead of asking to send the form twice. The draft (``craft_course.drafts``)
is read once and removed.
"""

from django.db import transaction

from craft_course.drafts import ANSWER_MAX_LENGTH
from craft_course.models import JournalEntry

FIELD_PREFIX = "answer-"


def field_name(block_id, index):
    return f"{FIELD_PREFIX}{block_id}-{index}"


def answer_error(text):
    return (
        f"This answer is {len(text):,} characters long; the limit is {ANSWER_MAX_LENGTH:,}. "
        "Shorten it and save again. Your text is still here."
    )


class Answers:
    """What one POST typed into a unit's exercises, checked against the limit.

    ``typed`` maps (block id, prompt index) to text for every field the form sent;
    ``orphans`` is text sent for exercises the unit no longer has (an editor changed it
    while the member typed), shown back so it can be copied.
    """

    def __init__(self, unit, post):
        self.values = dict(unit.exercises())
        self.typed, self.errors = {}, {}
        for block_id, value in self.values.items():
            for index, _prompt in enumerate(value["prompts"]):
                text = post.get(field_name(block_id, index))
                if text is None:
                    continue
                text = text.replace("\r\n", "\n")
                self.typed[(block_id, index)] = text
                if len(text) > ANSWER_MAX_LENGTH:
                    self.errors[(block_id, index)] = answer_error(text)
        known = {field_name(block_id, index) for block_id, index in self.typed}
        self.orphans = [
            text
            for name, text in post.items()
            if name.startswith(FIELD_PREFIX) and name not in known and text.strip()
        ]

    def save(self, user, unit):
        """Write every answer sent together: all of them are saved, or none."""
        with transaction.atomic():
            for (block_id, index), text in self.typed.items():
                value = self.values[block_id]
                if text.strip():
                    JournalEntry.objects.update_or_create(
                        user=user,
                        unit=unit,
                        exercise_id=block_id,
                        prompt_index=index,
                        defaults={
                            "exercise_number": value["number"] or 0,
                            "exercise_title": value["title"],
                            "prompt": value["prompts"][index][:300],
                            "answer": text,
                        },
                    )
                else:
                    JournalEntry.objects.filter(
                        user=user, unit=unit, exercise_id=block_id, prompt_index=index
                    ).delete()
