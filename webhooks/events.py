"""What a page change means for apps: a change-feed row and the webhooks to send.

``record`` asks the access policy (``core.access``) what an anonymous reader may now see of
each page and writes a ``PageChange`` only when that view changed (or the page's content
did), so an app that applies the feed in order holds exactly what an anonymous reader may
see. ``notify`` queues one delivery per subscribed endpoint and hands it to the worker once
the transaction commits, so publishing never waits for a receiver.
"""

import json
import logging
from datetime import UTC

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from core.access import READ, Access
from webhooks.models import PageChange, WebhookDelivery, WebhookEndpoint
from webhooks.tasks import deliver

logger = logging.getLogger(__name__)


def page_type(page):
    """``app_label.ModelName``, as the API's ``meta.type``."""
    model = page.specific_class or Page
    return f"{model._meta.app_label}.{model.__name__}"


def iso(moment):
    """An aware datetime as ISO 8601 in UTC with a ``Z``, safe to put in a query string."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def api_base_url():
    """The API's public base address (``WAGTAILAPI_BASE_URL``, else the admin's)."""
    base = getattr(settings, "WAGTAILAPI_BASE_URL", None) or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/")


def api_url(page_id):
    return api_base_url() + reverse("wagtailapi:pages:detail", args=[page_id])


def last_actions(page_ids):
    """``{page id: its latest feed action}``, in two queries whatever the history's length."""
    latest = (
        PageChange.objects.filter(page_id__in=page_ids)
        .values("page_id")
        .annotate(last=Max("pk"))
        .values("last")
    )
    return dict(PageChange.objects.filter(pk__in=latest).values_list("page_id", "action"))


def record(pages, *, edited):
    """Write the change-feed rows for pages whose anonymous view may have changed.

    ``edited``: the pages' content or address changed (publish, unpublish, move), so a page
    that stays readable is ``updated``; otherwise (a privacy change elsewhere) a page that
    stays as it was gets no row. Returns the rows written.
    """
    pages = list(pages)
    if not pages:
        return []
    states = Access.anonymous().page_states(pages)
    before = last_actions([page.pk for page in pages])
    now = timezone.now()
    rows = []
    for page in pages:
        was = before.get(page.pk)
        if was == PageChange.DELETED:
            continue  # the row is going in this transaction; ids are never reused
        if states[page.pk] == READ:
            action = PageChange.UPDATED if was in PageChange.VISIBLE else PageChange.PUBLISHED
            if was in PageChange.VISIBLE and not edited:
                continue
        else:
            action = PageChange.RESTRICTED if page.live else PageChange.UNPUBLISHED
            if was == action or (was is None and page.first_published_at is None):
                continue  # already out of the mirror, or never seen by anyone (a draft)
        rows.append(PageChange(page_id=page.pk, page_type=page_type(page), action=action, at=now))
    return PageChange.objects.bulk_create(rows)


def record_deleted(page):
    """A tombstone for a page that an app may hold (one that was ever published)."""
    if page.first_published_at is None:
        return
    if last_actions([page.pk]).get(page.pk) == PageChange.DELETED:
        return
    PageChange.objects.create(
        page_id=page.pk, page_type=page_type(page), action=PageChange.DELETED, at=timezone.now()
    )


def payload(event, page):
    """The JSON body every receiver gets, as the exact bytes that are signed and sent."""
    try:
        html_url = page.get_full_url()
    except Exception:  # a page whose site is gone still has an event worth sending
        logger.warning("No address for page %s in a %s webhook", page.pk, event, exc_info=True)
        html_url = None
    body = {
        "event": event,
        "id": page.pk,
        "type": page_type(page),
        "url": api_url(page.pk),
        "html_url": html_url,
        "at": iso(timezone.now()),
    }
    return json.dumps(body, separators=(",", ":"))


def notify(event, page):
    """Queue ``event`` for every active endpoint subscribed to it; send after commit."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(active=True) if event in e.events]
    if not endpoints:
        return []
    body = payload(event, page)
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event=event, page_id=page.pk, body=body)
        for endpoint in endpoints
    )
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: _enqueue(ids), robust=True)
    return deliveries


def _enqueue(ids):
    for pk in ids:
        deliver.enqueue(pk)
