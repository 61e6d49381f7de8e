from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Jobs: the background worker, its schedule and heartbeat"
    default_auto_field = "django.db.models.BigAutoField"
