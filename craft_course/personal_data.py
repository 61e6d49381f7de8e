"""The course's part of a member's export and account deletion (core.account_data)."""

from craft_course.models import JournalEntry, UnitCompletion


def progress(user):
    completions = UnitCompletion.objects.filter(user=user).select_related("unit")
    return [
        {"unit": done.unit.title, "url": done.unit.url, "completed": done.completed_at.isoformat()}
        for done in completions.order_by("completed_at")
    ]


def journal(user):
    entries = JournalEntry.objects.filter(user=user).select_related("unit")
    return [
        {
            "unit": entry.unit.title,
            "exercise": f"Key Observation {entry.exercise_number}: {entry.exercise_title}",
            "prompt": entry.prompt,
            "answer": entry.answer,
            "updated": entry.updated_at.isoformat(),
        }
        for entry in entries.order_by("unit__path", "exercise_number", "prompt_index")
    ]


def delete_progress(user):
    UnitCompletion.objects.filter(user=user).delete()


def delete_journal(user):
    JournalEntry.objects.filter(user=user).delete()
