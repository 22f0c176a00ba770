"""Test settings: fast hashing, locmem services, fault injection allowed."""

import importlib.util
import tempfile

from aicmo_site.settings.base import *  # noqa: F403
from aicmo_site.settings.base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
AICMO_ALLOW_FAULT_INJECTION = env.bool("AICMO_ALLOW_FAULT_INJECTION", default=True)
AICMO_RETRY_BASE_SECONDS = 0.0
MEDIA_ROOT = tempfile.mkdtemp(prefix="aicmo-test-media-")

# The benchmark app (bench_workflow and the no-op workflow that it and the tests
# start) sits beside the product in a checkout and is not installed with it.
if importlib.util.find_spec("bench") is not None:
    INSTALLED_APPS = [*INSTALLED_APPS, "bench.apps.BenchConfig"]  # noqa: F405
