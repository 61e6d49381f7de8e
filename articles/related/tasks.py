"""Background work for related posts (django-tasks; the immediate backend runs it inline)."""

from django_tasks import task

from articles.related import store


@task()
def refresh_related(page_ids: list[int]) -> int:
    """Recompute after these articles changed; returns how many lists were rewritten."""
    return len(store.refresh(page_ids))


@task()
def rebuild_related() -> int:
    """Recompute every article's related posts."""
    return store.rebuild()
