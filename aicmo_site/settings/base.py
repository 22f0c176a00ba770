"""Settings shared by every environment; the environment is read here only."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

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
    "import_export",
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
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "aicmo_site.kernel.middleware.ApiServerErrorMiddleware",
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
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "aicmo_site.kernel.exception_handler.handle",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "AICMO API",
    "DESCRIPTION": "Briefs in; strategies, drafts, QC verdicts and packages out.",
    "VERSION": "1.0.0",
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
# Exports escape formulae themselves (kernel.imports.EscapingResource, CSV and XLSX);
# the library's switch only drops a leading "=" and writes every cell as text.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = False
