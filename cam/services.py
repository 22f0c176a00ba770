"""Writes of client acquisition: campaigns, lead intake and scoring, the funnel, deals.

Every service validates its whole input first and reports every bad field at once
(:class:`cam.errors.ValidationFailed`), runs in one transaction, and locks the row
(``select_for_update``) before it changes a status.
"""

import functools
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from aicmo_site.kernel import events
from cam import scoring, selectors
from cam.errors import (
    CampaignCompleted,
    CampaignNotFound,
    IllegalCampaignTransition,
    IllegalLeadTransition,
    LeadFinal,
    LeadNotFound,
    ValidationFailed,
)
from cam.models import Campaign, Lead

CLIENT_SIGNED = "cam.client_signed"

NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
SOURCE_MAX_LENGTH = 50
LONG_TEXT_MAX_LENGTH = 10_000
BANNED_WORD_MAX_LENGTH = 100
MONEY_PLACES = Decimal("0.01")
MONEY_MAX = Decimal("999999999999.99")  # fits DecimalField(max_digits=14, 2 places)

CampaignStatus = Campaign.Status
LeadStatus = Lead.Status

CAMPAIGN_TRANSITIONS: dict[str, frozenset[str]] = {
    CampaignStatus.ACTIVE: frozenset({CampaignStatus.PAUSED, CampaignStatus.COMPLETED}),
    CampaignStatus.PAUSED: frozenset({CampaignStatus.ACTIVE, CampaignStatus.COMPLETED}),
    CampaignStatus.COMPLETED: frozenset(),
}

# QUALIFIED -> ROUTED is the one edge that lead_transition does not take: a lead is
# routed only by deal_close, which records the signed deal and emits client_signed.
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

SCORING_INPUTS = (
    "base_score",
    "budget_known",
    "has_timeline",
    "pain_points",
    "engagement",
)


def normalize_email(email: str) -> str:
    """Return the form of ``email`` that leads are deduplicated on.

    Trimmed and lower-cased, so case and whitespace variants count as one address.
    """
    return email.strip().lower()


# --- input validation -----------------------------------------------------------------


class _Errors(dict[str, list[str]]):
    """Field errors collected while validating one call."""

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationFailed(dict(self))


Validator = Callable[[_Errors, str, object], object]


def _text(
    errors: _Errors, field: str, value: object, *, max_length: int, required: bool
) -> str:
    if not isinstance(value, str):
        errors.add(field, "Must be a string.")
        return ""
    text = value.strip()
    if required and not text:
        errors.add(field, "This field is required.")
    elif len(text) > max_length:
        errors.add(field, f"At most {max_length} characters.")
    return text


def _email(errors: _Errors, field: str, value: object) -> str:
    email = _text(errors, field, value, max_length=EMAIL_MAX_LENGTH, required=True)
    if email and field not in errors:
        try:
            validate_email(email)
        except DjangoValidationError:
            errors.add(field, "Enter a valid email address.")
    return email


