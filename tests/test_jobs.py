"""Work off the request path: the database queue, its worker, the schedule, the heartbeat.

These tests switch to the database backend (the rest of the suite runs tasks inline) and
run the real worker command, so they need real transactions (the worker claims tasks in
its own, as in production).
"""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from articles.models import ArticlePage
from articles.related.models import RelatedPost
from jobs.models import JobClock
from jobs.schedule import SCHEDULE, run_due
from jobs.status import queue_status
from tests.factories import make_article, make_blog

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TOPICS = ["CRAFT", "Benzodiazepines"]


@pytest.fixture
def queued(settings):
    settings.TASKS = DATABASE_TASKS


def task_names(status=None):
    rows = DBTaskResult.objects.all()
    if status:
        rows = rows.filter(status=status)
    return sorted(row.task_path.rsplit(".", 1)[-1] for row in rows)


def searchable(title_word):
    return [page.pk for page in ArticlePage.objects.live().search(title_word)]


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_publishs_follow_up_work(home, queued):
    blog = make_blog(home)
    first = make_article(
        "Benzodiazepine withdrawal", parent=blog, topics=TOPICS, body="taper benzodiazepine dose"
    )
    make_article("Benzodiazepines and alcohol", parent=blog, topics=TOPICS, body="benzodiazepine")
    make_article("Talking kindly", parent=blog, topics=["Communication"], body="listening calmly")
    call_command("run_worker", "--batch", "--no-schedule", verbosity=0)

    second = make_article(
        "Tapering benzodiazepines", parent=blog, topics=TOPICS, body="benzodiazepine taper"
    )
    # The publish has committed and returned; its follow-up work waits in the queue.
    waiting = task_names(TaskResultStatus.READY)
    assert "refresh_related" in waiting
    assert "insert_or_update_object_task" in waiting
    assert not RelatedPost.objects.filter(page=second).exists()
    assert second.pk not in searchable("Tapering")
    status = queue_status()
    assert status["backend"] == "database"
    assert status["depth"] == len(waiting)

    call_command("run_worker", "--batch", "--no-schedule", verbosity=0)

    assert task_names(TaskResultStatus.READY) == []
    assert DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).count() == 0
    assert RelatedPost.objects.filter(page=second, target=first).exists()
    assert second.pk in searchable("Tapering")
    status = queue_status()
    assert status["depth"] == 0
    assert status["worker_alive"]
    assert status["heartbeat_age_seconds"] < 60


@pytest.mark.django_db(transaction=True)
def test_scheduled_publishing_fires_from_the_worker(home, queued):
    article = make_article("Planned for later", parent=make_blog(home), publish=False)
    revision = article.latest_revision
    revision.approved_go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision.save()
    article.go_live_at = revision.approved_go_live_at
    article.save()
    assert run_due() == ["publish_scheduled"]
    call_command("run_worker", "--batch", "--no-schedule", verbosity=0)
    assert not Page.objects.get(pk=article.pk).live  # its time has not come

    # The time comes: the next scheduled run publishes it, and its follow-up work runs too.
    past = timezone.now() - datetime.timedelta(minutes=1)
    type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=past)
    JobClock.objects.filter(name="publish_scheduled").update(due_at=past)
    call_command("run_worker", "--batch", verbosity=0)
    article.refresh_from_db()
    assert article.live
    assert article.pk in searchable("Planned")
    assert task_names(TaskResultStatus.READY) == []


@pytest.mark.django_db
def test_the_schedule_enqueues_each_run_once(settings):
    ran = []

    class Recorder:
        def __init__(self, name):
            self.name = name

        def enqueue(self):
            ran.append(self.name)

    schedule = [
        type(job)(job.name, Recorder(job.name), job.every, job.daily_at) for job in SCHEDULE
    ]
    noon = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)
    assert run_due(noon, schedule) == ["publish_scheduled"]  # daily jobs wait for their hour
    assert run_due(noon, schedule) == []  # a second scheduler at the same moment: nothing
    assert run_due(noon + datetime.timedelta(minutes=1), schedule) == ["publish_scheduled"]
    next_day = datetime.datetime(2026, 3, 2, 4, 0, tzinfo=datetime.UTC)
    assert run_due(next_day, schedule) == [
        "publish_scheduled",
        "memberships_daily",
        "purge_search_terms",
    ]
    assert run_due(next_day, schedule) == []


@pytest.mark.django_db
def test_without_a_queue_the_schedule_runs_inline_and_status_says_so(home):
    article = make_article("Due now", parent=make_blog(home), publish=False)
    revision = article.latest_revision
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=5)
    revision.save()
    call_command("run_schedule", verbosity=0)
    assert Page.objects.get(pk=article.pk).live
    assert queue_status()["backend"] == "immediate"
    assert queue_status()["worker_alive"]


@pytest.mark.django_db
def test_a_silent_worker_is_reported(queued):
    status = queue_status()
    assert status["last_heartbeat"] is None
    assert not status["worker_alive"]
    old = timezone.now() - datetime.timedelta(hours=1)
    JobClock.objects.create(name="worker-heartbeat", last_run_at=old)
    assert not queue_status()["worker_alive"]


@pytest.mark.django_db
def test_health_reads_the_queue_and_the_heartbeat(client, queued):
    from jobs.status import beat

    silent = client.get("/health/").json()
    assert silent["checks"]["queue"]["ok"] is False  # a queue and no worker
    assert silent["status"] == "degraded"
    beat()
    alive = client.get("/health/").json()
    assert alive["checks"]["queue"]["ok"] is True
    assert alive["checks"]["queue"]["depth"] == 0
