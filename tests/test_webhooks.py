"""Webhooks: registered in the admin or by command, signed, sent after commit, retried.

A real HTTP server on 127.0.0.1 in a thread receives them; the test checks each request's
signature the way a receiver would. Retries and "publishing is never held up" run on
django-tasks' dummy backend (a queue that holds tasks, as the worker's database queue
does), and the task is run by hand, as the worker would.
"""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django_tasks import task_backends
from wagtail.models import PageViewRestriction

from tests.factories import make_article, make_blog, make_page, publish, restrict
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.tasks import deliver

pytestmark = pytest.mark.django_db

SECRET = "a-long-shared-secret-0123"
QUEUE = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class Receiver:
    """An HTTP server that records what it is sent and answers the next planned status.

    ``hang`` holds each request until the test ends, like a receiver that never answers.
    """

    def __init__(self, statuses=(200,), hang=False):
        self.statuses, self.hang, self.requests = list(statuses), hang, []
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((self.headers, body))
                if receiver.hang:
                    receiver.release.wait(10)
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def make(*args, **kwargs):
        made.append(Receiver(*args, **kwargs))
        return made[-1]

    yield make
    for server in made:
        server.close()


def verified(headers, body):
    """What a receiver does: recompute the HMAC of the raw body and compare in constant time."""
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(headers["X-CMS-Signature"], expected)


def deliveries_queued():
    """The webhook deliveries waiting in the dummy backend's queue (other tasks left out)."""
    results = task_backends["default"].results
    return [result for result in results if result.task.module_path == deliver.module_path]


def endpoint(url, events=("page.published",)):
    return WebhookEndpoint.objects.create(url=url, secret=SECRET, events=list(events))


def test_a_publish_is_delivered_signed_after_commit(receiver, django_capture_on_commit_callbacks):
    server = receiver()
    call_command("webhooks", "add", server.url, "--secret", SECRET, "--events", "page.published")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = make_article("Signed and sent")
    assert server.requests == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    [(headers, body)] = [r for r in server.requests if json.loads(r[1])["id"] == article.pk]
    assert verified(headers, body)
    assert not verified({"X-CMS-Signature": "sha256=" + "0" * 64}, body)
    data = json.loads(body)
    assert set(data) == {"event", "id", "type", "url", "html_url", "at"}
    assert data["event"] == "page.published"
    assert data["type"] == "articles.ArticlePage"
    assert data["url"].endswith(f"/api/v2/pages/{article.pk}/")
    assert data["url"].startswith("http")
    assert data["html_url"] == article.get_full_url()
    assert headers["Content-Type"] == "application/json"
    delivery = WebhookDelivery.objects.get(page_id=article.pk)
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 1, 200)


@override_settings(TASKS=QUEUE, WEBHOOK_RETRY_DELAYS=[30, 120])
def test_a_failing_receiver_is_retried_with_back_off(receiver, django_capture_on_commit_callbacks):
    server = receiver(statuses=[500, 503, 200])
    hook = endpoint(server.url)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Try again")
    delivery = WebhookDelivery.objects.get(endpoint=hook, page_id=article.pk)
    assert [delivery.pk] in [result.args for result in deliveries_queued()]
    waits = []
    for expected in ("retrying", "retrying", "delivered"):
        assert deliver.call(delivery.pk) == expected
        delivery.refresh_from_db()
        if expected == "retrying":
            retry = deliveries_queued()[-1]
            assert retry.args == [delivery.pk]
            waits.append((retry.task.run_after - delivery.last_attempt_at).total_seconds())
    assert waits == [30, 120]
    assert delivery.attempts == 3
    assert len(server.requests) == 3
    assert len({body for _headers, body in server.requests}) == 1  # the same signed bytes
    assert all(verified(headers, body) for headers, body in server.requests)


@override_settings(TASKS=QUEUE, WEBHOOK_RETRY_DELAYS=[1])
def test_a_receiver_that_keeps_failing_is_given_up_on(receiver):
    server = receiver(statuses=[500, 500, 500])
    hook = endpoint(server.url)
    article = make_article("Never answered well")
    delivery = WebhookDelivery.objects.get(endpoint=hook, page_id=article.pk)
    assert deliver.call(delivery.pk) == "retrying"
    assert deliver.call(delivery.pk) == "failed"
    assert deliver.call(delivery.pk) == "failed"  # a stale retry sends nothing more
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.response_code) == (2, 500)
    assert len(server.requests) == 2


