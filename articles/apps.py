from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles, authors and topics"

    def ready(self):
        from articles.related import signals as related_signals  # noqa: F401
