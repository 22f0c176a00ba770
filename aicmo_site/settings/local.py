"""Local development: debug on, fault injection allowed, SQLite by default."""

from aicmo_site.settings.base import *  # noqa: F403
from aicmo_site.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
AICMO_ALLOW_FAULT_INJECTION = env.bool("AICMO_ALLOW_FAULT_INJECTION", default=True)
