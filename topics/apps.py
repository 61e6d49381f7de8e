from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = "Topics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.search.query import forget_vocabulary
        from topics.models import Topic

        # Search corrects and expands queries with topic names and synonyms.
        post_save.connect(forget_vocabulary, sender=Topic, dispatch_uid="topics-vocabulary-saved")
        post_delete.connect(forget_vocabulary, sender=Topic, dispatch_uid="topics-vocabulary-gone")
