"""AICMO project package: settings, URLs, the Celery app and the shared kernel."""

from aicmo_site.celery import app as celery_app

__all__ = ("celery_app",)
