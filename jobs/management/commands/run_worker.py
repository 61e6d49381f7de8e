"""The background worker: django-tasks-db's worker, plus the schedule and a heartbeat.

    manage.py run_worker                 # production: runs until stopped (SIGTERM)
    manage.py run_worker --batch         # run what is queued, then exit
    manage.py run_worker --no-schedule   # when a timer runs `run_schedule` instead

A thread beside the worker loop records a heartbeat (``jobs.status``) and enqueues due
scheduled jobs every few seconds; the loop itself is django-tasks-db's, unchanged. Run
one per machine or several: claiming tasks and scheduled runs is safe across workers.
"""

import logging
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks.base import DEFAULT_TASK_QUEUE_NAME
from django_tasks.utils import get_random_id
from django_tasks_db.management.commands.db_worker import Worker

from jobs.schedule import run_due
from jobs.status import beat, uses_queue

logger = logging.getLogger(__name__)

#: Seconds between looks at the schedule (publish_scheduled is due every minute).
SCHEDULE_SECONDS = 10


def tick(schedule=True):
    beat()
    if schedule:
        run_due()


class Ticker(threading.Thread):
    def __init__(self, schedule):
        super().__init__(name="craft-ticker", daemon=True)
        self.schedule = schedule
        self.stopped = threading.Event()

    def run(self):
        interval = min(SCHEDULE_SECONDS, settings.WORKER_HEARTBEAT_SECONDS)
        while not self.stopped.wait(interval):
            try:
                tick(self.schedule)
            except Exception:  # a database blip must not end the heartbeat thread
                logger.exception("Worker heartbeat or schedule failed")
            finally:
                close_old_connections()


class Command(BaseCommand):
    help = "Run queued tasks, the schedule and the heartbeat (TASKS_BACKEND=database)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")
        parser.add_argument("--no-schedule", action="store_true", help="do not run the schedule")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(self, *, batch, no_schedule, interval, max_tasks, **options):
        if not uses_queue():
            self.stderr.write("TASKS_BACKEND is not 'database': tasks already run inline.")
            return
        tick(schedule=not no_schedule)
        ticker = None
        if not batch:
            ticker = Ticker(schedule=not no_schedule)
            ticker.start()
        worker = Worker(
            queue_names=[DEFAULT_TASK_QUEUE_NAME],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=not batch,
            max_tasks=max_tasks,
            worker_id=get_random_id(),
        )
        try:
            if not batch:
                worker.configure_signals()
            worker.run()
        finally:
            if ticker:
                ticker.stopped.set()
