"""The background queue as /health/ reports it: which backend, how much waits, is a worker alive.

With the immediate backend (development, tests) work runs inside the request, so there is
no queue to fall behind and no worker to lose.
"""

from dataclasses import asdict, dataclass

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.immediate import ImmediateBackend


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
    return QueueStatus(backend=name, problem=f"no status is known for the {name} backend")
