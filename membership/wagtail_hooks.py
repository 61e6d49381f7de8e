"""The Membership menu: grants (grant, change dates, end now) and access codes.

Both are Wagtail ModelViewSets, so the model permissions decide who sees and uses them
(the Editors and Moderators groups get them in ``migrations/0002``). Every save goes
through the model, whose receivers keep the Members group in step; granting and ending
also send ``membership_granted`` / ``membership_ended`` like the payment hook does.
"""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from membership.models import AccessCode, Membership
from membership.services import end_grant
from membership.signals import membership_granted


class GrantView(generic.CreateView):
    def save_instance(self):
        self.form.instance.source = Membership.Source.EDITOR
        self.form.instance.granted_by = self.request.user
        membership = super().save_instance()
        membership_granted.send(sender=Membership, membership=membership, user=membership.user)
        return membership


class MembershipIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active and self.user_has_permission("change"):
            url = reverse("membership:end_now", args=[instance.pk])
            buttons.append(MenuItem("End now", url=url, icon_name="cross", priority=15))
        return buttons


class EndNowView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then end one membership today: access stops at once."""

    model = Membership
    permission_required = "change"
    template_name = "membership/admin/end_now.html"
    page_title = "End membership"
    header_icon = "user"

    def dispatch(self, request, pk):
        self.membership = get_object_or_404(Membership, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.membership.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            membership=self.membership,
            today=timezone.localdate(),
            index_url=reverse("membership:index"),
            **kwargs,
        )

    def post(self, request, pk):
        if self.membership.is_active:
            end_grant(self.membership)
            messages.success(request, f"{self.membership.user}'s membership has ended.")
        return redirect("membership:index")


class MembershipViewSet(ModelViewSet):
    model = Membership
    name = "membership"
    icon = "user"
    menu_label = "Memberships"
    add_to_admin_menu = False
    add_view_class = GrantView
    index_view_class = MembershipIndexView
    form_fields = ["user", "starts", "ends", "note"]
    list_display = ["user", "starts", "ends", "source", "note"]
    list_filter = ["source"]
    search_fields = ["user__username", "user__email", "note", "reference"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("end/<int:pk>/", EndNowView.as_view(), name="end_now"),
        ]


class CodeCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class AccessCodeViewSet(ModelViewSet):
    model = AccessCode
    name = "access_codes"
    icon = "key"
    menu_label = "Access codes"
    add_to_admin_menu = False
    add_view_class = CodeCreateView
    form_fields = ["max_uses", "expires", "membership_days", "note", "disabled"]
    list_display = ["code", "note", "uses", "max_uses", "expires", "disabled"]
    list_filter = ["disabled"]
    search_fields = ["code", "note"]
    copy_view_enabled = False
    inspect_view_enabled = True


class MembershipGroup(ModelViewSetGroup):
    menu_label = "Membership"
    menu_icon = "group"
    menu_order = 250
    items = (MembershipViewSet, AccessCodeViewSet)


@hooks.register("register_admin_viewset")
def register_membership_admin():
    return MembershipGroup()
