"""Settings come from the environment; production refuses unsafe configuration."""

import os
import subprocess
import sys
from pathlib import Path

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


def show(expression, settings_module="cms.settings.dev", **env):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = run(["-c", code], DJANGO_SETTINGS_MODULE=settings_module, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


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


def test_hosts_and_origins_are_read_from_the_environment():
    assert show("settings.ALLOWED_HOSTS", ALLOWED_HOSTS="a.example, b.example") == str(
        ["a.example", "b.example"]
    )
    assert show("settings.CSRF_TRUSTED_ORIGINS", CSRF_TRUSTED_ORIGINS="https://a.example") == str(
        ["https://a.example"]
    )


def test_database_defaults_to_sqlite_and_follows_database_url():
    assert show("settings.DATABASES['default']['ENGINE']", DATABASE_URL="") == (
        "django.db.backends.sqlite3"
    )
    assert (
        show("settings.DATABASES['default']['ENGINE']", DATABASE_URL="postgres://u@h:5432/d")
        == "django.db.backends.postgresql"
    )


def test_cache_is_local_memory_unless_redis_url_is_set():
    assert show("settings.CACHES['default']['BACKEND']", REDIS_URL="").endswith("LocMemCache")
    assert (
        show(
            "settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION']",
            REDIS_URL="redis://127.0.0.1:6379/3",
        )
        == "django.core.cache.backends.redis.RedisCache redis://127.0.0.1:6379/3"
    )


def test_admin_base_url_is_read_from_the_environment():
    assert (
        show("settings.WAGTAILADMIN_BASE_URL", WAGTAILADMIN_BASE_URL="https://cms.example")
        == "https://cms.example"
    )
