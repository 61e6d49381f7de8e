"""HTTP caching for API answers: Cache-Control, ETag and 304 for conditional GETs."""

from django.conf import settings
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe

from core.access import access_for

API_PREFIX = "/api/"


class APICacheMiddleware:
    """Give successful API GETs an ETag from their body and answer If-None-Match with 304.

    Answers that anyone would get may be cached publicly for a short time; answers that
    depend on who asks (signed in, a token, a password entered in the session: the access
    policy says which) stay private.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or request.method not in ("GET", "HEAD"):
            return response
        if response.status_code != 200 or response.streaming:
            return response
        if "no-store" in response.get("Cache-Control", ""):
            return response  # a view that says never store it (a draft preview) is obeyed
        personal = "HTTP_AUTHORIZATION" in request.META or not (
            access_for(request).sees_what_anyone_sees
        )
        if personal:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        patch_vary_headers(response, ("Cookie", "Authorization"))
        if not response.has_header("ETag"):
            set_response_etag(response)
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=last_modified,
            response=response,
        )
