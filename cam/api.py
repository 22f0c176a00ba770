"""Public API of client acquisition (cam): campaigns, leads, scoring and deals.

cam owns campaigns and their leads. A lead is scored on intake (fit score, conversion
probability, grade A-D), moves through NEW -> ENRICHED -> CONTACTED -> REPLIED ->
QUALIFIED -> ROUTED (or to LOST, or to MANUAL_REVIEW), and is ROUTED only by closing its
deal, which records the ``cam.client_signed`` domain event. Every function takes keyword
arguments, returns frozen DTOs from :mod:`cam.dto` and raises only :mod:`cam.errors`.
"""

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum

from django.db import transaction

from cam import selectors, services
from cam.dto import (
    CampaignData,
    CampaignMode,
    CampaignStatus,
    LeadData,
    LeadGrade,
    LeadIngestResult,
    LeadStatus,
)
from cam.errors import ValidationFailed
from cam.models import Campaign, Lead

MAX_LIMIT = 200


def _to_campaign_data(campaign: Campaign) -> CampaignData:
    return CampaignData(
        id=campaign.id,
        name=campaign.name,
        niche=campaign.niche,
        offer=campaign.offer,
        target_clients=campaign.target_clients,
        target_monthly_revenue=campaign.target_monthly_revenue,
        status=CampaignStatus(campaign.status),
        mode=CampaignMode(campaign.mode),
        banned_words=tuple(campaign.banned_words),
        created_at=campaign.created_at,
        updated_at=campaign.updated_at,
    )


def _to_lead_data(lead: Lead) -> LeadData:
    return LeadData(
        id=lead.id,
        campaign_id=lead.campaign_id,
        name=lead.name,
        email=lead.email,
        normalized_email=lead.normalized_email,
        company=lead.company,
        role=lead.role,
        source=lead.source,
        base_score=lead.base_score,
        budget_known=lead.budget_known,
        has_timeline=lead.has_timeline,
        pain_points=lead.pain_points,
        engagement=lead.engagement,
        fit_score=lead.fit_score,
        conversion_probability=lead.conversion_probability,
        grade=LeadGrade(lead.grade),
        status=LeadStatus(lead.status),
        review_reasons=tuple(lead.review_reasons),
        lost_reason=lead.lost_reason,
        contract_value=lead.contract_value,
        client_email=lead.client_email or None,
        closed_at=lead.closed_at,
        created_at=lead.created_at,
        updated_at=lead.updated_at,
    )


def _check_page(limit: int) -> None:
    if (
        isinstance(limit, bool)
        or not isinstance(limit, int)
        or not 1 <= limit <= MAX_LIMIT
    ):
        raise ValidationFailed(
            {"limit": [f"Must be a whole number from 1 to {MAX_LIMIT}."]}
        )


def _check_choice(field: str, value: str | None, allowed: type[StrEnum]) -> None:
    if value is not None and value not in {member.value for member in allowed}:
        names = ", ".join(member.value for member in allowed)
        raise ValidationFailed({field: [f"{value!r} is not one of: {names}."]})


@transaction.atomic
def campaign_create(
    *,
    name: str,
    niche: str,
    offer: str,
    target_clients: int,
    target_monthly_revenue: Decimal | None = None,
    mode: CampaignMode | str = CampaignMode.SIMULATION,
    banned_words: Sequence[str] = (),
) -> CampaignData:
    """Create a campaign; it starts ACTIVE.

    Text is trimmed; ``banned_words`` drops blanks and case-insensitive repeats.

    Raises:
        ValidationFailed: a field is invalid (every bad field is named): an empty
            name, niche or offer, ``target_clients`` not > 0, a negative revenue or one
            with more than 2 decimal places, an unknown mode.
    """
    campaign = services.campaign_create(
        name=name,
        niche=niche,
        offer=offer,
        target_clients=target_clients,
        target_monthly_revenue=target_monthly_revenue,
        mode=mode,
        banned_words=banned_words,
    )
    return _to_campaign_data(campaign)


def campaign_get(*, campaign_id: str) -> CampaignData:
    """Return the campaign.

    Raises:
        CampaignNotFound: no campaign has this id.
    """
    return _to_campaign_data(selectors.campaign_get(campaign_id=campaign_id))


def campaign_list(
    *,
    status: CampaignStatus | str | None = None,
    limit: int = 50,
    after_id: str | None = None,
) -> list[CampaignData]:
    """List campaigns, optionally of one status, in id order.

    Ids sort by creation time. Pass the last id of a page as ``after_id`` to get the
    next page.

    Raises:
        ValidationFailed: unknown ``status``, or ``limit`` outside 1..200.
    """
    _check_page(limit)
    _check_choice("status", status, CampaignStatus)
    campaigns = selectors.campaign_list(
        status=None if status is None else str(status), limit=limit, after_id=after_id
    )
    return [_to_campaign_data(campaign) for campaign in campaigns]


