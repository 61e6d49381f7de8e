""" "Start an answer": a member's question becomes a draft article in the answers workflow.

The draft holds only what may be published: the scrubbed question under the member's
pseudonym (the ``question`` block), the question's topics, the provenance flag (the
members' blog) and members-only access (answers appear on the members' blog first; an
editor may open one to everyone). The expert assigned to the question is the author when
they have an author profile. The article joins the answers workflow (``review.workflow``),
so it is reviewed clinically before an editor publishes it.
"""

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import Truncator, slugify

from articles.models import ArticleAuthor, ArticleIndexPage, ArticlePage, Author
from questions.models import Question
from review.workflow import assign_answers_workflow


def problems(question):
    """Why the question cannot be answered yet (empty when it can)."""
    found = []
    if question.article_id:
        found.append("An answer has already been started.")
    if question.status == Question.Status.DECLINED:
        found.append("The question was declined.")
    if not question.consent:
        found.append("The member did not agree to publication.")
    if not question.scrubbed_question.strip():
        found.append("Write or accept the question for publication first.")
    if not question.privacy_checked:
        found.append("Tick “personal details removed” once you have checked the scrubbed copy.")
    if not ArticleIndexPage.objects.exists():
        found.append("There is no articles index to put the answer under.")
    return found


def _slug(parent, question):
    base = slugify(f"answer {question.pseudonym}")[:40] or "answer"
    slug, n = base, 1
    while parent.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def start_answer(question, user):
    """Create the draft answer and link it to the question; returns the article."""
    found = problems(question)
    if found:
        raise ValidationError(found)
    parent = ArticleIndexPage.objects.first()
    text = question.scrubbed_question.strip()
    article = ArticlePage(
        title=f"{question.pseudonym} asks: {Truncator(text).words(8)}",
        slug=_slug(parent, question),
        summary=Truncator(text).chars(300),
        body=json.dumps(
            [
                {"type": "question", "value": {"text": text, "pseudonym": question.pseudonym}},
                {"type": "paragraph", "value": "<p>Our expert's answer goes here.</p>"},
            ]
        ),
        from_members_blog=True,
        members_only=True,
        live=False,
        owner=user,
    )
    parent.add_child(instance=article)
    article.topics.set(question.topics.all())
    expert = Author.objects.filter(account=question.assigned_to).first()
    if question.assigned_to_id and expert:
        article.article_authors.add(ArticleAuthor(author=expert))
    article.save()
    article.save_revision(user=user, log_action=True)
    assign_answers_workflow(article)
    question.article = article
    question.status = Question.Status.BEING_ANSWERED
    question.save(update_fields=["article", "status"])
    return article
