"""envcoop settings. Everything a deployment changes comes from the environment.

Variables (all optional; documented in README.md):
  DATABASE_URL      sqlite:////abs/path.sqlite3 or postgres://user:pass@host/db;
                    default: SQLite in var/envcoop.sqlite3
  ENVCOOP_VAR_DIR   where the SQLite file and generated secrets live (default: ./var)
  ENVCOOP_MEDIA_DIR where the original files of uploaded and ingested documents are
                    kept (default: var/media)
  SECRET_KEY        Django secret; default: a random key kept in var/secret_key
  DEBUG             1 to show Django's debug pages (default 0)
  ALLOWED_HOSTS     comma-separated host names (default: 127.0.0.1,localhost,[::1])
  SQLITE_TIMEOUT    seconds a SQLite writer waits for a lock (default 20)
  TIME_ZONE         default Asia/Bangkok
  SITE_URL          the site's public address, for links in reports written by the
                    command line, and the origin trusted for forms (default
                    http://localhost:8000)
  HTTPS             1 when the site is reached over HTTPS, usually through a proxy that
                    sets X-Forwarded-Proto: HSTS, secure cookies, redirect to https
                    (default 0)
  HSTS_SECONDS, HSTS_INCLUDE_SUBDOMAINS, HSTS_PRELOAD
                    the Strict-Transport-Security header with HTTPS=1 (default one year,
                    1 and 1)
  LOG_LEVEL         the level of what is logged to standard error (default WARNING)
  EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
  DEFAULT_FROM_EMAIL
                    SMTP for password-reset mail (default: mail is printed on the console)
  AXES_FAILURE_LIMIT, AXES_COOLOFF_MINUTES
                    failed sign-ins before a user name is locked out from one address,
                    and for how long (default 5 and 15)
  IATI_REPORTING_ORG_REF, IATI_REPORTING_ORG_TYPE, IATI_REPORTING_ORG_NAME
                    the reporting organisation of IATI exports (default XI-ENVCOOP, 40,
                    envcoop)
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ENVCOOP_VAR_DIR", str(BASE_DIR / "var"))).resolve()


def _secret_key() -> str:
    configured = env_str("SECRET_KEY")
    if configured:
        return configured
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    try:
        # Created readable by its owner only, and only once even when two processes start.
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "envcoop.core",
    "envcoop.accounts",
    "envcoop.registry",
    "envcoop.ingestion",
    "envcoop.review",
    "envcoop.search",
    "envcoop.reports",
    "envcoop.exports",
    "envcoop.imports",
    "envcoop.web",
]

MIDDLEWARE = [
    # First, so that every response gets the Content-Security-Policy: static files and
    # error pages included.
    "envcoop.web.security.ContentSecurityPolicy",
    "django.middleware.security.SecurityMiddleware",
    # /healthz and /readyz, answered whatever the Host header says (envcoop.web.views.health)
    "envcoop.web.views.health.Probes",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "envcoop.web.language.BrowserLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "envcoop.registry.history.RecordedRequests",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into our lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "envcoop.web.context_processors.site",
            ],
        },
    },
]


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
    else:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "envcoop.sqlite3")}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(
            {
                # WAL lets readers work while one writer writes; IMMEDIATE takes the
                # write lock when a transaction starts, so two writers queue on the
                # busy timeout instead of failing half-way with "database is locked".
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("SQLITE_TIMEOUT", 20),
            }
        )
        config.setdefault("TEST", {})
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Interface languages. Content (names, documents) may be in any language; see
# envcoop.core.languages for the content languages we know.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("th", "ไทย"), ("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "envcoop" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Bangkok")
SITE_URL = env_str("SITE_URL", "http://localhost:8000")
IATI_REPORTING_ORG_REF = env_str("IATI_REPORTING_ORG_REF", "XI-ENVCOOP")
IATI_REPORTING_ORG_TYPE = env_str("IATI_REPORTING_ORG_TYPE", "40")
IATI_REPORTING_ORG_NAME = env_str("IATI_REPORTING_ORG_NAME", "envcoop")

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from here after collectstatic
WHITENOISE_USE_FINDERS = True
# The original files of documents (Document.original) are kept by the default storage:
# files under MEDIA_ROOT. They are served only through /documents/<id>/original, which asks
# who may read them: never let the web server serve MEDIA_ROOT itself. S3-compatible
# storage works through django-storages (not a dependency): install django-storages[s3]
# and, in a deployment's settings, set STORAGES["default"] to
# {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": ...,
# "endpoint_url": ..., "default_acl": "private", "querystring_auth": True}}.
MEDIA_ROOT = Path(env_str("ENVCOOP_MEDIA_DIR", str(VAR_DIR / "media"))).resolve()
MEDIA_URL = "/media/"  # (not served: see above)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Sign-in (envcoop.accounts): django-axes first, so that a locked-out user is refused
# before a password is checked; django-rules for the object rules of envcoop.accounts.rules.
AUTHENTICATION_BACKENDS = [
    "envcoop.accounts.backends.SignInLockout",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
# After AXES_FAILURE_LIMIT failed sign-ins for one user name from one address, that pair
# is refused for AXES_COOLOFF_MINUTES; a successful sign-in clears the count.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "envcoop.accounts.views.locked_out"
AXES_VERBOSE = False

# Mail (password reset): printed on the console unless EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "envcoop@localhost")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Where /readyz reads when a background worker last reported in: the dotted path of a
# function returning an aware datetime or None (envcoop.core.health); the workers'
# heartbeats (envcoop worker) by default.
ENVCOOP_WORKER_HEARTBEAT = "envcoop.ingestion.jobs.worker_beat_last_seen"

# Documents larger than this many megabytes are refused before they are read.
ENVCOOP_MAX_DOCUMENT_MB = env_int("ENVCOOP_MAX_DOCUMENT_MB", 20)
# OCR of scans (envcoop/ingestion/ocr): pages read with a lower confidence (0-100, Tesseract's
# word confidences) are marked for the reviewer; longer scans are refused; one page may
# take at most this many seconds.
ENVCOOP_OCR_MIN_CONFIDENCE = env_int("ENVCOOP_OCR_MIN_CONFIDENCE", 60)
ENVCOOP_OCR_MAX_PAGES = env_int("ENVCOOP_OCR_MAX_PAGES", 200)
ENVCOOP_OCR_PAGE_TIMEOUT = env_int("ENVCOOP_OCR_PAGE_TIMEOUT", 180)

# Background jobs (Django's tasks API, the django-tasks backport): uploads are read by
# `envcoop worker` processes, which take their jobs from the database (on PostgreSQL,
# several workers on several machines claim them with SELECT ... SKIP LOCKED). Another
# backend (RQ, Celery) is a matter of this setting. Queues: "reading" (uploads) and
# "ocr" (reserved for the OCR step).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "reading", "ocr"],
    }
}
# A job left "reading" by a worker not seen for this many seconds (killed, its machine
# gone) is queued again by the next worker.
ENVCOOP_WORKER_DEAD_AFTER = env_int("ENVCOOP_WORKER_DEAD_AFTER", 60)
# How often a worker says it is alive (seconds).
ENVCOOP_WORKER_BEAT = env_int("ENVCOOP_WORKER_BEAT", 5)
# A zip of documents uploaded at once: at most this many files, this much unpacked.
ENVCOOP_MAX_ZIP_FILES = env_int("ENVCOOP_MAX_ZIP_FILES", 200)
ENVCOOP_MAX_ZIP_MB = env_int("ENVCOOP_MAX_ZIP_MB", 200)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Every response (envcoop.web.security): our own scripts, styles and images only, no
# inline script or style, never in a frame. Pages must keep to it: no <script> or style=
# in templates (tests/web/test_security.py looks).
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}

# Forms posted from the public address are trusted (behind a proxy that rewrites Host too).
_site = urlsplit(SITE_URL)
CSRF_TRUSTED_ORIGINS = [f"{_site.scheme}://{_site.netloc}"] if _site.scheme and _site.netloc else []

# HTTPS=1: the site is reached over HTTPS only, usually through a proxy (nginx, Caddy, a
# load balancer) that ends TLS and says so in X-Forwarded-Proto. The proxy must set that
# header itself (overwriting what a client sent), or a client could claim HTTPS.
HTTPS = env_bool("HTTPS", False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # Probes from inside (a load balancer, compose, Kubernetes) may speak plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True

# Record history (django-simple-history, envcoop/registry/history.py): the admin shows each
# record's history, but undoing goes through the review's undo, which checks for later changes.
SIMPLE_HISTORY_REVERT_DISABLED = True
