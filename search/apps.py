from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Site search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from search.indexing import reindex_published_page
        from search.query import forget_vocabulary
        from topics.models import Topic

        page_published.connect(reindex_published_page, dispatch_uid="search-reindex-published")

        # The correction vocabulary comes from titles, summaries and topics.
        page_published.connect(forget_vocabulary, dispatch_uid="search-vocabulary-published")
        page_unpublished.connect(forget_vocabulary, dispatch_uid="search-vocabulary-unpublished")
        post_save.connect(forget_vocabulary, sender=Topic, dispatch_uid="search-vocabulary-topic")
        post_delete.connect(forget_vocabulary, sender=Topic, dispatch_uid="search-vocabulary-gone")
