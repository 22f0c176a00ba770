"""Campaign writes: create, edit, move through ACTIVE/PAUSED/COMPLETED, discard scratch.

A campaign's fields are checked here, send window and all, for the API and the admin
form alike (:func:`campaign_clean`).
"""

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction

from aicmo_site.kernel.scope import ALL, Scope
from cam.errors import CampaignCompleted, IllegalCampaignTransition, LeadFinal
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
from cam.services import rows, validation
from cam.services.validation import Errors, Validator

BANNED_WORD_MAX_LENGTH = 100
MAX_COMPETITOR_DOMAINS = 200
MAX_DAILY_SEND_CAP = 1000  # keeps at least 28 seconds between messages in 8 hours
_DOMAIN = re.compile(
    r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)

CampaignStatus = Campaign.Status

CAMPAIGN_TRANSITIONS: dict[str, frozenset[str]] = {
    CampaignStatus.ACTIVE: frozenset({CampaignStatus.PAUSED, CampaignStatus.COMPLETED}),
    CampaignStatus.PAUSED: frozenset({CampaignStatus.ACTIVE, CampaignStatus.COMPLETED}),
    CampaignStatus.COMPLETED: frozenset(),
}


def _words(errors: Errors, field: str, value: object) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        errors.add(field, "Must be a list of words.")
        return []
    words: list[str] = []
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, str):
            errors.add(field, "Every banned word must be a string.")
            continue
        if not validation.characters_ok(errors, field, item):
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


def _domains(errors: Errors, field: str, value: object) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        errors.add(field, "Must be a list of domains.")
        return []
    domains: list[str] = []
    seen: set[str] = set()  # a list lookup made a long list quadratic (issue 11)
    for item in value:
        if not isinstance(item, str):
            errors.add(field, "Every domain must be a string.")
            continue
        domain = item.strip().lower().removeprefix("@").removeprefix("www.")
        if not domain:
            continue
        if not _DOMAIN.match(domain):
            errors.add(field, f"{item.strip()!r} is not a domain such as rival.com.")
        elif domain not in seen:
            seen.add(domain)
            domains.append(domain)
    if len(domains) > MAX_COMPETITOR_DOMAINS:
        errors.add(field, f"At most {MAX_COMPETITOR_DOMAINS} domains.")
    return domains


def _send_cap(errors: Errors, field: str, value: object) -> int:
    cap = validation.positive_int(errors, field, value)
    if field not in errors and cap > MAX_DAILY_SEND_CAP:
        errors.add(field, f"At most {MAX_DAILY_SEND_CAP}.")
    return cap


@functools.cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _time_zone(errors: Errors, field: str, value: object) -> str:
    name = value.strip() if isinstance(value, str) else value
    if not isinstance(name, str) or name not in _time_zones():
        errors.add(field, "Must be an IANA time zone such as Europe/Berlin.")
        return ""
    return name


def _time_of_day(errors: Errors, field: str, value: object) -> dt.time | None:
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


def _check_window(errors: Errors, start: dt.time | None, end: dt.time | None) -> None:
    if start is not None and end is not None and end <= start:
        errors.add(
            "send_window_end",
            f"Must be after the window start ({start.isoformat('minutes')}).",
        )


def _campaign_mode(errors: Errors, field: str, value: object) -> str:
    return validation.choice(errors, field, value, Campaign.Mode)


# The fields a caller may set, each with its validator (which also normalizes).
_CAMPAIGN_FIELDS: dict[str, Validator] = {
    "name": validation.text_validator(validation.NAME_MAX_LENGTH, required=True),
    "niche": validation.text_validator(validation.NAME_MAX_LENGTH, required=True),
    "offer": validation.text_validator(validation.LONG_TEXT_MAX_LENGTH, required=True),
    "target_clients": validation.positive_int,
    "target_monthly_revenue": validation.optional_money,
    "mode": _campaign_mode,
    "banned_words": _words,
    "competitor_domains": _domains,
    "daily_send_cap": _send_cap,
    "send_timezone": _time_zone,
    "send_window_start": _time_of_day,
    "send_window_end": _time_of_day,
}


def _clean_campaign_fields(
    values: Mapping[str, object], current: Campaign | None = None
) -> dict[str, Any]:
    cleaned, errors = validation.check_fields(values, _CAMPAIGN_FIELDS)
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
    scope: Scope = ALL,
) -> Campaign:
    """Create an ACTIVE campaign (only for an agency-wide ``scope``)."""
    rows.require_agency_wide(scope)
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
    rows.save(campaign)
    return campaign


@transaction.atomic
def campaign_update(
    *, campaign_id: str, changes: Mapping[str, object], scope: Scope = ALL
) -> Campaign:
    """Change a campaign's fields other than its status; a COMPLETED one is frozen."""
    # Every bad field, before any look-up.
    validation.clean_fields(changes, _CAMPAIGN_FIELDS)
    campaign = rows.lock_campaign(campaign_id, scope=scope)
    cleaned = _clean_campaign_fields(changes, campaign)
    if campaign.status == Campaign.Status.COMPLETED:
        raise CampaignCompleted(
            f"Campaign {campaign.id} is COMPLETED; it can no longer change."
        )
    for field, value in cleaned.items():
        setattr(campaign, field, value)
    if cleaned:
        rows.save(campaign, update_fields=cleaned)
    return campaign


@transaction.atomic
def campaign_transition(*, campaign_id: str, to: str, scope: Scope = ALL) -> Campaign:
    """Move a campaign to status ``to``: ACTIVE<->PAUSED, either -> COMPLETED.

    COMPLETED cancels every QUEUED outreach attempt of the campaign. PAUSED leaves
    them QUEUED, so resuming keeps the schedule: a sender re-checks the campaign at
    send time (:func:`cam.services.outreach.outreach_attempt_sendable`) and sends
    nothing while it is paused.
    """
    errors = Errors()
    target = validation.choice(errors, "to", to, Campaign.Status)
    errors.raise_if_any()
    campaign = rows.lock_campaign(campaign_id, scope=scope)
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
    rows.save(campaign, update_fields=["status"])
    if target == Campaign.Status.COMPLETED:
        rows.cancel_queued(campaign_id=campaign.id)
    return campaign


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
    campaign = rows.lock_campaign(campaign_id)
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
