"""How KPIs read in a plan: names mid-sentence, values with units, data sources.

Also the budget both KPI sections show: every line of spend, and the arithmetic from
each funded line to the lead measure, with the rates stated
(``aicmo_site.writing.budget``).
"""

import re
from decimal import Decimal

from aicmo_site.writing import budget, text
from aicmo_site.writing.kpis import FAMILIES, checkpoint_days, is_money
from production.generation.context import DraftContext, KpiPlan
from production.generation.markup import table


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


def value_text(value: Decimal, unit: str, bare: bool = False) -> str:
    """Render a KPI value with its unit: ``4%``, ``3x``, ``GBP 12``, ``900 leads``.

    ``bare`` leaves a count's noun out (``900``) where a column already names it.
    """
    number = _number(value)
    if bare and unit not in {"%", "x"} and not is_money(unit):
        return number
    if number == "1" and unit not in {"%", "x"} and not is_money(unit):
        unit = text.singular(unit)  # "1 partner", not "1 partners"
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


def checkpoint_texts(kpi: KpiPlan, bare: bool = False) -> tuple[str, str, str]:
    """The KPI at each checkpoint; at the end, where the target stands.

    A goal due after the campaign ("12 signed distributors within 12 months") is
    part-way there at the end: the last value says so. ``bare`` leaves counts'
    nouns out of the first two, which the target column names.
    """
    first, middle, end = kpi.path.checkpoints
    last = value_text(end, kpi.unit)
    if end != kpi.target:
        last += f", on the way to {target_text(kpi)} {kpi.timeframe}"
    return (
        value_text(first, kpi.unit, bare),
        value_text(middle, kpi.unit, bare),
        last,
    )


def review_day(ctx: DraftContext) -> int:
    """The checkpoint the draft's calendar builds toward: the last one inside it.

    Day 30 from 6 weeks on; for a shorter campaign, an earlier checkpoint or its end.
    """
    return max(day for day in checkpoints(ctx) if day <= ctx.days)


def review_value(ctx: DraftContext, kpi: KpiPlan, bare: bool = False) -> str:
    """The KPI's value at :func:`review_day`."""
    index = checkpoints(ctx).index(review_day(ctx))
    return checkpoint_texts(kpi, bare)[index]


MEASURES = (
    (
        r"\breach|impression|follower|engagement|\bviews?\b",
        "Platform analytics",
    ),
    (r"branded search", "Search Console, branded queries"),
    (r"uptake|jabs|vaccinat", "Vaccination records, by week"),
    (r"booked|booking|appointment|consultation", "Booking system, by source"),
    (
        r"session|visit|conversion rate|returning|sign-?up",
        "Google Analytics 4, UTM-tagged",
    ),
    (
        r"lead|enquir|application|applicant|interview|hire|starters",
        "CRM, tagged by source",
    ),
    (r"meeting|proposal|partner|organisation", "CRM partner pipeline"),
    (r"email|newsletter|open rate|nurture", "Email platform reports"),
    (
        r"order|revenue|return on ad|acquisition|basket|active after|subscri",
        "Store orders matched by UTM",
    ),
    (r"response|reply", "Inbox and CRM timestamps"),
    (r"churn|repeat|renewal|referral|won back|promoter", "Customer records and survey"),
)


def measure(ctx: DraftContext, kpi: KpiPlan) -> str:
    """Where a KPI's numbers come from."""
    for pattern, source in MEASURES:
        if re.search(pattern, kpi.name, re.IGNORECASE):
            return source
    return "Campaign tracker, updated weekly"


def campaign_target(ctx: DraftContext, kpi: KpiPlan) -> str:
    """The target and its timeframe, short when the timeframe is the campaign's end.

    "by the end of week 12" is left out of a 12-week campaign's target column, which
    already says so.
    """
    timeframe = kpi.timeframe
    if timeframe == f"by the end of week {ctx.facts.weeks}":
        return target_text(kpi)
    return f"{target_text(kpi)} {timeframe}"


def kpis_by_family(ctx: DraftContext) -> list[KpiPlan]:
    """The KPIs ordered by funnel family, keeping the strategy's order within one."""
    order = {family: index for index, family in enumerate(FAMILIES)}
    return sorted(ctx.kpis, key=lambda k: order.get(k.family, len(order)))


# --- budget ---------------------------------------------------------------------


def spend_lines(ctx: DraftContext) -> tuple[budget.BudgetLine, ...]:
    """Every line of spend for the draft's pack: channels, creators, production."""
    shares = [(c.channel, c.budget_pct) for c in ctx.strategy.channel_plan]
    creators = budget.has_creators([s.key for s in ctx.pack.sections])
    return budget.budget_lines(ctx.facts, shares, creators=creators)


def lead_funnel(ctx: DraftContext) -> budget.Funnel | None:
    """The arithmetic from budget to the lead measure (None without a budget)."""
    if not ctx.kpis:
        return None
    outcome = budget.lead_outcome(ctx.facts, ctx.kpis[0])
    return budget.funnel(ctx.facts, spend_lines(ctx), outcome)


def _rates_key(basis: str) -> str:
    cpm = "CPM: cost per 1,000 impressions, about three a person"
    if basis == "reach":
        return cpm
    if basis == "act":
        return f"{cpm}; act: people reached who act; CVR: visits that convert"
    return f"{cpm}; CTR: click rate; CVR: visits that convert"


def budget_parts(ctx: DraftContext) -> list[str]:
    """The budget: every line of spend, what it buys at stated rates, the verdict.

    One table lists each funded channel, the creator pool when the pack has one,
    and production and tools, adding up to the brief's budget; each funded line
    shows its rates, what it reaches and its results in the lead measure's unit.
    The verdict says plainly what the budget reaches against the client's goal.
    Empty without a budget.
    """
    fun = lead_funnel(ctx)
    if fun is None:
        return []
    lines = spend_lines(ctx)
    lead = ctx.kpis[0]
    lead_in = (
        "Each line of spend and what it buys, at planning rates until week 1 "
        f"measures them. {_rates_key(fun.outcome.basis)}."
    )
    return [
        "**Budget**",
        lead_in,
        table(budget.funnel_header(fun), budget.funnel_rows(fun, lines)),
        budget.verdict(ctx.facts, fun, lead, budget.cost_ceiling(ctx.kpis)),
    ]
