"""What runs on a clock, and the one function that enqueues whatever is due.

``run_due()`` is called by the worker (``manage.py run_worker``) every few seconds, or by
a timer (``manage.py run_schedule``, deploy/craft-schedule.timer) where no worker runs
the schedule. Each job's next time is a row in ``JobClock``; claiming it is one
conditional update, so two schedulers never enqueue the same run twice.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from jobs import tasks
from jobs.models import JobClock


@dataclass(frozen=True)
class Job:
    name: str
    task: object
    every: timedelta | None = None
    #: For daily jobs: the time of day, in UTC.
    daily_at: time | None = None

    def next_after(self, moment):
        if self.every is not None:
            return moment + self.every
        today = datetime.combine(moment.date(), self.daily_at, tzinfo=UTC)
        return today if today > moment else today + timedelta(days=1)

    def first_due(self, now):
        """A new interval job runs now; a new daily job waits for its time of day."""
        return now if self.every is not None else self.next_after(now)


SCHEDULE = [
    Job("publish_scheduled", tasks.publish_scheduled, every=timedelta(minutes=1)),
    # Just after midnight, when memberships and tokens end (membership.services).
    Job("memberships_daily", tasks.memberships_daily, daily_at=time(0, 5)),
    Job("purge_search_terms", tasks.purge_search_terms, daily_at=time(3, 30)),
]


def _claim(job, now):
    """True if this caller won the run of ``job`` that is due at ``now``."""
    try:
        with transaction.atomic():
            clock, created = JobClock.objects.get_or_create(
                name=job.name, defaults={"due_at": job.first_due(now)}
            )
    except IntegrityError:  # another scheduler created it first
        clock = JobClock.objects.get(name=job.name)
    claimed = JobClock.objects.filter(pk=clock.pk, due_at__lte=now).update(
        due_at=job.next_after(now), last_run_at=now
    )
    return bool(claimed)


def run_due(now=None, schedule=SCHEDULE):
    """Enqueue every job that is due; returns their names."""
    now = now or timezone.now()
    started = []
    for job in schedule:
        if _claim(job, now):
            job.task.enqueue()
            started.append(job.name)
    return started
