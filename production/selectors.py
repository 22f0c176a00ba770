"""Production reads."""

from django.db.models import QuerySet

from aicmo_site.kernel import paging
from aicmo_site.kernel.scope import ALL, Scope
from production.models import Asset, Draft, DraftVersion


def draft_get(*, draft_id: str, scope: Scope = ALL) -> Draft | None:
    """The draft, or None when no draft has this id or ``scope`` hides it."""
    return scope.by_brief(Draft.objects.filter(id=draft_id)).first()


def draft_by_idempotency_key(*, idempotency_key: str) -> Draft | None:
    return Draft.objects.filter(idempotency_key=idempotency_key).first()


def draft_list(
    *,
    brief_id: str | None = None,
    status: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> QuerySet[Draft]:
    """Drafts in ``scope`` in creation order; discarded ones only by status."""
    qs = scope.by_brief(Draft.objects.all())
    if brief_id is not None:
        qs = qs.filter(brief_id=brief_id)
    if status is None:
        qs = qs.exclude(status=Draft.Status.DISCARDED)
    else:
        qs = qs.filter(status=status)
    return paging.page_by_creation(qs, limit=limit, after_id=after_id)


def draft_version_list(*, draft_id: str) -> QuerySet[DraftVersion]:
    """The draft's stored versions, oldest first."""
    return DraftVersion.objects.filter(draft_id=draft_id).order_by("version")


def asset_get(*, asset_id: str, scope: Scope = ALL) -> Asset | None:
    """The asset, or None when no asset has this id or ``scope`` hides it."""
    return scope.by_brief(Asset.objects.filter(id=asset_id)).first()


def asset_list(
    *,
    brief_id: str | None = None,
    status: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> QuerySet[Asset]:
    """Assets in ``scope`` in creation order."""
    qs = scope.by_brief(Asset.objects.all())
    if brief_id is not None:
        qs = qs.filter(brief_id=brief_id)
    if status is not None:
        qs = qs.filter(status=status)
    return paging.page_by_creation(qs, limit=limit, after_id=after_id)
