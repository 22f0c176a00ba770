"""Settings shared by every environment; the environment is read here only."""

import re
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# No .env file is read here: local settings read one (local.py), production takes the
# process environment alone, so a .env copied from .env.example (a known secret key,
# debug and fault injection on) can never reach a deployment (issue 11, finding 6).

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-only-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
THIRD_PARTY_APPS = [
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    # Swagger UI's files served from this site, not a CDN (issue 11, finding 10).
    "drf_spectacular_sidecar",
    "import_export",
    "csp",
    "axes",
]
LOCAL_APPS = [
    "onboarding.apps.OnboardingConfig",
    "strategy.apps.StrategyConfig",
    "production.apps.ProductionConfig",
    "qc.apps.QcConfig",
    "delivery.apps.DeliveryConfig",
    "cam.apps.CamConfig",
    "orchestration.apps.OrchestrationConfig",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "aicmo_site.kernel.middleware.ApiServerErrorMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "aicmo_site.urls"
WSGI_APPLICATION = "aicmo_site.wsgi.application"
ASGI_APPLICATION = "aicmo_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database_from_env() -> dict:
    database = env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock when a transaction begins, so two writers
        # queue on busy_timeout instead of failing mid-transaction with "locked".
        database["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
            ),
        }
    else:
        database.setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=60))
    # Request-wide transactions would swallow the saga's one-commit-per-step units.
    database["ATOMIC_REQUESTS"] = False
    return database


DATABASES = {"default": _database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # DRF's token authentication, also metering requests without valid
        # credentials against the anonymous rate (see aicmo_site.kernel.throttles).
        "aicmo_site.kernel.throttles.MeteredTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Rates and NUM_PROXIES: the throttling block at the end of this file.
    "DEFAULT_THROTTLE_CLASSES": [
        "aicmo_site.kernel.throttles.UserRateThrottle",
        "aicmo_site.kernel.throttles.ScopedRateThrottle",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "aicmo_site.kernel.exception_handler.handle",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "AICMO API",
    "DESCRIPTION": "Briefs in; strategies, drafts, QC verdicts and packages out.",
    "VERSION": "1.0.0",
    # Swagger UI's files come from drf-spectacular-sidecar, pinned in the lock file and
    # served as static files, never from a CDN at its "latest" version (issue 11).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Without validatorUrl: null, Swagger UI sends the schema's address elsewhere.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

IMPORT_EXPORT_USE_TRANSACTIONS = True

# --- AICMO ---------------------------------------------------------------
AICMO_AGENCY_NAME = env("AICMO_AGENCY_NAME", default="AICMO Agency")
AICMO_EXECUTOR = env("AICMO_EXECUTOR", default="inline")
AICMO_LEASE_SECONDS = env.float("AICMO_LEASE_SECONDS", default=30.0)
AICMO_ALLOW_FAULT_INJECTION = env.bool("AICMO_ALLOW_FAULT_INJECTION", default=False)
AICMO_STEP_MAX_ATTEMPTS = env.int("AICMO_STEP_MAX_ATTEMPTS", default=3)
AICMO_COMPENSATION_MAX_ATTEMPTS = env.int("AICMO_COMPENSATION_MAX_ATTEMPTS", default=3)
AICMO_RETRY_BASE_SECONDS = env.float("AICMO_RETRY_BASE_SECONDS", default=0.05)
# How often a worker renews the lease of a run whose step is still running (default:
# a third of the lease); 0 turns the heartbeat off.
AICMO_HEARTBEAT_SECONDS = env.float(
    "AICMO_HEARTBEAT_SECONDS", default=AICMO_LEASE_SECONDS / 3
)
# The sweeper re-rings a run whose lease is free only when its last doorbell is at
# least this old: a run waiting in a busy queue is not rung again and again.
AICMO_DOORBELL_GRACE_SECONDS = env.float(
    "AICMO_DOORBELL_GRACE_SECONDS", default=AICMO_LEASE_SECONDS
)
# How often Celery beat runs the sweeper (orchestration.sweep_runs).
AICMO_SWEEP_SECONDS = env.float("AICMO_SWEEP_SECONDS", default=10.0)
# The worker drill --stall-in holds a step open this long (fault injection only).
AICMO_STALL_SECONDS = env.float("AICMO_STALL_SECONDS", default=30.0)

# --- Celery (used when AICMO_EXECUTOR=celery) -----------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/0")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
# The broker must not redeliver a message while its run's lease may still be live.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": max(3600, int(AICMO_LEASE_SECONDS * 4)),
}
# A doorbell that cannot be sent (the broker is down) must not hold up the request
# that started the run: give up fast; the run stays pending and the sweeper rings it.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", 2.0)
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "sweep-runs": {
        "task": "orchestration.sweep_runs",
        "schedule": AICMO_SWEEP_SECONDS,
        "options": {"expires": AICMO_SWEEP_SECONDS},
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env("DJANGO_LOG_LEVEL", default="WARNING"),
    },
}

