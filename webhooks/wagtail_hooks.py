"""Settings › Webhooks (endpoints) and Settings › Webhook deliveries (the log, read-only)."""

from django.contrib.auth import get_user_model
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from webhooks.models import WebhookDelivery, WebhookEndpoint


class DeliveryLogPolicy(ModelPermissionPolicy):
    """The log is written by the worker: editors who may manage webhooks read it, no one
    adds or edits a delivery by hand."""

    def user_has_permission(self, user, action):
        return action in ("view", "delete") and user.has_perm("webhooks.change_webhookendpoint")

    def users_with_any_permission(self, actions):
        if not {"view", "delete"} & set(actions):
            return get_user_model().objects.none()
        return ModelPermissionPolicy(WebhookEndpoint).users_with_any_permission(["change"])


register_permission_policy(WebhookDelivery, DeliveryLogPolicy(WebhookDelivery))


class WebhookViewSet(ModelViewSet):
    model = WebhookEndpoint
    name = "webhooks"
    icon = "link-external"
    menu_label = "Webhooks"
    add_to_settings_menu = True
    list_display = ["url", "events_text", "active", "created_at"]
    list_filter = ["active"]
    copy_view_enabled = False


class DeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    name = "webhook_deliveries"
    icon = "history"
    menu_label = "Webhook deliveries"
    add_to_settings_menu = True
    list_display = [
        "event",
        "page_id",
        "endpoint",
        "status",
        "attempts",
        "response_code",
        "last_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "event"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "endpoint",
        "event",
        "page_id",
        "status",
        "attempts",
        "response_code",
        "error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "body",
    ]
    copy_view_enabled = False
    exclude_form_fields = []


@hooks.register("register_admin_viewset")
def register_webhooks():
    return WebhookViewSet()


@hooks.register("register_admin_viewset")
def register_deliveries():
    return DeliveryViewSet()
