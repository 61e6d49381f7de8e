"""The page cache's storage: answers kept by address, made unreachable by generations.

An answer is kept under a key built from its address and three generation tokens: the
whole site's, its bucket's (the API is one bucket) and its path's. A purge gives a path, a
bucket or the site a new token, so every answer kept under the old one (any query string,
any encoding) is unreachable at once, in every worker, and expires on its own later. No
list of keys is kept, so no two workers can lose each other's writes to one.

The tokens are read before the view runs and the answer is kept under those: a render
that started before a purge (and may show the old content) is kept where no one will
look. A token that is missing (evicted, or never made) is replaced by a new one, never
taken to be an old one. When the cache cannot be reached the page cache steps aside.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

ALIAS = "pages"
SITE = "gen:site"
API_BUCKET = "api"
API_PREFIX = "/api/"


def _cache():
    return caches[ALIAS]


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def bucket_of(path):
    return API_BUCKET if path.startswith(API_PREFIX) else "pages"


def _path_key(path):
    return "gen:path:" + hashlib.sha256(path.encode()).hexdigest()


def _bucket_key(bucket):
    return f"gen:bucket:{bucket}"


def _new_token():
    return uuid.uuid4().hex


def _generations(path):
    """The three tokens for ``path``, made where missing; None if the cache is down."""
    cache = _cache()
    keys = [SITE, _bucket_key(bucket_of(path)), _path_key(path)]
    found = cache.get_many(keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            cache.add(key, _new_token(), timeout=None)
            token = cache.get(key)  # another worker's, if it added first
            if token is None:
                return None
        tokens.append(token)
    return tokens


def key_for(request):
    """Where an answer to ``request`` is kept, or None when the cache cannot be used."""
    path = request.path
    tokens = _generations(path)
    if tokens is None:
        return None
    encoding = request.META.get("HTTP_ACCEPT_ENCODING", "")
    encodings = ",".join(sorted(e for e in ("br", "gzip") if e in encoding))
    address = "|".join(
        [*tokens, request.scheme, request.get_host(), request.get_full_path(), encodings]
    )
    return "answer:" + hashlib.sha256(address.encode()).hexdigest()


def get(key):
    kept = _cache().get(key)
    if kept is None:
        return None
    status, headers, content = kept
    response = HttpResponse(content, status=status, headers=headers)
    response.from_page_cache = True
    return response


def keep(key, response):
    headers = [(name, value) for name, value in response.items()]
    _cache().set(
        key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS
    )


def purge(paths=(), buckets=(), everything=False):
    """Make every kept answer for these paths (any query), buckets or the site unreachable."""
    keys = [_path_key(path) for path in paths]
    keys += [_bucket_key(bucket) for bucket in buckets]
    if everything:
        keys.append(SITE)
    if keys:
        _cache().set_many({key: _new_token() for key in keys}, timeout=None)
