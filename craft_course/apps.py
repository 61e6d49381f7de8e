from django.apps import AppConfig


class CraftCourseConfig(AppConfig):
    name = "craft_course"
    verbose_name = "CRAFT course"

    def ready(self):
        from craft_course import signals  # noqa: F401
