"""What may be kept in a shared cache: the one rule for the page cache, proxies and CDNs.

A response may be shared (kept by the page cache, Varnish or a CDN, and served to the
next anonymous reader) only when all of these hold:

- the request is a plain read (GET or HEAD) of a surface whose answer is the same for
  every anonymous reader: not the admin, accounts or a member's own pages, not a preview,
  and not search (each search is counted for the editors' reports and promotions, so
  every one must reach the view);
- the reader sees only what anyone sees, as ``core.access`` decides (not signed in, no
  page or collection password entered in this session), sends no ``Authorization`` and
  has no message waiting to be shown;
- the answer is a 200 that sets no cookie (a form's CSRF token, a session), is not
  streamed, was not marked private or uncacheable by its view, and varies on nothing
  but the cookie, the authorisation and the encoding.

Everything else is personal, or at least not for sharing, and says so (``private``).
"""

from django.conf import settings
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe

from core.access import access_for

#: Surfaces that are never shared, whoever asks (the admin, sign-in and sign-up, a
#: member's own pages, Wagtail's password and login forms, documents, search).
NEVER_SHARED = ("/admin/", "/accounts/", "/my/", "/_util/", "/documents/", "/search/")
API_PREFIX = "/api/"
#: Varying on these is fine: anonymous readers send no session and no authorisation,
#: and the page cache keys on the encoding.
HARMLESS_VARY = {"cookie", "authorization", "accept-encoding"}
UNSHAREABLE_DIRECTIVES = ("private", "no-store", "no-cache")
#: The session key and cookie where django.contrib.messages keeps what is still to show.
MESSAGES_SESSION_KEY = "_messages"


def is_shared_read(request):
    """True when this request may be answered from a shared cache (and its answer kept)."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_dummy", False):
        return False
    if request.path_info.startswith(NEVER_SHARED):
        return False
    if "HTTP_AUTHORIZATION" in request.META or _has_messages(request):
        return False
    return access_for(request).sees_what_anyone_sees


def _has_messages(request):
    if getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in request.COOKIES:
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    session = getattr(request, "session", None)
    return session is not None and MESSAGES_SESSION_KEY in session


def is_shareable(request, response):
    """True when ``response`` to ``request`` is the same for every anonymous reader."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    if any(directive in control for directive in UNSHAREABLE_DIRECTIVES):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if not vary <= HARMLESS_VARY:
        return False
    return is_shared_read(request)


def _shared_seconds(request):
    """How long a shared cache may keep the answer.

    API answers are purged by prefix (``/api/*``), which Varnish and CloudFront take but
    Cloudflare's URL purge does not: they are kept no longer than browsers keep them.
    """
    if request.path_info.startswith(API_PREFIX):
        return min(settings.API_CACHE_SECONDS, settings.SHARED_CACHE_SECONDS)
    return settings.SHARED_CACHE_SECONDS


def mark(request, response):
    """Give ``response`` the cache headers the rule calls for; answer a conditional GET.

    Shareable answers get ``public`` with ``s-maxage`` (how long Varnish or a CDN may keep
    them: purges remove them sooner) and ``stale-while-revalidate``, while browsers keep
    them ``max-age`` (0 for pages: they revalidate with the ETag and get a 304). Personal
    answers get ``private``, and ``no-store`` unless their view chose (the API keeps
    ``no-cache`` so apps can revalidate). Returns the response to send.
    """
    if is_shareable(request, response):
        patch_cache_control(
            response,
            public=True,
            s_maxage=_shared_seconds(request),
            stale_while_revalidate=settings.STALE_WHILE_REVALIDATE_SECONDS,
        )
        if "max-age" not in response.get("Cache-Control", ""):
            patch_cache_control(response, max_age=settings.BROWSER_CACHE_SECONDS)
        if not response.has_header("ETag"):
            set_response_etag(response)
        response.shareable = True
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
    if response.status_code == 304:
        return response  # a 304 made inside (the API's) keeps the headers of its 200
    control = response.get("Cache-Control", "").lower()
    if "private" not in control:
        patch_cache_control(response, private=True)
        if not access_for(request).sees_what_anyone_sees:
            patch_cache_control(response, no_store=True)
    return response
