"""Production: refuses to start without a secret key; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REQUIRE_SUPERUSER_MFA_ENV, SECRET_KEY, TASKS_BACKEND, task_settings

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production needs a long random secret in the SECRET_KEY "
        "environment variable, for example the output of: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
REQUIRE_SUPERUSER_MFA = REQUIRE_SUPERUSER_MFA_ENV is not False
# Publishing returns when its own transaction commits; the follow-up work (related posts,
# search index, webhooks, email) waits in the database for `manage.py run_worker`.
TASKS = task_settings(TASKS_BACKEND or "database")
