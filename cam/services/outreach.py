"""Outreach plans: a lead's message sequence recorded, and the sender's last check.

Messages are composed and scheduled by :mod:`cam.outreach` (pure); this module checks
the lead and campaign, records the plan and its attempts, and answers whether an
attempt may still be sent. cam never sends.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from aicmo_site.kernel.scope import ALL, Scope
from cam import outreach, selectors
from cam.errors import (
    CampaignCompleted,
    CampaignNotActive,
    LeadNotContactable,
    LeadNotFound,
    LeadSuppressed,
)
from cam.models import Campaign, Lead, OutreachAttempt, OutreachPlan
from cam.services import leads, rows, suppression
from cam.services.validation import Errors

# A plan starts within these years: far enough for any real use, and no date overflow.
PLAN_START_MIN = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
PLAN_START_MAX = dt.datetime(3000, 1, 1, tzinfo=dt.UTC)


def _plan_start(errors: Errors, field: str, value: object) -> dt.datetime:
    if value is None:
        return timezone.now()
    if not isinstance(value, dt.datetime) or timezone.is_naive(value):
        errors.add(field, "Must be a date and time with a time zone.")
        return timezone.now()
    if not PLAN_START_MIN <= value < PLAN_START_MAX:
        errors.add(field, "Must be between the years 2000 and 2999.")
        return timezone.now()
    return value


def _send_window(campaign: Campaign) -> outreach.SendWindow:
    return outreach.SendWindow(
        timezone=campaign.send_timezone,
        start=campaign.send_window_start,
        end=campaign.send_window_end,
        daily_cap=campaign.daily_send_cap,
    )


@transaction.atomic
def lead_plan_outreach(
    *, lead_id: str, start: dt.datetime | None = None, scope: Scope = ALL
) -> tuple[OutreachPlan, bool]:
    """Plan a lead's outreach sequence, or return its existing plan.

    Returns the plan and whether it was created. In SIMULATION mode every message is
    recorded as PROOF_SENT: nothing leaves the system. In LIVE mode each message is
    recorded QUEUED for delivery's sender; cam never sends (SPEC: send jobs belong to
    delivery). An existing plan made in another mode than the campaign's current one
    is replaced: its messages are CANCELLED, it gets ``replaced_at`` and a new plan is
    made (the usual checks apply). The daily cap counts the campaign's messages of its
    current mode (QUEUED in LIVE, PROOF_SENT in SIMULATION). The campaign row is
    locked, so concurrent plans of one campaign count each other's messages against
    the daily cap.
    """
    errors = Errors()
    start_at = _plan_start(errors, "start", start)
    errors.raise_if_any()
    try:
        campaign_id = (
            scope.agency_wide(Lead.objects.all())
            .values_list("campaign_id", flat=True)
            .get(pk=lead_id)
        )
    except Lead.DoesNotExist:
        raise LeadNotFound(f"Lead {lead_id!r} not found.") from None
    campaign = rows.lock_campaign(campaign_id, scope=scope)
    lead = rows.lock_lead(lead_id, scope=scope)
    if suppression.is_suppressed(email=lead.email, campaign_id=campaign.id):
        raise LeadSuppressed(
            f"Lead {lead.id}'s email {lead.normalized_email} is suppressed; it gets "
            "no outreach.",
            extra={"lead_id": lead.id, "email": lead.normalized_email},
        )
    existing = selectors.outreach_plan_for_lead(lead_id=lead.id)
    if existing is not None and existing.mode == campaign.mode:
        return existing, False
    if lead.status not in leads.CONTACTABLE_LEAD_STATUSES:
        raise LeadNotContactable(
            f"Lead {lead.id} is {lead.status}; outreach is planned only for leads "
            "in NEW, ENRICHED or CONTACTED.",
            extra={
                "lead_id": lead.id,
                "current_status": lead.status,
                "allowed": sorted(leads.CONTACTABLE_LEAD_STATUSES),
            },
        )
    if campaign.status == Campaign.Status.COMPLETED:
        raise CampaignCompleted(
            f"Campaign {campaign.id} is COMPLETED; it plans no outreach."
        )
    if campaign.status != Campaign.Status.ACTIVE:
        raise CampaignNotActive(
            f"Campaign {campaign.id} is {campaign.status}; resume it to plan outreach."
        )
    status = (
        OutreachAttempt.Status.PROOF_SENT
        if campaign.mode == Campaign.Mode.SIMULATION
        else OutreachAttempt.Status.QUEUED
    )
    drafts = outreach.compose(
        outreach.Prospect(
            name=lead.name,
            company=lead.company,
            role=lead.role,
            pain_points=lead.pain_points,
        ),
        outreach.Pitch(
            niche=campaign.niche,
            offer=campaign.offer,
            banned_words=tuple(campaign.banned_words),
        ),
    )
    window = _send_window(campaign)
    first_day = outreach.first_send_day(start_at, window)
    messages = outreach.schedule(
        drafts,
        window=window,
        start=start_at,
        taken=selectors.outreach_day_times(
            campaign_id=campaign.id, from_date=first_day, status=status
        ),
    )
    if existing is not None:
        now = timezone.now()
        existing.attempts.exclude(status=OutreachAttempt.Status.CANCELLED).update(
            status=OutreachAttempt.Status.CANCELLED, updated_at=now
        )
        existing.replaced_at = now
        rows.save(existing, update_fields=["replaced_at"])
    plan = OutreachPlan(
        lead=lead,
        campaign=campaign,
        mode=campaign.mode,
        timezone=campaign.send_timezone,
        starts_after=start_at,
    )
    rows.save(plan)
    OutreachAttempt.objects.bulk_create(
        OutreachAttempt(
            plan=plan,
            campaign=campaign,
            lead=lead,
            position=message.draft.position,
            channel=message.draft.step.channel.value,
            step=message.draft.step.name,
            subject=message.draft.subject,
            body=message.draft.body,
            scheduled_for=message.scheduled_for,
            send_date=message.send_date,
            status=status,
        )
        for message in messages
    )
    return plan, True


def outreach_attempt_sendable(*, attempt_id: str) -> bool:
    """Return whether a sender may send this attempt now (a read; nothing changes).

    True only while the attempt is QUEUED, its campaign is ACTIVE and LIVE, its lead
    is still in cold outreach (NEW, ENRICHED or CONTACTED) and its email is not
    suppressed (globally or for the campaign). Services cancel QUEUED attempts when
    these change, but a sender that listed attempts earlier must ask again right
    before sending: a pause, for one, leaves its attempts QUEUED.

    Raises:
        OutreachAttemptNotFound: no attempt has this id.
    """
    attempt = selectors.outreach_attempt_get(attempt_id=attempt_id)
    return (
        attempt.status == OutreachAttempt.Status.QUEUED
        and attempt.campaign.status == Campaign.Status.ACTIVE
        and attempt.campaign.mode == Campaign.Mode.LIVE
        and attempt.lead.status in leads.CONTACTABLE_LEAD_STATUSES
        and not suppression.is_suppressed(
            email=attempt.lead.email, campaign_id=attempt.campaign_id
        )
    )
