"""Writes of client acquisition: campaigns, leads, the funnel, deals and outreach.

Every service validates its whole input first and reports every bad field at once
(:class:`cam.errors.ValidationFailed`), runs in one transaction, and locks the row
(``select_for_update``) before it changes a status. Locks are taken campaign first,
then lead, so two services never wait on each other in opposite orders.
"""

import dataclasses
import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from aicmo_site.kernel import events
from cam import outreach, qualification, scoring, selectors
from cam.dto import QualificationOutcome, QualificationReason
from cam.errors import (
    CampaignCompleted,
    CampaignNotActive,
    CampaignNotFound,
    IllegalCampaignTransition,
    IllegalLeadTransition,
    LeadFinal,
    LeadImportFailed,
    LeadNotContactable,
    LeadNotFound,
    LeadSuppressed,
    ValidationFailed,
)
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

CLIENT_SIGNED = "cam.client_signed"

NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
SOURCE_MAX_LENGTH = 50
LONG_TEXT_MAX_LENGTH = 10_000
BANNED_WORD_MAX_LENGTH = 100
MONEY_PLACES = Decimal("0.01")
MONEY_MAX = Decimal("999999999999.99")  # fits DecimalField(max_digits=14, 2 places)
MAX_COMPETITOR_DOMAINS = 200
MAX_DAILY_SEND_CAP = 1000  # keeps at least 28 seconds between messages in 8 hours
NOTE_MAX_LENGTH = 2000
# A plan starts within these years: far enough for any real use, and no date overflow.
PLAN_START_MIN = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
PLAN_START_MAX = dt.datetime(3000, 1, 1, tzinfo=dt.UTC)
_DOMAIN = re.compile(
    r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)

CampaignStatus = Campaign.Status
LeadStatus = Lead.Status

CAMPAIGN_TRANSITIONS: dict[str, frozenset[str]] = {
    CampaignStatus.ACTIVE: frozenset({CampaignStatus.PAUSED, CampaignStatus.COMPLETED}),
    CampaignStatus.PAUSED: frozenset({CampaignStatus.ACTIVE, CampaignStatus.COMPLETED}),
    CampaignStatus.COMPLETED: frozenset(),
}

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
# Qualification is the gate before QUALIFIED: it takes leads still in the funnel.
QUALIFIABLE_LEAD_STATUSES = frozenset(
    {
        LeadStatus.NEW,
        LeadStatus.ENRICHED,
        LeadStatus.CONTACTED,
        LeadStatus.REPLIED,
        LeadStatus.MANUAL_REVIEW,
    }
)
# The statuses from which a clean lead may become QUALIFIED (LEAD_TRANSITIONS).
QUALIFYING_LEAD_STATUSES = frozenset({LeadStatus.REPLIED, LeadStatus.MANUAL_REVIEW})
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


def _domains(errors: _Errors, field: str, value: object) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        errors.add(field, "Must be a list of domains.")
        return []
    domains: list[str] = []
    for item in value:
        if not isinstance(item, str):
            errors.add(field, "Every domain must be a string.")
            continue
        domain = item.strip().lower().removeprefix("@").removeprefix("www.")
        if not domain:
            continue
        if not _DOMAIN.match(domain):
            errors.add(field, f"{item.strip()!r} is not a domain such as rival.com.")
        elif domain not in domains:
            domains.append(domain)
    if len(domains) > MAX_COMPETITOR_DOMAINS:
        errors.add(field, f"At most {MAX_COMPETITOR_DOMAINS} domains.")
    return domains


def _send_cap(errors: _Errors, field: str, value: object) -> int:
    cap = _positive_int(errors, field, value)
    if field not in errors and cap > MAX_DAILY_SEND_CAP:
        errors.add(field, f"At most {MAX_DAILY_SEND_CAP}.")
    return cap


@functools.cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _time_zone(errors: _Errors, field: str, value: object) -> str:
    name = value.strip() if isinstance(value, str) else value
    if not isinstance(name, str) or name not in _time_zones():
        errors.add(field, "Must be an IANA time zone such as Europe/Berlin.")
        return ""
    return name


def _time_of_day(errors: _Errors, field: str, value: object) -> dt.time | None:
    if isinstance(value, str):
        try:
            value = dt.time.fromisoformat(value.strip())
        except ValueError:
            errors.add(field, "Must be a time of day such as 09:00.")
            return None
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        errors.add(field, "Must be a time of day such as 09:00, without a time zone.")
        return None
    return value


