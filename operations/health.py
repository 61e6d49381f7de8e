"""/health/: is this server fit to take traffic? Cheap, JSON, no session, no template.

Load balancers poll it every few seconds, so each check is one small round trip with a short
timeout. Only the database is essential: without it nothing can be served, so its failure
answers 503 and the balancer takes the server out. A cache outage or a stalled worker
degrades the service (pages are slower; follow-up work waits) but the server still serves,
so those report "degraded" with 200 unless ``HEALTH_REQUIRED`` names them (for a monitor
that should page someone).
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from core.sites import reads_no_site
from operations import queue


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_cache():
    """A write and a read back: django-redis ignores outages, so a miss is how one shows."""
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise ConnectionError("the cache did not return what was just written")
    cache.delete(key)
    return {}


def check_queue():
    status = queue.status()
    if not status.healthy:
        raise RuntimeError(status.problem)
    return status.as_dict()


CHECKS = {"database": check_database, "cache": check_cache, "queue": check_queue}


def run_checks():
    """Each check's result: ``{"ok": bool, "ms": float, ...}``, plus "error" when it failed."""
    results = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = {"ok": True, **check()}
        except Exception as error:  # noqa: BLE001 - any failure is the answer, not a crash
            result = {"ok": False, "error": str(error) or error.__class__.__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        results[name] = result
    return results


@reads_no_site
@never_cache
def health(request):
    results = run_checks()
    required = {"database", *getattr(settings, "HEALTH_REQUIRED", ())}
    failed = [name for name, result in results.items() if not result["ok"]]
    if any(name in required for name in failed):
        status = "down"
    elif failed:
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "checks": results}, status=503 if status == "down" else 200
    )
