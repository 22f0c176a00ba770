"""The closing sections: the light KPI plan, the execution roadmap and the summary.

The roadmap and the summary are in both packs; the light KPI plan is the quick social
pack's (the campaign pack has ``campaign.measurement.kpi_and_budget_plan``).
"""

import datetime as dt
from collections import Counter

from aicmo_site.writing import text
from production.dto import PostData
from production.generation.context import DraftContext
from production.generation.kpi_text import (
    kpis_by_family,
    lower_name,
    measure,
    target_text,
    value_text,
)
from production.generation.markup import bullets, long_date, numbered, table
from production.generation.posts import HashtagPlan
from production.generation.sections.content import weeks_of
from production.generation.sections.opening import objective_line

# Who owns a task in the roadmap and the next steps.
AGENCY_LEAD = "Agency (campaign lead)"
AGENCY_DESIGN = "Agency (design)"
AGENCY_DATA = "Agency (analytics)"


def brand_owner(ctx: DraftContext) -> str:
    """The client's owner label: ``Ledgerly (marketing lead)``."""
    return f"{ctx.facts.brand} (marketing lead)"


# --- KPIs -----------------------------------------------------------------------


def kpi_plan(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    weekday = f"{ctx.start + dt.timedelta(days=7):%A}"
    if not ctx.alt:
        rows = [
            (
                kpi.name,
                kpi.family,
                f"{target_text(kpi)} {kpi.timeframe}",
                value_text(kpi.path.day_30, kpi.unit),
                measure(ctx, kpi),
            )
            for kpi in ctx.kpis
        ]
        rhythm = [
            f"**Weekly pulse** (every {weekday}): posts published, reach, engagement "
            "and the lead measure, with one action for the week ahead",
            f"**Day-30 checkpoint** ({long_date(ctx.start + dt.timedelta(days=29))}): "
            "results against the table above, the best and weakest content bucket, "
            "and the next month's plan",
            "**Per post**: saves, shares and link clicks, which show what to make "
            "more of",
        ]
        return "\n\n".join(
            [
                f"The strategy sets {text.plural(len(rows), 'KPI')} for the full "
                f"{f.weeks}-week campaign, across the funnel. This plan tracks them "
                "from day one; the day-30 column shows whether the campaign is on "
                "pace.",
                table(
                    (
                        "KPI",
                        "Family",
                        "Campaign target",
                        "Day-30 checkpoint",
                        "How it is measured",
                    ),
                    rows,
                ),
                "**Reporting rhythm**",
                bullets(rhythm),
            ]
        )
    by_family = [
        (
            kpi.family,
            kpi.name,
            value_text(kpi.path.day_30, kpi.unit),
            value_text(kpi.path.day_60, kpi.unit),
            target_text(kpi),
            measure(ctx, kpi),
        )
        for kpi in kpis_by_family(ctx)
    ]
    rhythm = [
        f"Every {weekday}: one number per funnel family, and the action it calls for",
        "Every second week: the content buckets ranked by the conversion measures",
        f"Day 30 and day 60: each KPI against its checkpoint, with {f.brand} "
        "signing off any change of course",
    ]
    return "\n\n".join(
        [
            "Read from the top of the funnel down: awareness feeds engagement, "
            "engagement feeds conversion, and retention keeps what the campaign "
            "wins. Each KPI has a day-30 and a day-60 checkpoint on the way to its "
            "campaign target.",
            table(
                (
                    "Family",
                    "KPI",
                    "Day 30",
                    "Day 60",
                    "Campaign target",
                    "How it is measured",
                ),
                by_family,
            ),
            "**Reporting rhythm**",
            numbered(rhythm),
        ]
    )


# --- roadmap --------------------------------------------------------------------


def _week_tasks(ctx: DraftContext, week: int, weeks: int) -> tuple[str, str]:
    f = ctx.facts
    first_bucket = ctx.pillars[0].name if ctx.pillars else f.brand
    community = next(
        (p.name for p in ctx.pillars if p.kind == "community"), first_bucket
    )
    if week == 1:
        return (
            "Set up UTM links and the reporting dashboard, schedule the first two "
            f"weeks and brief design on the '{first_bucket}' visuals",
            "Approve the calendar and share brand assets: logo files, photos and "
            f"footage of {f.profile.proof[0]}",
        )
    if week == weeks:
        return (
            "Write the day-30 report and the next 30-day calendar from what worked",
            "Review the report and sign off the next month's themes",
        )
    if week == 2:
        return (
            "Reply to comments and messages within one working day; produce the "
            "creative for weeks 3 and 4",
            f"Send two {f.advocate} stories, with consent, for '{community}'",
        )
    if week == weeks - 1 and week > 3:
        return (
            "Draft next month's themes from the best-performing buckets and gather "
            "the numbers for the checkpoint",
            "Share dates, launches or events coming up next month",
        )
    paid = (
        ", and put paid support behind the two best posts"
        if f.budget is not None
        else ""
    )
    return (
        "Compare engagement by content bucket and shift the remaining posts toward "
        f"the strongest{paid}",
        "Review the mid-month numbers and flag anything coming up that the content "
        "should mention",
    )


WEEK_FOCUS = ("Launch", "Listen", "Sharpen", "Scale", "Report")


def _week_tasks_alt(ctx: DraftContext, week: int, weeks: int) -> tuple[str, str, str]:
    """The regenerated roadmap's plan: a goal, then the agency's and client's tasks."""
    f = ctx.facts
    lead = ctx.kpis[0] if ctx.kpis else None
    lead_name = lower_name(lead.name) if lead else "the lead measure"
    if week == 1:
        return (
            f"Go live and record a baseline for every KPI, {lead_name} first",
            "Publish the first posts, confirm tracking fires on every link and "
            "log each KPI's starting value",
            f"Name one person to answer comments and messages, and brief them on "
            f"the {text.plural(len(ctx.kpis), 'KPI')}",
        )
    if week == weeks:
        return (
            "Close the month with a decision, not just a report",
            "Present results against the day-30 targets and propose what to keep, "
            "cut and test next",
            "Choose next month's priorities from the agency's three options",
        )
    if week == 2:
        return (
            f"Learn what {f.audience_short} respond to",
            "Tag every comment and message by theme and share the top three questions",
            "Answer the top questions on camera or in writing, for reuse in week 3",
        )
    if week == 3:
        return (
            "Put effort behind what is working",
            "Rewrite the weakest hooks, and move "
            + ("paid budget" if f.budget is not None else "posting effort")
            + " toward the strongest bucket",
            f"Confirm the {f.advocate} stories and offers planned for the last weeks",
        )
    return (
        f"Push {lead_name} toward its day-30 checkpoint",
        "Repeat the best format on every channel and prepare the day-30 numbers",
        "Flag launches, events or news worth a post next month",
    )


def execution_roadmap(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    weeks = weeks_of(ctx)
    owner = brand_owner(ctx)
    if not ctx.alt:
        parts = [
            f"The {ctx.days} days run as {len(weeks)} working weeks. Each week lists "
            "what goes live, the strategy milestones that fall in it, and who owns "
            f"what: the agency runs production and reporting, {f.brand} approves and "
            "supplies the real-world material only they have."
        ]
    else:
        parts = [
            f"Week by week, with one goal each: launch, listen, sharpen, scale and "
            f"report. Owners come first, so everyone at the agency and at {f.brand} "
            "can see their part before the publishing load."
        ]
    for week, first, last in weeks:
        mine = [p for p in posts if first <= p.date <= last]
        counts = Counter(p.platform for p in mine)
        buckets = text.join_and(
            f"'{name}'" for name in dict.fromkeys(p.pillar for p in mine)
        )
        publish = (
            f"**Publish:** {text.plural(len(mine), 'post')} ("
            + ", ".join(f"{n} on {name}" for name, n in counts.most_common())
            + ")"
            + (f", from {buckets}" if buckets else "")
            if mine
            else "**Publish:** no posts; use the week for production"
        )
        milestones = [
            f"**Milestone:** {m.title}. {m.deliverable}"
            for m in ctx.strategy.milestones
            if first <= m.date <= last
        ]
        span = (
            f"{first.day}–{long_date(last)}"
            if first.month == last.month
            else f"{first.day} {first:%B} – {long_date(last)}"
        )
        if first == last:
            span = long_date(first)
        if not ctx.alt:
            agency, client = _week_tasks(ctx, week, len(weeks))
            lines = [
                publish,
                *milestones,
                f"**{AGENCY_LEAD}:** {agency}",
                f"**{owner}:** {client}",
            ]
            parts += [f"### Week {week}: {span}", bullets(lines)]
            continue
        goal, agency, client = _week_tasks_alt(ctx, week, len(weeks))
        focus = WEEK_FOCUS[min(week, len(WEEK_FOCUS)) - 1]
        if week == len(weeks):
            focus = WEEK_FOCUS[-1]
        lines = [
            f"**Goal:** {goal}",
            f"**{AGENCY_LEAD}:** {agency}",
            f"**{owner}:** {client}",
            publish,
            *milestones,
        ]
        parts += [f"### Week {week} ({focus}): {span}", bullets(lines)]
    return "\n\n".join(parts)


# --- summary --------------------------------------------------------------------


def next_steps(ctx: DraftContext) -> list[tuple[str, str, dt.date, str]]:
    """The steps that start the campaign: (step, owner, due date, success criterion)."""
    f = ctx.facts
    owner = brand_owner(ctx)
    social = [c.name for c in ctx.channels if c.spec.kind == "social"]
    first_channel = (social or [c.name for c in ctx.channels] or ["the lead channel"])[
        0
    ]
    review = ctx.start + dt.timedelta(days=30)
    if not ctx.alt:
        return [
            (
                "Approve the plan and the first two weeks of posts",
                owner,
                ctx.start - dt.timedelta(days=3),
                "Written sign-off received",
            ),
            (
                f"Share brand assets and two {f.advocate} stories, with consent",
                owner,
                ctx.start - dt.timedelta(days=2),
                "Files in the shared folder, consent on record",
            ),
            (
                "Set up UTM links, conversion events and the dashboard",
                AGENCY_DATA,
                ctx.start - dt.timedelta(days=1),
                "A test conversion shows in the dashboard",
            ),
            (
                f"Publish the first post on {first_channel}",
                AGENCY_LEAD,
                ctx.start,
                "Post live with its hook, link and call to action",
            ),
            (
                "Answer every comment and message within one working day",
                owner,
                ctx.start + dt.timedelta(days=6),
                "No message older than one working day",
            ),
            (
                "Hold the day-30 review",
                AGENCY_LEAD,
                review,
                "Every KPI reported against its day-30 target",
            ),
        ]
    lead = ctx.kpis[0] if ctx.kpis else None
    return [
        (
            "Run a 45-minute kick-off to confirm the objective and KPI baselines",
            AGENCY_LEAD,
            ctx.start - dt.timedelta(days=5),
            "Baselines agreed for every KPI",
        ),
        (
            "Brief design on the first two content buckets",
            AGENCY_DESIGN,
            ctx.start - dt.timedelta(days=4),
            "First assets delivered for approval",
        ),
        (
            "Sign off the calendar and the restricted-word list",
            owner,
            ctx.start - dt.timedelta(days=2),
            "Calendar locked for weeks 1 and 2",
        ),
        (
            "Check tracking on every link before launch",
            AGENCY_DATA,
            ctx.start - dt.timedelta(days=1),
            "Every link reports a visit in a test",
        ),
        (
            "Mid-month check on the lead measure",
            AGENCY_LEAD,
            ctx.start + dt.timedelta(days=14),
            (
                f"{text.upper_first(lower_name(lead.name))} at or above half its "
                "day-30 target"
                if lead
                else "Half the day-30 targets reached"
            ),
        ),
        (
            "Approve next month's themes at the day-30 review",
            owner,
            review,
            "Themes signed off for the next calendar",
        ),
    ]


def final_summary(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    lead = ctx.kpis[0] if ctx.kpis else None
    steps = table(
        ("Step", "Owner", "Due", "Success criterion"),
        [(step, who, long_date(due), done) for step, who, due, done in next_steps(ctx)],
    )
    if not ctx.alt:
        summary = (
            f"Over the next {ctx.days} days, {f.brand} publishes "
            f"{text.plural(len(posts), 'post')} on "
            f"{text.join_and(c.name for c in ctx.channels)}, built on "
            f"{text.plural(len(ctx.pillars), 'content bucket')}. Every post works "
            f"toward one objective: to {objective_line(ctx)}."
        )
        if lead is not None:
            summary += (
                f" By {long_date(ctx.start + dt.timedelta(days=29))}, "
                f"{lower_name(lead.name)} should stand at "
                f"{value_text(lead.path.day_30, lead.unit)}."
            )
        return "\n\n".join([summary, "**Next steps**", steps])
    summary = (
        f"In short: {text.plural(len(ctx.pillars), 'content bucket')}, "
        f"{text.plural(len(posts), 'post')} and "
        f"{text.plural(len(ctx.kpis), 'KPI')}, all pointed at one objective, to "
        f"{objective_line(ctx)}."
    )
    if lead is not None:
        summary += (
            f" The number to watch is {lower_name(lead.name)}: "
            f"{value_text(lead.path.day_30, lead.unit)} by day 30, then "
            f"{target_text(lead)} {lead.timeframe}."
        )
    return "\n\n".join(
        ["**Next steps**", "Six steps, before and after launch.", steps, summary]
    )
