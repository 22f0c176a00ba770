"""Lead writes: intake deduplicated on the email, edits, and the funnel's status moves.

Deals (:mod:`cam.services.deals`) and qualification (:mod:`cam.services.qualification`)
move leads too; the status table and the checks they share are here.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from aicmo_site.kernel.scope import ALL, Scope
from cam import scoring, selectors
from cam.errors import (
    CampaignCompleted,
    IllegalLeadTransition,
    LeadFinal,
    ValidationFailed,
)
from cam.models import Campaign, Lead
from cam.services import rows, validation
from cam.services.validation import Errors, Validator

SOURCE_MAX_LENGTH = 50

LeadStatus = Lead.Status

# QUALIFIED -> ROUTED is the one edge that lead_transition does not take: a lead is
# routed only by deal_close, which records the signed deal and emits client_signed.
# lead_qualify also moves a lead out of a MANUAL_REVIEW it opened itself, back to the
# status the review was opened from (review_from_status), or to QUALIFIED from REPLIED.
LEAD_TRANSITIONS: dict[str, frozenset[str]] = {
    LeadStatus.NEW: frozenset(
        {LeadStatus.ENRICHED, LeadStatus.LOST, LeadStatus.MANUAL_REVIEW}
    ),
    LeadStatus.ENRICHED: frozenset(
        {LeadStatus.CONTACTED, LeadStatus.LOST, LeadStatus.MANUAL_REVIEW}
    ),
    LeadStatus.CONTACTED: frozenset(
        {LeadStatus.REPLIED, LeadStatus.LOST, LeadStatus.MANUAL_REVIEW}
    ),
    LeadStatus.REPLIED: frozenset(
        {LeadStatus.QUALIFIED, LeadStatus.LOST, LeadStatus.MANUAL_REVIEW}
    ),
    LeadStatus.QUALIFIED: frozenset({LeadStatus.LOST}),
    LeadStatus.MANUAL_REVIEW: frozenset({LeadStatus.QUALIFIED, LeadStatus.LOST}),
    LeadStatus.ROUTED: frozenset(),
    LeadStatus.LOST: frozenset(),
}
FINAL_LEAD_STATUSES = frozenset({LeadStatus.ROUTED, LeadStatus.LOST})
# Cold outreach goes to leads not yet in a conversation: once a lead replied, a person
# takes over; review, qualified, routed and lost leads get no sequence.
CONTACTABLE_LEAD_STATUSES = frozenset(
    {LeadStatus.NEW, LeadStatus.ENRICHED, LeadStatus.CONTACTED}
)

SCORING_INPUTS = (
    "base_score",
    "budget_known",
    "has_timeline",
    "pain_points",
    "engagement",
)

# What a person gives about a lead, in every intake: the API, the admin form, a file.
LEAD_INPUT_FIELDS = (
    "name",
    "email",
    "company",
    "role",
    "source",
    "base_score",
    "budget_known",
    "has_timeline",
    "pain_points",
    "engagement",
)
# Each input field's validator (which also normalizes).
LEAD_FIELDS: dict[str, Validator] = {
    "name": validation.text_validator(validation.NAME_MAX_LENGTH, required=True),
    "email": validation.email,
    "company": validation.text_validator(validation.NAME_MAX_LENGTH, required=False),
    "role": validation.text_validator(validation.NAME_MAX_LENGTH, required=False),
    "source": validation.text_validator(SOURCE_MAX_LENGTH, required=True),
    "base_score": validation.score,
    "budget_known": validation.boolean,
    "has_timeline": validation.boolean,
    "pain_points": validation.text_validator(
        validation.LONG_TEXT_MAX_LENGTH, required=False
    ),
    "engagement": validation.score,
}


def normalize_email(email: str) -> str:
    """Return the form of ``email`` that leads are deduplicated on.

    Trimmed and lower-cased, so case and whitespace variants count as one address.
    """
    return email.strip().lower()


def lead_clean(*, values: Mapping[str, object]) -> dict[str, Any]:
    """Validate and normalize lead fields without saving (for forms).

    Raises:
        ValidationFailed: naming every bad field.
    """
    return validation.clean_fields(values, LEAD_FIELDS)


def apply_score(lead: Lead) -> None:
    """Set the lead's fit score, conversion probability and grade from its inputs."""
    score = scoring.score_lead(
        base_score=lead.base_score,
        budget_known=lead.budget_known,
        has_timeline=lead.has_timeline,
        pain_points=lead.pain_points,
        engagement=lead.engagement,
    )
    lead.fit_score = score.fit_score
    lead.conversion_probability = score.conversion_probability
    lead.grade = score.grade.value


