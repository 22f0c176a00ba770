"""Validate and normalize a raw brief (the JSON of SPEC §5).

One pass collects *every* problem, so a caller can name all bad fields at once. The
result is plain JSON-safe data; ``defaults`` such as the start date are applied later,
at normalization, because they depend on when the brief was submitted.
"""

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from aicmo_site.kernel import briefs

DEFAULT_PACK = "quick_social_basic"
DEFAULT_DURATION_WEEKS = 12
DEFAULT_TONE = "clear, confident and warm"
MAX_TEXT = 2000
MAX_ITEMS = 20

TOP_ALIASES = {
    "offer": "primary_offer",
    "main_offer": "primary_offer",
    "goal": "objective",
    "audience": "target_audience",
    "target": "target_audience",
    "pains": "pain_points",
    "problems": "pain_points",
    "outcomes": "desired_outcomes",
    "goals": "desired_outcomes",
    "platforms": "channels",
    "voice": "tone",
    "brand_voice": "tone",
    "avoid_words": "banned_words",
    "forbidden_words": "banned_words",
    "usps": "differentiators",
    "duration": "duration_weeks",
    "weeks": "duration_weeks",
    "start": "start_date",
}
CLIENT_ALIASES = {
    "brand": "name",
    "company": "name",
    "url": "website",
    "site": "website",
    "sector": "industry",
    "market": "geography",
    "region": "geography",
    "country": "geography",
}
TOP_FIELDS = {
    "client",
    "primary_offer",
    "objective",
    "target_audience",
    "pain_points",
    "desired_outcomes",
    "pack",
    "channels",
    "tone",
    "banned_words",
    "competitors",
    "differentiators",
    "budget",
    "duration_weeks",
    "start_date",
}
CLIENT_FIELDS = {"name", "website", "industry", "geography", "email"}

DEFAULT_CHANNELS = {
    "Awareness": ("Instagram", "TikTok", "Facebook"),
    "Leads": ("LinkedIn", "Email", "Instagram"),
    "Sales": ("Instagram", "Facebook", "Email"),
    "Hiring": ("LinkedIn", "Instagram"),
    "Partnerships": ("LinkedIn", "Email"),
    "Retention": ("Email", "Instagram"),
}
KNOWN_CHANNELS = ", ".join(sorted(briefs.CHANNELS))
GENERIC_AUDIENCES = {
    "everyone",
    "anyone",
    "all",
    "general public",
    "people",
    "customers",
}
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_URL = re.compile(r"^(https?://)?([a-z0-9-]+\.)+[a-z]{2,}(/\S*)?$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


@dataclass
class IntakeResult:
    """Normalized fields (JSON-safe), warnings, and every error found."""

    data: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _resolve_aliases(
    raw: Mapping[str, Any], aliases: dict[str, str], prefix: str, result: IntakeResult
) -> dict[str, Any]:
    resolved: dict[str, Any] = {}
    for key, value in raw.items():
        name = aliases.get(str(key).strip().lower(), str(key).strip().lower())
        if name in resolved:
            result.fail(f"{prefix}{name}", f"Given twice (as '{key}' and an alias).")
            continue
        resolved[name] = value
    return resolved


def _text(
    data: dict, name: str, result: IntakeResult, *, required: bool, label: str
) -> str:
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            result.fail(label, "This field is required.")
        return ""
    if not isinstance(value, str):
        result.fail(label, "Must be a string.")
        return ""
    value = _clean(value)
    if len(value) > MAX_TEXT:
        result.fail(label, f"Must be at most {MAX_TEXT} characters.")
    return value


def _json_kind(value: Any) -> str:
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, Mapping):
        return "an object"
    return f"a {type(value).__name__}"


def _text_list(
    data: dict, name: str, result: IntakeResult, *, required: bool
) -> list[str]:
    value = data.get(name)
    if value is None or value == []:
        if required:
            result.fail(name, "This field is required: give at least one item.")
        return []
    if not isinstance(value, list):
        # A CSV cell is split on ";" before it gets here; a string in JSON is a mistake.
        result.fail(name, f"Expected a list, not {_json_kind(value)}.")
        return []
    items: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            result.fail(f"{name}[{index}]", "Must be a non-empty string.")
            continue
        cleaned = _clean(item)
        if cleaned.lower() not in {existing.lower() for existing in items}:
            items.append(cleaned)
    if len(items) > MAX_ITEMS:
        result.fail(name, f"Give at most {MAX_ITEMS} items.")
    if required and not items and name not in result.errors:
        result.fail(name, "This field is required: give at least one item.")
    return items


