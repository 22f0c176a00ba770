"""How the campaign is judged: the KPI and budget plan, the post-campaign analysis."""

import datetime as dt
from decimal import Decimal

from aicmo_site.writing import text, workdays
from aicmo_site.writing.facts import count_word
from production.dto import PostData
from production.generation.context import DraftContext
from production.generation.kpi_text import (
    checkpoint_headers,
    checkpoint_texts,
    checkpoints,
    kpis_by_family,
    lower_name,
    measure,
    value_text,
)
from production.generation.markup import bullets, long_date, money, numbered, table
from production.generation.posts import HashtagPlan


def kpi_and_budget_plan(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    kpis = list(ctx.kpis) if not ctx.alt else kpis_by_family(ctx)
    rows = [
        (
            k.name,
            k.family,
            value_text(k.path.baseline, k.unit),
            *checkpoint_texts(k),
        )
        for k in kpis
    ]
    sources: dict[str, list[str]] = {}
    for k in kpis:
        sources.setdefault(measure(ctx, k), []).append(lower_name(k.name))
    how = [f"**{source}:** {text.join_and(names)}" for source, names in sources.items()]
    header = ("KPI", "Family", "Baseline", *checkpoint_headers(ctx))
    if ctx.alt:
        header = ("Family", "KPI", "Baseline", *checkpoint_headers(ctx))
        rows = [(r[1], r[0], *r[2:]) for r in rows]
    families = text.join_and(dict.fromkeys(k.family.lower() for k in kpis))
    first, middle, end = checkpoints(ctx)
    if not ctx.alt:
        intro = (
            f"{text.upper_first(count_word(len(rows)))} KPIs measure the campaign "
            f"across {families}. Each is checked on day {first} and day {middle}; "
            f"the last column is its target, due on day {end}, the campaign's last. "
            "Running totals start from zero; rates start from a planning estimate "
            "that the week-1 set-up replaces with the measured value."
        )
    else:
        intro = (
            "The funnel, top to bottom: each family's KPIs, where they start and "
            f"where they should stand on day {first}, day {middle} and day {end}, "
            "the campaign's last. Baselines for rates are estimates until week 1 "
            "measures them."
        )
    parts = [intro, table(header, rows), "**How it is measured**", bullets(how)]
    parts.append("**Budget**")
    plan = ctx.strategy.channel_plan
    if f.budget is None:
        parts.append(
            "No paid budget is set. Effort follows the channel shares in the "
            "channel plan; a small paid test behind the best organic posts is "
            "recommended once the first month shows what works."
        )
        return "\n\n".join(parts)
    if not ctx.alt:
        budget_rows = [
            (
                c.channel,
                f"{c.budget_pct}%",
                money(f.budget * Decimal(c.budget_pct) / Decimal(100), f.currency),
                money(
                    f.budget * Decimal(c.budget_pct) / Decimal(100) / Decimal(f.weeks),
                    f.currency,
                ),
            )
            for c in plan
        ]
        parts += [
            table(("Channel", "Share", "Total", "Per week"), budget_rows),
            f"Total: {money(f.budget, f.currency)} over {f.weeks} weeks. About 80% "
            "is media; the rest pays for production and tools. Budget moves between "
            "channels at each monthly review, toward the lowest cost per result.",
        ]
        return "\n\n".join(parts)
    months = max(1, -(-f.weeks // 4))
    # Spend steps up once the first month shows what works: 25% of it in month one.
    weights = [Decimal(1)] + [Decimal(3)] * (months - 1) if months > 1 else [Decimal(1)]
    total_weight = sum(weights)
    month_rows = []
    for index, weight in enumerate(weights, start=1):
        amount = f.budget * weight / total_weight
        lead = max(plan, key=lambda c: c.budget_pct).channel if plan else "All"
        month_rows.append(
            (
                f"Month {index}",
                money(amount, f.currency),
                "Testing" if index == 1 else f"Scale {lead} and the winners",
            )
        )
    parts += [
        table(("Period", "Spend", "Focus"), month_rows),
        f"Channel shares follow the channel plan within each month. Month one holds "
        f"spend back while the ad concepts are tested; {money(f.budget, f.currency)} "
        f"in total over {f.weeks} weeks.",
    ]
    return "\n\n".join(parts)


def post_campaign_analysis(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    # A week after the end, on a working day: the data needs the week to settle.
    due = workdays.working_day_on_or_after(
        f.end + dt.timedelta(days=7), workdays.calendar_for(ctx.brief.geography)
    )
    result = {
        "Awareness": "reach and saves",
        "Leads": "qualified enquiries",
        "Sales": "orders",
        "Hiring": "applications",
        "Partnerships": "partner conversations",
        "Retention": "repeat purchases",
    }[f.objective]
    if not ctx.alt:
        questions = [
            "Which KPIs were hit, missed or beaten, and by how much?",
            "Which channel delivered the lowest cost per result?",
            f"Which content bucket drove the most {result}?",
            f"What did {f.audience_short} say in comments and messages that the "
            "brief did not know?",
            f"Which of the pain points ({text.join_and(f.pains[:2])}) moved people "
            "most?",
        ]
        return "\n\n".join(
            [
                f"The campaign ends on {long_date(f.end)}. The analysis follows on "
                f"{long_date(due)}, built from the same sources as the KPI plan.",
                "**Questions the analysis answers**",
                bullets(questions),
                "**What it delivers**",
                bullets(
                    [
                        "Results against every target, with the tracking behind them",
                        "The three best and three weakest posts, and why",
                        f"Recommendations for the next {f.weeks} weeks at {f.brand}: "
                        "what to keep, cut and test",
                    ]
                ),
            ]
        )
    families = list(dict.fromkeys(k.family for k in ctx.kpis))
    firsts = {
        family: next(k for k in ctx.kpis if k.family == family) for family in families
    }
    questions = [
        f"{family}: did {lower_name(kpi.name)} reach its target, and what moved it?"
        for family, kpi in firsts.items()
    ]
    questions.append(f"Which creative territory earned the most {result} per post?")
    return "\n\n".join(
        [
            f"One review per funnel family, then one decision. The data is frozen on "
            f"{long_date(f.end)} and the findings are presented on {long_date(due)}.",
            "**Questions the analysis answers**",
            numbered(questions),
            "**What it delivers**",
            bullets(
                [
                    "A one-page scorecard: each KPI's baseline, checkpoints and result",
                    "The creative territory and channel to double down on, with "
                    "the evidence",
                    f"A go or no-go on each promotion and flow for {f.brand}",
                ]
            ),
        ]
    )
