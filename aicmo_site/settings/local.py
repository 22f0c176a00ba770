"""Local development: debug on, fault injection allowed, SQLite by default.

Only these settings read a ``.env`` file (the project folder's, copied from
``.env.example``): it is a convenience for a developer's machine. Production takes its
settings from the process environment alone, so that file, with its well-known secret
key, debug and fault injection on, can never configure a deployment (issue 11).
"""

import importlib.util
from pathlib import Path

import environ

# Before base.py reads the environment; variables already set win over the file.
environ.Env.read_env(Path(__file__).resolve().parents[2] / ".env", overwrite=False)

from aicmo_site.settings.base import *  # noqa: E402, F403
from aicmo_site.settings.base import env  # noqa: E402

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