def _check_window(errors: _Errors, start: dt.time | None, end: dt.time | None) -> None:
    if start is not None and end is not None and end <= start:
        errors.add(
            "send_window_end",
            f"Must be after the window start ({start.isoformat('minutes')}).",
        )


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
    "competitor_domains": _domains,
    "daily_send_cap": _send_cap,
    "send_timezone": _time_zone,
    "send_window_start": _time_of_day,
    "send_window_end": _time_of_day,
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


def _check_fields(
    values: Mapping[str, object], validators: Mapping[str, Validator]
) -> tuple[dict[str, Any], _Errors]:
    errors = _Errors()
    for name in sorted(set(values) - set(validators)):
        errors.add(name, "This field cannot be set.")
    cleaned = {
        name: validators[name](errors, name, value)
        for name, value in values.items()
        if name in validators
    }
    return cleaned, errors


def _clean_fields(
    values: Mapping[str, object], validators: Mapping[str, Validator]
) -> dict[str, Any]:
    cleaned, errors = _check_fields(values, validators)
    errors.raise_if_any()
    return cleaned


def _clean_campaign_fields(
    values: Mapping[str, object], current: Campaign | None = None
) -> dict[str, Any]:
    cleaned, errors = _check_fields(values, _CAMPAIGN_FIELDS)
    if "send_window_start" not in errors and "send_window_end" not in errors:

        def window(name: str) -> dt.time | None:
            if name in values:
                return cleaned[name]
            return getattr(current, name) if current is not None else None

        _check_window(errors, window("send_window_start"), window("send_window_end"))
    errors.raise_if_any()
    return cleaned


def campaign_clean(*, values: Mapping[str, object]) -> dict[str, Any]:
    """Validate and normalize campaign fields without saving (for forms).

    Raises:
        ValidationFailed: naming every bad field.
    """
    return _clean_campaign_fields(values)


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


def _cancel_queued(**filters: object) -> int:
    """Cancel the QUEUED outreach attempts matching ``filters``; return how many."""
    return OutreachAttempt.objects.filter(
        status=OutreachAttempt.Status.QUEUED, **filters
    ).update(status=OutreachAttempt.Status.CANCELLED, updated_at=timezone.now())


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
    competitor_domains: Iterable[str] = (),
    daily_send_cap: int = DEFAULT_DAILY_SEND_CAP,
    send_timezone: str = DEFAULT_SEND_TIMEZONE,
    send_window_start: dt.time | str = DEFAULT_SEND_WINDOW_START,
    send_window_end: dt.time | str = DEFAULT_SEND_WINDOW_END,
) -> Campaign:
    """Create an ACTIVE campaign."""
    cleaned = _clean_campaign_fields(
        {
            "name": name,
            "niche": niche,
            "offer": offer,
            "target_clients": target_clients,
            "target_monthly_revenue": target_monthly_revenue,
            "mode": mode,
            "banned_words": banned_words,
            "competitor_domains": competitor_domains,
            "daily_send_cap": daily_send_cap,
            "send_timezone": send_timezone,
            "send_window_start": send_window_start,
            "send_window_end": send_window_end,
        }
    )
    campaign = Campaign(status=Campaign.Status.ACTIVE, **cleaned)
    _save(campaign)
    return campaign


@transaction.atomic
def campaign_update(*, campaign_id: str, changes: Mapping[str, object]) -> Campaign:
    """Change a campaign's fields other than its status; a COMPLETED one is frozen."""
    _clean_fields(changes, _CAMPAIGN_FIELDS)  # every bad field, before any look-up
    campaign = _lock_campaign(campaign_id)
    cleaned = _clean_campaign_fields(changes, campaign)
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
    """Move a campaign to status ``to``: ACTIVE<->PAUSED, either -> COMPLETED.

    COMPLETED cancels every QUEUED outreach attempt of the campaign. PAUSED leaves
    them QUEUED, so resuming keeps the schedule: a sender re-checks the campaign at
    send time (:func:`outreach_attempt_sendable`) and sends nothing while it is paused.
    """
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
    if target == Campaign.Status.COMPLETED:
        _cancel_queued(campaign_id=campaign.id)
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
    A lead that leaves cold outreach (REPLIED, QUALIFIED, MANUAL_REVIEW, LOST) has its
    QUEUED outreach attempts cancelled.
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
    _save(lead, update_fields=update_fields)
    if target not in CONTACTABLE_LEAD_STATUSES:
        _cancel_queued(lead_id=lead.id)
    return lead


