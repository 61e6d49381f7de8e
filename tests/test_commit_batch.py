"""Work asked for during a transaction runs once on commit, and not at all on rollback."""

import pytest
from django.db import transaction

from caching import invalidation
from core.commit_batch import CommitBatch

pytestmark = pytest.mark.django_db(transaction=True)


class Boom(Exception):
    pass


def rolled_back(ask):
    """Run ``ask`` in a transaction that then fails and rolls back."""
    try:
        with transaction.atomic():
            ask()
            raise Boom
    except Boom:
        pass


@pytest.fixture
def batch():
    runs = []
    return CommitBatch(runs.append, set), runs


def test_one_transaction_asks_many_times_and_runs_once_after_commit(batch):
    batch, runs = batch
    with transaction.atomic():
        batch.add({1})
        with transaction.atomic():
            batch.add({2, 3})
        batch.add({3})
        assert runs == []
    assert runs == [{1, 2, 3}]


def test_outside_a_transaction_the_work_runs_at_once(batch):
    batch, runs = batch
    batch.add({7})
    batch.add({8})
    assert runs == [{7}, {8}]


def test_a_rolled_back_transaction_leaves_nothing_for_the_next(batch):
    batch, runs = batch
    rolled_back(lambda: batch.add(set(range(500))))
    with transaction.atomic():
        batch.add({1})
    assert runs == [{1}]


def test_a_rolled_back_savepoint_with_its_own_work_drops_it(batch):
    batch, runs = batch
    with transaction.atomic():
        rolled_back(lambda: batch.add({1}))
        batch.add({2})
    assert runs == [{2}]


def test_a_rolled_back_purge_of_everything_does_not_reach_the_next_commit(monkeypatch):
    sent = []
    monkeypatch.setattr(invalidation, "purge_urls_from_cache", sent.extend)
    # This test's database is emptied after each test, Sites included: name paths alone.
    monkeypatch.setattr(
        invalidation,
        "frontend_urls",
        lambda found: ["*"] if found.everything else sorted(found.paths),
    )
    rolled_back(lambda: invalidation.purge(invalidation.Purge(everything=True)))
    with transaction.atomic():
        invalidation.purge(invalidation.Purge(paths={"/articles/"}))
    assert sent == ["/articles/"]


def test_bulk_work_purges_everything_once_and_then_computes_nothing(monkeypatch):
    sent, computed = [], []
    monkeypatch.setattr(invalidation, "purge_urls_from_cache", sent.extend)
    monkeypatch.setattr(
        invalidation,
        "frontend_urls",
        lambda found: ["*"] if found.everything else sorted(found.paths),
    )
    monkeypatch.setattr(invalidation, "EVERYTHING_PATHS_ABOVE", 2)

    def change(path):
        def found():
            computed.append(path)
            return invalidation.Purge(paths={path})

        invalidation.purge(found)

    with transaction.atomic():
        for path in ["/a/", "/b/", "/c/", "/d/", "/e/"]:
            change(path)
    assert computed == ["/a/", "/b/", "/c/"]
    assert sent == ["*"]
    with transaction.atomic():
        change("/f/")
    assert sent == ["*", "/f/"]
