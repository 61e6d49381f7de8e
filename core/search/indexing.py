"""Index a page again once publishing has finished, so its topics are searchable.

Wagtail indexes a page on ``post_save``, which fires before django-modelcluster writes
the page's child relations (our topic tags). Indexed then, a page's topic names would
always lag one publish behind. ``page_published`` fires after everything is saved; the
indexing itself is a task enqueued when the publish commits, so it runs in the worker
(``TASKS_BACKEND=database``) and never inside the editor's request.
"""

from django.db import transaction
from modelsearch.tasks import insert_or_update_object_task


def reindex_published_page(sender, instance, **kwargs):
    if getattr(instance, "search_fields", None):
        # The hook keeps names, never the page: an import publishing thousands of pages
        # in one transaction would otherwise hold every one of them until it commits.
        label, name, pk = instance._meta.app_label, instance._meta.model_name, str(instance.pk)
        transaction.on_commit(
            lambda: insert_or_update_object_task.enqueue(label, name, pk), robust=True
        )
