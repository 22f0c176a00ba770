"""KPI arithmetic both apps share: the funnel family of a KPI and its checkpoints.

Strategy sets the targets; production shows how each one is reached. Both need the
same answer to "which part of the funnel does this measure?" and "where should it
stand at each checkpoint?", so the rules live here, as pure functions over names,
units and numbers. The checkpoints fit the campaign: a 10-week campaign is checked on
day 30, day 60 and day 70, its last day (:func:`checkpoint_days`).
"""

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FAMILIES = ("Awareness", "Engagement", "Conversion", "Retention")
# The monthly review that comes first in every campaign long enough to have one.
FIRST_REVIEW_DAY = 30
# A campaign needs this many days for the first review to leave room for a second
# checkpoint before its end (6 weeks).
MONTHLY_FROM_DAYS = 42
# From 10 weeks on, the middle checkpoint is a monthly review too (day 60, 90...).
MONTHLY_MIDDLE_FROM_DAYS = 70
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


def checkpoint_days(weeks: int) -> tuple[int, int, int]:
    """Return the campaign days a KPI is checked on: the last one is the campaign's end.

    From 6 weeks on, the first is the day-30 review; the middle one is the monthly
    review nearest the campaign's halfway point (at least day 60) from 10 weeks on,
    and the whole week nearest halfway between day 30 and the end before that.
    Shorter campaigns are checked at their thirds, on whole weeks where they can be.

    >>> checkpoint_days(10), checkpoint_days(8), checkpoint_days(16)
    ((30, 60, 70), (30, 42, 56), (30, 60, 112))
    """
    end = max(1, weeks) * 7
    if end >= MONTHLY_MIDDLE_FROM_DAYS:
        review = FIRST_REVIEW_DAY
        middle = max(2 * review, review * _half_up(Decimal(end) / (2 * review)))
        return (review, middle, end)
    if end >= MONTHLY_FROM_DAYS:
        middle = 7 * _half_up(Decimal(FIRST_REVIEW_DAY + end) / 14)
        return (FIRST_REVIEW_DAY, middle, end)
    by_weeks = tuple(7 * _half_up(Decimal(end * part) / 21) for part in (1, 2))
    if 0 < by_weeks[0] < by_weeks[1] < end:
        return (by_weeks[0], by_weeks[1], end)
    first, second = (_half_up(Decimal(end * part) / 3) for part in (1, 2))
    return (first, second, end)


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True, slots=True, kw_only=True)
class KpiPath:
    """Where a KPI starts and where it should stand at the campaign's checkpoints.

    ``day_30``, ``day_60`` and ``day_90`` hold the values on the first, middle and
    last of :func:`checkpoint_days`; the last is the campaign's end, where the value
    is the target. The names are the stored fields' (``target_30d``...), kept from
    when every campaign was checked on day 30, 60 and 90: the first two are right
    for campaigns of 10 to 21 weeks, and ``day_90`` is always the last day.
    """

    family: str
    baseline: Decimal
    day_30: Decimal
    day_60: Decimal
    day_90: Decimal

    @property
    def checkpoints(self) -> tuple[Decimal, Decimal, Decimal]:
        """The values at the three checkpoints, in order."""
        return (self.day_30, self.day_60, self.day_90)


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
    """Return the KPI's family, baseline and values at :func:`checkpoint_days`.

    Running totals (leads, orders, reach) count what the campaign brings, so they
    start at zero and grow with the days elapsed, reaching the target on the
    campaign's last day. Rates start from a planning estimate (70% of the target, or
    140% when lower is better) and close the gap by the campaign's end.
    """
    days = checkpoint_days(weeks)
    total_days = Decimal(days[-1])
    rate = is_rate(name, unit)
    if not rate:
        baseline = Decimal(0)
        points = [target * Decimal(day) / total_days for day in days]
    else:
        lower = lower_is_better(name)
        start = _RATE_START_LOWER_BETTER if lower else _RATE_START_HIGHER_BETTER
        baseline = _round(target * start, unit, rate=True)
        points = [
            baseline + (target - baseline) * Decimal(day) / total_days for day in days
        ]
    first, middle, last = (_round(value, unit, rate) for value in points)
    return KpiPath(
        family=kpi_family(name),
        baseline=baseline,
        day_30=first,
        day_60=middle,
        day_90=last,
    )
