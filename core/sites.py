"""The site's address: its name, the Site row built from it, and absolute URLs for apps.

``WAGTAILADMIN_BASE_URL`` is the site's public address. ``configure_site`` points the
default Site at it (demo content and ``manage.py configure_site`` in production), so every
``html_url`` and page link Wagtail builds names an address where something answers.
``absolute_url`` and ``absolute_links`` make media, document and rich-text links absolute
for the APIs, whose readers live on other origins.

Wagtail keeps the Sites' root paths in the default cache for an hour and forgets them when
a Site is saved. With Redis that cache is shared by every worker; with the default local
memory cache it is not, so ``read_sites`` (run on every request by
``core.middleware.SitesMiddleware``) compares the Site rows with the ones this process
last saw, and drops Wagtail's copy when another worker changed them; the same query
finds the request's Site.
A view that builds no page address (the health check, which must answer even when the
database does not) is marked ``@reads_no_site`` and skipped.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from django.http.request import split_domain_port
from wagtail.models import Site

#: ``href="/…"`` and ``src="/…"`` in HTML (not ``//host`` addresses, which are absolute).
_RELATIVE_LINK = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*")')
#: ``](/…)`` in Markdown.
_RELATIVE_MARKDOWN_LINK = re.compile(r"(\]\()(/(?!/)[^)]*\))")


def site_name(request):
    """The name of the site serving ``request`` (or the default), else WAGTAIL_SITE_NAME."""
    current = Site.find_for_request(request) if request is not None else None
    if current is None:
        current = Site.objects.filter(is_default_site=True).first()
    return (current.site_name if current else "") or settings.WAGTAIL_SITE_NAME


def host_and_port(base_url):
    """``(hostname, port)`` of an ``http(s)://host[:port]`` address, as a Site stores them.

    Wagtail builds a Site's root URL as ``https://host`` for port 443, ``http://host`` for
    80 and ``http://host:port`` otherwise, so HTTPS must be on 443.
    """
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"WAGTAILADMIN_BASE_URL must be http(s)://host, not {base_url!r}"
        )
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured("Wagtail serves https:// sites on port 443 only")
    return parts.hostname, port


def configure_site(root_page=None, base_url=None):
    """The default Site, at ``base_url`` (``WAGTAILADMIN_BASE_URL``), created if missing.

    Saving a Site clears Wagtail's cached root paths, so links follow at once.
    """
    hostname, port = host_and_port(base_url or settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        if root_page is None:
            raise ImproperlyConfigured("There is no default Site and no root page to give it")
        return Site.objects.create(
            hostname=hostname, port=port, root_page=root_page, is_default_site=True
        )
    changed = (site.hostname, site.port) != (hostname, port)
    if root_page is not None and site.root_page_id != root_page.pk:
        site.root_page = root_page
        changed = True
    if changed:
        site.hostname, site.port = hostname, port
        site.save()
    return site


def public_base_url():
    """Where the site's media and pages answer: ``WAGTAILADMIN_BASE_URL``, no trailing slash.

    The same base Wagtail gives a rendition's ``full_url``.
    """
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(url):
    """``url`` with the site's address in front when it is a path (``/media/…``)."""
    if url and url.startswith("/") and not url.startswith("//"):
        return public_base_url() + url
    return url


def absolute_links(text, markdown=False):
    """Rich text (front-end HTML, or Markdown) with every site-relative link made absolute."""
    if not text:
        return text
    pattern = _RELATIVE_MARKDOWN_LINK if markdown else _RELATIVE_LINK
    base = public_base_url()
    return pattern.sub(lambda match: match.group(1) + base + match.group(2), text)


# Site changes in other workers, and the request's Site

#: The Site rows as this process last read them, and the Site Wagtail found for each host
#: and port since then (by id): only compared and looked up, never served.
_seen = {"sites": None, "hosts": {}}
#: Hosts remembered at most: past this, the memory starts again.
MAX_HOSTS = 1000


def _process_local_cache():
    return isinstance(caches["default"], LocMemCache)


def read_sites(request):
    """Read the Sites once for this request: notice other workers' changes, find its own.

    Wagtail keeps the Sites' root paths in the default cache; when that cache is this
    process's memory, a Site another worker saved is noticed here, by comparing the rows
    with the ones this process last saw, and Wagtail's copy is dropped. The same query
    (with the root pages) gives the request its Site: which Site answers a host and port is
    Wagtail's rule (``Site.find_for_request``), asked once per host while the Sites stay as
    they are, so a page costs one query for its Site rather than two.
    """
    sites = {site.pk: site for site in Site.objects.select_related("root_page").order_by("pk")}
    current = tuple(
        (site.pk, site.hostname, site.port, site.root_page_id, site.is_default_site)
        for site in sites.values()
    )
    if current != _seen["sites"]:
        if _process_local_cache():
            Site.clear_site_root_paths_cache()
        _seen["hosts"] = {}
        _seen["sites"] = current
    # This reading's own memory: another thread that saw newer rows may replace it meanwhile.
    hosts = _seen["hosts"]
    host = (split_domain_port(request._get_raw_host())[0], request.get_port())
    if host in hosts:
        request._wagtail_site = sites.get(hosts[host])
        return
    found = Site.find_for_request(request)
    if len(hosts) >= MAX_HOSTS:  # wildcard ALLOWED_HOSTS: any Host header may arrive
        hosts.clear()
    hosts[host] = found.pk if found else None


def reads_no_site(view):
    """Mark a view that builds no page address: ``SitesMiddleware`` skips its check."""
    view.reads_no_site = True
    return view
