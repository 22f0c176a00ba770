"""Test settings: fast hashing, locmem services, fault injection allowed."""

import importlib.util
import tempfile

from aicmo_site.settings.base import *  # noqa: F403
from aicmo_site.settings.base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Throttles off: the suite sends volume (the schema fuzz, the REST tests). The
# throttle tests turn a rate on with the settings fixture (tests/test_throttling.py).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "run_starts": None},
}
AICMO_ALLOW_FAULT_INJECTION = env.bool("AICMO_ALLOW_FAULT_INJECTION", default=True)
AICMO_RETRY_BASE_SECONDS = 0.0
# The admin sign-in lockout (django-axes) is off for the suite, which signs in
# often from one address; tests/test_admin_lockout.py turns it on.
AXES_ENABLED = False
MEDIA_ROOT = tempfile.mkdtemp(prefix="aicmo-test-media-")

# The benchmark app (bench_workflow and the no-op workflow that it and the tests
# start) sits beside the product in a checkout and is not installed with it.
if importlib.util.find_spec("bench") is not None:
    INSTALLED_APPS = [*INSTALLED_APPS, "bench.apps.BenchConfig"]  # noqa: F405
