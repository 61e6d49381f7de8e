"""Follow-up work gathered during a transaction and run once, after it commits.

Publishing one article saves its page, its revision and its tags, and each save asks
for the same follow-up (purge these addresses, recompute these related lists). A batch
merges what one transaction asks for and runs it once when that transaction commits.

What a rolled-back transaction asked for is dropped with it. Keeping it would let work
for rows that never existed pile up and ride along with the next commit, until the pile
is big enough to turn a small purge into "purge everything".
"""

import threading

from django.db import transaction


class CommitBatch:
    """Merge work with ``|`` per transaction; call ``run(work)`` after it commits.

    ``empty`` makes an empty piece of work (``set``, say); ``run`` may be handed one
    after ``discard()``.
    """

    def __init__(self, run, empty):
        self._run = run
        self._empty = empty
        self._local = threading.local()

    def _state(self):
        state = self._local
        if not hasattr(state, "open"):
            state.open = self._empty()  # asked for by the transaction now open
            state.hook = None  # that transaction's on-commit hook
        return state

    def add(self, work, using=None):
        """Ask for ``work`` once the current transaction commits (at once, outside one)."""
        state = self._state()
        if not self._still_open(state, using):
            state.open = self._empty()
            state.hook = self._new_hook()
        state.open = state.open | work
        # Registered on every add, so a test capturing callbacks sees it; only the
        # first call after the commit runs.
        transaction.on_commit(state.hook, using=using, robust=True)

    def pending(self, using=None):
        """What the open transaction has asked for so far (empty outside one)."""
        state = self._state()
        return state.open if self._still_open(state, using) else self._empty()

    def discard(self):
        """Forget what the open transaction has asked for so far."""
        self._state().open = self._empty()

    @staticmethod
    def _still_open(state, using):
        """Whether the hook is still registered: its transaction has not ended."""
        connection = transaction.get_connection(using)
        if state.hook is None or not connection.in_atomic_block:
            return False
        return any(func is state.hook for _, func, _ in connection.run_on_commit)

    def _new_hook(self):
        def committed():
            state = self._state()
            if state.hook is not committed:
                return  # already run: the same hook is registered once per add
            work, state.open, state.hook = state.open, self._empty(), None
            self._run(work)

        return committed
