"""Django settings, read from the environment.

- `PANTAU_DATA_DIR`: all state (default `./var`).
- `DATABASE_URL`: default a SQLite file in the data directory.
- `PANTAU_SECRET_KEY`: default a key generated once into the data directory.
- `PANTAU_DEBUG`: off unless `1`/`true`.
- `PANTAU_HTTPS`: `1` when served behind HTTPS (secure cookies, HSTS, redirect).
- `PANTAU_ALLOWED_HOSTS`: comma-separated, default `127.0.0.1,localhost`.
- `PANTAU_LOG_FORMAT` (`text` or `json`), `PANTAU_LOG_FILE`, `PANTAU_LOG_LEVEL`: logging.

Every variable Pantau reads is explained in deploy/pantau.env.example.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor as WhiteNoiseCompressor

from pantau.core.paths import (
    create_private_file,
    data_dir,
    private_dir,
    private_sqlite_file,
    secret_key,
)


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = _flag("PANTAU_DEBUG")
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("PANTAU_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "pantau.core",
    "pantau.accounts",
    "pantau.regions",
    "pantau.lake",
    "pantau.ingest",
    "pantau.audit",
    "pantau.rules",
    "pantau.engine",
    "pantau.budgets",
    "pantau.claims",
    "pantau.monev",
    "pantau.dashboard",
    "pantau.packs",
    "pantau.api",
    "pantau.core.admin_site.PantauAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pantau.site",
]

# Background work (imports from the web): django-tasks with its database backend;
# `pantau serve` runs the worker beside the web server.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("PANTAU_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# The REST API (docs/api.md): personal tokens or the browser's session; limits per token and
# per anonymous address, changed with PANTAU_API_RATE_TOKEN / PANTAU_API_RATE_ANON.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "pantau.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": [
        "pantau.api.throttling.TokenRateThrottle",
        "pantau.api.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": os.environ.get("PANTAU_API_RATE_TOKEN", "1200/minute"),
        "anon": os.environ.get("PANTAU_API_RATE_ANON", "60/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pantau API",
    "DESCRIPTION": "Cakupan jaminan sosial ketenagakerjaan (Inpres 2/2021) / employment social "
    "security coverage. Token: `Authorization: Token pantau_…` (docs/api.md).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Imported when the document is made: registers the token scheme (`pantau.api.schema`).
    "PREPROCESSING_HOOKS": ["pantau.api.schema.endpoints"],
    # Two choice sets are called `status` in the API; each enum gets its own name.
    "ENUM_NAME_OVERRIDES": {"ActionStatusEnum": "pantau.monev.choices.ActionStatus.values"},
}

MIDDLEWARE = [
    # First: the request id is on every log line of the request, and its duration is whole.
    "pantau.core.logs.RequestIdMiddleware",
    # Second: a kept whole page is returned before the rest (it passed through it all when it
    # was made); a page made anew passes through it all on its way out before being kept.
    "pantau.site.wholepage.WholePageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the body: multipart only to upload views.
    "pantau.core.uploads.UploadGateMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns lockouts into responses.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pantau.site.urls"
WSGI_APPLICATION = "pantau.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pantau.accounts.context_processors.navigation",
            ],
            "builtins": ["pantau.core.templatetags.pantau", "pantau.regions.templatetags.regions"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'pantau.sqlite3'}",
        # Persistent connections on SQLite too: opening one and setting WAL per request
        # cost a quarter of a dashboard page (docs/benchmarks.md, "Why the code is shaped so").
        conn_max_age=int(os.environ.get("PANTAU_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes; IMMEDIATE avoids
    # "database is locked" upgrades in concurrent writers.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # A writer waits this long for another's transaction (SQLite's default is 5 s): the
        # demo's processes refresh months while its budgets are imported.
        "timeout": 30,
    }
    _sqlite_name = str(DATABASES["default"]["NAME"] or "")
    if _sqlite_name not in ("", ":memory:") and Path(_sqlite_name).parent.is_dir():
        # Created 0600 before SQLite opens it; its -wal and -shm files take its mode.
        private_sqlite_file(Path(_sqlite_name))
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("PANTAU_TEST_DB_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "pantau.accounts.backends.RegionAwareBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failures (django-axes): per username and address, so one
# attacker cannot lock out a whole office behind the same NAT.
AXES_FAILURE_LIMIT = int(os.environ.get("PANTAU_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["pantau.formats"]

STATIC_URL = "static/"
# Behind a web server that serves them itself (deploy/Caddyfile), static files are collected
# outside the private data directory, where that server may read them.
STATIC_ROOT = Path(os.environ.get("PANTAU_STATIC_ROOT") or DATA_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "pantau.core.staticfiles.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
# No view takes files unless it installs its own handlers (pantau.core.uploads).
FILE_UPLOAD_HANDLERS = ["pantau.core.uploads.NoFilesHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024  # larger uploads stream to a temporary file
# ... inside the data directory, not the system's /tmp: uploads hold personal data.
FILE_UPLOAD_TEMP_DIR = private_dir(DATA_DIR / "tmp" / "uploads")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # form fields only; files are not counted
PANTAU_MAX_UPLOAD_MB = int(os.environ.get("PANTAU_MAX_UPLOAD_MB", "500"))  # per uploaded file
# Tests and `runserver` serve static files from the apps without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365
# Collected once per install: only the hashed copies are kept and compressed (half the work),
# and source maps (12 MB of the API documentation's bundles, read by no browser of a user)
# are not compressed. `pantau setup` took 24 s in collectstatic, 2 s in everything else.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*WhiteNoiseCompressor.SKIP_COMPRESS_EXTENSIONS, "map")

# E-mail (the monev reminders): through an SMTP server when PANTAU_EMAIL_HOST is set, else
# written as files under the data directory (the demo; an operator reads them there).
if os.environ.get("PANTAU_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["PANTAU_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("PANTAU_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("PANTAU_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("PANTAU_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _flag("PANTAU_EMAIL_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("PANTAU_EMAIL_FROM", "Pantau <pantau@localhost>")

# Security: safe by default; HTTPS-only settings switch on behind TLS.
HTTPS = _flag("PANTAU_HTTPS")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8  # one working day
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# The browsers' preload list binds the whole domain for months: the domain's owner decides
# (PANTAU_HSTS_PRELOAD=1), so `check --deploy` does not ask for it.
SECURE_HSTS_PRELOAD = HTTPS and _flag("PANTAU_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp) on every page: scripts and styles only from Pantau's
# own static files, no inline code, no eval (htmx's is switched off in base.html; ECharts
# needs none). No nonces either: aggregate pages are cached whole (pantau.core.pagecache)
# and must not carry one request's nonce. Images: our files and data: URIs (the admin's).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("PANTAU_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

# Logs (docs/operations.md, "Pemantauan / Monitoring"): plain text by default (`make demo`, a
# terminal); `PANTAU_LOG_FORMAT=json` (deploy/pantau.env.example) writes JSON lines with the
# request id (pantau.core.logs), one line per request included. To stderr (journald under
# systemd), or appended to `PANTAU_LOG_FILE` (reopened after logrotate moves it).
LOG_FORMAT = os.environ.get("PANTAU_LOG_FORMAT", "text").strip().lower()
LOG_FILE = os.environ.get("PANTAU_LOG_FILE", "").strip()
if LOG_FILE:  # 0600 whoever creates it first (`pantau setup` runs with the umask 022)
    create_private_file(private_dir(Path(LOG_FILE).parent) / Path(LOG_FILE).name)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "pantau.core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "pantau.core.logs.JsonFormatter"},
        # A terminal shows the message alone, as before; a file also when and how bad.
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s"
            if LOG_FILE
            else "%(message)s"
        },
    },
    "handlers": {
        "main": {
            "class": "logging.handlers.WatchedFileHandler" if LOG_FILE else "logging.StreamHandler",
            **({"filename": LOG_FILE, "encoding": "utf-8"} if LOG_FILE else {}),
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["main"], "level": os.environ.get("PANTAU_LOG_LEVEL", "WARNING")},
    # One line per request in JSON logs (a text terminal has gunicorn's access log for that).
    "loggers": {"pantau.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"}},
}
# /healthz: "degraded" when the worker's heartbeat is older than this, or the data
# directory's disk has less free space than this.
HEALTH_WORKER_STALE_SECONDS = float(os.environ.get("PANTAU_HEALTH_WORKER_STALE_SECONDS", "120"))
HEALTH_MIN_FREE_BYTES = int(float(os.environ.get("PANTAU_HEALTH_MIN_FREE_GB", "5")) * 1024**3)
