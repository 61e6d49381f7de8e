"""The background queue as /health/ reports it: which backend, how much waits, is a worker alive.

With the immediate backend (development, tests) work runs inside the request, so there is
no queue to fall behind and no worker to lose.
"""

from dataclasses import asdict, dataclass

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.immediate import ImmediateBackend

from jobs.status import queue_status, uses_queue


@dataclass
class QueueStatus:
    backend: str
    depth: int = 0
    heartbeat_age_s: float | None = None
    problem: str = ""

    @property
    def healthy(self):
        return not self.problem

    def as_dict(self):
        return {key: value for key, value in asdict(self).items() if key != "problem"}


def status():
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    name = backend.__class__.__name__
    if isinstance(backend, ImmediateBackend):
        return QueueStatus(backend=name)
    if not uses_queue():
        return QueueStatus(backend=name, problem=f"no status is known for the {name} backend")
    found = queue_status()
    problem = "" if found["worker_alive"] else "no worker heartbeat"
    age = found["heartbeat_age_seconds"]
    return QueueStatus(
        backend=name,
        depth=found["depth"],
        heartbeat_age_s=None if age is None else round(age, 1),
        problem=problem,
    )
