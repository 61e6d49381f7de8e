"""/admin/questions/: editors triage members' questions and start answers.

A Wagtail ModelViewSet (model permissions decide who uses it: Editors and Moderators get
them in ``migrations/0002``). Editors filter by status and topic, search the text, assign
an expert and keep internal notes. The edit form shows the member's question with anything
that looks personal highlighted, and offers a scrubbed copy to accept or edit; "Start an
answer" (a confirmation, then a POST) makes the draft article (``questions.answers``).
Questions are never indexed for search: the listing searches the database directly.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.admin.widgets.button import Button

from core.panels import InstancePanel
from questions.answers import problems, start_answer
from questions.models import Question
from questions.scrub import find_personal_data, highlighted, known_names_of, scrubbed


def experts():
    """People who can work in the admin: the ones a question can be assigned to."""
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="access_admin")
            | Q(user_permissions__codename="access_admin")
        )
        .filter(is_active=True)
        .distinct()
        .order_by("username")
    )


class QuestionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assigned_to" in self.fields:
            self.fields["assigned_to"].queryset = experts()


def personal_data_context(question, request):
    if not question.pk:
        return {}
    findings = find_personal_data(question.question, known_names_of(question.user))
    return {
        "question": question,
        "highlighted": highlighted(question.question, findings),
        "findings": findings,
        "problems": problems(question),
    }


class QuestionEditView(generic.EditView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        question = self.object
        if not question.scrubbed_question:
            findings = find_personal_data(question.question, known_names_of(question.user))
            kwargs.setdefault("initial", {})["scrubbed_question"] = scrubbed(
                question.question, findings
            )
        return kwargs

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.article_id:
            url = reverse("wagtailadmin_pages:edit", args=[self.object.article_id])
            buttons.append(HeaderButton("Open the answer", url=url, icon_name="doc-full"))
        else:
            url = reverse("questions:start_answer", args=[self.object.pk])
            buttons.append(HeaderButton("Start an answer", url=url, icon_name="edit"))
        return buttons


class StartAnswerView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then create the draft answer and open it in the page editor."""

    model = Question
    permission_required = "change"
    template_name = "questions/admin/start_answer.html"
    page_title = "Start an answer"
    header_icon = "help"

    def dispatch(self, request, pk):
        self.question = get_object_or_404(Question, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.question)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            question=self.question,
            problems=problems(self.question),
            edit_url=reverse("questions:edit", args=[self.question.pk]),
            **kwargs,
        )

    def post(self, request, pk):
        if problems(self.question):
            return self.render_to_response(self.get_context_data(), status=400)
        article = start_answer(self.question, request.user)
        messages.success(
            request,
            "Draft answer created. Write the answer, then submit it for clinical review.",
        )
        return redirect("wagtailadmin_pages:edit", article.pk)


class QuestionViewSet(ModelViewSet):
    model = Question
    name = "questions"
    icon = "help"
    menu_label = "Questions"
    menu_order = 240
    add_to_admin_menu = True
    edit_view_class = QuestionEditView
    list_display = [
        "pseudonym",
        Column("excerpt", label="Question", accessor="excerpt"),
        "status",
        "assigned_to",
        "created_at",
    ]
    list_filter = ["status", "topics", "assigned_to"]
    search_fields = ["question", "pseudonym", "scrubbed_question", "internal_notes"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            InstancePanel(
                "questions/admin/personal_data_panel.html",
                personal_data_context,
                heading="The member's question",
            ),
            MultiFieldPanel(
                [FieldPanel("scrubbed_question"), FieldPanel("privacy_checked")],
                heading="For publication",
            ),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("assigned_to"),
                    FieldPanel("topics"),
                    FieldPanel("internal_notes"),
                    FieldPanel("decline_note"),
                ],
                heading="Triage",
            ),
        ],
        base_form_class=QuestionForm,
    )

    def get_queryset(self, request):
        return Question.objects.select_related("assigned_to")

    def get_index_view_kwargs(self, **kwargs):
        # Members ask at /my/questions/new/; editors never create questions.
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name != "add"]
        return patterns + [
            path("start-answer/<int:pk>/", StartAnswerView.as_view(), name="start_answer"),
        ]


@hooks.register("register_admin_viewset")
def register_questions_admin():
    return QuestionViewSet()


@hooks.register("register_page_header_buttons")
def link_back_to_question(page, user, view_name, next_url=None):
    """On a draft answer, a way back to the question it answers."""
    question = Question.objects.filter(article_id=page.pk).only("pk").first()
    if question is not None and user.has_perm("questions.change_question"):
        url = reverse("questions:edit", args=[question.pk])
        yield Button("The member's question", url=url, icon_name="help", priority=90)
