"""A bearer token that names no one is refused, never read as anonymous.

Wagtail's v3 endpoints that anonymous callers may read fall back to anonymous when the
token does not resolve (``BearerTokenAuth`` then ``AllowAnonymous``). An app whose token was
revoked, mistyped or belongs to a deactivated user would then silently get less, and could
not tell why; a 401 says so. Only the Bearer scheme is judged: a site behind HTTP basic auth
(a staging server) forwards ``Authorization: Basic …``, which is not ours to refuse.
"""

from functools import wraps

from wagtail.api.v3.auth import BearerTokenAuth

from core.errors import json_error
from core.tokens import bearer_token

INVALID = "the bearer token is not valid: it is unknown, revoked, or its user is inactive"


def known_tokens_only(view):
    """A v3 "view" decorator: a Bearer token that resolves to no active user is a 401."""
    resolver = BearerTokenAuth()

    @wraps(view)
    def checked(request, *args, **kwargs):
        token = bearer_token(request)
        if token is not None and resolver.authenticate(request, token) is None:
            response = json_error(401, INVALID)
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response
        return view(request, *args, **kwargs)

    return checked
