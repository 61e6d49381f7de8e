"""Brotli or gzip for HTML, JSON and feeds, but never for a response that holds a secret.

Compressing a response that carries a secret (a CSRF token, a session's personal page) next to
text an attacker can inject lets the attacker guess the secret from the compressed size
(BREACH). So only responses that are the same for everyone are compressed: no signed-in
reader, no cookie being set, no CSRF token rendered, nothing marked private. Those are also
the responses caches hold, which is where the bytes matter. Static files are precompressed by
WhiteNoise and never reach this middleware.
"""

import brotli
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

COMPRESSIBLE = ("text/html", "application/json", "application/xml", "application/rss+xml")
MIN_LENGTH = 200
BROTLI_QUALITY = 5
_accepts_br = _lazy_re_compile(r"\bbr\b")


def holds_no_secret(request, response):
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "")
    return not (
        (user is not None and user.is_authenticated)
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or "private" in cache_control
        or "no-store" in cache_control
    )


def compressible(request, response):
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return (
        content_type in COMPRESSIBLE
        and not response.streaming
        and not response.has_header("Content-Encoding")
        and len(response.content) >= MIN_LENGTH
        and holds_no_secret(request, response)
    )


class CompressionMiddleware(GZipMiddleware):
    """Brotli when the client accepts it, otherwise Django's gzip (which pads against BREACH)."""

    def process_response(self, request, response):
        if not compressible(request, response):
            return response
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if not _accepts_br.search(accepted):
            return super().process_response(request, response)
        compressed = brotli.compress(response.content, quality=BROTLI_QUALITY)
        patch_vary_headers(response, ("Accept-Encoding",))
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response["ETag"] = "W/" + etag
        response["Content-Encoding"] = "br"
        return response