# --- Issue 11, findings 7 and 10: Content-Security-Policy, the admin sign-in lockout
# One strict policy for every page (the admin, /api/docs/, the review pages to come):
# this site's own scripts, styles, images and fonts only; no plugins, no framing, no
# <base>, and forms post back here. Inline style attributes alone are allowed
# (style-src-attr): the admin's status colours and widths use them, and they can
# neither run a script nor load anything (img-src still says 'self').
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# django-axes: after AICMO_LOGIN_LOCKOUT_FAILURES wrong passwords for one username
# from one address, that pair cannot sign in (429) until AICMO_LOGIN_LOCKOUT_MINUTES
# have passed since the last attempt, or an administrator resets it
# (`manage.py axes_reset_username NAME`).
# The address is REMOTE_ADDR: forwarded headers are not trusted, so they cannot be
# forged to dodge the lockout.
AXES_ENABLED = env.bool("AICMO_LOGIN_LOCKOUT", default=True)
AXES_FAILURE_LIMIT = env.int("AICMO_LOGIN_LOCKOUT_FAILURES", default=10)
AXES_COOLOFF_TIME = env.float("AICMO_LOGIN_LOCKOUT_MINUTES", default=15.0) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# --- Issue 11, finding 7: API throttles -------------------------------------------
# Requests per client and period, "<count>/<s|min|hour|day>"; an empty value turns
# that throttle off. anon: requests without valid credentials (a bad token included),
# per client IP; user: every request of a signed-in user; run_starts: POST
# /api/v1/runs/ and /api/v1/drafts/{id}/redeliver/, per user. Over a rate the API
# answers 429 RATE_LIMITED with Retry-After. The counters live in the default cache,
# which every web process must share in production (Redis).
_THROTTLE_RATE = re.compile(r"\d+/(s|sec|second|m|min|minute|h|hour|d|day)")


def _throttle_rate(name: str, default: str) -> str | None:
    rate = env.str(name, default=default).strip()
    if rate and not _THROTTLE_RATE.fullmatch(rate):
        raise ImproperlyConfigured(
            f"{name}={rate!r}: expected '<count>/<s|min|hour|day>', such as "
            f"{default!r}, or empty for no limit."
        )
    return rate or None


REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": _throttle_rate("AICMO_THROTTLE_ANON", "60/min"),
    "user": _throttle_rate("AICMO_THROTTLE_USER", "600/min"),
    "run_starts": _throttle_rate("AICMO_THROTTLE_RUN_STARTS", "30/min"),
}
# The client IP is REMOTE_ADDR, which a client cannot forge. Behind N proxies that
# append to X-Forwarded-For (a TLS-terminating load balancer: 1), set N, or every
# client shares the proxy's address and its anonymous rate.
REST_FRAMEWORK["NUM_PROXIES"] = env.int("AICMO_THROTTLE_NUM_PROXIES", default=0)
# The cache that holds the counters: this process's memory unless AICMO_CACHE_URL
# names a shared one (redis://host:6379/1), which every deployment with more than one
# web process needs, or each process counts on its own.
_CACHE_URL = env.str("AICMO_CACHE_URL", default="")
CACHES = {
    "default": env.cache_url_config(_CACHE_URL)
    if _CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# --- Issue 11, findings 1 and 3: request bodies ------------------------------------
# Every body is checked whole before a view sees it: nesting, lone surrogates, control
# characters and numbers past I-JSON's range are a 400 VALIDATION_ERROR naming each
# field (aicmo_site.kernel.parsers). A body over DATA_UPLOAD_MAX_MEMORY_SIZE (Django's
# default, 2.5 MB) is a 413 PAYLOAD_TOO_LARGE.
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [
    "aicmo_site.kernel.parsers.JSONParser",
    "aicmo_site.kernel.parsers.FormParser",
    "aicmo_site.kernel.parsers.MultiPartParser",
]

# --- Issue 11, findings 4 and 5: spreadsheet imports and exports --------------------
# An import file (admin brief and lead imports, import_leads) is held to these before
# and while it is read (aicmo_site.kernel.imports): its size; what an XLSX workbook
# unpacks to; rows after the header; characters a cell (32,767 is Excel's own cap).
# The import page lists at most AICMO_IMPORT_PREVIEW_ROWS rows.
AICMO_IMPORT_MAX_BYTES = env.int("AICMO_IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
AICMO_IMPORT_MAX_UNPACKED_BYTES = env.int(
    "AICMO_IMPORT_MAX_UNPACKED_BYTES", default=50 * 1024 * 1024
)
AICMO_IMPORT_MAX_ROWS = env.int("AICMO_IMPORT_MAX_ROWS", default=10_000)
AICMO_IMPORT_MAX_CELL_CHARS = env.int("AICMO_IMPORT_MAX_CELL_CHARS", default=32_767)
AICMO_IMPORT_PREVIEW_ROWS = env.int("AICMO_IMPORT_PREVIEW_ROWS", default=100)
# --- Issue 11, item 12: account teams (aicmo_site.kernel.scope, ADR 0009) -----------
# A member of an account team sees only its clients. A user in no team sees every
# client unless this is on; then they see none until a superuser adds them to a team
# (one marked "all clients" for agency-wide staff).
AICMO_ACCOUNT_TEAMS_REQUIRED = env.bool("AICMO_ACCOUNT_TEAMS_REQUIRED", default=False)
# Exports escape formulae themselves (kernel.imports.EscapingResource, CSV and XLSX);
# the library's switch only drops a leading "=" and writes every cell as text.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
