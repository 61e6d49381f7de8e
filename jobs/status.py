"""The worker's heartbeat and the queue's state, for /health/ and the operator.

    >>> queue_status()
    {"backend": "database", "depth": 0, "oldest_ready_seconds": None,
     "last_heartbeat": datetime(...), "heartbeat_age_seconds": 4.2, "worker_alive": True}

With the immediate backend (development, tests) tasks run inside the request, so there
is no queue and no worker to wait for: depth 0 and ``worker_alive`` True.
"""

from django.conf import settings
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from jobs.models import JobClock

HEARTBEAT = "worker-heartbeat"


def beat(now=None):
    """Record that a worker is alive now (called by ``run_worker`` every few seconds)."""
    now = now or timezone.now()
    updated = JobClock.objects.filter(name=HEARTBEAT).update(last_run_at=now)
    if not updated:
        JobClock.objects.get_or_create(name=HEARTBEAT, defaults={"last_run_at": now})


def _backend():
    return task_backends[DEFAULT_TASK_BACKEND_ALIAS]


def uses_queue():
    return isinstance(_backend(), DatabaseBackend)


def queue_status(now=None):
    """Queue depth (tasks ready to run), the oldest one's wait, and the last heartbeat.

    Two small queries; ``worker_alive`` is False once the heartbeat is older than three
    heartbeat intervals (``WORKER_HEARTBEAT_SECONDS``).
    """
    if not uses_queue():
        return {
            "backend": "immediate",
            "depth": 0,
            "oldest_ready_seconds": None,
            "last_heartbeat": None,
            "heartbeat_age_seconds": None,
            "worker_alive": True,
        }
    now = now or timezone.now()
    ready = DBTaskResult.objects.ready().filter(backend_name=DEFAULT_TASK_BACKEND_ALIAS)
    depth = ready.count()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    last = JobClock.objects.filter(name=HEARTBEAT).values_list("last_run_at", flat=True).first()
    age = (now - last).total_seconds() if last else None
    return {
        "backend": "database",
        "depth": depth,
        "oldest_ready_seconds": (now - oldest).total_seconds() if oldest else None,
        "last_heartbeat": last,
        "heartbeat_age_seconds": age,
        "worker_alive": age is not None and age <= 3 * settings.WORKER_HEARTBEAT_SECONDS,
    }
