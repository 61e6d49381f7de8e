"""Production: refuses to start without a secret key; HTTPS everywhere."""

import os

from django.core.exceptions import ImproperlyConfigured

from operations.logging import logging_config
from operations.proxy import proxy_ssl_header

from .base import *  # noqa: F403
from .base import REQUIRE_SUPERUSER_MFA_ENV, SECRET_KEY, env_flag

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production needs a long random secret in the SECRET_KEY "
        "environment variable, for example the output of: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

DEBUG = False
# Behind a reverse proxy that terminates TLS: the header it sets to say the request came in
# over HTTPS ("X-Forwarded-Proto: https" unless SECURE_PROXY_SSL_HEADER says otherwise, or
# "none" when there is no proxy). A proxy that redirects to HTTPS itself can turn Django's
# redirect off with SECURE_SSL_REDIRECT=false. /health/ is never redirected, so a balancer's
# plain-HTTP probe gets its answer.
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(os.environ.get("SECURE_PROXY_SSL_HEADER"))
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT") is not False
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
USE_X_FORWARDED_HOST = env_flag("USE_X_FORWARDED_HOST") is True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
REQUIRE_SUPERUSER_MFA = REQUIRE_SUPERUSER_MFA_ENV is not False

# One JSON object per log line, with the request id, unless LOG_FORMAT=text.
LOGGING = logging_config(os.environ.get("LOG_FORMAT", "json"), os.environ.get("LOG_LEVEL", "INFO"))
