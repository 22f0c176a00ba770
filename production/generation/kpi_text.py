"""How KPIs read in a plan: names mid-sentence, values with units, data sources."""

import re
from decimal import Decimal

from aicmo_site.writing import text
from aicmo_site.writing.kpis import FAMILIES, checkpoint_days, is_money
from production.generation.context import DraftContext, KpiPlan


def lower_name(name: str) -> str:
    """A KPI name mid-sentence: ``qualified applications``, keeping acronyms."""
    words = name.split()
    acronym = len(words[0]) > 1 and words[0][1].isupper()
    proper = len(words) > 1 and words[1][:1].isupper()  # "Net Promoter Score"
    if acronym or proper:
        return name
    return name[:1].lower() + name[1:]


def _number(value: Decimal) -> str:
    whole = value == value.to_integral_value()
    return f"{value:,.0f}" if whole else f"{value:,.2f}".rstrip("0").rstrip(".")


def value_text(value: Decimal, unit: str) -> str:
    """Render a KPI value with its unit: ``4%``, ``3x``, ``GBP 12``, ``900 leads``."""
    number = _number(value)
    if number == "1" and unit.endswith("s") and not unit.endswith("ss"):
        unit = unit[:-1]  # "1 partner", not "1 partners"
    if unit == "%":
        return f"{number}%"
    if unit == "x":
        return f"{number}x"
    if is_money(unit):
        return f"{unit} {number}"
    return f"{number} {unit}"


def target_text(kpi: KpiPlan) -> str:
    return value_text(kpi.target, kpi.unit)


def checkpoints(ctx: DraftContext) -> tuple[int, int, int]:
    """The campaign days each KPI is checked on; the last is the campaign's end."""
    return checkpoint_days(ctx.facts.weeks)


def checkpoint_headers(
    ctx: DraftContext, target: str = "Target"
) -> tuple[str, str, str]:
    """The checkpoint columns' headers, the last at the campaign's end.

    ``Day 30``, ``Day 60`` and ``Target (day 70, the end)``: the last checkpoint is
    the campaign's last day, where the KPI meets its target.
    """
    first, middle, end = checkpoints(ctx)
    return (f"Day {first}", f"Day {middle}", f"{target} (day {end}, the end)")


def checkpoint_texts(kpi: KpiPlan) -> tuple[str, str, str]:
    """The KPI at each checkpoint; at the end, where the target stands."""
    first, middle, _ = kpi.path.checkpoints
    return (value_text(first, kpi.unit), value_text(middle, kpi.unit), target_text(kpi))


def review_day(ctx: DraftContext) -> int:
    """The checkpoint the draft's calendar builds toward: the last one inside it.

    Day 30 from 6 weeks on; for a shorter campaign, an earlier checkpoint or its end.
    """
    return max(day for day in checkpoints(ctx) if day <= ctx.days)


def review_value(ctx: DraftContext, kpi: KpiPlan) -> str:
    """The KPI's value at :func:`review_day`."""
    index = checkpoints(ctx).index(review_day(ctx))
    return checkpoint_texts(kpi)[index]


MEASURES = (
    (
        r"\breach|impression|follower|engagement|\bviews?\b",
        "Native analytics on {platforms}",
    ),
    (r"branded search", "Google Search Console, branded queries"),
    (
        r"session|visit|conversion rate|returning|sign-?up",
        "Google Analytics 4, with UTM-tagged links",
    ),
    (
        r"lead|enquir|application|applicant|interview|hire|starters",
        "CRM records, tagged by source",
    ),
    (r"meeting|proposal|partner|organisation", "Partnership pipeline in the CRM"),
    (
        r"order|revenue|return on ad|acquisition|basket|active after",
        "Store orders and ad spend, matched by UTM",
    ),
    (r"email|subscriber|open rate|nurture", "Email platform reports"),
    (r"response|reply", "Inbox and CRM timestamps"),
    (r"churn|repeat|renewal|referral|won back|promoter", "Customer records and survey"),
)


def measure(ctx: DraftContext, kpi: KpiPlan) -> str:
    platforms = text.join_and(c.name for c in ctx.channels if c.spec.kind == "social")
    for pattern, source in MEASURES:
        if re.search(pattern, kpi.name, re.IGNORECASE):
            return source.format(platforms=platforms or "each channel")
    return "Campaign tracker, updated weekly"


def kpis_by_family(ctx: DraftContext) -> list[KpiPlan]:
    """The KPIs ordered by funnel family, keeping the strategy's order within one."""
    order = {family: index for index, family in enumerate(FAMILIES)}
    return sorted(ctx.kpis, key=lambda k: order.get(k.family, len(order)))
