"""The email telling a member their question has been answered (django-tasks)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task
from wagtail.models import Site

from questions.models import Question


@task()
def notify_answered(question_id: int) -> bool:
    """Email the member once; returns whether an email went out.

    The email names the member by their pseudonym and links to the answer; it never
    repeats the question (mail is not private enough for it).
    """
    question = Question.objects.select_related("user", "article").filter(pk=question_id).first()
    if question is None or question.member_notified_at or not question.answer_url:
        return False
    if not question.user.email:
        return False
    site = Site.objects.filter(is_default_site=True).first()
    site_name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    context = {
        "pseudonym": question.pseudonym,
        "site_name": site_name,
        "answer_url": f"{base_url}{question.answer_url}",
        "questions_url": f"{base_url}/my/questions/",
        "title": question.article.title,
    }
    send_mail(
        f"Your question has been answered on {site_name}",
        render_to_string("questions/email/answered.txt", context),
        None,
        [question.user.email],
    )
    Question.objects.filter(pk=question.pk).update(member_notified_at=timezone.now())
    return True
