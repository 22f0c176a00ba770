"""Public API of client acquisition (cam): campaigns, leads, scoring, deals, outreach.

Longer than 600 lines on purpose: it is cam's whole public surface in one file (STYLE
§4), eighteen use cases whose docstrings state the rules callers rely on, and their
DTO mappers.

cam owns campaigns and their leads, the suppression list and outreach plans. A lead is
scored on intake (fit score, conversion probability, grade A-D), moves through NEW ->
ENRICHED -> CONTACTED -> REPLIED -> QUALIFIED -> ROUTED (or to LOST, or to
MANUAL_REVIEW), and is ROUTED only by closing its deal, which records the
``cam.client_signed`` domain event. Qualification rejects or flags leads by documented
rules (:mod:`cam.qualification`). Outreach plans are deterministic message sequences
(:mod:`cam.outreach`); cam never sends: in LIVE mode the messages are QUEUED for
delivery's sender, in SIMULATION mode they are recorded as PROOF_SENT. Every function
takes keyword arguments, returns frozen DTOs from :mod:`cam.dto` and raises only
:mod:`cam.errors`.

Client acquisition belongs to no client yet, so it is agency-wide (account teams,
:mod:`aicmo_site.kernel.scope`). The functions a user's request calls take ``scope``
(default: every client). A scope limited to some clients sees no campaign, lead,
suppression or outreach: lists are empty, an existing row is not found (the same
error as an unknown id), and a create raises
:class:`~cam.errors.ClientAcquisitionDenied` (code PERMISSION_DENIED).
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.db import transaction
from django.db.models import TextChoices

from aicmo_site.kernel import paging
from aicmo_site.kernel.scope import ALL, Scope
from cam import selectors
from cam.dto import (
    CampaignData,
    CampaignMode,
    CampaignStatus,
    LeadData,
    LeadGrade,
    LeadImportResult,
    LeadIngestResult,
    LeadQualification,
    LeadStatus,
    OutreachAttemptStatus,
    OutreachChannel,
    OutreachMessageData,
    OutreachPlanData,
    OutreachPlanResult,
    QualificationCode,
    SuppressionAddResult,
    SuppressionData,
    SuppressionReason,
)
from cam.errors import ValidationFailed
from cam.models import (
    DEFAULT_DAILY_SEND_CAP,
    DEFAULT_SEND_TIMEZONE,
    DEFAULT_SEND_WINDOW_END,
    DEFAULT_SEND_WINDOW_START,
    Campaign,
    Lead,
    OutreachAttempt,
    OutreachPlan,
    Suppression,
)
from cam.services import campaigns as campaign_services
from cam.services import deals as deal_services
from cam.services import imports as import_services
from cam.services import leads as lead_services
from cam.services import outreach as outreach_services
from cam.services import qualification as qualification_services
from cam.services import suppression as suppression_services
from cam.services import validation


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
        competitor_domains=tuple(campaign.competitor_domains),
        daily_send_cap=campaign.daily_send_cap,
        send_timezone=campaign.send_timezone,
        send_window_start=campaign.send_window_start,
        send_window_end=campaign.send_window_end,
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
        review_codes=tuple(QualificationCode(code) for code in lead.review_codes),
        lost_reason=lead.lost_reason,
        lost_reason_code=(
            QualificationCode(lead.lost_reason_code) if lead.lost_reason_code else None
        ),
        contract_value=lead.contract_value,
        client_email=lead.client_email or None,
        closed_at=lead.closed_at,
        created_at=lead.created_at,
        updated_at=lead.updated_at,
    )


def _to_suppression_data(suppression: Suppression) -> SuppressionData:
    return SuppressionData(
        id=suppression.id,
        email=suppression.email,
        reason=SuppressionReason(suppression.reason),
        campaign_id=suppression.campaign_id,
        note=suppression.note,
        created_at=suppression.created_at,
    )


def _to_message_data(attempt: OutreachAttempt) -> OutreachMessageData:
    return OutreachMessageData(
        id=attempt.id,
        position=attempt.position,
        channel=OutreachChannel(attempt.channel),
        step=attempt.step,
        subject=attempt.subject,
        body=attempt.body,
        scheduled_for=attempt.scheduled_for,
        send_date=attempt.send_date,
        status=OutreachAttemptStatus(attempt.status),
    )


def _to_plan_data(plan: OutreachPlan) -> OutreachPlanData:
    attempts = sorted(plan.attempts.all(), key=lambda attempt: attempt.position)
    return OutreachPlanData(
        id=plan.id,
        lead_id=plan.lead_id,
        campaign_id=plan.campaign_id,
        mode=CampaignMode(plan.mode),
        timezone=plan.timezone,
        starts_after=plan.starts_after,
        messages=tuple(_to_message_data(attempt) for attempt in attempts),
        created_at=plan.created_at,
    )


def _check_choice(field: str, value: str | None, choices: type[TextChoices]) -> None:
    errors = validation.Errors()
    if value is not None:
        validation.choice(errors, field, value, choices)
    errors.raise_if_any()


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
    competitor_domains: Sequence[str] = (),
    daily_send_cap: int = DEFAULT_DAILY_SEND_CAP,
    send_timezone: str = DEFAULT_SEND_TIMEZONE,
    send_window_start: dt.time = DEFAULT_SEND_WINDOW_START,
    send_window_end: dt.time = DEFAULT_SEND_WINDOW_END,
    scope: Scope = ALL,
) -> CampaignData:
    """Create a campaign; it starts ACTIVE.

    Text is trimmed; ``banned_words`` drops blanks and case-insensitive repeats;
    ``competitor_domains`` are lower-cased, lose a leading ``@`` or ``www.`` and drop
    repeats. Outreach goes out on weekdays between ``send_window_start`` and
    ``send_window_end`` in ``send_timezone`` (IANA name), at most ``daily_send_cap``
    messages a day (1..1000).

    Raises:
        ClientAcquisitionDenied: ``scope`` is limited to some clients (checked first).
        ValidationFailed: a field is invalid (every bad field is named): an empty
            name, niche or offer, ``target_clients`` not > 0, a negative revenue or one
            with more than 2 decimal places, an unknown mode, a malformed domain, an
            unknown time zone, a window whose end is not after its start.
    """
    campaign = campaign_services.campaign_create(
        name=name,
        niche=niche,
        offer=offer,
        target_clients=target_clients,
        target_monthly_revenue=target_monthly_revenue,
        mode=mode,
        banned_words=banned_words,
        competitor_domains=competitor_domains,
        daily_send_cap=daily_send_cap,
        send_timezone=send_timezone,
        send_window_start=send_window_start,
        send_window_end=send_window_end,
        scope=scope,
    )
    return _to_campaign_data(campaign)


def campaign_get(*, campaign_id: str, scope: Scope = ALL) -> CampaignData:
    """Return the campaign.

    Raises:
        CampaignNotFound: no campaign has this id, or ``scope`` is limited.
    """
    return _to_campaign_data(
        selectors.campaign_get(campaign_id=campaign_id, scope=scope)
    )


def campaign_list(
    *,
    status: CampaignStatus | str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[CampaignData]:
    """List campaigns, optionally of one status, in id order (none for a limited scope).

    Ids sort by creation time. Pass the last id of a page as ``after_id`` to get the
    next page.

    Raises:
        ValidationFailed: unknown ``status``, or ``limit`` outside 1..200.
    """
    paging.check_limit(limit, error=ValidationFailed)
    _check_choice("status", status, Campaign.Status)
    campaigns = selectors.campaign_list(
        status=None if status is None else str(status),
        limit=limit,
        after_id=after_id,
        scope=scope,
    )
    return [_to_campaign_data(campaign) for campaign in campaigns]


@transaction.atomic
def campaign_transition(
    *, campaign_id: str, to: CampaignStatus | str, scope: Scope = ALL
) -> CampaignData:
    """Move a campaign to another status: ACTIVE <-> PAUSED, either -> COMPLETED.

    COMPLETED cancels the campaign's QUEUED outreach attempts. PAUSED leaves them
    QUEUED (resuming keeps the schedule); a sender checks
    :func:`outreach_attempt_sendable` right before sending, which is False while the
    campaign is paused.

    Raises:
        CampaignNotFound: no campaign has this id, or ``scope`` is limited.
        IllegalCampaignTransition: the move is not allowed (COMPLETED is final; a
            move to the current status is refused too); nothing changes.
        ValidationFailed: ``to`` is not a campaign status.
    """
    return _to_campaign_data(
        campaign_services.campaign_transition(
            campaign_id=campaign_id, to=to, scope=scope
        )
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
    scope: Scope = ALL,
) -> LeadIngestResult:
    """Add a NEW, scored lead to a campaign, or return the one with the same email.

    Emails are compared trimmed and lower-cased, per campaign. For a duplicate the
    existing lead comes back unchanged with ``created=False``. Scores (0..1) are
    rounded half-up to four places.

    Raises:
        ClientAcquisitionDenied: ``scope`` is limited to some clients (checked first).
        CampaignNotFound: no campaign has this id.
        CampaignCompleted: the campaign is COMPLETED (a duplicate is still returned).
        ValidationFailed: a field is invalid (every bad field is named), e.g. an
            invalid ``email``, an empty ``name``, a score outside 0..1.
    """
    lead, created = lead_services.lead_ingest(
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
        scope=scope,
    )
    return LeadIngestResult(created=created, lead=_to_lead_data(lead))


def lead_get(*, lead_id: str, scope: Scope = ALL) -> LeadData:
    """Return the lead.

    Raises:
        LeadNotFound: no lead has this id, or ``scope`` is limited.
    """
    return _to_lead_data(selectors.lead_get(lead_id=lead_id, scope=scope))


def lead_list(
    *,
    campaign_id: str | None = None,
    status: LeadStatus | str | None = None,
    grade: LeadGrade | str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[LeadData]:
    """List leads, filtered by campaign, status and grade, in id order.

    A limited ``scope`` gets none.

    Ids sort by creation time. Pass the last id of a page as ``after_id`` to get the
    next page. An unknown ``campaign_id`` gives an empty list.

    Raises:
        ValidationFailed: unknown ``status`` or ``grade``, or ``limit`` outside 1..200.
    """
    paging.check_limit(limit, error=ValidationFailed)
    _check_choice("status", status, Lead.Status)
    _check_choice("grade", grade, Lead.Grade)
    leads = selectors.lead_list(
        campaign_id=campaign_id,
        status=None if status is None else str(status),
        grade=None if grade is None else str(grade),
        limit=limit,
        after_id=after_id,
        scope=scope,
    )
    return [_to_lead_data(lead) for lead in leads]


@transaction.atomic
def lead_transition(
    *, lead_id: str, to: LeadStatus | str, reason: str = "", scope: Scope = ALL
) -> LeadData:
    """Move a lead to another status.

    Allowed: one step along NEW -> ENRICHED -> CONTACTED -> REPLIED -> QUALIFIED; to
    LOST from any status but ROUTED and LOST; to MANUAL_REVIEW from NEW, ENRICHED,
    CONTACTED or REPLIED; from MANUAL_REVIEW to QUALIFIED or LOST. ROUTED is reached
    only through :func:`deal_close`. A move out of cold outreach (to REPLIED,
    QUALIFIED, MANUAL_REVIEW or LOST) cancels the lead's QUEUED outreach attempts in
    the same transaction.

    Args:
        lead_id: The lead.
        to: The requested status.
        reason: Why. Required for MANUAL_REVIEW (appended to ``review_reasons``);
            kept as ``lost_reason`` for LOST; not stored for other moves.
        scope: The caller's account teams; a limited one finds no lead.

    Raises:
        LeadNotFound: no lead has this id, or ``scope`` is limited.
        IllegalLeadTransition: the move is not allowed (code CONFLICT; the message
            names the current and requested status); nothing changes.
        ValidationFailed: ``to`` is not a lead status, or a MANUAL_REVIEW move has
            no reason.
    """
    return _to_lead_data(
        lead_services.lead_transition(
            lead_id=lead_id, to=to, reason=reason, scope=scope
        )
    )


@transaction.atomic
def deal_close(
    *,
    lead_id: str,
    contract_value: Decimal,
    client_email: str | None = None,
    scope: Scope = ALL,
) -> LeadData:
    """Close a QUALIFIED lead's deal: route it and record ``cam.client_signed``.

    Any QUEUED outreach attempt of the lead is cancelled.

    The event's payload: ``client_name`` (the lead's company, else its name),
    ``email`` (``client_email`` if given, else the lead's email; lower-cased),
    ``company``, ``contract_value`` (a string with 2 decimal places), ``lead_id``
    and ``campaign_id``.

    Raises:
        LeadNotFound: no lead has this id, or ``scope`` is limited.
        IllegalLeadTransition: the lead is not QUALIFIED; nothing changes and no
            event is recorded.
        ValidationFailed: ``contract_value`` is not positive or has more than 2
            decimal places, or ``client_email`` is invalid.
    """
    lead = deal_services.deal_close(
        lead_id=lead_id,
        contract_value=contract_value,
        client_email=client_email,
        scope=scope,
    )
    return _to_lead_data(lead)


@transaction.atomic
def lead_import(
    *,
    campaign_id: str,
    rows: Iterable[tuple[int, Mapping[str, object]]],
    scope: Scope = ALL,
) -> LeadImportResult:
    """Import leads into a campaign from rows of a file: every row, or none.

    ``rows`` are (line number, cells by column) pairs, with the columns of
    ``cam.services.imports.IMPORT_COLUMNS``. Each row is validated and scored like
    :func:`lead_ingest`. A row whose email (trimmed, lower-cased) a lead of the
    campaign already has is skipped and reported; a row repeating an earlier row's
    email is an error naming both lines. New leads are stored with ``bulk_create``.

    Raises:
        ClientAcquisitionDenied: ``scope`` is limited to some clients (checked first).
        LeadImportFailed: a row is bad; ``extra["lines"]`` maps each bad line to its
            column errors and nothing is stored.
        CampaignNotFound: no campaign has this id.
        CampaignCompleted: the campaign is COMPLETED.
    """
    plan = import_services.lead_import(campaign_id=campaign_id, rows=rows, scope=scope)
    return LeadImportResult(
        campaign_id=plan.campaign.id,
        created=tuple(lead.id for lead in plan.leads.values()),
        skipped=tuple(sorted(plan.skipped.items())),
    )


@transaction.atomic
def lead_qualify(*, lead_id: str, scope: Scope = ALL) -> LeadQualification:
    """Qualify a lead: reject it, send it to review, or pass it.

    Rules (:mod:`cam.qualification`): INVALID_EMAIL, SUPPRESSED, COMPETITOR_DOMAIN and
    ROLE_ACCOUNT reject the lead: it moves to LOST with the first code as
    ``lost_reason_code`` and its message as ``lost_reason``. FREE_MAIL_DOMAIN,
    MISSING_COMPANY and LOW_GRADE (grade C or D) are borderline: the lead moves to
    MANUAL_REVIEW with every code in ``review_codes`` and the messages appended to
    ``review_reasons``; LOST clears ``review_codes``. Both cancel the lead's QUEUED
    outreach attempts. A clean lead becomes QUALIFIED from REPLIED. A clean lead in a
    MANUAL_REVIEW that qualification opened goes back to the status it was in before
    the review, so the funnel is never skipped: QUALIFIED if that was REPLIED, else
    NEW, ENRICHED or CONTACTED again (outcome PASSED, ``moved`` True). From NEW,
    ENRICHED or CONTACTED, or from a review a person opened, the outcome is PASSED
    and nothing changes. A lead in MANUAL_REVIEW that is still borderline stays there
    (``moved`` False) with its codes refreshed.

    Raises:
        LeadNotFound: no lead has this id, or ``scope`` is limited.
        IllegalLeadTransition: the lead is QUALIFIED, ROUTED or LOST (code CONFLICT);
            nothing changes.
    """
    result = qualification_services.lead_qualify(lead_id=lead_id, scope=scope)
    return LeadQualification(
        outcome=result.outcome,
        moved=result.moved,
        reasons=result.reasons,
        lead=_to_lead_data(result.lead),
    )


@transaction.atomic
def suppression_add(
    *,
    email: str,
    reason: SuppressionReason | str,
    campaign_id: str | None = None,
    note: str = "",
    scope: Scope = ALL,
) -> SuppressionAddResult:
    """Suppress an address, for one campaign or (``campaign_id`` None) for all.

    The email is stored trimmed and lower-cased. Adding an existing suppression (same
    address and scope) returns it unchanged with ``created=False``. QUEUED outreach
    attempts to the address (in scope) are cancelled, so delivery's sender skips them.

    Raises:
        ClientAcquisitionDenied: ``scope`` is limited to some clients (checked first).
        CampaignNotFound: no campaign has ``campaign_id``.
        ValidationFailed: an invalid email, an unknown reason, a note over 2000
            characters (every bad field is named).
    """
    suppression, created, cancelled = suppression_services.suppression_add(
        email=email, reason=reason, campaign_id=campaign_id, note=note, scope=scope
    )
    return SuppressionAddResult(
        created=created,
        suppression=_to_suppression_data(suppression),
        cancelled_attempts=cancelled,
    )


def suppression_list(
    *,
    email: str | None = None,
    campaign_id: str | None = None,
    reason: SuppressionReason | str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[SuppressionData]:
    """List suppressions in id order (none for a limited ``scope``).

    ``email`` is compared trimmed and lower-cased; ``campaign_id`` lists those that
    apply to the campaign (its own and the global ones).

    Raises:
        ValidationFailed: unknown ``reason``, or ``limit`` outside 1..200.
    """
    paging.check_limit(limit, error=ValidationFailed)
    _check_choice("reason", reason, Suppression.Reason)
    suppressions = selectors.suppression_list(
        email=None if email is None else lead_services.normalize_email(email),
        campaign_id=campaign_id,
        reason=None if reason is None else str(reason),
        limit=limit,
        after_id=after_id,
        scope=scope,
    )
    return [_to_suppression_data(suppression) for suppression in suppressions]


def email_is_suppressed(*, email: str, campaign_id: str) -> bool:
    """Return whether an address may not be contacted for the campaign."""
    return (
        selectors.suppression_find(
            email=lead_services.normalize_email(email), campaign_id=campaign_id
        )
        is not None
    )


@transaction.atomic
def lead_plan_outreach(
    *, lead_id: str, start: dt.datetime | None = None, scope: Scope = ALL
) -> OutreachPlanResult:
    """Plan the lead's outreach sequence, or return its existing plan unchanged.

    The plan is deterministic (:mod:`cam.outreach`): email intro, follow-up (day 3)
    and break-up (day 7), a LinkedIn connection note and follow-up (day 5), written
    from the lead's name, company, role and pain points and the campaign's niche and
    offer, scheduled on weekdays inside the campaign's send window after ``start``
    (default now) and within its daily cap. cam never sends: in SIMULATION mode each
    message is recorded as PROOF_SENT; in LIVE mode it is recorded QUEUED for
    delivery's sender. The daily cap counts the campaign's messages of its current
    mode (QUEUED in LIVE, PROOF_SENT in SIMULATION); a message takes the day's first
    free slot. A lead has one current plan: planning again returns it
    (``created=False``), unless the campaign's mode changed since it was made: then
    the old plan's messages are CANCELLED and a new plan is made (``created=True``).

    Raises:
        LeadNotFound: no lead has this id, or ``scope`` is limited.
        LeadSuppressed: the lead's email is suppressed (code LEAD_SUPPRESSED).
        LeadNotContactable: the lead is not NEW, ENRICHED or CONTACTED (CONFLICT).
        CampaignNotActive: the campaign is PAUSED (CONFLICT).
        CampaignCompleted: the campaign is COMPLETED (CONFLICT).
        BannedWordInOutreach: the lead's name or company contains one of the
            campaign's banned words (code BANNED_WORD).
        ValidationFailed: ``start`` is naive or outside the years 2000-2999.
    """
    plan, created = outreach_services.lead_plan_outreach(
        lead_id=lead_id, start=start, scope=scope
    )
    return OutreachPlanResult(created=created, plan=_to_plan_data(plan))


def outreach_plan_get(*, lead_id: str, scope: Scope = ALL) -> OutreachPlanData | None:
    """Return the lead's outreach plan, or None when it has none.

    Raises:
        LeadNotFound: no lead has this id, or ``scope`` is limited.
    """
    selectors.lead_get(lead_id=lead_id, scope=scope)
    plan = selectors.outreach_plan_for_lead(lead_id=lead_id, scope=scope)
    return None if plan is None else _to_plan_data(plan)


def outreach_attempt_list(
    *,
    campaign_id: str | None = None,
    lead_id: str | None = None,
    status: OutreachAttemptStatus | str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[OutreachMessageData]:
    """List outreach messages in id order, e.g. the QUEUED ones for delivery's sender.

    cam never sends; a sender reads QUEUED messages here (through orchestration) and
    checks each with :func:`outreach_attempt_sendable` right before sending it.

    Raises:
        ValidationFailed: unknown ``status``, or ``limit`` outside 1..200.
    """
    paging.check_limit(limit, error=ValidationFailed)
    _check_choice("status", status, OutreachAttempt.Status)
    attempts = selectors.outreach_attempt_list(
        campaign_id=campaign_id,
        lead_id=lead_id,
        status=None if status is None else str(status),
        limit=limit,
        after_id=after_id,
        scope=scope,
    )
    return [_to_message_data(attempt) for attempt in attempts]


def outreach_attempt_sendable(*, attempt_id: str) -> bool:
    """Return whether a sender may send this outreach message now.

    True only while the message is QUEUED, its campaign is ACTIVE and LIVE, its lead
    is still NEW, ENRICHED or CONTACTED and the lead's email is not suppressed. cam
    cancels QUEUED messages when a lead leaves cold outreach, is suppressed or its
    campaign completes, but a pause leaves them QUEUED, and a sender may have listed
    them before any of this: it must call this right before each send.

    Raises:
        OutreachAttemptNotFound: no message has this id (code NOT_FOUND).
    """
    return outreach_services.outreach_attempt_sendable(attempt_id=attempt_id)
