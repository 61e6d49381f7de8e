"""Index a page again once publishing has finished, so its topics are searchable.

Wagtail indexes a page on ``post_save``, which fires before django-modelcluster writes
the page's child relations (our topic tags). Indexed then, a page's topic names would
always lag one publish behind. ``page_published`` fires after everything is saved.
"""

from wagtail.search import index


def reindex_published_page(sender, instance, **kwargs):
    if getattr(instance, "search_fields", None):
        index.insert_or_update_object(instance)
