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

from aicmo_site.kernel import briefs, text

DEFAULT_PACK = "quick_social_basic"
DEFAULT_DURATION_WEEKS = 12
DEFAULT_TONE = "clear, confident and warm"
MAX_TEXT = 2000
"""Characters a text field may have, unless :data:`MAX_TEXT_BY_FIELD` says fewer."""
MAX_TEXT_BY_FIELD = {
    # The columns that store them (onboarding.models) or their kind.
    "client.name": 200,
    "client.website": 300,
    "client.industry": 200,
    "client.geography": 200,
    "client.email": 254,
    "objective": 40,
    "pack": 80,
    "tone": 200,
    "industry_family": 40,
}
MAX_ITEMS = 20
"""Items a list field may have."""
MAX_ITEM_TEXT = 500
"""Characters one list item may have."""
MAX_FIELDS = 50
"""Fields an object (the brief, its client, its budget) may have, aliases included."""
MAX_AMOUNT = Decimal("999999999999.99")  # fits DecimalField(max_digits=14, 2 places)
MAX_AMOUNT_TEXT = 40

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
    "industry_type": "industry_family",
    "playbook": "industry_family",
    "faq": "faqs",
    "questions": "faqs",
    "proof": "proof_points",
    "proofs": "proof_points",
    "locations_served": "locations",
    "dates": "key_dates",
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
    "industry_family",
    "faqs",
    "proof_points",
    "locations",
    "key_dates",
}
# The objects the substance lists hold: their fields (in the order the flat files
# name them, onboarding.dto.JSON_COLUMNS), and whether each is required.
RECORD_FIELDS = {
    "faqs": {"question": True, "answer": True},
    "locations": {"name": True, "address": False, "hours": False},
    "key_dates": {"date": True, "label": True},
}
DATE_MESSAGE = "Must be a date in ISO form, such as 2027-01-11."
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
    if len(raw) > MAX_FIELDS:
        result.fail(
            prefix.removesuffix(".") or text.ROOT,
            f"Give at most {MAX_FIELDS} fields, not {len(raw)}.",
        )
        return resolved
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
    limit = MAX_TEXT_BY_FIELD.get(label, MAX_TEXT)
    if len(value) > limit:
        result.fail(label, f"Must be at most {limit} characters.")
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
    if len(value) > MAX_ITEMS:
        # Before any item is looked at: a long list costs nothing to refuse.
        result.fail(name, f"Give at most {MAX_ITEMS} items, not {len(value)}.")
        return []
    items: list[str] = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            result.fail(f"{name}[{index}]", "Must be a non-empty string.")
            continue
        cleaned = _clean(item)
        if len(cleaned) > MAX_ITEM_TEXT:
            result.fail(
                f"{name}[{index}]", f"Must be at most {MAX_ITEM_TEXT} characters."
            )
            continue
        if cleaned.lower() not in seen:
            seen.add(cleaned.lower())
            items.append(cleaned)
    if required and not items and name not in result.errors:
        result.fail(name, "This field is required: give at least one item.")
    return items


def validate_intake(raw: Any, *, known_packs: Collection[str]) -> IntakeResult:
    """Validate and normalize ``raw``; every problem lands in ``result.errors``."""
    result = IntakeResult()
    if not isinstance(raw, Mapping):
        result.fail(text.ROOT, "The brief must be a JSON object.")
        return result
    if len(raw) > MAX_FIELDS:
        result.fail(text.ROOT, f"Give at most {MAX_FIELDS} fields, not {len(raw)}.")
        return result
    raw = _safe(raw, result)
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
    result.data["industry_family"] = _industry_family(top, result)
    result.data["proof_points"] = _text_list(
        top, "proof_points", result, required=False
    )
    for name in RECORD_FIELDS:
        result.data[name] = _records(top, name, result)
    _warn(result)
    if not result.data["channels"] and result.data["objective"] in DEFAULT_CHANNELS:
        result.data["channels"] = list(DEFAULT_CHANNELS[result.data["objective"]])
    return result


def _safe(raw: Mapping[str, Any], result: IntakeResult) -> dict[str, Any]:
    """Report forbidden characters, bad numbers and deep nesting anywhere in ``raw``.

    The brief is stored as sent, so every value counts, unknown fields included. The
    copy returned for further checks leaves out each forbidden character and each
    value nested too deeply, so no later message can echo one; a brief with any
    problem is never stored.
    """
    problems = text.data_problems(raw)
    for name, messages in problems.items():
        for message in messages:
            result.fail(name, message)
    return _without_forbidden(raw, 0) if problems else dict(raw)


def _without_forbidden(value: Any, depth: int) -> Any:
    if isinstance(value, str):
        return text.strip_forbidden(value)
    if isinstance(value, Mapping | list) and depth >= text.MAX_DEPTH:
        return None
    if isinstance(value, Mapping):
        return {
            text.printable(str(key)): _without_forbidden(child, depth + 1)
            for key, child in value.items()
        }
    if isinstance(value, list):
        return [_without_forbidden(child, depth + 1) for child in value]
    return value


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


