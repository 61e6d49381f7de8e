"""When each scheduled job is next due, and when the worker last said it was alive."""

from django.db import models


class JobClock(models.Model):
    """One row per scheduled job (and one for the worker's heartbeat).

    Claiming a due job is one conditional ``UPDATE`` on ``due_at``, so several workers or
    timers running the schedule at once still enqueue each run exactly once.
    """

    name = models.CharField(max_length=80, unique=True)
    due_at = models.DateTimeField(null=True, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "job clock"

    def __str__(self):
        return self.name
