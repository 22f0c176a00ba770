"""KPI arithmetic both apps share: the funnel family of a KPI and its checkpoints.

Strategy sets the targets; production shows how each one is reached. Both need the
same answer to "which part of the funnel does this measure?" and "where should it
stand at each checkpoint?", so the rules live here, as pure functions over names,
units and numbers. The checkpoints fit the campaign: a 10-week campaign is checked on
day 30, day 60 and day 70, its last day (:func:`checkpoint_days`). A client's goal
may run on its own clock: "per month" is a rate, "within 12 months" is due after the
campaign ends (:func:`timeframe_span`, :func:`horizon_days`), and its path is drawn
to that day.
"""

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from aicmo_site.writing import text

FAMILIES = ("Awareness", "Engagement", "Conversion", "Retention")
# The monthly review that comes first in every campaign long enough to have one.
FIRST_REVIEW_DAY = 30
# A campaign needs this many days for the first review to leave room for a second
# checkpoint before its end (6 weeks).
MONTHLY_FROM_DAYS = 42
# From 10 weeks on, the middle checkpoint is a monthly review too (day 60, 90...).
MONTHLY_MIDDLE_FROM_DAYS = 70
RATE_UNITS = frozenset({"%", "x", "points", "hours", "working days", "days"})
# Units of time a target can be counted in ("under 21 days", "two weeks ahead").
TIME_UNITS = frozenset({"minutes", "hours", "days", "working days", "weeks", "months"})
# A goal due this many days after the campaign ends is read as due at its end.
GRACE_DAYS = 14
# Planning lengths of a period, in days ("per month", "within three months").
PERIOD_DAYS = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}
WORD_NUMBERS = text.WORD_NUMBERS
MONTHS = {
    name: index
    for index, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}

