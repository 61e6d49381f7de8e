"""Operations: /health/, request ids, JSON logs, safe compression and proxy settings."""

import gzip
import json
import logging
import os
import socket
import subprocess
import sys
from logging.config import DictConfigurator

import brotli
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings
from django.utils.module_loading import import_string

from cms.media_storage import media_storage
from cms.settings.base import cache_settings
from operations.logging import logging_config
from operations.proxy import proxy_ssl_header
from tests.factories import make_article, make_blog

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def article(home):
    words = " ".join(["Families can learn to respond in ways that lower conflict."] * 20)
    return make_article(parent=make_blog(home), title="Staying calm", body=words)


# /health/


def test_health_reports_every_check_as_json_without_a_session(
    client, db, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "queue"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["queue"]["backend"]


def test_health_answers_503_when_the_database_is_unreachable(client, db, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(BaseDatabaseWrapper, "cursor", refuse)
        response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "connection refused",
        "ms": body["checks"]["database"]["ms"],
    }


def test_a_cache_outage_is_degraded_unless_the_cache_is_required(client, db):
    with override_settings(CACHES=cache_settings(f"redis://127.0.0.1:{_closed_port()}/0")):
        degraded = client.get("/health/")
        with override_settings(HEALTH_REQUIRED=["cache"]):
            required = client.get("/health/")

    assert degraded.status_code == 200
    assert degraded.json()["status"] == "degraded"
    assert degraded.json()["checks"]["cache"]["ok"] is False
    assert degraded.json()["checks"]["database"]["ok"] is True
    assert required.status_code == 503


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_REDIRECT_EXEMPT=[r"^health/$"])
def test_a_plain_http_probe_of_health_is_not_redirected(client, home):
    assert client.get("/health/").status_code == 200
    assert client.get("/").status_code == 301


# Request ids and logs


def test_every_response_carries_a_request_id_and_keeps_a_proxys(client, home):
    made = client.get("/")["X-Request-ID"]
    kept = client.get("/", HTTP_X_REQUEST_ID="proxy-abc-12345")["X-Request-ID"]
    forged = client.get("/", HTTP_X_REQUEST_ID="x\nFAKE log line")["X-Request-ID"]

    assert len(made) == 32
    assert kept == "proxy-abc-12345"
    assert forged != "x\nFAKE log line"
    assert "\n" not in forged


def test_log_lines_written_during_a_request_carry_its_id(client, home, caplog):
    with caplog.at_level(logging.INFO, logger="cms.requests"):
        response = client.get("/", HTTP_X_REQUEST_ID="trace-0001-abcd")

    [record] = [r for r in caplog.records if r.name == "cms.requests"]
    assert record.status == 200
    assert record.path == "/"
    assert response["X-Request-ID"] == "trace-0001-abcd"
    assert record.duration_ms >= 0


def test_json_log_lines_are_one_object_each_with_the_request_id():
    config = logging_config("json", "INFO")
    formatter = DictConfigurator(config).configure_formatter(dict(config["formatters"]["default"]))
    record = logging.LogRecord(
        "cms.test", logging.WARNING, __file__, 1, "Cache %s", ("down",), None
    )
    record.request_id = "abc123def456"

    line = json.loads(formatter.format(record))

    assert line["message"] == "Cache down"
    assert line["level"] == "WARNING"
    assert line["logger"] == "cms.test"
    assert line["request_id"] == "abc123def456"
    assert "time" in line


# Compression


def test_anonymous_pages_are_compressed_with_brotli_or_gzip(client, article):
    plain = client.get(article.url)
    br = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    gz = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip")

    assert "Content-Encoding" not in plain
    assert br["Content-Encoding"] == "br"
    assert brotli.decompress(br.content) == plain.content
    assert gz["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.content) == plain.content
    assert "Accept-Encoding" in br["Vary"]


def test_api_json_is_compressed_too(client, article):
    response = client.get("/api/v2/pages/", HTTP_ACCEPT_ENCODING="br")

    assert response["Content-Encoding"] == "br"
    assert json.loads(brotli.decompress(response.content))["meta"]["total_count"] >= 1


def test_responses_that_hold_a_secret_are_never_compressed(client, article, member):
    login_page = client.get("/accounts/login/", HTTP_ACCEPT_ENCODING="br, gzip")
    assert "csrfmiddlewaretoken" in login_page.content.decode()
    assert "Content-Encoding" not in login_page

    client.force_login(member)
    signed_in = client.get(article.url, HTTP_ACCEPT_ENCODING="br, gzip")
    assert signed_in.status_code == 200
    assert "Content-Encoding" not in signed_in


# Proxy settings


def test_the_proxy_header_is_read_from_the_environment():
    assert proxy_ssl_header(None) == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_ssl_header("X-Forwarded-Ssl: on") == ("HTTP_X_FORWARDED_SSL", "on")
    assert proxy_ssl_header("none") is None
    with pytest.raises(ImproperlyConfigured, match="must look like"):
        proxy_ssl_header("X-Forwarded-Proto")


def _production(**env):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.USE_X_FORWARDED_HOST)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": "a-secret-for-this-test-only-0123456789-abcdefghijklmnop",
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_production_takes_its_https_settings_from_the_environment():
    assert _production() == "True ('HTTP_X_FORWARDED_PROTO', 'https') False"
    assert (
        _production(
            SECURE_SSL_REDIRECT="false",
            SECURE_PROXY_SSL_HEADER="none",
            USE_X_FORWARDED_HOST="true",
        )
        == "False None True"
    )


# Media storage


def test_media_stay_on_disk_unless_a_bucket_is_named():
    assert media_storage({}) == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_a_bucket_moves_media_to_s3_compatible_storage():
    storage = media_storage(
        {
            "MEDIA_BUCKET": "family-craft",
            "MEDIA_BUCKET_ENDPOINT": "https://s3.eu-central-003.backblazeb2.com",
            "MEDIA_CDN_DOMAIN": "media.families.example.org",
        }
    )

    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "family-craft"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.eu-central-003.backblazeb2.com"
    assert storage["OPTIONS"]["custom_domain"] == "media.families.example.org"
    assert storage["OPTIONS"]["location"] == "media"
    backend = import_string(storage["BACKEND"])(**storage["OPTIONS"])
    assert backend.url("images/a.jpg") == "https://media.families.example.org/media/images/a.jpg"
