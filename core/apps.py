from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core: blocks, access policy and search pipeline"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished

        from core import checks, stream_schemas  # noqa: F401  (checks: registers them)
        from core.members import sync_on_publish
        from core.search.indexing import reindex_published_page
        from core.search.query import forget_vocabulary

        # Before any v3 schema is built (the URLconf builds them): bodies typed per block.
        stream_schemas.register()
        page_published.connect(sync_on_publish, dispatch_uid="core-members-restriction")
        page_published.connect(reindex_published_page, dispatch_uid="core-search-reindex")
        # The correction vocabulary comes from titles and summaries.
        page_published.connect(forget_vocabulary, dispatch_uid="core-vocabulary-published")
        page_unpublished.connect(forget_vocabulary, dispatch_uid="core-vocabulary-unpublished")
        # ...of what anyone may see listed, which a new or removed restriction changes.
        post_save.connect(
            forget_vocabulary, sender=PageViewRestriction, dispatch_uid="core-vocabulary-locked"
        )
        post_delete.connect(
            forget_vocabulary, sender=PageViewRestriction, dispatch_uid="core-vocabulary-opened"
        )
