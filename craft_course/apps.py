from django.apps import AppConfig


class CraftCourseConfig(AppConfig):
    name = "craft_course"
    verbose_name = "CRAFT course"

    def ready(self):
        from core import account_data
        from craft_course import personal_data

        account_data.register(
            "course_progress", personal_data.progress, delete=personal_data.delete_progress
        )
        account_data.register("journal", personal_data.journal, delete=personal_data.delete_journal)