def validate_intake(raw: Any, *, known_packs: Collection[str]) -> IntakeResult:
    """Validate and normalize ``raw``; every problem lands in ``result.errors``."""
    result = IntakeResult()
    if not isinstance(raw, Mapping):
        result.fail("non_field_errors", "The brief must be a JSON object.")
        return result
    top = _resolve_aliases(raw, TOP_ALIASES, "", result)
    for unknown in sorted(set(top) - TOP_FIELDS):
        result.fail(unknown, "Unknown field.")

    client_raw = top.get("client")
    client: dict[str, Any] = {}
    if not isinstance(client_raw, Mapping):
        result.fail(
            "client",
            "This field is required: an object with name, website, "
            "industry and geography.",
        )
        client_raw = {}
    client_fields = _resolve_aliases(client_raw, CLIENT_ALIASES, "client.", result)
    for unknown in sorted(set(client_fields) - CLIENT_FIELDS):
        result.fail(f"client.{unknown}", "Unknown field.")
    for name in ("name", "website", "industry", "geography"):
        client[name] = _text(
            client_fields, name, result, required=True, label=f"client.{name}"
        )
    if client["website"] and not _URL.match(client["website"]):
        result.fail(
            "client.website", "Enter a valid website address, such as example.com."
        )
    client["email"] = _text(
        client_fields, "email", result, required=False, label="client.email"
    )
    if client["email"] and not _EMAIL.match(client["email"]):
        result.fail("client.email", "Enter a valid email address.")
    result.data["client"] = client

    for name in ("primary_offer", "target_audience"):
        result.data[name] = _text(top, name, result, required=True, label=name)

    objective = _text(top, "objective", result, required=True, label="objective")
    canonical = {item.lower(): item for item in briefs.OBJECTIVES}
    if objective and objective.lower() not in canonical:
        result.fail("objective", f"Must be one of: {', '.join(briefs.OBJECTIVES)}.")
    result.data["objective"] = canonical.get(objective.lower(), objective)

    result.data["pain_points"] = _text_list(top, "pain_points", result, required=True)
    result.data["desired_outcomes"] = _text_list(
        top, "desired_outcomes", result, required=True
    )
    for name in ("banned_words", "competitors", "differentiators"):
        result.data[name] = _text_list(top, name, result, required=False)

    pack = _text(top, "pack", result, required=False, label="pack") or DEFAULT_PACK
    if pack not in known_packs:
        result.fail(
            "pack",
            f"Unknown pack '{pack}'. Known packs: {', '.join(sorted(known_packs))}.",
        )
    result.data["pack"] = pack

    result.data["channels"] = _channels(top, result)
    result.data["tone"] = (
        _text(top, "tone", result, required=False, label="tone") or DEFAULT_TONE
    )
    result.data["budget"] = _budget(top.get("budget"), result)
    result.data["duration_weeks"] = _duration(top.get("duration_weeks"), result)
    result.data["start_date"] = _start_date(top.get("start_date"), result)
    _warn(result)
    if not result.data["channels"] and result.data["objective"] in DEFAULT_CHANNELS:
        result.data["channels"] = list(DEFAULT_CHANNELS[result.data["objective"]])
    return result


def _channels(top: dict, result: IntakeResult) -> list[str]:
    names = _text_list(top, "channels", result, required=False)
    channels: list[str] = []
    for index, name in enumerate(names):
        channel = briefs.channel_name(name)
        if channel is None:
            result.fail(
                f"channels[{index}]",
                f"Unknown channel '{name}'. Known: {KNOWN_CHANNELS}.",
            )
        elif channel not in channels:
            channels.append(channel)
    return channels


def _budget(value: Any, result: IntakeResult) -> dict[str, str] | None:
    if value in (None, {}):
        return None
    if not isinstance(value, Mapping):
        result.fail("budget", "Must be an object with amount and currency.")
        return None
    amount_raw = value.get("amount")
    try:
        if isinstance(amount_raw, bool) or amount_raw is None:
            raise InvalidOperation
        amount = Decimal(str(amount_raw))
        if not amount.is_finite() or amount <= 0:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        result.fail("budget.amount", "Must be a positive number.")
        amount = None
    currency = str(value.get("currency") or "").strip().upper()
    if not _CURRENCY.match(currency):
        result.fail(
            "budget.currency", "Must be a three-letter currency code, such as USD."
        )
    for unknown in sorted(set(value) - {"amount", "currency"}):
        result.fail(f"budget.{unknown}", "Unknown field.")
    if amount is None:
        return None
    return {"amount": str(amount.quantize(Decimal("0.01"))), "currency": currency}


def _duration(value: Any, result: IntakeResult) -> int:
    if value is None or value == "":
        return DEFAULT_DURATION_WEEKS
    if isinstance(value, bool) or not isinstance(value, int | str):
        result.fail("duration_weeks", "Must be a whole number of weeks from 1 to 104.")
        return DEFAULT_DURATION_WEEKS
    try:
        weeks = int(value)
    except ValueError:
        weeks = 0
    if not 1 <= weeks <= 104:
        result.fail("duration_weeks", "Must be a whole number of weeks from 1 to 104.")
        return DEFAULT_DURATION_WEEKS
    return weeks


def _start_date(value: Any, result: IntakeResult) -> str | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        result.fail("start_date", "Must be a date in ISO form, such as 2027-01-11.")
        return None


def _warn(result: IntakeResult) -> None:
    data = result.data
    objective = data.get("objective")
    audience = (data.get("target_audience") or "").lower()
    if objective in {"Leads", "Sales"} and audience in GENERIC_AUDIENCES:
        result.warnings.append(
            f"A {objective} objective needs a defined audience; "
            f"'{data['target_audience']}' "
            "is too broad to target."
        )
    if not data.get("channels") and objective in DEFAULT_CHANNELS:
        defaults = ", ".join(DEFAULT_CHANNELS[objective])
        result.warnings.append(
            f"No channels given; defaulted to {defaults} for {objective}."
        )
    if data.get("budget") is None:
        result.warnings.append("No budget given; plans assume a lean budget.")
    brand = (data.get("client") or {}).get("name", "").lower()
    if brand and brand in {c.lower() for c in data.get("competitors", [])}:
        result.warnings.append("The client's own brand is listed as a competitor.")
    if (
        objective == "Hiring"
        and "Email" in data.get("channels", [])
        and len(data["channels"]) == 1
    ):
        result.warnings.append(
            "A Hiring objective on Email alone reaches few new candidates."
        )


def next_monday(day: dt.date) -> dt.date:
    """Return the first Monday strictly after ``day``."""
    return day + dt.timedelta(days=7 - day.weekday())