def illegal_move(lead: Lead, target: str, hint: str = "") -> IllegalLeadTransition:
    """Return the error refusing to move ``lead`` to ``target``."""
    message = f"Lead {lead.id} is {lead.status}; it cannot move to {target}."
    return IllegalLeadTransition(
        f"{message} {hint}".strip(),
        extra={
            "lead_id": lead.id,
            "current_status": lead.status,
            "requested_status": target,
            "allowed": sorted(LEAD_TRANSITIONS[lead.status]),
        },
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
) -> tuple[Lead, bool]:
    """Create a scored NEW lead, or return the campaign's lead with the same email.

    Returns the lead and whether it was created. A duplicate changes nothing. Only
    an agency-wide ``scope`` may add leads.
    """
    rows.require_agency_wide(scope)
    cleaned = validation.clean_fields(
        {
            "name": name,
            "email": email,
            "company": company,
            "role": role,
            "source": source,
            "base_score": base_score,
            "budget_known": budget_known,
            "has_timeline": has_timeline,
            "pain_points": pain_points,
            "engagement": engagement,
        },
        LEAD_FIELDS,
    )
    normalized = normalize_email(cleaned["email"])
    campaign = rows.lock_campaign(campaign_id)
    existing = selectors.lead_find_by_email(
        campaign_id=campaign.id, normalized_email=normalized
    )
    if existing is not None:
        return existing, False
    if campaign.status == Campaign.Status.COMPLETED:
        raise CampaignCompleted(
            f"Campaign {campaign.id} is COMPLETED; it takes no new leads."
        )
    lead = Lead(
        campaign=campaign,
        normalized_email=normalized,
        status=Lead.Status.NEW,
        review_reasons=[],
        **cleaned,
    )
    apply_score(lead)
    try:
        # The savepoint keeps the outer transaction usable if a concurrent writer
        # inserted the same email first (the unique constraint is the last word).
        with transaction.atomic():
            rows.save(lead)
    except (IntegrityError, ValidationFailed):
        winner = selectors.lead_find_by_email(
            campaign_id=campaign.id, normalized_email=normalized
        )
        if winner is None:
            raise
        return winner, False
    return lead, True


@transaction.atomic
def lead_update(
    *, lead_id: str, changes: Mapping[str, object], scope: Scope = ALL
) -> Lead:
    """Change a lead's data and recompute its score; ROUTED or LOST leads are frozen."""
    cleaned = validation.clean_fields(changes, LEAD_FIELDS)
    lead = rows.lock_lead(lead_id, scope=scope)
    if lead.status in FINAL_LEAD_STATUSES:
        raise LeadFinal(
            f"Lead {lead.id} is {lead.status}; its data can no longer change."
        )
    update_fields = set(cleaned)
    if "email" in cleaned:
        normalized = normalize_email(cleaned["email"])
        duplicate = selectors.lead_find_by_email(
            campaign_id=lead.campaign_id, normalized_email=normalized
        )
        if duplicate is not None and duplicate.pk != lead.pk:
            raise ValidationFailed(
                {"email": [f"Lead {duplicate.id} of this campaign has this email."]}
            )
        lead.normalized_email = normalized
        update_fields.add("normalized_email")
    for field, value in cleaned.items():
        setattr(lead, field, value)
    if update_fields.intersection(SCORING_INPUTS):
        apply_score(lead)
        update_fields.update({"fit_score", "conversion_probability", "grade"})
    if update_fields:
        rows.save(lead, update_fields=sorted(update_fields))
    return lead


@transaction.atomic
def lead_transition(
    *, lead_id: str, to: str, reason: str = "", scope: Scope = ALL
) -> Lead:
    """Move a lead one step through the funnel, to LOST, or to MANUAL_REVIEW.

    A MANUAL_REVIEW move needs a ``reason``, appended to ``review_reasons``; a LOST
    move keeps it as ``lost_reason``. ROUTED is reached only through
    :func:`cam.services.deals.deal_close`. A lead that leaves cold outreach (REPLIED,
    QUALIFIED, MANUAL_REVIEW, LOST) has its QUEUED outreach attempts cancelled.
    """
    errors = Errors()
    target = validation.choice(errors, "to", to, Lead.Status)
    reason_text = validation.text(
        errors,
        "reason",
        reason,
        max_length=validation.LONG_TEXT_MAX_LENGTH,
        required=False,
    )
    errors.raise_if_any()
    lead = rows.lock_lead(lead_id, scope=scope)
    if target not in LEAD_TRANSITIONS[lead.status]:
        hint = (
            "A lead is routed only by closing its deal (deal_close)."
            if target == Lead.Status.ROUTED and lead.status == Lead.Status.QUALIFIED
            else ""
        )
        raise illegal_move(lead, target, hint)
    update_fields = ["status"]
    if target == Lead.Status.MANUAL_REVIEW:
        if not reason_text:
            raise ValidationFailed({"reason": ["A manual review needs a reason."]})
        lead.review_reasons = [*lead.review_reasons, reason_text]
        lead.review_from_status = lead.status
        update_fields.extend(["review_reasons", "review_from_status"])
    elif target == Lead.Status.LOST:
        lead.lost_reason = reason_text
        lead.lost_reason_code = ""  # a person's decision, not a qualification rule
        update_fields.extend(["lost_reason", "lost_reason_code"])
    if lead.status == Lead.Status.MANUAL_REVIEW:
        # review_codes say why a lead is in review; leaving it, they no longer apply
        # (the messages stay in review_reasons as its history).
        lead.review_codes = []
        lead.review_from_status = ""
        update_fields.extend(["review_codes", "review_from_status"])
    lead.status = target
    rows.save(lead, update_fields=update_fields)
    if target not in CONTACTABLE_LEAD_STATUSES:
        rows.cancel_queued(lead_id=lead.id)
    return lead
