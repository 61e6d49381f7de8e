"""Local development: debug on, a fixed insecure key, plain static files."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, STORAGES

DEBUG = True
SECRET_KEY = SECRET_KEY or "django-insecure-dev-only-key-never-use-in-production-0123456789"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
