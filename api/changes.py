"""The change feed: ``/api/v2/changes/?since=…`` and ``/api/v3/changes/?since=…``.

``{"meta": {"next_since": …, "has_more": …}, "items": [{"id", "type", "action", "at"}]}``,
oldest first. An app that applies the items in order (``published``/``updated``: fetch
the page; ``unpublished``/``deleted``/``restricted``: drop it) and asks again with
``since=<next_since>`` holds exactly what an anonymous reader may see: the rows are written
by ``webhooks.events`` from the access policy's answer for an anonymous reader. Both
versions answer the same JSON (``ChangeFeed``); errors have the one shape.
"""

from datetime import UTC, datetime, time
from typing import Literal

from django.http import JsonResponse
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET
from ninja import Query, Router, Schema
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth

from api.errors import ErrorSchema, ParameterError
from api.params import LIMIT_MAX, whole_number
from core.errors import json_error
from webhooks.events import iso
from webhooks.feed import changes_since

ALLOWED_PARAMETERS = {"since", "limit", "format"}
DEFAULT_LIMIT = MAX_LIMIT = LIMIT_MAX
SINCE_EXAMPLE = "2026-12-02T14:00:00Z"


class ChangeItem(Schema):
    """One change to what an anonymous reader may see of a page."""

    id: int
    type: str
    action: Literal["published", "updated", "unpublished", "deleted", "restricted"]
    at: str


class ChangeMeta(Schema):
    """Where the next poll starts (``since``), and whether more changes are waiting now."""

    next_since: str | None
    has_more: bool


class ChangeFeed(Schema):
    """Changes oldest first."""

    meta: ChangeMeta
    items: list[ChangeItem]


def parse_since(raw):
    """An aware datetime from ISO 8601 (a date alone is its midnight; no zone is UTC)."""
    if raw is None or raw == "":
        return None
    text = raw.strip()
    # An unencoded "+01:00" arrives as " 01:00".
    if len(text) > 19 and text[-6] == " " and text[-5:-3].isdigit():
        text = f"{text[:-6]}+{text[-5:]}"
    try:
        moment = parse_datetime(text)
        if moment is None and parse_date(text) is not None:
            moment = datetime.combine(parse_date(text), time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise ParameterError("since", f"must be an ISO 8601 date and time, e.g. {SINCE_EXAMPLE}")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def change_feed(request):
    """The answer for both versions, as plain JSON data."""
    unknown = sorted(set(request.GET) - ALLOWED_PARAMETERS)
    if unknown:
        raise ParameterError(unknown[0], "is not a parameter of this endpoint (since, limit)")
    if request.GET.get("format", "json") != "json":
        raise ParameterError("format", "must be json")
    since = parse_since(request.GET.get("since"))
    limit = whole_number(
        request.GET.get("limit"), "limit", default=DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT
    )
    rows, has_more = changes_since(since, limit)
    items = [
        {"id": page_id, "type": page_type, "action": action, "at": iso(at)}
        for page_id, page_type, action, at in rows
    ]
    next_since = items[-1]["at"] if items else (iso(since) if since else None)
    return {"meta": {"next_since": next_since, "has_more": has_more}, "items": items}


@require_GET
def changes_v2(request):
    try:
        return JsonResponse(change_feed(request))
    except ParameterError as error:
        return json_error(400, str(error), error.parameter)


router = Router(tags=["changes"])


@router.get(
    "/",
    response={200: ChangeFeed, 400: ErrorSchema},
    url_name="changes",
    summary="What changed for anonymous readers since a moment",
    operation_id="changes_list",
    auth=[BearerTokenAuth(), AllowAnonymous()],
)
def changes_v3(
    request,
    since: str | None = Query(None, description=f"ISO 8601, e.g. {SINCE_EXAMPLE}"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items."),
):
    """Oldest first; ask again with ``since=meta.next_since`` until ``has_more`` is false."""
    return change_feed(request)