@transaction.atomic
def campaign_transition(*, campaign_id: str, to: CampaignStatus | str) -> CampaignData:
    """Move a campaign to another status: ACTIVE <-> PAUSED, either -> COMPLETED.

    Raises:
        CampaignNotFound: no campaign has this id.
        IllegalCampaignTransition: the move is not allowed (COMPLETED is final; a
            move to the current status is refused too); nothing changes.
        ValidationFailed: ``to`` is not a campaign status.
    """
    return _to_campaign_data(
        services.campaign_transition(campaign_id=campaign_id, to=to)
    )


@transaction.atomic
def lead_ingest(
    *,
    campaign_id: str,
    name: str,
    email: str,
    company: str = "",
    role: str = "",
    source: str = "api",
    base_score: Decimal | float,
    budget_known: bool = False,
    has_timeline: bool = False,
    pain_points: str = "",
    engagement: Decimal | float = 0,
) -> LeadIngestResult:
    """Add a NEW, scored lead to a campaign, or return the one with the same email.

    Emails are compared trimmed and lower-cased, per campaign. For a duplicate the
    existing lead comes back unchanged with ``created=False``. Scores (0..1) are
    rounded half-up to four places.

    Raises:
        CampaignNotFound: no campaign has this id.
        CampaignCompleted: the campaign is COMPLETED (a duplicate is still returned).
        ValidationFailed: a field is invalid (every bad field is named), e.g. an
            invalid ``email``, an empty ``name``, a score outside 0..1.
    """
    lead, created = services.lead_ingest(
        campaign_id=campaign_id,
        name=name,
        email=email,
        company=company,
        role=role,
        source=source,
        base_score=base_score,
        budget_known=budget_known,
        has_timeline=has_timeline,
        pain_points=pain_points,
        engagement=engagement,
    )
    return LeadIngestResult(created=created, lead=_to_lead_data(lead))


def lead_get(*, lead_id: str) -> LeadData:
    """Return the lead.

    Raises:
        LeadNotFound: no lead has this id.
    """
    return _to_lead_data(selectors.lead_get(lead_id=lead_id))


def lead_list(
    *,
    campaign_id: str | None = None,
    status: LeadStatus | str | None = None,
    grade: LeadGrade | str | None = None,
    limit: int = 50,
    after_id: str | None = None,
) -> list[LeadData]:
    """List leads, filtered by campaign, status and grade, in id order.

    Ids sort by creation time. Pass the last id of a page as ``after_id`` to get the
    next page. An unknown ``campaign_id`` gives an empty list.

    Raises:
        ValidationFailed: unknown ``status`` or ``grade``, or ``limit`` outside 1..200.
    """
    _check_page(limit)
    _check_choice("status", status, LeadStatus)
    _check_choice("grade", grade, LeadGrade)
    leads = selectors.lead_list(
        campaign_id=campaign_id,
        status=None if status is None else str(status),
        grade=None if grade is None else str(grade),
        limit=limit,
        after_id=after_id,
    )
    return [_to_lead_data(lead) for lead in leads]


@transaction.atomic
def lead_transition(
    *, lead_id: str, to: LeadStatus | str, reason: str = ""
) -> LeadData:
    """Move a lead to another status.

    Allowed: one step along NEW -> ENRICHED -> CONTACTED -> REPLIED -> QUALIFIED; to
    LOST from any status but ROUTED and LOST; to MANUAL_REVIEW from NEW, ENRICHED,
    CONTACTED or REPLIED; from MANUAL_REVIEW to QUALIFIED or LOST. ROUTED is reached
    only through :func:`deal_close`.

    Args:
        lead_id: The lead.
        to: The requested status.
        reason: Why. Required for MANUAL_REVIEW (appended to ``review_reasons``);
            kept as ``lost_reason`` for LOST; not stored for other moves.

    Raises:
        LeadNotFound: no lead has this id.
        IllegalLeadTransition: the move is not allowed (code CONFLICT; the message
            names the current and requested status); nothing changes.
        ValidationFailed: ``to`` is not a lead status, or a MANUAL_REVIEW move has
            no reason.
    """
    return _to_lead_data(
        services.lead_transition(lead_id=lead_id, to=to, reason=reason)
    )


@transaction.atomic
def deal_close(
    *, lead_id: str, contract_value: Decimal, client_email: str | None = None
) -> LeadData:
    """Close a QUALIFIED lead's deal: route it and record ``cam.client_signed``.

    The event's payload: ``client_name`` (the lead's company, else its name),
    ``email`` (``client_email`` if given, else the lead's email; lower-cased),
    ``company``, ``contract_value`` (a string with 2 decimal places), ``lead_id``
    and ``campaign_id``.

    Raises:
        LeadNotFound: no lead has this id.
        IllegalLeadTransition: the lead is not QUALIFIED; nothing changes and no
            event is recorded.
        ValidationFailed: ``contract_value`` is not positive or has more than 2
            decimal places, or ``client_email`` is invalid.
    """
    lead = services.deal_close(
        lead_id=lead_id, contract_value=contract_value, client_email=client_email
    )
    return _to_lead_data(lead)
