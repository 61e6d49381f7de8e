"""The store: refreshes run one at a time, and a rebuild leaves its process ready to refresh."""

import threading
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePage
from articles.related import store
from articles.related.models import RelatedDocument, RelatedPost
from tests.factories import make_article

TOPICS = ["CRAFT", "Benzodiazepines"]


def _refresh_in_thread(page_ids, finished):
    def run():
        try:
            store.refresh(page_ids)
        finally:
            connections.close_all()
            finished.set()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the lock is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_refresh_waits_while_another_holds_the_lock_and_then_uses_fresh_content():
    first = make_article("Benzodiazepine taper", topics=TOPICS, body="taper benzodiazepine dose")
    second = make_article("Tapering slowly", topics=TOPICS, body="benzodiazepine taper doctor")
    make_article("Talking kindly", topics=["CRAFT", "Communication"], body="listening calmly")
    make_article("Rewarding sober time", topics=["CRAFT", "Rewards"], body="reward plans")
    store.rebuild()
    assert list(RelatedPost.objects.filter(page=first).values_list("target_id", flat=True)) == [
        second.pk
    ]

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [store.LOCK_KEY])
    finished = threading.Event()
    thread = _refresh_in_thread([second.pk], finished)
    try:
        assert not finished.wait(1.5), "the refresh ran while another one held the lock"
        # While it waits, the second article goes offline (no signal: only the waiting
        # refresh can notice). It must read the articles after the lock, not before.
        ArticlePage.objects.filter(pk=second.pk).update(live=False)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [store.LOCK_KEY])
    assert finished.wait(60)
    thread.join()

    assert not RelatedPost.objects.filter(page=first).exists()
    assert not RelatedPost.objects.filter(page=second).exists()


@pytest.mark.django_db
def test_after_a_rebuild_a_refresh_reads_no_stored_terms_again():
    """The rebuild's corpus stays in memory: the next publish need not reload every article."""
    first = make_article("Benzodiazepine taper", topics=TOPICS, body="taper benzodiazepine dose")
    make_article("Tapering slowly", topics=TOPICS, body="benzodiazepine taper doctor")
    make_article("Talking kindly", topics=["CRAFT", "Communication"], body="listening calmly")
    store.rebuild()
    with CaptureQueriesContext(connection) as queries:
        store.refresh([first.pk])
    reads = [q["sql"] for q in queries if '"terms"' in q["sql"] and q["sql"].startswith("SELECT")]
    assert reads, "the refresh reads the changed article's stored features"
    assert all(q.endswith(f"IN ({first.pk})") for q in reads), reads


@pytest.mark.django_db
def test_a_rebuild_keeps_what_changed_between_its_read_and_its_lock(
    monkeypatch, django_capture_on_commit_callbacks
):
    make_article("Benzodiazepine taper", topics=TOPICS, body="taper benzodiazepine dose")
    withdrawn = make_article("Tapering slowly", topics=TOPICS, body="benzodiazepine taper doctor")
    edited = make_article("Benzodiazepine questions", topics=TOPICS, body="benzodiazepine doctor")
    make_article("Talking kindly", topics=["CRAFT", "Communication"], body="listening calmly")
    store.rebuild()
    real = store._exclusive
    changed = []

    @contextmanager
    def changes_first():
        if not changed:  # the rebuild has read every article and now asks for the lock
            changed.append(True)
            with django_capture_on_commit_callbacks(execute=True):
                withdrawn.unpublish()
                edited.title = "Benzodiazepine questions for pharmacists"
                edited.save_revision().publish()
        with real():
            yield

    monkeypatch.setattr(store, "_exclusive", changes_first)
    store.rebuild()

    assert changed
    assert not RelatedDocument.objects.filter(page_id=withdrawn.pk).exists()
    assert not RelatedPost.objects.filter(target_id=withdrawn.pk).exists()
    terms = RelatedDocument.objects.get(page_id=edited.pk).terms
    assert any(term.startswith("pharmac") for term in terms)