def _decimal(errors: _Errors, field: str, value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        errors.add(field, "Must be a number.")
        return None
    try:
        number = (
            Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
        )
    except InvalidOperation:
        errors.add(field, "Must be a number.")
        return None
    if not number.is_finite():
        errors.add(field, "Must be a finite number.")
        return None
    return number


def _score(errors: _Errors, field: str, value: object) -> Decimal:
    number = _decimal(errors, field, value)
    if number is None:
        return scoring.ZERO
    if not scoring.ZERO <= number <= scoring.ONE:
        errors.add(field, "Must be between 0 and 1.")
        return scoring.ZERO
    return scoring.quantize(number)


def _money(
    errors: _Errors, field: str, value: object, *, allow_zero: bool
) -> Decimal | None:
    number = _decimal(errors, field, value)
    if number is None:
        return None
    if number < 0 or (number == 0 and not allow_zero):
        errors.add(
            field, "Must be zero or more." if allow_zero else "Must be positive."
        )
        return None
    if number > MONEY_MAX:
        errors.add(field, f"At most {MONEY_MAX}.")
        return None
    if number != number.quantize(MONEY_PLACES):
        errors.add(field, "At most 2 decimal places.")
        return None
    return number.quantize(MONEY_PLACES)


def _bool(errors: _Errors, field: str, value: object) -> bool:
    if not isinstance(value, bool):
        errors.add(field, "Must be true or false.")
        return False
    return value


def _positive_int(errors: _Errors, field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add(field, "Must be a whole number.")
        return 0
    if value <= 0:
        errors.add(field, "Must be greater than 0.")
    return value


def _choice(
    errors: _Errors, field: str, value: object, choices: type[models.TextChoices]
) -> str:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        errors.add(field, f"{value!r} is not one of: {allowed}.")
        return ""
    return str(value)


def _words(errors: _Errors, field: str, value: object) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        errors.add(field, "Must be a list of words.")
        return []
    words: list[str] = []
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, str):
            errors.add(field, "Every banned word must be a string.")
            continue
        word = item.strip()
        if len(word) > BANNED_WORD_MAX_LENGTH:
            errors.add(
                field, f"A banned word has at most {BANNED_WORD_MAX_LENGTH} characters."
            )
        elif word and word.casefold() not in seen:
            seen.add(word.casefold())
            words.append(word)
    return words


def _save(
    instance: models.Model, *, update_fields: Iterable[str] | None = None
) -> None:
    """Run the model's validation, then save; field errors become ValidationFailed."""
    try:
        instance.full_clean()
    except DjangoValidationError as exc:
        raise ValidationFailed(exc.message_dict) from None
    if update_fields is None:
        instance.save()
    else:
        instance.save(update_fields=[*update_fields, "updated_at"])


def _text_validator(max_length: int, *, required: bool) -> Validator:
    return functools.partial(_text, max_length=max_length, required=required)


def _optional_money(errors: _Errors, field: str, value: object) -> Decimal | None:
    return None if value is None else _money(errors, field, value, allow_zero=True)


def _campaign_mode(errors: _Errors, field: str, value: object) -> str:
    return _choice(errors, field, value, Campaign.Mode)


# The fields a caller may set, each with its validator (which also normalizes).
_CAMPAIGN_FIELDS: dict[str, Validator] = {
    "name": _text_validator(NAME_MAX_LENGTH, required=True),
    "niche": _text_validator(NAME_MAX_LENGTH, required=True),
    "offer": _text_validator(LONG_TEXT_MAX_LENGTH, required=True),
    "target_clients": _positive_int,
    "target_monthly_revenue": _optional_money,
    "mode": _campaign_mode,
    "banned_words": _words,
}
_LEAD_FIELDS: dict[str, Validator] = {
    "name": _text_validator(NAME_MAX_LENGTH, required=True),
    "email": _email,
    "company": _text_validator(NAME_MAX_LENGTH, required=False),
    "role": _text_validator(NAME_MAX_LENGTH, required=False),
    "source": _text_validator(SOURCE_MAX_LENGTH, required=True),
    "base_score": _score,
    "budget_known": _bool,
    "has_timeline": _bool,
    "pain_points": _text_validator(LONG_TEXT_MAX_LENGTH, required=False),
    "engagement": _score,
}


def _clean_fields(
    values: Mapping[str, object], validators: Mapping[str, Validator]
) -> dict[str, Any]:
    unknown = sorted(set(values) - set(validators))
    errors = _Errors()
    for field in unknown:
        errors.add(field, "This field cannot be set.")
    cleaned = {
        field: validators[field](errors, field, value)
        for field, value in values.items()
        if field in validators
    }
    errors.raise_if_any()
    return cleaned


def campaign_clean(*, values: Mapping[str, object]) -> dict[str, Any]:
    """Validate and normalize campaign fields without saving (for forms).

    Raises:
        ValidationFailed: naming every bad field.
    """
    return _clean_fields(values, _CAMPAIGN_FIELDS)


def lead_clean(*, values: Mapping[str, object]) -> dict[str, Any]:
    """Validate and normalize lead fields without saving (for forms).

    Raises:
        ValidationFailed: naming every bad field.
    """
    return _clean_fields(values, _LEAD_FIELDS)


def _apply_score(lead: Lead) -> None:
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


def _lock_campaign(campaign_id: str) -> Campaign:
    try:
        return Campaign.objects.select_for_update().get(pk=campaign_id)
    except Campaign.DoesNotExist:
        raise CampaignNotFound(f"Campaign {campaign_id!r} not found.") from None


def _lock_lead(lead_id: str) -> Lead:
    try:
        return Lead.objects.select_for_update().get(pk=lead_id)
    except Lead.DoesNotExist:
        raise LeadNotFound(f"Lead {lead_id!r} not found.") from None


# --- campaigns ------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    name: str,
    niche: str,
    offer: str,
    target_clients: int,
    target_monthly_revenue: Decimal | None = None,
    mode: str = Campaign.Mode.SIMULATION,
    banned_words: Iterable[str] = (),
) -> Campaign:
    """Create an ACTIVE campaign."""
    cleaned = _clean_fields(
        {
            "name": name,
            "niche": niche,
            "offer": offer,
            "target_clients": target_clients,
            "target_monthly_revenue": target_monthly_revenue,
            "mode": mode,
            "banned_words": banned_words,
        },
        _CAMPAIGN_FIELDS,
    )
    campaign = Campaign(status=Campaign.Status.ACTIVE, **cleaned)
    _save(campaign)
    return campaign


@transaction.atomic
def campaign_update(*, campaign_id: str, changes: Mapping[str, object]) -> Campaign:
    """Change a campaign's fields other than its status; a COMPLETED one is frozen."""
    cleaned = _clean_fields(changes, _CAMPAIGN_FIELDS)
    campaign = _lock_campaign(campaign_id)
    if campaign.status == Campaign.Status.COMPLETED:
        raise CampaignCompleted(
            f"Campaign {campaign.id} is COMPLETED; it can no longer change."
        )
    for field, value in cleaned.items():
        setattr(campaign, field, value)
    if cleaned:
        _save(campaign, update_fields=cleaned)
    return campaign


