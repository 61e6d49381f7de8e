from django.apps import AppConfig


class CraftCourseConfig(AppConfig):
    name = "craft_course"
    verbose_name = "CRAFT course"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core import account_data
        from craft_course import personal_data, signals
        from craft_course.models import CourseModulePage, CourseUnitPage

        for model in (CourseUnitPage, CourseModulePage):
            page_published.connect(signals.on_course_change, sender=model)
            page_unpublished.connect(signals.on_course_change, sender=model)
            post_delete.connect(signals.on_course_change, sender=model)
        post_page_move.connect(signals.on_move)

        account_data.register(
            "course_progress", personal_data.progress, delete=personal_data.delete_progress
        )
        account_data.register("journal", personal_data.journal, delete=personal_data.delete_journal)