@override_settings(TASKS=QUEUE, WEBHOOK_TIMEOUT=0.5)
def test_a_hanging_receiver_never_holds_up_publishing(receiver, django_capture_on_commit_callbacks):
    server = receiver(hang=True)
    hook = endpoint(server.url)
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Published while the receiver hangs")
    assert article.live
    assert server.requests == []  # the publish, commit included, only queued the delivery
    delivery = WebhookDelivery.objects.get(endpoint=hook, page_id=article.pk)
    assert delivery.status == "pending"
    # The worker's attempt gives up after the short timeout and schedules a retry.
    assert deliver.call(delivery.pk) == "retrying"
    delivery.refresh_from_db()
    assert delivery.response_code is None
    assert "timed out" in delivery.error


@override_settings(TASKS=QUEUE)
def test_every_page_event_is_sent_to_its_subscribers(receiver):
    server = receiver()
    everything = endpoint(
        server.url,
        events=[
            "page.published",
            "page.unpublished",
            "page.deleted",
            "page.moved",
            "page.privacy_changed",
        ],
    )
    deletions_only = endpoint(server.url + "/deleted", events=["page.deleted"])
    WebhookEndpoint.objects.create(
        url=server.url + "/off", secret=SECRET, events=["page.published"], active=False
    )
    blog = make_blog()
    article = make_article("Through its life")
    article.unpublish()
    publish(article)
    section = make_page(blog.get_parent(), "Elsewhere")
    article.move(section, pos="last-child")
    restrict(section, PageViewRestriction.LOGIN)
    article.delete()

    def sent(hook):
        rows = WebhookDelivery.objects.filter(endpoint=hook).order_by("pk")
        return [(row.event, row.page_id) for row in rows]

    mine = [entry for entry in sent(everything) if entry[1] == article.pk]
    assert mine == [
        ("page.published", article.pk),
        ("page.unpublished", article.pk),
        ("page.published", article.pk),
        ("page.moved", article.pk),
        ("page.deleted", article.pk),
    ]
    assert ("page.privacy_changed", section.pk) in sent(everything)
    assert sent(deletions_only) == [("page.deleted", article.pk)]
    assert not WebhookDelivery.objects.filter(endpoint__url__endswith="/off").exists()


def test_the_command_adds_lists_and_removes(capsys):
    call_command(
        "webhooks",
        "add",
        "https://example.org/hooks/cms",
        "--secret",
        SECRET,
        "--events",
        "page.published,page.deleted",
    )
    hook = WebhookEndpoint.objects.get()
    assert hook.events == ["page.published", "page.deleted"]
    call_command("webhooks", "list")
    assert "https://example.org/hooks/cms\tpage.published, page.deleted\tactive" in (
        capsys.readouterr().out
    )
    call_command("webhooks", "remove", str(hook.pk))
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize(
    ("url", "events", "message"),
    [
        ("file:///etc/passwd", "page.published", "https://"),
        ("ftp://example.org/x", "page.published", "https://"),
        ("https://example.org/x", "page.exploded", "page.published"),
    ],
)
def test_the_command_refuses_what_the_admin_would(url, events, message):
    with pytest.raises(CommandError, match=message):
        call_command("webhooks", "add", url, "--secret", SECRET, "--events", events)
    assert not WebhookEndpoint.objects.exists()


def test_settings_webhooks_in_the_admin(admin_client):
    form = {"url": "gopher://example.org/hook", "secret": SECRET, "events": ["page.deleted"]}
    response = admin_client.post("/admin/webhooks/new/", {**form, "active": "on"})
    assert response.status_code == 200
    assert "starts with https://" in response.content.decode()
    assert "gopher://example.org/hook" in response.content.decode()  # typed text kept
    assert not WebhookEndpoint.objects.exists()
    form["url"] = "https://example.org/hook"
    response = admin_client.post("/admin/webhooks/new/", {**form, "active": "on"})
    assert response.status_code == 302
    hook = WebhookEndpoint.objects.get()
    assert (hook.url, hook.events, hook.active) == (form["url"], ["page.deleted"], True)
    edit = admin_client.get(f"/admin/webhooks/edit/{hook.pk}/").content.decode()
    assert 'value="page.deleted" id="id_events_2" checked>' in edit
    assert 'value="page.published" id="id_events_0">' in edit


@override_settings(TASKS=QUEUE)
def test_the_delivery_log_is_shown_read_only(admin_client, receiver):
    server = receiver(statuses=[500, 200])
    endpoint(server.url)
    article = make_article("Logged")
    delivery = WebhookDelivery.objects.get(page_id=article.pk)
    deliver.call(delivery.pk)
    listing = admin_client.get("/admin/webhook_deliveries/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "page.published" in text
    assert "Retrying" in text
    assert admin_client.get(f"/admin/webhook_deliveries/inspect/{delivery.pk}/").status_code == 200
    assert admin_client.get("/admin/webhook_deliveries/new/").status_code in (302, 403, 404)
