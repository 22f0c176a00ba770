"""KPI arithmetic both apps share: the funnel family of a KPI and its 30/60/90 path.

Strategy sets the targets; production shows how each one is reached. Both need the
same answer to "which part of the funnel does this measure?" and "where should it
stand on day 30, 60 and 90?", so the rules live here, as pure functions over names,
units and numbers.
"""

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FAMILIES = ("Awareness", "Engagement", "Conversion", "Retention")
CHECKPOINT_DAYS = (30, 60, 90)
RATE_UNITS = frozenset({"%", "x", "points", "hours", "working days", "days"})

# Checked in this order: "Outreach reply rate" is engagement before it is a reply,
# "Sign-ups from referral links" a conversion before it is a referral.
_FAMILY_PATTERNS = (
    (
        "Engagement",
        re.compile(
            r"engagement|open rate|reply rate|click|\bsaves\b|\bshares\b|comments|"
            r"subscriber|watch time|attendance|classes per",
            re.IGNORECASE,
        ),
    ),
    (
        "Conversion",
        re.compile(
            r"\bleads?\b|enquir|inquir|order|conversion|application|applicant|"
            r"interview|\bhires?\b|revenue|return on|acquisition|cost per|meeting|"
            r"proposal|signed|sign-?ups?|sales conversation|first response|"
            r"first reply|basket|contacted|booking|trial|purchases? made",
            re.IGNORECASE,
        ),
    ),
    (
        "Retention",
        re.compile(
            r"retention|retained|repeat|renewal|churn|referral|won back|promoter|"
            r"still in post|still active|returning|lapsed|loyal",
            re.IGNORECASE,
        ),
    ),
)
_LOWER_IS_BETTER = re.compile(
    r"\bcost per\b|\bcost of\b|churn|time to|first response|first reply|"
    r"unsubscribe|bounce",
    re.IGNORECASE,
)
# Planning estimates of where a rate starts, as a share of its target.
_RATE_START_HIGHER_BETTER = Decimal("0.7")
_RATE_START_LOWER_BETTER = Decimal("1.4")


def kpi_family(name: str) -> str:
    """Return the funnel family a KPI measures, from its name."""
    for family, pattern in _FAMILY_PATTERNS:
        if pattern.search(name):
            return family
    return "Awareness"


def is_money(unit: str) -> bool:
    """Return whether ``unit`` is a currency code (``GBP``)."""
    return re.fullmatch(r"[A-Z]{3}", unit) is not None


def is_rate(name: str, unit: str) -> bool:
    """Return whether the KPI is a rate or an average rather than a running total."""
    per_unit = re.search(r"\b(?:per|cost)\b", name, re.IGNORECASE) is not None
    return unit in RATE_UNITS or (is_money(unit) and per_unit)


def lower_is_better(name: str) -> bool:
    """Return whether a smaller number is the better result (costs, churn, delays)."""
    return _LOWER_IS_BETTER.search(name) is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class KpiPath:
    """Where a KPI starts and where it should stand on day 30, 60 and 90."""

    family: str
    baseline: Decimal
    day_30: Decimal
    day_60: Decimal
    day_90: Decimal


def _round(value: Decimal, unit: str, rate: bool) -> Decimal:
    if not rate:
        return Decimal(max(0, math.ceil(value)))
    if is_money(unit):
        places = Decimal("0.01") if value < 20 else Decimal(1)
        return value.quantize(places, ROUND_HALF_UP)
    if unit == "points":
        return value.quantize(Decimal(1), ROUND_HALF_UP)
    rounded = value.quantize(Decimal("0.1"), ROUND_HALF_UP)
    return rounded.normalize() if rounded == rounded.to_integral_value() else rounded


def kpi_path(*, name: str, target: Decimal, unit: str, weeks: int) -> KpiPath:
    """Return the KPI's family, baseline and day-30/60/90 checkpoints.

    Running totals (leads, orders, reach) count what the campaign brings, so they
    start at zero and grow with the days elapsed, reaching the target when the
    campaign ends. Rates start from a planning estimate (70% of the target, or 140%
    when lower is better) and close the gap by day 90 or the campaign's end.
    """
    total_days = max(1, weeks * 7)
    rate = is_rate(name, unit)
    if not rate:
        baseline = Decimal(0)
        points = [target * Decimal(min(day, total_days)) / Decimal(total_days)
                  for day in CHECKPOINT_DAYS]  # fmt: skip
    else:
        lower = lower_is_better(name)
        start = _RATE_START_LOWER_BETTER if lower else _RATE_START_HIGHER_BETTER
        baseline = _round(target * start, unit, rate=True)
        horizon = Decimal(min(total_days, CHECKPOINT_DAYS[-1]))
        points = [
            baseline + (target - baseline) * min(Decimal(1), Decimal(day) / horizon)
            for day in CHECKPOINT_DAYS
        ]
    day_30, day_60, day_90 = (_round(value, unit, rate) for value in points)
    return KpiPath(
        family=kpi_family(name),
        baseline=baseline,
        day_30=day_30,
        day_60=day_60,
        day_90=day_90,
    )
