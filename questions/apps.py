from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = "Members' questions"

    def ready(self):
        from core import account_data
        from questions import data, receivers  # noqa: F401  (receivers connect signals)

        account_data.register("questions", data.questions, delete=data.delete_questions)