@transaction.atomic
def campaign_transition(*, campaign_id: str, to: str) -> Campaign:
    """Move a campaign to status ``to``: ACTIVE<->PAUSED, either -> COMPLETED."""
    errors = _Errors()
    target = _choice(errors, "to", to, Campaign.Status)
    errors.raise_if_any()
    campaign = _lock_campaign(campaign_id)
    current = campaign.status
    if target not in CAMPAIGN_TRANSITIONS[current]:
        raise IllegalCampaignTransition(
            f"Campaign {campaign.id} is {current}; it cannot move to {target}.",
            extra={
                "campaign_id": campaign.id,
                "current_status": current,
                "requested_status": target,
                "allowed": sorted(CAMPAIGN_TRANSITIONS[current]),
            },
        )
    campaign.status = target
    _save(campaign, update_fields=["status"])
    return campaign


# --- leads ----------------------------------------------------------------------------


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
) -> tuple[Lead, bool]:
    """Create a scored NEW lead, or return the campaign's lead with the same email.

    Returns the lead and whether it was created. A duplicate changes nothing.
    """
    cleaned = _clean_fields(
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
        _LEAD_FIELDS,
    )
    normalized = normalize_email(cleaned["email"])
    campaign = _lock_campaign(campaign_id)
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
    _apply_score(lead)
    try:
        # The savepoint keeps the outer transaction usable if a concurrent writer
        # inserted the same email first (the unique constraint is the last word).
        with transaction.atomic():
            _save(lead)
    except (IntegrityError, ValidationFailed):
        winner = selectors.lead_find_by_email(
            campaign_id=campaign.id, normalized_email=normalized
        )
        if winner is None:
            raise
        return winner, False
    return lead, True


@transaction.atomic
def lead_update(*, lead_id: str, changes: Mapping[str, object]) -> Lead:
    """Change a lead's data and recompute its score; ROUTED or LOST leads are frozen."""
    cleaned = _clean_fields(changes, _LEAD_FIELDS)
    lead = _lock_lead(lead_id)
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
        _apply_score(lead)
        update_fields.update({"fit_score", "conversion_probability", "grade"})
    if update_fields:
        _save(lead, update_fields=sorted(update_fields))
    return lead


def _illegal_lead_move(
    lead: Lead, target: str, hint: str = ""
) -> IllegalLeadTransition:
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
def lead_transition(*, lead_id: str, to: str, reason: str = "") -> Lead:
    """Move a lead one step through the funnel, to LOST, or to MANUAL_REVIEW.

    A MANUAL_REVIEW move needs a ``reason``, appended to ``review_reasons``; a LOST
    move keeps it as ``lost_reason``. ROUTED is reached only through :func:`deal_close`.
    """
    errors = _Errors()
    target = _choice(errors, "to", to, Lead.Status)
    reason_text = _text(
        errors, "reason", reason, max_length=LONG_TEXT_MAX_LENGTH, required=False
    )
    errors.raise_if_any()
    lead = _lock_lead(lead_id)
    if target not in LEAD_TRANSITIONS[lead.status]:
        hint = (
            "A lead is routed only by closing its deal (deal_close)."
            if target == Lead.Status.ROUTED and lead.status == Lead.Status.QUALIFIED
            else ""
        )
        raise _illegal_lead_move(lead, target, hint)
    update_fields = ["status"]
    if target == Lead.Status.MANUAL_REVIEW:
        if not reason_text:
            raise ValidationFailed({"reason": ["A manual review needs a reason."]})
        lead.review_reasons = [*lead.review_reasons, reason_text]
        update_fields.append("review_reasons")
    elif target == Lead.Status.LOST:
        lead.lost_reason = reason_text
        update_fields.append("lost_reason")
    lead.status = target
    _save(lead, update_fields=update_fields)
    return lead


@transaction.atomic
def deal_close(
    *, lead_id: str, contract_value: Decimal, client_email: str | None = None
) -> Lead:
    """Record the signed deal of a QUALIFIED lead, route it and emit client_signed."""
    errors = _Errors()
    value = _money(errors, "contract_value", contract_value, allow_zero=False)
    email = (
        None if client_email is None else _email(errors, "client_email", client_email)
    )
    errors.raise_if_any()
    lead = _lock_lead(lead_id)
    if lead.status != Lead.Status.QUALIFIED:
        raise _illegal_lead_move(
            lead, Lead.Status.ROUTED, "A deal can be closed only for a QUALIFIED lead."
        )
    lead.status = Lead.Status.ROUTED
    lead.contract_value = value
    lead.client_email = normalize_email(email) if email else lead.normalized_email
    lead.closed_at = timezone.now()
    _save(lead, update_fields=["status", "contract_value", "client_email", "closed_at"])
    events.record(
        events.DomainEvent(
            type=CLIENT_SIGNED,
            payload={
                "client_name": lead.company or lead.name,
                "email": lead.client_email,
                "company": lead.company,
                "contract_value": str(lead.contract_value),
                "lead_id": lead.id,
                "campaign_id": lead.campaign_id,
            },
        )
    )
    return lead
