from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core: blocks, access policy and search pipeline"

    def ready(self):
        from django.contrib.auth.models import Group
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.models import PageViewRestriction, get_page_models
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core import checks, restrictions, stream_schemas  # noqa: F401  (checks: registers)
        from core.members import sync_on_publish
        from core.search.indexing import reindex_published_page
        from core.search.query import forget_vocabulary

        # Each request reads the site's view restrictions once; any write in it forgets that.
        request_started.connect(restrictions.begin_request, dispatch_uid="core-restrictions-in")
        request_finished.connect(restrictions.end_request, dispatch_uid="core-restrictions-out")
        # (Per sender: a receiver for every model would stop Django's fast bulk deletes.)
        forget = restrictions.forget_reading
        for model in (PageViewRestriction, Group, *get_page_models()):
            for signal in (post_save, post_delete):
                signal.connect(forget, sender=model, dispatch_uid=f"core-restrictions-{model}")
        m2m_changed.connect(
            forget, sender=PageViewRestriction.groups.through, dispatch_uid="core-restrictions-m2m"
        )
        post_page_move.connect(forget, dispatch_uid="core-restrictions-moved")
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
