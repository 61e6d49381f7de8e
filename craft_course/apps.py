from django.apps import AppConfig


class CraftCourseConfig(AppConfig):
    name = "craft_course"
    verbose_name = "CRAFT course"
