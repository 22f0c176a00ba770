"""Row writes shared by cam's services: validated saves, row locks, queued cancels."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils import timezone

from cam.errors import CampaignNotFound, LeadNotFound, ValidationFailed
from cam.models import Campaign, Lead, OutreachAttempt


def save(instance: models.Model, *, update_fields: Iterable[str] | None = None) -> None:
    """Run the model's validation, then save; field errors become ValidationFailed."""
    try:
        instance.full_clean()
    except DjangoValidationError as exc:
        raise ValidationFailed(exc.message_dict) from None
    if update_fields is None:
        instance.save()
    else:
        instance.save(update_fields=[*update_fields, "updated_at"])


def lock_campaign(campaign_id: str) -> Campaign:
    """Return the campaign, its row locked (a campaign is locked before its leads)."""
    try:
        return Campaign.objects.select_for_update().get(pk=campaign_id)
    except Campaign.DoesNotExist:
        raise CampaignNotFound(f"Campaign {campaign_id!r} not found.") from None


def lock_lead(lead_id: str) -> Lead:
    """Return the lead, its row locked."""
    try:
        return Lead.objects.select_for_update().get(pk=lead_id)
    except Lead.DoesNotExist:
        raise LeadNotFound(f"Lead {lead_id!r} not found.") from None


def cancel_queued(**filters: object) -> int:
    """Cancel the QUEUED outreach attempts matching ``filters``; return how many."""
    return OutreachAttempt.objects.filter(
        status=OutreachAttempt.Status.QUEUED, **filters
    ).update(status=OutreachAttempt.Status.CANCELLED, updated_at=timezone.now())
