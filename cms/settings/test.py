"""Tests: fast hashing, plain static files, no outside services unless DATABASE_URL says so."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES, cache_settings

DEBUG = False
SECRET_KEY = "test-only-secret-key-that-is-long-enough-for-django-checks-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The page cache is off unless a test turns it on (tests/test_page_cache.py): many tests
# change content behind Wagtail's back and read it again. Its files go to a directory of
# this run's own, and never to a Redis that parallel runs might share.
PAGE_CACHE_SECONDS = 0
PAGE_CACHE_DIR = Path(tempfile.mkdtemp(prefix="cms-page-cache-"))
CACHES = cache_settings("", PAGE_CACHE_DIR)
WAGTAILFRONTENDCACHE = {}
