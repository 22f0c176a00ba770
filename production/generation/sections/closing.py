"""The closing sections: the light KPI plan, the execution roadmap and the summary.

The roadmap and the summary are in both packs; the light KPI plan is the quick social
pack's (the campaign pack has ``campaign.measurement.kpi_and_budget_plan``).
"""

import datetime as dt
from collections import Counter

from aicmo_site.writing import text, workdays
from aicmo_site.writing.facts import count_word
from production.dto import PostData
from production.generation.context import DraftContext
from production.generation.kpi_text import (
    budget_parts,
    campaign_target,
    checkpoint_headers,
    checkpoint_texts,
    checkpoints,
    kpis_by_family,
    lower_name,
    measure,
    review_day,
    review_value,
    target_text,
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
    review = review_day(ctx)
    if not ctx.alt:
        rows = [
            (
                kpi.name,
                campaign_target(ctx, kpi),
                review_value(ctx, kpi, bare=True),
                measure(ctx, kpi),
            )
            for kpi in ctx.kpis
        ]
        checkpoint_date = long_date(ctx.start + dt.timedelta(days=review - 1))
        rhythm = [
            f"**Weekly pulse** (every {weekday}): the lead measure and one action",
            f"**Day-{review} checkpoint** ({checkpoint_date}): results and the next "
            "month's plan",
        ]
        return "\n\n".join(
            [
                f"{text.upper_first(count_word(len(rows)))} KPIs, each due by week "
                f"{f.weeks}, the campaign's end, unless stated; the day-{review} "
                "column shows whether it is on pace.",
                table(
                    (
                        "KPI",
                        "Campaign target",
                        f"Day-{review} checkpoint",
                        "How it is measured",
                    ),
                    rows,
                ),
                "**Reporting rhythm**",
                bullets(rhythm),
                *budget_parts(ctx),
            ]
        )
    by_family = [
        (
            kpi.family,
            kpi.name,
            checkpoint_texts(kpi, bare=True)[0],
            checkpoint_texts(kpi)[2],
            measure(ctx, kpi),
        )
        for kpi in kpis_by_family(ctx)
    ]
    first, middle, end = checkpoints(ctx)
    rhythm = [
        f"Every {weekday}: one number per funnel family",
        f"Day {first} and day {middle}: each KPI against its path",
    ]
    headers = checkpoint_headers(ctx, "Campaign target")
    return "\n\n".join(
        [
            f"Top of the funnel down, with the day-{first} checkpoint and the "
            f"target on day {end}, the campaign's last.",
            table(
                ("Family", "KPI", headers[0], headers[2], "How it is measured"),
                by_family,
            ),
            "**Reporting rhythm**",
            numbered(rhythm),
            *budget_parts(ctx),
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
            f"Write the day-{review_day(ctx)} report and the next 30-day calendar "
            "from what worked",
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
            f"Present results against the day-{review_day(ctx)} targets and propose "
            "what to keep, cut and test next",
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
    review = review_day(ctx)
    return (
        f"Push {lead_name} toward its day-{review} checkpoint",
        f"Repeat the best format on every channel and prepare the day-{review} numbers",
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


def _last_working_day_of_week_one(ctx: DraftContext) -> dt.date:
    cal = workdays.calendar_for(ctx.brief.geography)
    day = workdays.working_day_on_or_before(ctx.start + dt.timedelta(days=6), cal)
    return day if day >= ctx.start else workdays.working_day_on_or_after(ctx.start, cal)


def next_steps(ctx: DraftContext) -> list[tuple[str, str, dt.date, str]]:
    """The steps that start the campaign: (step, owner, due date, success criterion).

    Every due date is a working day in the client's country. Steps before launch
    count working days back from it, so they stay before it; steps after launch move
    to the next working day.
    """
    f = ctx.facts
    cal = workdays.calendar_for(ctx.brief.geography)
    owner = brand_owner(ctx)
    social = [c.name for c in ctx.channels if c.spec.kind == "social"]
    first_channel = (social or [c.name for c in ctx.channels] or ["the lead channel"])[
        0
    ]
    review = review_day(ctx)
    # The checkpoint's data is in once its day is over: the review follows it.
    review_due = workdays.working_day_on_or_after(
        ctx.start + dt.timedelta(days=review), cal
    )

    def before_launch(count: int) -> dt.date:
        return workdays.working_days_before(ctx.start, count, cal)

    if not ctx.alt:
        if workdays.is_working_day(ctx.start, cal):
            launch = (
                f"Publish the first post on {first_channel}",
                AGENCY_LEAD,
                ctx.start,
                "Post live with its hook, link and call to action",
            )
        else:
            launch = (
                f"Schedule the first post on {first_channel} to go live on "
                f"{ctx.start:%A} {long_date(ctx.start)}",
                AGENCY_LEAD,
                before_launch(1),
                "Post queued with its hook, link and call to action",
            )
        return [
            (
                "Approve the plan and the first two weeks of posts",
                owner,
                before_launch(3),
                "Written sign-off received",
            ),
            (
                f"Share brand assets and two {f.advocate} stories, with consent",
                owner,
                before_launch(2),
                "Files in the shared folder, consent on record",
            ),
            (
                "Set up UTM links, conversion events and the dashboard",
                AGENCY_DATA,
                before_launch(1),
                "A test conversion shows in the dashboard",
            ),
            launch,
            (
                "Answer every comment and message within one working day",
                owner,
                _last_working_day_of_week_one(ctx),
                "No message older than one working day",
            ),
            (
                f"Hold the day-{review} review",
                AGENCY_LEAD,
                review_due,
                f"Every KPI reported against its day-{review} target",
            ),
        ]
    lead = ctx.kpis[0] if ctx.kpis else None
    halfway = workdays.working_day_on_or_after(
        ctx.start + dt.timedelta(days=review // 2 - 1), cal
    )
    return [
        (
            "Run a 45-minute kick-off to confirm the objective and KPI baselines",
            AGENCY_LEAD,
            before_launch(4),
            "Baselines agreed for every KPI",
        ),
        (
            "Brief design on the first two content buckets",
            AGENCY_DESIGN,
            before_launch(3),
            "First assets delivered for approval",
        ),
        (
            "Sign off the calendar and the restricted-word list",
            owner,
            before_launch(2),
            "Calendar locked for weeks 1 and 2",
        ),
        (
            "Check tracking on every link before launch",
            AGENCY_DATA,
            before_launch(1),
            "Every link reports a visit in a test",
        ),
        (
            "Mid-month check on the lead measure"
            if review == 30
            else "Halfway check on the lead measure",
            AGENCY_LEAD,
            halfway,
            (
                f"{text.upper_first(lower_name(lead.name))} at or above half its "
                f"day-{review} target"
                if lead
                else f"Half the day-{review} targets reached"
            ),
        ),
        (
            f"Approve next month's themes at the day-{review} review",
            owner,
            review_due,
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
            review = review_day(ctx)
            summary += (
                f" By {long_date(ctx.start + dt.timedelta(days=review - 1))}, "
                f"{lower_name(lead.name)} should stand at "
                f"{review_value(ctx, lead)}."
            )
        return "\n\n".join([summary, "**Next steps**", steps])
    summary = (
        f"In short: {text.plural(len(ctx.pillars), 'content bucket')}, "
        f"{text.plural(len(posts), 'post')} and "
        f"{text.plural(len(ctx.kpis), 'KPI')}, all pointed at one objective, to "
        f"{objective_line(ctx)}."
    )
    if lead is not None:
        on_the_way = (
            f"{review_value(ctx, lead)} by day {review_day(ctx)}, then "
            if review_day(ctx) < checkpoints(ctx)[-1]
            else ""
        )
        summary += (
            f" The number to watch is {lower_name(lead.name)}: "
            f"{on_the_way}{target_text(lead)} {lead.timeframe}."
        )
    return "\n\n".join(
        ["**Next steps**", "Six steps, before and after launch.", steps, summary]
    )
