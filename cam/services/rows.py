"""Row writes shared by cam's services: validated saves, row locks, queued cancels.

Every row of cam belongs to no client (client acquisition is agency-wide), so a
``scope`` limited to some clients finds no row to lock and may create none.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils import timezone

from aicmo_site.kernel.scope import ALL, Scope
from cam.errors import (
    CampaignNotFound,
    ClientAcquisitionDenied,
    LeadNotFound,
    ValidationFailed,
)
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


def require_agency_wide(scope: Scope) -> None:
    """Refuse to create client acquisition rows for a scope limited to some clients."""
    if not scope.is_all:
        raise ClientAcquisitionDenied()


def lock_campaign(campaign_id: str, *, scope: Scope = ALL) -> Campaign:
    """Return the campaign, its row locked (a campaign is locked before its leads).

    Outside ``scope`` (a user limited to some clients) it is not found.
    """
    campaigns = scope.agency_wide(Campaign.objects.select_for_update())
    try:
        return campaigns.get(pk=campaign_id)
    except Campaign.DoesNotExist:
        raise CampaignNotFound(f"Campaign {campaign_id!r} not found.") from None


def lock_lead(lead_id: str, *, scope: Scope = ALL) -> Lead:
    """Return the lead, its row locked; outside ``scope`` it is not found."""
    leads = scope.agency_wide(Lead.objects.select_for_update())
    try:
        return leads.get(pk=lead_id)
    except Lead.DoesNotExist:
        raise LeadNotFound(f"Lead {lead_id!r} not found.") from None


def cancel_queued(**filters: object) -> int:
    """Cancel the QUEUED outreach attempts matching ``filters``; return how many."""
    return OutreachAttempt.objects.filter(
        status=OutreachAttempt.Status.QUEUED, **filters
    ).update(status=OutreachAttempt.Status.CANCELLED, updated_at=timezone.now())
