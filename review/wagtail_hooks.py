"""The review-due report (/admin/reports/review-due/) and its dashboard panel."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from articles.review import SOON_DAYS
from review.due import due_pages


def may_edit_pages(user):
    return PagePermissionPolicy().user_has_any_permission(user, ["change"])


class ReviewDueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "review/review_due.html"
    page_title = "Review due"
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not may_edit_pages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        overdue, soon = due_pages(self.request.user)
        return super().get_context_data(
            overdue=overdue,
            soon=soon,
            soon_days=SOON_DAYS,
            today=timezone.localdate(),
            **kwargs,
        )


class ReviewDuePanel(Component):
    """On the dashboard: how many of the editor's pages need their clinical review."""

    name = "review_due"
    template_name = "review/review_due_panel.html"
    order = 150

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        overdue, soon = due_pages(self.user)
        context.update(
            overdue=overdue[:5],
            overdue_count=len(overdue),
            soon_count=len(soon),
            soon_days=SOON_DAYS,
            report_url=reverse("review_due"),
        )
        return context


@hooks.register("register_admin_urls")
def review_urls():
    return [path("reports/review-due/", ReviewDueView.as_view(), name="review_due")]


class ReviewDueMenuItem(MenuItem):
    def is_shown(self, request):
        return may_edit_pages(request.user)


@hooks.register("register_reports_menu_item")
def review_due_menu_item():
    return ReviewDueMenuItem(
        "Review due", reverse("review_due"), name="review-due", icon_name="date", order=750
    )


@hooks.register("construct_homepage_panels")
def review_due_panel(request, panels):
    if may_edit_pages(request.user):
        panels.append(ReviewDuePanel(request.user))
