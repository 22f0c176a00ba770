"""How the campaign is judged: the KPI and budget plan, the post-campaign analysis."""

import datetime as dt

from aicmo_site.writing import text, workdays
from aicmo_site.writing.facts import count_word
from production.dto import PostData
from production.generation.context import DraftContext
from production.generation.kpi_text import (
    budget_parts,
    checkpoint_headers,
    checkpoint_texts,
    checkpoints,
    kpis_by_family,
    lower_name,
    measure,
    value_text,
)
from production.generation.markup import bullets, long_date, numbered, table
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
            value_text(k.path.baseline, k.unit, bare=True),
            *checkpoint_texts(k, bare=True),
            measure(ctx, k),
        )
        for k in kpis
    ]
    header: tuple[str, ...] = (
        "KPI",
        "Family",
        "Baseline",
        *checkpoint_headers(ctx),
        "How it is measured",
    )
    first, middle, end = checkpoints(ctx)
    if not ctx.alt:
        intro = (
            f"{text.upper_first(count_word(len(rows)))} KPIs, checked on day {first} "
            f"and day {middle}, with the target on day {end}, the campaign's last."
        )
    else:
        header = (header[1], header[0], *header[2:])
        rows = [(r[1], r[0], *r[2:]) for r in rows]
        intro = (
            "The funnel, top to bottom: each family's KPIs and where they stand on "
            f"day {first}, day {middle} and day {end}, the campaign's last."
        )
    parts = [intro, table(header, rows)]
    if f.budget is None:
        parts += [
            "**Budget**",
            "No paid budget is set. Effort follows the channel shares in the "
            "channel plan; a small paid test behind the best organic posts is "
            "recommended once the first month shows what works.",
        ]
        return "\n\n".join(parts)
    parts += budget_parts(ctx)
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
