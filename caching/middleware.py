"""The page cache's two halves, on either side of the session, CSRF and auth middleware.

``ServeFromPageCacheMiddleware`` runs once the reader is known: for a read that
``core.cache_policy`` allows to be shared it looks the answer up and, on a hit, returns
it at once (the middleware outside it still add their headers and answer a conditional
GET with a 304). ``KeepInPageCacheMiddleware`` runs last on the way out, after
``core.middleware.PrivateWhenPersonalMiddleware`` has applied the same rule to the
finished answer (cookies included), and keeps what it marked shareable.
"""

from caching import store
from core import cache_policy


class ServeFromPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if store.enabled() and request.method == "GET" and cache_policy.is_shared_read(request):
            key = store.key_for(request)
            if key is not None:
                kept = store.get(key)
                if kept is not None:
                    return kept
                request.page_cache_key = key
        return self.get_response(request)


class KeepInPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "page_cache_key", None)
        if key is not None and getattr(response, "shareable", False):
            store.keep(key, response)
        return response
