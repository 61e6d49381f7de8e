"""Settings come from the environment; production refuses unsafe configuration."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "x9!fj2k-production-secret-key-for-the-settings-test-0Aq7Zr5Lm3Np8"


def run(args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def load(monkeypatch, module="cms.settings.dev", **env):
    """Import a settings module afresh under the given environment, without Django set-up."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for name in ("cms.settings.base", module):
        sys.modules.pop(name, None)
    try:
        return importlib.import_module(module)
    finally:
        for name in ("cms.settings.base", module):
            sys.modules.pop(name, None)


def test_production_without_secret_key_fails_with_a_clear_message():
    result = run(["manage.py", "check"], DJANGO_SETTINGS_MODULE="cms.settings.production")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_check_deploy_is_clean_when_variables_are_set():
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="families.example.org",
        CSRF_TRUSTED_ORIGINS="https://families.example.org",
        WAGTAILADMIN_BASE_URL="https://families.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_hosts_and_origins_are_read_from_the_environment(monkeypatch):
    settings = load(
        monkeypatch,
        ALLOWED_HOSTS="a.example, b.example",
        CSRF_TRUSTED_ORIGINS="https://a.example",
    )

    assert settings.ALLOWED_HOSTS == ["a.example", "b.example"]
    assert settings.CSRF_TRUSTED_ORIGINS == ["https://a.example"]


def test_database_defaults_to_sqlite_and_follows_database_url(monkeypatch):
    sqlite = load(monkeypatch, DATABASE_URL="").DATABASES["default"]
    postgres = load(monkeypatch, DATABASE_URL="postgres://u@h:5432/d").DATABASES["default"]

    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    assert str(sqlite["NAME"]).endswith("db.sqlite3")
    assert postgres["ENGINE"] == "django.db.backends.postgresql"
    assert postgres["NAME"] == "d"


def test_cache_is_local_memory_unless_redis_url_is_set(monkeypatch):
    local = load(monkeypatch, REDIS_URL="").CACHES["default"]
    redis = load(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/3").CACHES["default"]

    assert local["BACKEND"].endswith("LocMemCache")
    assert redis["BACKEND"] == "django_redis.cache.RedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert redis["OPTIONS"]["IGNORE_EXCEPTIONS"], "an outage is a miss, not an error"


def test_admin_base_url_is_read_from_the_environment(monkeypatch):
    settings = load(monkeypatch, WAGTAILADMIN_BASE_URL="https://cms.example")

    assert settings.WAGTAILADMIN_BASE_URL == "https://cms.example"


def test_login_throttling_is_read_from_the_environment(monkeypatch):
    defaults = load(monkeypatch)
    tuned = load(
        monkeypatch, LOGIN_FAILURE_LIMIT="3", LOGIN_COOLOFF_MINUTES="60", TRUSTED_PROXY_COUNT="2"
    )

    assert (defaults.AXES_FAILURE_LIMIT, defaults.TRUSTED_PROXY_COUNT) == (5, 0)
    assert defaults.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert (tuned.AXES_FAILURE_LIMIT, tuned.TRUSTED_PROXY_COUNT) == (3, 2)
    assert tuned.AXES_COOLOFF_TIME.total_seconds() == 60 * 60
    assert defaults.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert defaults.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_superuser_two_factor_is_required_in_production_unless_turned_off(monkeypatch):
    def production(**env):
        return load(monkeypatch, "cms.settings.production", SECRET_KEY=GOOD_KEY, **env)

    assert production().REQUIRE_SUPERUSER_MFA is True
    assert production(REQUIRE_SUPERUSER_MFA="off").REQUIRE_SUPERUSER_MFA is False
    assert load(monkeypatch).REQUIRE_SUPERUSER_MFA is False
    assert load(monkeypatch, REQUIRE_SUPERUSER_MFA="on").REQUIRE_SUPERUSER_MFA is True


def test_email_goes_where_email_url_says(monkeypatch):
    smtp = load(
        monkeypatch,
        "cms.settings.production",
        SECRET_KEY=GOOD_KEY,
        EMAIL_URL="submission://mailer:s3cret@smtp.example.org:587",
        DEFAULT_FROM_EMAIL="Family CRAFT <hello@example.org>",
    )

    assert smtp.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert (smtp.EMAIL_HOST, smtp.EMAIL_PORT, smtp.EMAIL_USE_TLS) == ("smtp.example.org", 587, True)
    assert (smtp.EMAIL_HOST_USER, smtp.EMAIL_HOST_PASSWORD) == ("mailer", "s3cret")
    assert smtp.DEFAULT_FROM_EMAIL == "Family CRAFT <hello@example.org>"
    assert load(monkeypatch).EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
    with pytest.raises(ImproperlyConfigured, match=r"does not know: 'smtp\+tls'"):
        load(monkeypatch, EMAIL_URL="smtp+tls://mailer:s3cret@smtp.example.org:587")


def test_dev_has_an_insecure_default_key_but_honours_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert load(monkeypatch).SECRET_KEY.startswith("django-insecure")
    assert load(monkeypatch, SECRET_KEY="from-env").SECRET_KEY == "from-env"
