"""Which Wagtail search backend to use, from one ``SEARCH_URL`` environment variable.

Kept apart from the settings module so a test can call it with any URL.

- empty or ``database://``: Wagtail's database backend (PostgreSQL full-text search on
  PostgreSQL, FTS5 on SQLite). The default: nothing else to run.
- ``opensearch://host:9200/index`` (``opensearchs://`` for TLS): OpenSearch 3;
  ``opensearch2://`` for OpenSearch 2.
- ``elasticsearch://host:9200/index`` (``elasticsearchs://`` for TLS, or a plain
  ``https://`` / ``http://`` URL): Elasticsearch 8; ``elasticsearch7://`` and
  ``elasticsearch9://`` pick those versions.

The path, when present, names the index (default ``cms``); a user and password in the URL
are passed to the cluster.
"""

from urllib.parse import urlsplit, urlunsplit

DATABASE = "wagtail.search.backends.database"
_ENGINES = {
    "opensearch": ("wagtail.search.backends.opensearch3", "http"),
    "opensearchs": ("wagtail.search.backends.opensearch3", "https"),
    "opensearch2": ("wagtail.search.backends.opensearch2", "http"),
    "opensearch3": ("wagtail.search.backends.opensearch3", "http"),
    "elasticsearch": ("wagtail.search.backends.elasticsearch8", "http"),
    "elasticsearchs": ("wagtail.search.backends.elasticsearch8", "https"),
    "elasticsearch7": ("wagtail.search.backends.elasticsearch7", "http"),
    "elasticsearch8": ("wagtail.search.backends.elasticsearch8", "http"),
    "elasticsearch9": ("wagtail.search.backends.elasticsearch9", "http"),
    "http": ("wagtail.search.backends.elasticsearch8", "http"),
    "https": ("wagtail.search.backends.elasticsearch8", "https"),
}
DEFAULT_INDEX = "cms"


def search_backends(url=""):
    """The ``WAGTAILSEARCH_BACKENDS`` setting for a ``SEARCH_URL`` value."""
    url = (url or "").strip()
    if not url or url.lower().startswith("database:"):
        return {"default": {"BACKEND": DATABASE}}
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _ENGINES:
        known = ", ".join(sorted(_ENGINES))
        raise ValueError(f"SEARCH_URL scheme {scheme!r} is not one of: database, {known}.")
    if not parts.hostname:
        raise ValueError("SEARCH_URL must name a host, e.g. opensearch://localhost:9200.")
    backend, transport = _ENGINES[scheme]
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    config = {
        "BACKEND": backend,
        "URLS": [urlunsplit((transport, host, "", "", ""))],
        "INDEX": parts.path.strip("/") or DEFAULT_INDEX,
        "TIMEOUT": 10,
        "AUTO_UPDATE": True,
    }
    if parts.username:
        config["OPTIONS"] = {"http_auth": (parts.username, parts.password or "")}
    return {"default": config}
