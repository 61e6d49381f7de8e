"""The Wagtail 8 API v3 preview, with the project's own read endpoints as routers.

Wagtail's ``api`` object is a module-level singleton: routers must be added before its
``urls`` are first read, so ``cms.urls`` imports ``v3_api`` from here, never directly.
"""

from django.conf import settings
from django.db import DataError, IntegrityError
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.urls import api as v3_api

from cms.api.course import router as course_router
from cms.api.related import router as related_router
from cms.api.topics import router as topics_router

v3_api.add_router("/topics/", topics_router)
v3_api.add_router("/course/", course_router)
v3_api.add_router("/related/", related_router)

# Input the v3 preview does not check itself and that reaches the database or a model
# field: an out-of-range number (SQLite: "datatype mismatch") or a malformed ``site``
# such as ``?site=:``. These are the reader's mistakes, so they answer 400, not 500.
BAD_INPUT_ERRORS = (ValueError, OverflowError, DataError, IntegrityError)


@v3_api.exception_handler(Exception)
def bad_input_or_server_error(request, exc):
    if isinstance(exc, BAD_INPUT_ERRORS) and request.method in ("GET", "HEAD"):
        return problem_response(status=400, detail="A query parameter has an unusable value.")
    if settings.DEBUG:
        return problem_response(status=500, detail=str(exc))
    raise exc


__all__ = ["v3_api"]
