"""/my/questions/: a member asks the experts, and follows their questions to the answer.

Only ever the signed-in person's own questions: every query filters on ``request.user``.
Anonymous readers are sent to sign in; signed-in readers without membership are told
that asking is part of membership. Answers are private (``never_cache``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from core.access import Access
from questions.forms import QuestionForm
from questions.models import Question


@never_cache
@login_required
def my_questions(request):
    questions = (
        Question.objects.filter(user=request.user)
        .select_related("article")
        .prefetch_related("topics")
    )
    context = {"questions": questions, "may_ask": Access(request.user).is_member}
    return TemplateResponse(request, "questions/my_questions.html", context)


@never_cache
@login_required
def ask(request):
    if not Access(request.user).is_member:
        status = 403 if request.method == "POST" else 200
        return TemplateResponse(request, "questions/ask.html", {"may_ask": False}, status=status)
    if request.method != "POST":
        form = QuestionForm(user=request.user)
        return TemplateResponse(request, "questions/ask.html", {"form": form, "may_ask": True})
    form = QuestionForm(request.POST, user=request.user)
    if not form.is_valid():
        context = {"form": form, "may_ask": True}
        return TemplateResponse(request, "questions/ask.html", context, status=400)
    form.instance.user = request.user
    form.save()
    messages.success(
        request,
        "Thank you: your question has reached our editors. We will email you when it is answered.",
    )
    return redirect("my_questions")
