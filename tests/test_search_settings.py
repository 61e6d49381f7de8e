"""SEARCH_URL picks the search backend; the default is the database backend."""

import pytest
from django.conf import settings

from cms.search_backends import DATABASE, search_backends


def test_default_is_the_database_backend():
    assert search_backends("") == {"default": {"BACKEND": DATABASE}}
    assert search_backends("database://") == {"default": {"BACKEND": DATABASE}}
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == DATABASE


def test_opensearch_url():
    config = search_backends("opensearch://search.internal:9200/craft")["default"]

    assert config["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert config["URLS"] == ["http://search.internal:9200"]
    assert config["INDEX"] == "craft"
    assert "OPTIONS" not in config


def test_opensearch_over_tls_with_credentials_and_default_index():
    config = search_backends("opensearchs://app:s3cret@search.example.org")["default"]

    assert config["URLS"] == ["https://search.example.org"]
    assert config["INDEX"] == "cms"
    assert config["OPTIONS"] == {"http_auth": ("app", "s3cret")}


@pytest.mark.parametrize(
    ("url", "backend", "endpoint"),
    [
        ("elasticsearch://es:9200", "elasticsearch8", "http://es:9200"),
        ("elasticsearch7://es:9200", "elasticsearch7", "http://es:9200"),
        ("elasticsearch9://es:9200", "elasticsearch9", "http://es:9200"),
        ("https://es.example.org:9243/site", "elasticsearch8", "https://es.example.org:9243"),
        ("opensearch2://os:9200", "opensearch2", "http://os:9200"),
    ],
)
def test_elasticsearch_and_other_versions(url, backend, endpoint):
    config = search_backends(url)["default"]

    assert config["BACKEND"] == f"wagtail.search.backends.{backend}"
    assert config["URLS"] == [endpoint]


@pytest.mark.parametrize("url", ["solr://search:8983", "opensearch://"])
def test_bad_urls_say_what_is_wrong(url):
    with pytest.raises(ValueError, match="SEARCH_URL"):
        search_backends(url)


def test_search_url_environment_variable_reaches_the_settings():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    env["SEARCH_URL"] = "opensearch://localhost:9200"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "wagtail.search.backends.opensearch3"
