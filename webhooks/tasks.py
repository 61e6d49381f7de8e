"""Sending one webhook delivery: a signed POST with short timeouts, retried with back-off.

Runs in the task worker (django-tasks), never in the request that published: a slow
receiver costs the worker at most ``WEBHOOK_TIMEOUT`` seconds a socket operation, and a
failing one is tried again later (``WEBHOOK_RETRY_DELAYS``) by enqueueing the next attempt
with ``run_after``. A backend that cannot defer (the immediate one, in development) gets
one attempt.
"""

import hashlib
import hmac
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from webhooks.models import WebhookDelivery

USER_AGENT = "FamilyCRAFT-Webhooks/1"


def signature(secret, body):
    """``sha256=<hex HMAC-SHA256 of the raw body>``, the ``X-CMS-Signature`` header."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is the receiver's answer, not an address to post to next."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post(delivery):
    """One attempt: ``(status code or None, error text)``."""
    body = delivery.body.encode()
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-CMS-Event": delivery.event,
            "X-CMS-Delivery": str(delivery.pk),
            "X-CMS-Signature": signature(delivery.endpoint.secret, body),
        },
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        return None, str(reason)[:300] or type(error).__name__


@task()
def deliver(delivery_id: int) -> str:
    """Try one delivery once; schedule the next try on failure. Returns the new status."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in (WebhookDelivery.DELIVERED, WebhookDelivery.FAILED):
        return delivery.status if delivery else "gone"
    if not delivery.endpoint.active:
        delivery.status, delivery.error = WebhookDelivery.FAILED, "endpoint made inactive"
        delivery.save(update_fields=["status", "error"])
        return delivery.status
    code, error = post(delivery)
    delivery.attempts += 1
    delivery.last_attempt_at = timezone.now()
    delivery.response_code = code
    delivery.error = error
    delivery.next_attempt_at = None
    delays = settings.WEBHOOK_RETRY_DELAYS
    backend = deliver.get_backend()
    if code is not None and 200 <= code < 300:
        delivery.status = WebhookDelivery.DELIVERED
    elif delivery.attempts <= len(delays) and backend.supports_defer:
        delivery.status = WebhookDelivery.RETRYING
        delay = timedelta(seconds=delays[delivery.attempts - 1])
        delivery.next_attempt_at = delivery.last_attempt_at + delay
    else:
        delivery.status = WebhookDelivery.FAILED
    delivery.save()
    if delivery.status == WebhookDelivery.RETRYING:
        deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    return delivery.status
