from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = "Webhooks and the change feed"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from webhooks import signals  # noqa: F401  (connects the page lifecycle receivers)
