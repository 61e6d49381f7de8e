"""A real Varnish with the production VCL in front of a live Django: a publish purges it.

Varnish is Debian's package (``make varnish`` installs it; CI does). Without it the test
is skipped on a developer's machine and fails in CI. Select it with ``-m varnish``.
"""

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.factories import make_article, make_blog, make_home

pytestmark = [pytest.mark.varnish, pytest.mark.django_db(transaction=True)]

VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "default.vcl"
HOST = "localhost"  # the test site's hostname: Wagtail's purges name it


def varnishd():
    found = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if Path(found).exists():
        return found
    if os.environ.get("CI"):
        pytest.fail("CI needs Debian's varnish for this test (scripts/ensure_varnish.sh)")
    pytest.skip("varnishd is not installed: run `make varnish` (Debian's varnish package)")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def varnish(live_server, tmp_path):
    """Varnish on a free port, with the repository's VCL pointed at the live server."""
    binary = varnishd()
    backend_port = live_server.url.rsplit(":", 1)[1]
    vcl = tmp_path / "test.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000"', f'.port = "{backend_port}"'))
    port = free_port()
    workdir = tmp_path / "varnish"
    process = subprocess.Popen(
        [binary, "-F", "-j", "none", "-n", str(workdir), "-a", f"127.0.0.1:{port}", "-f", str(vcl)]
        + ["-s", "malloc,16m", "-p", "thread_pools=1", "-p", "thread_pool_min=5"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            if process.poll() is not None:
                pytest.fail(f"varnishd stopped: {process.stderr.read().decode()[-500:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(base, path, **headers):
    request = urllib.request.Request(base + path, headers={"Host": HOST, **headers})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - our own URL
        return response.headers, response.read().decode()


def test_a_publish_purges_the_page_from_varnish(varnish, settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": varnish,
        }
    }
    article = make_article("Before the change", parent=make_blog(make_home()))

    headers, body = fetch(varnish, article.url)
    assert headers["X-Cache"] == "miss"
    assert "public" in headers["Cache-Control"]
    headers, body = fetch(varnish, article.url)
    assert headers["X-Cache"] == "hit"
    assert "Before the change" in body
    fetch(varnish, "/articles/")

    # Signed-in readers (a session cookie) always reach Django.
    headers, _body = fetch(varnish, article.url, Cookie="sessionid=whoever")
    assert headers["X-Cache"] == "miss"

    article.title = "After the change"
    article.save_revision().publish()  # commits; the purge goes out on commit

    headers, body = fetch(varnish, article.url)
    assert headers["X-Cache"] == "miss"
    assert "After the change" in body
    headers, body = fetch(varnish, "/articles/")
    assert headers["X-Cache"] == "miss"
    assert "After the change" in body
    assert fetch(varnish, article.url)[0]["X-Cache"] == "hit"
