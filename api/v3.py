"""The project's API v3 (Wagtail 8's v3 preview, composed): ``/api/v3/``.

Wagtail's v3 preview is a single API object whose page reads decide privacy on their own.
This API is built from the same parts: Wagtail's routers for schema discovery, sites,
``whoami``, images, documents, snippets and redirects, Wagtail's page writes and actions,
and the project's page reads (``api.v3_pages``), topics, course outline and related posts,
all answering errors in the one shape (``api.errors``).

It keeps Wagtail's URL namespace (``wagtailapi_v3``), so Wagtail's schemas link to it.
"""

from functools import wraps

from csp.decorators import csp_update
from django.conf import settings
from django.http import Http404
from ninja import NinjaAPI
from ninja.parser import Parser
from wagtail.api.v3.routers.schema import router as schema_router
from wagtail.api.v3.routers.sites import router as sites_router
from wagtail.api.v3.routers.whoami import router as whoami_router
from wagtail.contrib.redirects.api.v3 import router as redirects_router
from wagtail.documents.api.v3.router import router as documents_router
from wagtail.images.api.v3.router import router as images_router
from wagtail.snippets.api.v3.router import router as snippets_router

from api.changes import router as changes_router
from api.course import router as course_router
from api.errors import register_v3_handlers
from api.params import whole_numbers_only
from api.related import router as related_router
from api.tokens import known_tokens_only
from api.topics import router as topics_router
from api.v3_pages import router as pages_router
from core.input import json_body


def _docs_when_enabled(view):
    """``WAGTAILAPI_DOCS_ENABLED = False`` hides the document and the interactive docs.

    The docs are django-ninja's Swagger UI, served from our static files (``ninja`` is an
    installed app) under the site's CSP; its stylesheet draws its arrows as data: images.
    """

    @csp_update({"img-src": ["data:"]})
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(settings, "WAGTAILAPI_DOCS_ENABLED", True):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


class BodyParser(Parser):
    """Request bodies are read by the site's one rule for JSON (``core.input``)."""

    def parse_body(self, request):
        return json_body(request.body)


v3_api = NinjaAPI(
    parser=BodyParser(),
    title="Family CRAFT API",
    version="3.0.0",
    description=(
        "Articles, topics, the CRAFT course and related posts. Anonymous callers read what "
        "anyone may; a bearer token (an API token) reads as its user."
    ),
    urls_namespace="wagtailapi_v3",
    docs_decorator=_docs_when_enabled,
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
register_v3_handlers(v3_api)
v3_api.add_decorator(whole_numbers_only, mode="view")
v3_api.add_decorator(known_tokens_only, mode="view")

v3_api.add_router("/pages/", pages_router)
v3_api.add_router("/schema/", schema_router)
v3_api.add_router("/sites/", sites_router)
v3_api.add_router("/images/", images_router)
v3_api.add_router("/documents/", documents_router)
v3_api.add_router("/snippets/", snippets_router)
v3_api.add_router("/redirects/", redirects_router)
v3_api.add_router("/topics/", topics_router)
v3_api.add_router("/course/", course_router)
v3_api.add_router("/related/", related_router)
v3_api.add_router("/changes/", changes_router)
v3_api.add_router("/", whoami_router)
