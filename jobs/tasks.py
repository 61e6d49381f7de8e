"""The scheduled jobs as tasks, so the worker runs them off the request path.

Each wraps the management command that owns the work (the command stays the way to run
it by hand); the worker runs them when the schedule (``jobs.schedule``) enqueues them.
"""

from io import StringIO

from django.core.management import call_command
from django_tasks import task


def _command(name):
    out = StringIO()
    call_command(name, stdout=out)
    return out.getvalue().strip()


@task()
def publish_scheduled() -> str:
    """Wagtail's scheduled publishing and expiry: go-live and expiry dates that have come."""
    return _command("publish_scheduled")


@task()
def purge_search_terms() -> str:
    return _command("purge_search_terms")


@task()
def memberships_daily() -> str:
    return _command("memberships_daily")
