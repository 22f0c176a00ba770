"""Local development: debug on, fault injection allowed, SQLite by default."""

import importlib.util

from aicmo_site.settings.base import *  # noqa: F403
from aicmo_site.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
AICMO_ALLOW_FAULT_INJECTION = env.bool("AICMO_ALLOW_FAULT_INJECTION", default=True)

# The benchmark app (bench_workflow and the no-op workflow that it and the tests
# start) sits beside the product in a checkout and is not installed with it.
if importlib.util.find_spec("bench") is not None:
    INSTALLED_APPS = [*INSTALLED_APPS, "bench.apps.BenchConfig"]  # noqa: F405

# The development server serves each request on a thread of its own, so persistent
# connections would pile up there (Django's docs: keep them off in development).
if "CONN_MAX_AGE" in DATABASES["default"]:  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = env.int(  # noqa: F405
        "DJANGO_CONN_MAX_AGE", default=0
    )
