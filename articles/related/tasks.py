"""Background work for related posts (django-tasks; the immediate backend runs it inline).

Each sends ``lists_rewritten`` when it is done, with the ids of the articles whose
related lists changed (None: every article's), so caches showing them can be purged.
"""

from django.dispatch import Signal
from django_tasks import task

from articles.related import store

lists_rewritten = Signal()


@task()
def refresh_related(page_ids: list[int]) -> int:
    """Recompute after these articles changed; returns how many lists were rewritten."""
    rewritten = store.refresh(page_ids)
    if rewritten:
        lists_rewritten.send(sender=refresh_related, page_ids=sorted(rewritten))
    return len(rewritten)


@task()
def rebuild_related() -> int:
    """Recompute every article's related posts."""
    count = store.rebuild()
    lists_rewritten.send(sender=rebuild_related, page_ids=None)
    return count
