"""Creative assets: create one in DRAFT, then move it one status at a time."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from aicmo_site.kernel import events
from aicmo_site.kernel.scope import ALL, Scope
from production import selectors
from production.dto import AssetStatus
from production.errors import (
    AssetNotFound,
    DraftNotFound,
    IllegalAssetTransition,
    InvalidProductionInput,
)
from production.models import Asset

ASSET_FLOW = (
    AssetStatus.DRAFT,
    AssetStatus.APPROVED,
    AssetStatus.SCHEDULED,
    AssetStatus.PUBLISHED,
)


def _max_length(field: str) -> int:
    return getattr(Asset._meta.get_field(field), "max_length", None) or 0


@transaction.atomic
def asset_create(
    *,
    brief_id: str,
    platform: str,
    format: str,
    hook: str,
    caption: str,
    cta: str,
    draft_id: str | None = None,
) -> Asset:
    """Create a creative asset in DRAFT status."""
    values = {
        "brief_id": brief_id.strip(),
        "platform": platform.strip(),
        "format": format.strip(),
        "hook": hook.strip(),
        "caption": caption.strip(),
        "cta": cta.strip(),
    }
    problems: dict[str, list[str]] = {}
    for name, value in values.items():
        limit = _max_length(name) if name != "caption" else 0
        if not value:
            problems[name] = ["This field cannot be blank."]
        elif limit and len(value) > limit:
            problems[name] = [f"Use at most {limit} characters."]
    draft = None
    if draft_id is not None:
        draft = selectors.draft_get(draft_id=draft_id)
        if draft is None:
            raise DraftNotFound(
                f"Draft {draft_id!r} not found.", extra={"draft_id": draft_id}
            )
        if values["brief_id"] and draft.brief_id != values["brief_id"]:
            problems["draft_id"] = [
                f"Draft {draft.id} belongs to brief {draft.brief_id}, not "
                f"{values['brief_id']}."
            ]
    if problems:
        raise InvalidProductionInput(problems)
    asset = Asset(draft=draft, **values)
    asset.full_clean()
    asset.save(force_insert=True)
    events.record(
        events.DomainEvent(
            type="asset.created",
            payload={"asset_id": asset.id, "brief_id": asset.brief_id},
        )
    )
    return asset


@transaction.atomic
def asset_transition(
    *,
    asset_id: str,
    to: AssetStatus,
    scheduled_for: dt.datetime | None = None,
    scope: Scope = ALL,
) -> Asset:
    """Move the asset one step along DRAFT → APPROVED → SCHEDULED → PUBLISHED."""
    try:
        target = AssetStatus(to)
    except ValueError:
        known = ", ".join(s.value for s in AssetStatus)
        raise InvalidProductionInput(
            {"to": [f"Unknown status {to!r}. Known: {known}."]}
        ) from None
    asset = scope.by_brief(
        Asset.objects.select_for_update().filter(id=asset_id)
    ).first()
    if asset is None:
        raise AssetNotFound(
            f"Asset {asset_id!r} not found.", extra={"asset_id": asset_id}
        )
    current = AssetStatus(asset.status)
    position = ASSET_FLOW.index(current)
    allowed = ASSET_FLOW[position + 1] if position + 1 < len(ASSET_FLOW) else None
    if target != allowed:
        raise IllegalAssetTransition(
            asset_id=asset.id,
            current=current.value,
            requested=target.value,
            allowed=allowed.value if allowed else None,
        )
    if target == AssetStatus.SCHEDULED:
        if scheduled_for is None or timezone.is_naive(scheduled_for):
            raise InvalidProductionInput(
                {"scheduled_for": ["Scheduling needs a timezone-aware date and time."]}
            )
        asset.scheduled_for = scheduled_for
    elif scheduled_for is not None:
        raise InvalidProductionInput(
            {"scheduled_for": ["Only a move to SCHEDULED takes scheduled_for."]}
        )
    if target == AssetStatus.PUBLISHED:
        asset.published_at = timezone.now()
    asset.status = target.value
    asset.full_clean()
    asset.save(update_fields=["status", "scheduled_for", "published_at", "updated_at"])
    events.record(
        events.DomainEvent(
            type="asset.status_changed",
            payload={
                "asset_id": asset.id,
                "brief_id": asset.brief_id,
                "from": current.value,
                "to": target.value,
            },
        )
    )
    return asset