# Checked in this order: a measure of keeping customers is retention whatever else it
# names ("Increase in repeat orders"); "Outreach reply rate" is engagement before it is
# a reply, "Sign-ups from referral links" a conversion before it is a referral.
_FAMILY_PATTERNS = (
    (
        "Retention",
        re.compile(
            r"retention|retained|repeat|renewal|churn|still active|still in post|"
            r"won back|lapsed|loyal|returning",
            re.IGNORECASE,
        ),
    ),
    (
        "Engagement",
        re.compile(
            r"engagement|open rate|reply rate|click|\bsaves\b|\bshares\b|comments|"
            r"(?:email|newsletter|list|channel) subscribers?|email list|mailing list|"
            r"watch time|attendance|classes per|volunteer",
            re.IGNORECASE,
        ),
    ),
    (
        "Conversion",
        re.compile(
            r"\bleads?\b|enquir|inquir|order|conversion|application|applicant|"
            r"interview|\bhires?\b|time[- ]to[- ]hire|revenue|return on|acquisition|"
            r"cost per|meeting|proposal|signed|sign-?ups?|sales conversation|"
            r"first response|first reply|basket|contacted|booking|booked|trial|"
            r"purchases? made|subscri(?:bers?|ptions?)|paying|\bpartners\b|"
            r"distributors|uptake|jabs|vaccinations?",
            re.IGNORECASE,
        ),
    ),
    (
        "Retention",
        re.compile(r"referral|promoter", re.IGNORECASE),
    ),
)
_LOWER_IS_BETTER = re.compile(
    r"\bcost per\b|\bcost of\b|\bcac\b|\bcpa\b|churn|time[- ]to|first response|"
    r"first reply|unsubscribe|bounce",
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


def is_time(unit: str) -> bool:
    """Return whether ``unit`` counts time: ``days``, ``weeks ahead``."""
    words = unit.split()
    return bool(words) and (unit in TIME_UNITS or words[0] in TIME_UNITS)


def is_rate(name: str, unit: str) -> bool:
    """Return whether the KPI is a rate or an average rather than a running total.

    A share, a multiple, a time, a cost per result and any measure "per" something
    ("Qualified applicants per open role") are rates; counts and sums are totals.
    """
    per = re.search(r"\bper\b", name, re.IGNORECASE) is not None
    cost = re.search(r"\bcost\b", name, re.IGNORECASE) is not None
    return unit in RATE_UNITS or is_time(unit) or per or (is_money(unit) and cost)


def number_value(word: str) -> Decimal | None:
    """Return the number a figure or a small number word stands for.

    >>> number_value("1,500"), number_value("Eight"), number_value("many")
    (Decimal('1500'), Decimal('8'), None)
    """
    clean = word.replace(",", "").strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", clean):
        return Decimal(clean)
    if clean in WORD_NUMBERS:
        return Decimal(WORD_NUMBERS[clean])
    return None


@dataclass(frozen=True, slots=True)
class Span:
    """What a target's timeframe means in days, read against the campaign's start.

    ``window`` is the number of days from the start by which the target is due
    (None: by the campaign's end); ``period`` the length of the period a rate is
    counted over ("per month" is 30).
    """

    window: int | None = None
    period: int | None = None


_NUMBER = r"(\d[\d,]*|[a-z]+)"
_PERIOD = re.compile(r"\b(?:per|a|each|every)\s+(day|week|month|quarter|year)\b", re.I)
_WITHIN = re.compile(
    rf"\b(?:in|within|over|during|for)\s+(?:the\s+)?(?:next\s+|first\s+)?"
    rf"{_NUMBER}\s+(day|week|month|quarter|year)s?\b",
    re.IGNORECASE,
)
_THIS = re.compile(r"\b(?:this|next|the next)\s+(month|quarter|year)\b", re.I)
_END_OF_WEEK = re.compile(r"\bby the end of week (\d+)\b", re.IGNORECASE)
_BY_DATE = re.compile(
    r"\bby\s+(?:(\d{1,2})\s+([a-z]+)|([a-z]+)\s+(\d{1,2}))(?:,?\s+(\d{4}))?\b",
    re.IGNORECASE,
)


def _date_days(match: re.Match[str], start: dt.date) -> int | None:
    day_text = match.group(1) or match.group(4)
    month = MONTHS.get((match.group(2) or match.group(3) or "").lower())
    if month is None:
        return None
    year = int(match.group(5)) if match.group(5) else start.year
    try:
        due = dt.date(year, month, int(day_text))
        if due < start and not match.group(5):
            due = dt.date(year + 1, month, int(day_text))
    except ValueError:
        return None
    return (due - start).days + 1


def _days(count: Decimal, unit: str) -> int:
    # Months are twelfths of a year, so "within 12 months" is a year, not 360 days.
    if unit == "month":
        return int((count * 365 / 12).quantize(Decimal(1), ROUND_HALF_UP))
    return int(count * PERIOD_DAYS[unit])


def horizon_days(timeframe: str, start: dt.date, weeks: int) -> int | None:
    """Return the day a target is due, when it is not the campaign's last day.

    A window that ends up to two weeks after the campaign ("this quarter" for a
    12-week campaign) is read as the campaign itself; a longer one ("within 12
    months") or a shorter one ("in 6 weeks") moves the due day.
    """
    window = timeframe_span(timeframe, start).window
    days = max(1, weeks) * 7
    if window is None or days <= window <= days + GRACE_DAYS:
        return None
    return window


def timeframe_span(timeframe: str, start: dt.date) -> Span:
    """Read a target's timeframe in days from the campaign's start.

    "per month" is a period of 30 days; "within three months", "this quarter" and
    "by 31 January" are windows (91, 91 and the days up to that date); "this
    winter", "this campaign" and "campaign average" say nothing more than the
    campaign itself, so they give an empty span.
    """
    period = _PERIOD.search(timeframe)
    if period:
        return Span(period=PERIOD_DAYS[period.group(1).lower()])
    within = _WITHIN.search(timeframe)
    if within:
        count = number_value(within.group(1))
        if count is not None:
            return Span(window=_days(count, within.group(2).lower()))
    this = _THIS.search(timeframe)
    if this:
        return Span(window=PERIOD_DAYS[this.group(1).lower()])
    week = _END_OF_WEEK.search(timeframe)
    if week:
        return Span(window=int(week.group(1)) * 7)
    date = _BY_DATE.search(timeframe)
    if date:
        days = _date_days(date, start)
        if days is not None:
            return Span(window=days)
    return Span()


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


def _round(value: Decimal, unit: str, rate: bool, whole: bool = False) -> Decimal:
    if not rate:
        return Decimal(max(0, math.ceil(value)))
    if whole:
        return value.quantize(Decimal(1), ROUND_HALF_UP)
    if is_money(unit):
        places = Decimal("0.01") if value < 20 else Decimal(1)
        return value.quantize(places, ROUND_HALF_UP)
    if unit == "points":
        return value.quantize(Decimal(1), ROUND_HALF_UP)
    rounded = value.quantize(Decimal("0.1"), ROUND_HALF_UP)
    whole = rounded == rounded.to_integral_value()
    return rounded.quantize(Decimal(1)) if whole else rounded


def kpi_path(
    *,
    name: str,
    target: Decimal,
    unit: str,
    weeks: int,
    rate: bool | None = None,
    baseline: Decimal | None = None,
    horizon_days: int | None = None,
) -> KpiPath:
    """Return the KPI's family, baseline and values at :func:`checkpoint_days`.

    Running totals (leads, orders, reach) count what the campaign brings, so they
    start at zero and grow with the days elapsed, reaching the target on the
    campaign's last day. Rates start from a planning estimate (70% of the target, or
    140% when lower is better) and close the gap by the campaign's end. ``rate``
    overrides the reading of the name and unit, ``baseline`` replaces the estimate
    (a client's "from 58% to 70%"), and ``horizon_days`` moves the day the target is
    due: a goal due after the campaign is part-way there at its end, one due before
    it holds its target from then on.
    """
    days = checkpoint_days(weeks)
    horizon = Decimal(horizon_days or days[-1])
    rate = is_rate(name, unit) if rate is None else rate
    # A count per something ("25 applicants per open role") stays in whole units.
    whole = (
        rate
        and target == target.to_integral_value()
        and not (unit in RATE_UNITS or is_money(unit) or is_time(unit))
    )
    progress = [min(Decimal(1), Decimal(day) / horizon) for day in days]
    if not rate:
        start = Decimal(0) if baseline is None else baseline
        points = [start + (target - start) * part for part in progress]
    else:
        if baseline is None:
            lower = lower_is_better(name)
            share = _RATE_START_LOWER_BETTER if lower else _RATE_START_HIGHER_BETTER
            baseline = _round(target * share, unit, rate=True, whole=whole)
        start = baseline
        points = [start + (target - start) * part for part in progress]
    first, middle, last = (_round(value, unit, rate, whole) for value in points)
    return KpiPath(
        family=kpi_family(name),
        baseline=start,
        day_30=first,
        day_60=middle,
        day_90=last,
    )
