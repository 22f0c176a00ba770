"""The suppression list: addresses (for one campaign, or all) that get no outreach."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from aicmo_site.kernel.scope import ALL, Scope
from cam import selectors
from cam.errors import ValidationFailed
from cam.models import OutreachAttempt, Suppression
from cam.services import leads, rows, validation
from cam.services.validation import Errors

NOTE_MAX_LENGTH = 2000


def is_suppressed(*, email: str, campaign_id: str) -> bool:
    """Return whether ``email`` is suppressed for the campaign (or for all)."""
    return (
        selectors.suppression_find(
            email=leads.normalize_email(email), campaign_id=campaign_id
        )
        is not None
    )


def _suppression_reason(errors: Errors, field: str, value: object) -> str:
    return validation.choice(errors, field, value, Suppression.Reason)


@transaction.atomic
def suppression_add(
    *,
    email: str,
    reason: str,
    campaign_id: str | None = None,
    note: str = "",
    scope: Scope = ALL,
) -> tuple[Suppression, bool, int]:
    """Suppress an address (for one campaign, or all) and cancel its QUEUED messages.

    Returns the suppression, whether it was created (an existing one for the same
    address and scope is returned unchanged) and how many attempts were cancelled.
    Only an agency-wide ``scope`` (account teams) may add suppressions.
    """
    rows.require_agency_wide(scope)
    errors = Errors()
    address = validation.email(errors, "email", email)
    reason_value = _suppression_reason(errors, "reason", reason)
    note_text = validation.text(
        errors, "note", note, max_length=NOTE_MAX_LENGTH, required=False
    )
    if campaign_id is not None and not isinstance(campaign_id, str):
        errors.add("campaign_id", "Must be a string.")
    errors.raise_if_any()
    campaign = None if campaign_id is None else rows.lock_campaign(campaign_id)
    normalized = leads.normalize_email(address)
    existing = selectors.suppression_get_exact(
        email=normalized, campaign_id=campaign_id
    )
    created = existing is None
    if existing is None:
        suppression = Suppression(
            email=normalized, reason=reason_value, campaign=campaign, note=note_text
        )
        try:
            with transaction.atomic():
                rows.save(suppression)
        except (IntegrityError, ValidationFailed):
            winner = selectors.suppression_get_exact(
                email=normalized, campaign_id=campaign_id
            )
            if winner is None:
                raise
            suppression, created = winner, False
    else:
        suppression = existing
    queued = OutreachAttempt.objects.filter(
        status=OutreachAttempt.Status.QUEUED, lead__normalized_email=normalized
    )
    if campaign_id is not None:
        queued = queued.filter(campaign_id=campaign_id)
    cancelled = queued.update(
        status=OutreachAttempt.Status.CANCELLED, updated_at=timezone.now()
    )
    return suppression, created, cancelled
