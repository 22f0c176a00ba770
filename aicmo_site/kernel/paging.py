"""List paging that every app's ``api`` and ``selectors`` share.

A list returns at most ``limit`` rows (a whole number from 1 to ``MAX_PAGE_LIMIT``)
and continues after ``after_id``, the last id of the previous page (keyset paging:
pages stay stable while rows are added). The REST layer (:mod:`aicmo_site.kernel.rest`)
takes ``?limit=`` with the same bounds.

An app's ``api`` checks the limit and raises its own documented validation error;
its selectors page with :func:`page_by_id` or :func:`page_by_creation`.
"""

from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from aicmo_site.kernel.errors import ValidationFailed

DEFAULT_PAGE_LIMIT = 50
MAX_PAGE_LIMIT = 200

_Row = TypeVar("_Row", bound=Model)


def limit_errors(limit: object) -> dict[str, list[str]]:
    """Return ``{"limit": [message]}`` when ``limit`` is out of bounds, else ``{}``.

    For an ``api`` that reports the limit with its other bad arguments at once.
    """
    if (
        isinstance(limit, int)
        and not isinstance(limit, bool)
        and 1 <= limit <= MAX_PAGE_LIMIT
    ):
        return {}
    return {"limit": [f"Must be a whole number from 1 to {MAX_PAGE_LIMIT}."]}


def check_limit(
    limit: object, *, error: type[ValidationFailed] = ValidationFailed
) -> None:
    """Check a page size: a whole number from 1 to ``MAX_PAGE_LIMIT``.

    Args:
        limit: The page size a caller asked for.
        error: The app's documented validation error (a ``ValidationFailed``).

    Raises:
        ValidationFailed: ``error``, naming the field ``limit``.
    """
    if problems := limit_errors(limit):
        raise error(problems)


def page_by_id(
    queryset: QuerySet[_Row],
    *,
    limit: int,
    after_id: str | None,
    descending: bool = False,
) -> QuerySet[_Row]:
    """Return up to ``limit`` rows in id order, continuing after ``after_id``."""
    if descending:
        queryset = queryset.order_by("-id")
        if after_id:
            queryset = queryset.filter(id__lt=after_id)
    else:
        queryset = queryset.order_by("id")
        if after_id:
            queryset = queryset.filter(id__gt=after_id)
    return queryset[:limit]


def page_by_creation(
    queryset: QuerySet[_Row], *, limit: int, after_id: str | None
) -> QuerySet[_Row]:
    """Return up to ``limit`` rows oldest first (id breaks ties), after ``after_id``.

    The page continues after the row ``after_id`` names, by its ``created_at``; for
    an id that names no row, it keeps the rows with greater ids.
    """
    if after_id:
        anchor = (
            queryset.model._default_manager.filter(id=after_id)
            .values_list("created_at", flat=True)
            .first()
        )
        if anchor is None:
            queryset = queryset.filter(id__gt=after_id)
        else:
            queryset = queryset.filter(
                Q(created_at__gt=anchor) | Q(created_at=anchor, id__gt=after_id)
            )
    return queryset.order_by("created_at", "id")[:limit]