@transaction.atomic
def deal_close(
    *, lead_id: str, contract_value: Decimal, client_email: str | None = None
) -> Lead:
    """Record the signed deal of a QUALIFIED lead, route it and emit client_signed.

    Any QUEUED outreach attempt of the lead is cancelled.
    """
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
    _cancel_queued(lead_id=lead.id)
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


# --- qualification --------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Qualified:
    """What :func:`lead_qualify` did to a lead."""

    lead: Lead
    outcome: QualificationOutcome
    moved: bool
    reasons: tuple[QualificationReason, ...]


def _is_suppressed(*, email: str, campaign_id: str) -> bool:
    return (
        selectors.suppression_find(
            email=normalize_email(email), campaign_id=campaign_id
        )
        is not None
    )


@transaction.atomic
def lead_qualify(*, lead_id: str) -> Qualified:
    """Run the qualification rules on a lead and move it by their verdict.

    A rejection moves the lead to LOST (first code and message kept, review codes
    cleared); borderline findings move it to MANUAL_REVIEW (codes replaced, new
    messages appended, the status it came from remembered in ``review_from_status``).
    Both cancel the lead's QUEUED outreach attempts. A clean lead in REPLIED becomes
    QUALIFIED. A clean lead in a MANUAL_REVIEW that qualification itself opened
    (``review_codes`` set) goes back to the status the review was opened from, so the
    funnel is never skipped: to QUALIFIED only if that was REPLIED (outcome
    QUALIFIED), else back to NEW, ENRICHED or CONTACTED (outcome PASSED, moved). Any
    other clean lead is PASSED: unchanged. A lead in MANUAL_REVIEW that is still
    borderline stays there, its reasons refreshed. QUALIFIED, ROUTED and LOST leads
    are refused (IllegalLeadTransition).
    """
    lead = _lock_lead(lead_id)
    current = lead.status
    if current not in QUALIFIABLE_LEAD_STATUSES:
        raise _illegal_lead_move(
            lead,
            Lead.Status.QUALIFIED,
            "Only leads in NEW, ENRICHED, CONTACTED, REPLIED or MANUAL_REVIEW can be "
            "qualified.",
        )
    verdict = qualification.evaluate(
        email=lead.email,
        company=lead.company,
        grade=lead.grade,
        competitor_domains=lead.campaign.competitor_domains,
        suppressed=_is_suppressed(email=lead.email, campaign_id=lead.campaign_id),
    )
    if verdict.rejections:
        first = verdict.rejections[0]
        lead.status = Lead.Status.LOST
        lead.lost_reason_code = first.code.value
        lead.lost_reason = first.message
        lead.review_codes = []
        lead.review_from_status = ""
        _save(
            lead,
            update_fields=[
                "status",
                "lost_reason_code",
                "lost_reason",
                "review_codes",
                "review_from_status",
            ],
        )
        _cancel_queued(lead_id=lead.id)
        return Qualified(
            lead=lead,
            outcome=QualificationOutcome.LOST,
            moved=True,
            reasons=verdict.rejections,
        )
    if verdict.reviews:
        messages = [r.message for r in verdict.reviews]
        lead.review_codes = [r.code.value for r in verdict.reviews]
        lead.review_reasons = [
            *lead.review_reasons,
            *(m for m in messages if m not in lead.review_reasons),
        ]
        moved = current != Lead.Status.MANUAL_REVIEW
        if moved:
            lead.review_from_status = current
        lead.status = Lead.Status.MANUAL_REVIEW
        _save(
            lead,
            update_fields=[
                "status",
                "review_codes",
                "review_reasons",
                "review_from_status",
            ],
        )
        _cancel_queued(lead_id=lead.id)
        return Qualified(
            lead=lead,
            outcome=QualificationOutcome.MANUAL_REVIEW,
            moved=moved,
            reasons=verdict.reviews,
        )
    opened_by_rules = current == Lead.Status.MANUAL_REVIEW and bool(lead.review_codes)
    origin = lead.review_from_status if opened_by_rules else ""
    if current == Lead.Status.REPLIED or origin == Lead.Status.REPLIED:
        target = Lead.Status.QUALIFIED
    elif origin:
        target = origin  # NEW, ENRICHED or CONTACTED: the funnel resumes there
    else:
        target = current
    if target == current:
        if opened_by_rules:
            # A review opened before its origin was recorded: a person decides.
            lead.review_codes = []
            _save(lead, update_fields=["review_codes"])
        return Qualified(
            lead=lead, outcome=QualificationOutcome.PASSED, moved=False, reasons=()
        )
    lead.status = target
    lead.review_codes = []
    lead.review_from_status = ""
    _save(lead, update_fields=["status", "review_codes", "review_from_status"])
    outcome = (
        QualificationOutcome.QUALIFIED
        if target == Lead.Status.QUALIFIED
        else QualificationOutcome.PASSED
    )
    return Qualified(lead=lead, outcome=outcome, moved=True, reasons=())


