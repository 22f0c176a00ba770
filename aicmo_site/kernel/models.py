"""Abstract models only."""

from django.db import models

from aicmo_site.kernel.ids import IdFactory

ID_MAX_LENGTH = 120


def prefixed_id_field(prefix: str) -> models.CharField:
    """Return a primary-key field whose default is a fresh ``<prefix>_…`` id."""
    return models.CharField(
        primary_key=True,
        max_length=ID_MAX_LENGTH,
        default=IdFactory(prefix),
        editable=False,
    )


def id_ref_field(**kwargs) -> models.CharField:
    """Return an indexed plain-id field: the only way to point at another app's row."""
    kwargs.setdefault("db_index", True)
    return models.CharField(max_length=ID_MAX_LENGTH, **kwargs)


class TimeStampedModel(models.Model):
    """Creation and update timestamps; subclasses declare their prefixed ``id``."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
