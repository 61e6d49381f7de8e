"""Settings shared by every environment.

Every environment variable the project reads is read here, in one place, and documented
in the README. The dev, test and production modules only override.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

from cms.media_storage import media_storage
from cms.search_backends import search_backends
from operations.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def origin_of(url):
    """``[scheme://host[:port]]`` of an address, or ``[]`` for none (for CSP sources)."""
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


def env_flag(name):
    """A yes/no environment variable: True, False, or None when it is not set."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return None
    return value in ("1", "true", "yes", "on")


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
REDIS_URL = os.environ.get("REDIS_URL", "")
SEARCH_URL = os.environ.get("SEARCH_URL", "")
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_COOLOFF_MINUTES = int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15"))
# How many reverse proxies of ours stand in front of the app (0: clients reach it directly).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# A headless front end's preview address; empty: Wagtail's own preview (core.preview).
HEADLESS_PREVIEW_URL = os.environ.get("HEADLESS_PREVIEW_URL", "").strip()
HEADLESS_PREVIEW_MAX_AGE = int(os.environ.get("HEADLESS_PREVIEW_MAX_AGE", "1800"))

INSTALLED_APPS = [
    "core",
    "topics",
    "home",
    "articles",
    "craft_course",
    "review",
    "membership",
    "questions",
    "pages",
    "wordpress",
    "operations",
    "search",
    "security",
    "accounts",
    "caching",
    "webhooks",
    "wagtail_headless_preview",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "corsheaders",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "jobs",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "ninja",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "operations.requests.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "operations.compression.CompressionMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The page cache keeps what the next one marked shareable; both sit outside the
    # session, CSRF and message middleware so they see every cookie an answer sets.
    "caching.middleware.KeepInPageCacheMiddleware",
    "core.middleware.PrivateWhenPersonalMiddleware",
    # After static files (they need no Site), before anything that builds a page URL.
    "core.middleware.SitesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.ControlCharactersMiddleware",
    # Answers from the page cache, once the reader is known (core.cache_policy decides).
    "caching.middleware.ServeFromPageCacheMiddleware",
    "membership.middleware.MembershipExpiryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SuperuserMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "api.http.APICacheMiddleware",
    # Last, so its lock-out answer replaces the view's and passes through all the others.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy. The site's pages run only the site's own scripts and styles:
# no inline script, handler or style attribute, no eval; frames only from the video hosts
# core.blocks.video_embed_url produces; nobody may frame the site.
VIDEO_FRAME_HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": VIDEO_FRAME_HOSTS,
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin (every URL under it, and the previews it renders in its preview panel)
# gets what Wagtail 8 needs and no more, found by reading its templates and trying it: its
# panels write inline <script> (InlinePanel, choosers) and inline styles; its uploader shows
# blob: thumbnails and its jQuery UI menus a data: image; it frames its own preview, whose
# pages frame the videos. core.middleware.ContentSecurityPolicyMiddleware picks it.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'", *VIDEO_FRAME_HOSTS, *origin_of(HEADLESS_PREVIEW_URL)],
        "frame-ancestors": ["'self'"],
    }
}
# Permissions-Policy: no page asks for the camera, the microphone, the reader's place,
# payments, devices or interest tracking; the video players may go full screen.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": ["self", *VIDEO_FRAME_HOSTS],
    "fullscreen": ["self", *VIDEO_FRAME_HOSTS],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self", *VIDEO_FRAME_HOSTS],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_settings(redis_url, page_cache_dir=None):
    """The caches: Redis at ``redis_url`` if set, else this process's memory.

    ``pages`` is the page cache (``caching``): in the same Redis under its own prefix, or
    without Redis in files under ``page_cache_dir``, which every worker on the machine
    shares; never in one process's memory, which a purge in another worker cannot reach.

    A Redis outage must degrade the site, not take it down: errors are treated as misses
    (django-redis's IGNORE_EXCEPTIONS), connections give up quickly, and the failure is
    logged once a minute (``core.logging.OncePerInterval``), not once per request.
    Sessions live in the database, so nobody is signed out by an outage.
    """
    page_cache_dir = page_cache_dir or PAGE_CACHE_DIR
    if not redis_url:
        return {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(page_cache_dir),
                "OPTIONS": {"MAX_ENTRIES": 20_000},
            },
        }
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_url,
        "KEY_PREFIX": "cms",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
    return {"default": redis, "pages": {**redis, "KEY_PREFIX": "cms-pages"}}


# The page cache (the caching app): how long a kept answer lives (0: no page cache), and
# where its files go without Redis. Purges remove answers sooner; the limit only bounds
# what a purge lost to a Redis outage could leave behind.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_DIR = Path(os.environ.get("PAGE_CACHE_DIR", BASE_DIR / "var" / "page-cache"))
CACHES = cache_settings(REDIS_URL)
# HTTP caching (core.cache_policy): Varnish and CDNs keep shareable answers for
# SHARED_CACHE_SECONDS (purged sooner on change) and may serve them stale for
# STALE_WHILE_REVALIDATE_SECONDS while they fetch a fresh one; browsers keep pages
# BROWSER_CACHE_SECONDS, then revalidate with the ETag (API_CACHE_SECONDS for the API).
SHARED_CACHE_SECONDS = int(os.environ.get("SHARED_CACHE_SECONDS", "600"))
STALE_WHILE_REVALIDATE_SECONDS = int(os.environ.get("STALE_WHILE_REVALIDATE_SECONDS", "30"))
BROWSER_CACHE_SECONDS = int(os.environ.get("BROWSER_CACHE_SECONDS", "0"))


def frontend_cache_settings(environ):
    """Wagtail's frontend cache backends from the environment (none when nothing is set).

    ``FRONTEND_CACHE_URL``: a cache that takes HTTP ``PURGE`` (Varnish with
    deploy/varnish/default.vcl, or any proxy that does the same);
    ``FRONTEND_CACHE_CLOUDFLARE_ZONE_ID`` with ``FRONTEND_CACHE_CLOUDFLARE_TOKEN`` (an API
    token allowed to purge); ``FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID`` (AWS credentials
    from the usual AWS variables). Several may be set; each is purged.
    """
    backends = {}
    if environ.get("FRONTEND_CACHE_URL"):
        backends["http"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ["FRONTEND_CACHE_URL"],
        }
    if environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": environ["FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"],
            "BEARER_TOKEN": environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
        }
    if environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
        }
    return backends


WAGTAILFRONTENDCACHE = frontend_cache_settings(os.environ)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "cms.cache"
SESSION_ENGINE = "django.contrib.sessions.backends.db"

TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def task_settings(kind):
    """``TASKS`` for ``TASKS_BACKEND``: ``immediate`` runs tasks inside the request (dev,
    tests); ``database`` queues them in the database for ``manage.py run_worker``."""
    if kind not in TASK_BACKENDS:
        raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}")
    return {"default": {"BACKEND": TASK_BACKENDS[kind]}}


TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "").strip().lower()
TASKS = task_settings(TASKS_BACKEND or "immediate")
#: Seconds between the worker's heartbeats; /health/ calls a worker older than 3x stale.
WORKER_HEARTBEAT_SECONDS = int(os.environ.get("WORKER_HEARTBEAT_SECONDS", "30"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes): every sign-in form and Wagtail's password forms
# (security/password_forms.py) count failures. LOGIN_FAILURE_LIMIT failures for one account
# (or one password form), or from one address, lock it for LOGIN_COOLOFF_MINUTES after the
# last try; each try while locked, right or wrong, starts the wait again. Success does not
# reset the count: an attacker's own account, signed in from the same address, would
# otherwise wipe the failures recorded against someone else's there.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Permissions in one query (it signs nobody in), for the backend below to answer from.
    "accounts.backends.PermissionsInOneQuery",
    # Django's ModelBackend, taught to take an email address as well as a username.
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "security.client_ip.client_ip"
# Axes would otherwise keep every successful sign-in's address and browser for ever.
AXES_DISABLE_ACCESS_LOG = True
# A sign-in by email address counts against the account it names, like one by username.
AXES_USERNAME_CALLABLE = "security.login_name.login_name"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Editors sign in to the admin through the same form, so its throttling and 2FA apply there.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"

# Accounts (django-allauth; the accounts app). Readers sign up with an email address and a
# password, confirm the address by a link, and sign in with the address or a username
# (usernames are made up for them and never shown). django-axes is the one limit on
# failed sign-ins, so allauth's own login limits are off; its other limits (sign-ups,
# reset and confirmation emails) stay.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# An access code may be entered while signing up (the membership app's field).
ACCOUNT_SIGNUP_FORM_CLASS = "membership.forms.SignupCodeForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"
ACCOUNT_RATE_LIMITS = {"login": None, "login_failed": None}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Family CRAFT"
# Superusers must set up two-factor sign-in before using the admin: on in production
# unless REQUIRE_SUPERUSER_MFA says otherwise, off elsewhere unless it says so.
REQUIRE_SUPERUSER_MFA_ENV = env_flag("REQUIRE_SUPERUSER_MFA")
REQUIRE_SUPERUSER_MFA = bool(REQUIRE_SUPERUSER_MFA_ENV)

# Email: SMTP (or any backend dj-email-url knows) from EMAIL_URL, e.g.
# submission://user:password@smtp.example.org:587 (STARTTLS); development prints to the
# console. A scheme dj-email-url does not know is refused rather than half-understood.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    if "EMAIL_BACKEND" not in _email:
        raise ImproperlyConfigured(
            f"EMAIL_URL has a scheme dj-email-url does not know: {EMAIL_URL.split(':')[0]!r}. "
            "Use smtp:// (port 25), submission:// (STARTTLS, port 587), or add ?ssl=true."
        )
    globals().update(_email)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Family CRAFT <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Family CRAFT"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Documents always go through Wagtail's view, which checks collection privacy, even when media
# live in a bucket (Wagtail would otherwise redirect to the bucket's URL).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILSEARCH_BACKENDS = search_backends(SEARCH_URL)
# What readers searched for is kept this many days, then purged by purge_search_terms;
# Wagtail's own daily search counts follow the same period.
SEARCH_TERMS_RETENTION_DAYS = int(os.environ.get("SEARCH_TERMS_RETENTION_DAYS", "90"))
WAGTAILSEARCH_HITS_MAX_AGE = SEARCH_TERMS_RETENTION_DAYS
# The API's own address, for its detail_url and document download_url links; unset, the
# address of the Site serving the request (built from WAGTAILADMIN_BASE_URL).
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL") or None
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
# The admin's Preview button opens HEADLESS_PREVIEW_URL?content_type=…&token=… (redirected,
# inside Wagtail's preview panel) when it is set; the front end reads the draft from
# /api/v2/preview/ with that token, which expires after HEADLESS_PREVIEW_MAX_AGE seconds.
WAGTAIL_HEADLESS_PREVIEW = {"REDIRECT_ON_PREVIEW": True}
# Webhooks (webhooks.tasks): seconds a receiver may take per connect or read, and the
# waits before each retry (then the delivery is marked failed).
WEBHOOK_TIMEOUT = 5
WEBHOOK_RETRY_DELAYS = [30, 120, 600, 3600, 6 * 3600]
WAGTAILAPI_LIMIT_MAX = 100
# The API answers browsers only from CORS_ALLOWED_ORIGINS (none by default), and only there.
CORS_URLS_REGEX = r"^/api/.*$"
# Anonymous API answers may be cached by browsers and proxies for this long.
API_CACHE_SECONDS = 60
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Topic names often have two words: commas alone separate them, and no quotes are shown.
TAGGIT_TAGS_FROM_STRING = "topics.tag_strings.names_from_string"
TAGGIT_STRING_FROM_TAGS = "topics.tag_strings.string_from_topics"

# The group whose users see members-only articles and course units.
MEMBERS_GROUP_NAME = "Members"
# The Members group is derived from membership grants (the membership app). Members get a
# reminder email this many days before their membership ends (memberships_daily).
MEMBERSHIP_REMINDER_DAYS = int(os.environ.get("MEMBERSHIP_REMINDER_DAYS", "14"))
# The reading level (Flesch-Kincaid school grade) the editor's content checks aim for.
READING_GRADE_TARGET = float(os.environ.get("READING_GRADE_TARGET", "8"))

# Plain lines in development; production sets LOG_FORMAT=json by default (operations.logging).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)

# /health/ answers 503 when the database is unreachable; name "cache" or "queue" here (from
# HEALTH_REQUIRED) to make their failure a 503 too.
HEALTH_REQUIRED = env_list("HEALTH_REQUIRED")
