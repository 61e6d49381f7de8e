"""The questions part of "export all my data" and of deleting an account."""

from questions.models import Question


def questions(user):
    """Every question the member asked, with its status; editors' notes are not theirs."""
    return [
        {
            "asked": question.created_at.isoformat(),
            "question": question.question,
            "pseudonym": question.pseudonym,
            "consent": question.consent,
            "topics": sorted(topic.name for topic in question.topics.all()),
            "status": question.status,
            "answer_url": question.answer_url,
            "decline_note": question.decline_note,
        }
        for question in Question.objects.filter(user=user)
        .select_related("article")
        .prefetch_related("topics")
        .order_by("created_at", "pk")
    ]


def delete_questions(user):
    """The questions go; a published answer stays, since it holds only the scrubbed copy."""
    Question.objects.filter(user=user).delete()
