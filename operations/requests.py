"""A request id on every request, its response and every log line written while it runs.

Behind a proxy that already assigns one (``X-Request-ID``), that id is kept so one request can
be followed from the proxy's log into ours; otherwise a new one is made. A client-supplied id
is only trusted if it looks like an id: anything else could forge or garble log lines.
"""

import contextvars
import logging
import re
import time
import uuid

HEADER = "X-Request-ID"
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current = contextvars.ContextVar("request_id", default="")
access_log = logging.getLogger("cms.requests")


def current_request_id():
    """The id of the request being served in this context, or "" outside a request."""
    return _current.get()


def request_id_from(meta):
    given = meta.get("HTTP_X_REQUEST_ID", "")
    return given if _VALID.match(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Sets the request id first, so every later middleware's log lines carry it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_from(request.META)
        token = _current.set(request.id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request.id
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            _current.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record, so a formatter can always name it."""

    def filter(self, record):
        record.request_id = current_request_id()
        return True