# --- suppression ----------------------------------------------------------------------


def _suppression_reason(errors: _Errors, field: str, value: object) -> str:
    return _choice(errors, field, value, Suppression.Reason)


@transaction.atomic
def suppression_add(
    *,
    email: str,
    reason: str,
    campaign_id: str | None = None,
    note: str = "",
) -> tuple[Suppression, bool, int]:
    """Suppress an address (for one campaign, or all) and cancel its QUEUED messages.

    Returns the suppression, whether it was created (an existing one for the same
    address and scope is returned unchanged) and how many attempts were cancelled.
    """
    errors = _Errors()
    address = _email(errors, "email", email)
    reason_value = _suppression_reason(errors, "reason", reason)
    note_text = _text(errors, "note", note, max_length=NOTE_MAX_LENGTH, required=False)
    if campaign_id is not None and not isinstance(campaign_id, str):
        errors.add("campaign_id", "Must be a string.")
    errors.raise_if_any()
    campaign = None if campaign_id is None else _lock_campaign(campaign_id)
    normalized = normalize_email(address)
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
                _save(suppression)
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


# --- outreach -------------------------------------------------------------------------


def _plan_start(errors: _Errors, field: str, value: object) -> dt.datetime:
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
    *, lead_id: str, start: dt.datetime | None = None
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
    errors = _Errors()
    start_at = _plan_start(errors, "start", start)
    errors.raise_if_any()
    try:
        campaign_id = Lead.objects.values_list("campaign_id", flat=True).get(pk=lead_id)
    except Lead.DoesNotExist:
        raise LeadNotFound(f"Lead {lead_id!r} not found.") from None
    campaign = _lock_campaign(campaign_id)
    lead = _lock_lead(lead_id)
    if _is_suppressed(email=lead.email, campaign_id=campaign.id):
        raise LeadSuppressed(
            f"Lead {lead.id}'s email {lead.normalized_email} is suppressed; it gets "
            "no outreach.",
            extra={"lead_id": lead.id, "email": lead.normalized_email},
        )
    existing = selectors.outreach_plan_for_lead(lead_id=lead.id)
    if existing is not None and existing.mode == campaign.mode:
        return existing, False
    if lead.status not in CONTACTABLE_LEAD_STATUSES:
        raise LeadNotContactable(
            f"Lead {lead.id} is {lead.status}; outreach is planned only for leads "
            "in NEW, ENRICHED or CONTACTED.",
            extra={
                "lead_id": lead.id,
                "current_status": lead.status,
                "allowed": sorted(CONTACTABLE_LEAD_STATUSES),
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
        _save(existing, update_fields=["replaced_at"])
    plan = OutreachPlan(
        lead=lead,
        campaign=campaign,
        mode=campaign.mode,
        timezone=campaign.send_timezone,
        starts_after=start_at,
    )
    _save(plan)
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
        and attempt.lead.status in CONTACTABLE_LEAD_STATUSES
        and not _is_suppressed(
            email=attempt.lead.email, campaign_id=attempt.campaign_id
        )
    )


# --- lead import ----------------------------------------------------------------------

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
IMPORT_COLUMNS = LEAD_INPUT_FIELDS
REQUIRED_IMPORT_COLUMNS = ("name", "email", "base_score")
# Columns a lead export writes that an import reads past, so an export re-imports.
EXPORT_ONLY_COLUMNS = (
    "id",
    "campaign_id",
    "normalized_email",
    "fit_score",
    "conversion_probability",
    "grade",
    "status",
    "review_reasons",
    "review_codes",
    "lost_reason",
    "lost_reason_code",
    "contract_value",
    "client_email",
    "closed_at",
    "created_at",
    "updated_at",
)
IMPORT_SOURCE = "import"
IMPORT_BATCH_SIZE = 1000
_TRUE_CELLS = frozenset({"1", "true", "yes", "y", "x"})
_FALSE_CELLS = frozenset({"", "0", "false", "no", "n"})


def cell_text(value: object) -> str:
    """Return a cell as trimmed text: XLSX numbers such as ``12.0`` become ``12``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _cell_bool(errors: _Errors, field: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text in _TRUE_CELLS:
        return True
    if text not in _FALSE_CELLS:
        errors.add(field, "Must be yes or no (true/false, 1/0).")
    return False


def _cell_score(errors: _Errors, field: str, value: object, *, required: bool) -> Any:
    if isinstance(value, bool):
        errors.add(field, "Must be a number.")
        return scoring.ZERO
    text = cell_text(value)
    if not text:
        if required:
            errors.add(field, "This field is required.")
        return scoring.ZERO
    return _score(errors, field, text)


@dataclass(slots=True, kw_only=True)
class ImportPlan:
    """A checked lead file: new leads, rows skipped as duplicates, and row errors.

    Keys are lines of the file. ``leads`` are scored, unsaved rows ready for
    :func:`lead_import_commit`; ``skipped`` maps a line to the campaign's lead that
    already has its email; ``errors`` maps a line to its column errors.
    """

    campaign: Campaign
    leads: dict[int, Lead] = dataclasses.field(default_factory=dict)
    skipped: dict[int, str] = dataclasses.field(default_factory=dict)
    errors: dict[int, dict[str, list[str]]] = dataclasses.field(default_factory=dict)


def lead_import_check_columns(columns: Sequence[str]) -> None:
    """Refuse a header with an unknown, repeated or missing column.

    Raises:
        LeadImportFailed: naming the problem and the columns an import reads.
    """
    known = set(IMPORT_COLUMNS) | set(EXPORT_ONLY_COLUMNS)
    named = [c for c in columns if c]
    problems = []
    unknown = sorted({c for c in named if c not in known})
    doubled = sorted({c for c in named if named.count(c) > 1})
    missing = [c for c in REQUIRED_IMPORT_COLUMNS if c not in named]
    if unknown:
        problems.append(f"unknown column(s) {', '.join(unknown)}")
    if doubled:
        problems.append(f"column(s) given twice: {', '.join(doubled)}")
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if problems:
        message = (
            f"The header row has {'; '.join(problems)}. The columns are: "
            f"{', '.join(IMPORT_COLUMNS)} (name, email and base_score required)."
        )
        raise LeadImportFailed(message, extra={"file": [message]})


def _import_campaign(campaign_id: str) -> Campaign:
    campaign = selectors.campaign_get(campaign_id=campaign_id)
    if campaign.status == Campaign.Status.COMPLETED:
        raise CampaignCompleted(
            f"Campaign {campaign.id} is COMPLETED; it takes no new leads."
        )
    return campaign


def lead_import_prepare(
    *, campaign_id: str, rows: Iterable[tuple[int, Mapping[str, object]]]
) -> ImportPlan:
    """Check every row of a lead file in Python, with one look-up of existing emails.

    ``rows`` are (line, cells by column) pairs. A row is validated like
    :func:`lead_ingest`, scored, and deduplicated on its normalized email: a row whose
    email a lead of the campaign already has is skipped (that lead is unchanged); a
    row repeating an earlier row's email is an error naming both lines.

    Raises:
        CampaignNotFound: no campaign has this id.
        CampaignCompleted: the campaign takes no new leads.
    """
    campaign = _import_campaign(campaign_id)
    plan = ImportPlan(campaign=campaign)
    first_line: dict[str, int] = {}
    pending: dict[int, Lead] = {}
    for line, row in rows:
        values = {name: cell_text(row.get(name)) for name in IMPORT_COLUMNS}
        values["source"] = values["source"] or IMPORT_SOURCE
        errors = _Errors()
        base_score = _cell_score(
            errors, "base_score", row.get("base_score"), required=True
        )
        engagement = _cell_score(
            errors, "engagement", row.get("engagement"), required=False
        )
        budget_known = _cell_bool(errors, "budget_known", row.get("budget_known"))
        has_timeline = _cell_bool(errors, "has_timeline", row.get("has_timeline"))
        text_fields = {
            name: values[name]
            for name in ("name", "email", "company", "role", "source", "pain_points")
        }
        cleaned, field_errors = _check_fields(text_fields, _LEAD_FIELDS)
        for name, messages in field_errors.items():
            for message in messages:
                errors.add(name, message)
        normalized = normalize_email(cleaned["email"]) if "email" not in errors else ""
        if normalized:
            earlier = first_line.setdefault(normalized, line)
            if earlier != line:
                errors.add(
                    "email",
                    f"Line {earlier} has the same email ({normalized}); a lead may "
                    "appear once per file.",
                )
        if errors:
            plan.errors[line] = dict(sorted(errors.items(), key=_column_order))
            continue
        lead = Lead(
            campaign=campaign,
            normalized_email=normalized,
            status=Lead.Status.NEW,
            review_reasons=[],
            review_codes=[],
            base_score=base_score,
            engagement=engagement,
            budget_known=budget_known,
            has_timeline=has_timeline,
            **cleaned,
        )
        _apply_score(lead)
        pending[line] = lead
    existing = selectors.lead_ids_by_email(
        campaign_id=campaign.id,
        normalized_emails=[lead.normalized_email for lead in pending.values()],
    )
    for line, lead in pending.items():
        if lead.normalized_email in existing:
            plan.skipped[line] = existing[lead.normalized_email]
        else:
            plan.leads[line] = lead
    return plan


def _column_order(item: tuple[str, list[str]]) -> int:
    return IMPORT_COLUMNS.index(item[0]) if item[0] in IMPORT_COLUMNS else -1


@transaction.atomic
def lead_import_commit(*, plan: ImportPlan) -> list[Lead]:
    """Store a checked file's new leads with ``bulk_create``, in batches, atomically.

    The campaign row is locked and the emails are checked again, so a lead ingested
    since :func:`lead_import_prepare` makes the whole import fail, never a duplicate.
    Rows were validated field by field in Python; the database constraints are the
    last word (``full_clean`` would cost queries per row).

    Raises:
        LeadImportFailed: the plan has row errors, or an email was taken meanwhile.
        CampaignCompleted: the campaign was completed meanwhile.
    """
    if plan.errors:
        raise LeadImportFailed(extra={"lines": plan.errors})
    campaign = _lock_campaign(plan.campaign.id)
    if campaign.status == Campaign.Status.COMPLETED:
        raise CampaignCompleted(
            f"Campaign {campaign.id} is COMPLETED; it takes no new leads."
        )
    leads = list(plan.leads.values())
    taken = selectors.lead_ids_by_email(
        campaign_id=campaign.id,
        normalized_emails=[lead.normalized_email for lead in leads],
    )
    if taken:
        lines = {
            line: {"email": [f"Lead {taken[lead.normalized_email]} took this email."]}
            for line, lead in plan.leads.items()
            if lead.normalized_email in taken
        }
        raise LeadImportFailed(
            f"{len(lines)} email(s) were added to the campaign while the file was "
            "checked; nothing was imported.",
            extra={"lines": lines},
        )
    Lead.objects.bulk_create(leads, batch_size=IMPORT_BATCH_SIZE)
    return leads


@transaction.atomic
def lead_import(
    *, campaign_id: str, rows: Iterable[tuple[int, Mapping[str, object]]]
) -> ImportPlan:
    """Check, then store, every row of a lead file: all rows or none.

    Raises:
        LeadImportFailed: a row is bad (``extra["lines"]`` has every bad line).
        CampaignNotFound: no campaign has this id.
        CampaignCompleted: the campaign takes no new leads.
    """
    plan = lead_import_prepare(campaign_id=campaign_id, rows=rows)
    if plan.errors:
        raise LeadImportFailed(
            f"{len(plan.errors)} row(s) have errors; nothing was imported.",
            extra={"lines": plan.errors},
        )
    lead_import_commit(plan=plan)
    return plan


@transaction.atomic
def campaign_discard_scratch(*, campaign_id: str) -> int:
    """Delete a scratch campaign and everything in it; return the leads deleted.

    For benchmarks and rehearsals only: real campaigns are completed, never deleted
    (the admin offers no delete). A campaign with a ROUTED lead (a signed client) is
    history and is refused.

    Raises:
        CampaignNotFound: no campaign has this id.
        LeadFinal: the campaign has a ROUTED lead.
    """
    campaign = _lock_campaign(campaign_id)
    if campaign.leads.filter(status=Lead.Status.ROUTED).exists():
        raise LeadFinal(
            f"Campaign {campaign.id} has a signed client; it cannot be discarded."
        )
    OutreachAttempt.objects.filter(campaign=campaign).delete()
    OutreachPlan.objects.filter(campaign=campaign).delete()
    Suppression.objects.filter(campaign=campaign).delete()
    deleted, _ = Lead.objects.filter(campaign=campaign).delete()
    campaign.delete()
    return deleted
