"""The Celery application; workers start with ``celery -A aicmo_site worker``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aicmo_site.settings.local")

app = Celery("aicmo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