def _industry_family(top: dict, result: IntakeResult) -> str:
    """Return the playbook family the brief names, or "" to let writers classify."""
    value = _text(
        top, "industry_family", result, required=False, label="industry_family"
    )
    if not value or "industry_family" in result.errors:
        return ""
    family = re.sub(r"[\s_-]+", "_", value).casefold()
    if family not in briefs.INDUSTRY_FAMILIES:
        result.fail(
            "industry_family",
            f"Unknown industry family '{value}'. "
            f"Known: {', '.join(briefs.INDUSTRY_FAMILIES)}.",
        )
        return ""
    return family


def _records(top: dict, name: str, result: IntakeResult) -> list[dict[str, str]]:
    """Validate a list of small objects (``faqs``, ``locations``, ``key_dates``).

    Every item is an object with the fields of :data:`RECORD_FIELDS`; each error is
    named by its path (``faqs[0].answer``). Repeats (ignoring case) are kept once.
    """
    value = top.get(name)
    if value is None or value == []:
        return []
    if not isinstance(value, list):
        result.fail(name, f"Expected a list, not {_json_kind(value)}.")
        return []
    if len(value) > MAX_ITEMS:
        result.fail(name, f"Give at most {MAX_ITEMS} items, not {len(value)}.")
        return []
    records: list[dict[str, str]] = []
    seen: set[tuple[str, ...]] = set()
    for index, item in enumerate(value):
        record = _record(item, name, f"{name}[{index}]", result)
        if record is None:
            continue
        folded = tuple(part.casefold() for part in record.values())
        if folded not in seen:
            seen.add(folded)
            records.append(record)
    return records


def _record(
    item: Any, name: str, label: str, result: IntakeResult
) -> dict[str, str] | None:
    """Return one item of a record list in canonical form; None if it is bad."""
    spec = RECORD_FIELDS[name]
    if not isinstance(item, Mapping):
        result.fail(label, f"Expected an object with {_and(list(spec))}.")
        return None
    if len(item) > MAX_FIELDS:
        result.fail(label, f"Give at most {MAX_FIELDS} fields, not {len(item)}.")
        return None
    before = len(result.errors)
    fields: dict[str, Any] = {}
    given_as: dict[str, str] = {}
    for key, child in item.items():
        field_name = str(key).strip().lower()
        if field_name in given_as:
            result.fail(
                f"{label}.{field_name}",
                f"Given twice (as '{given_as[field_name]}' and '{key}').",
            )
        elif field_name not in spec:
            result.fail(f"{label}.{field_name}", "Unknown field.")
        given_as.setdefault(field_name, str(key))
        fields[field_name] = child
    record = {
        key: (_item_date if key == "date" else _item_text)(
            fields.get(key), f"{label}.{key}", result, required
        )
        for key, required in spec.items()
    }
    return record if len(result.errors) == before else None


def _and(words: list[str]) -> str:
    """Return ``["a", "b", "c"]`` as ``"a, b and c"``."""
    return ", ".join(words[:-1]) + f" and {words[-1]}" if len(words) > 1 else words[0]


def _item_text(value: Any, label: str, result: IntakeResult, required: bool) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            result.fail(label, "This field is required.")
        return ""
    if not isinstance(value, str):
        result.fail(label, "Must be a string.")
        return ""
    cleaned = _clean(value)
    if len(cleaned) > MAX_ITEM_TEXT:
        result.fail(label, f"Must be at most {MAX_ITEM_TEXT} characters.")
        return ""
    return cleaned


def _item_date(value: Any, label: str, result: IntakeResult, required: bool) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            result.fail(label, "This field is required.")
        return ""
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        result.fail(label, DATE_MESSAGE)
        return ""


def _budget(value: Any, result: IntakeResult) -> dict[str, str] | None:
    if value in (None, {}):
        return None
    if not isinstance(value, Mapping):
        result.fail("budget", "Must be an object with amount and currency.")
        return None
    amount_raw = value.get("amount")
    amount: Decimal | None = None
    try:
        if isinstance(amount_raw, bool) or not isinstance(
            amount_raw, int | float | str | Decimal
        ):
            raise InvalidOperation
        amount_text = str(amount_raw).strip()
        if len(amount_text) > MAX_AMOUNT_TEXT:
            raise InvalidOperation
        amount = Decimal(amount_text)
        if not amount.is_finite() or amount <= 0:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        result.fail("budget.amount", "Must be a positive number.")
        amount = None
    if amount is not None and amount > MAX_AMOUNT:
        # 1e308 is a finite float, but no budget: quantizing it raised InvalidOperation.
        result.fail("budget.amount", f"Must be at most {MAX_AMOUNT}.")
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
        result.fail("start_date", DATE_MESSAGE)
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
