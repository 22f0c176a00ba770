"""Section writers: one function per pack section key, each returning a Markdown body.

Bodies never carry their own ``## `` heading. Contracts QC relies on: the calendar is
a table headed by ``CALENDAR_HEADER`` with ISO dates in the first column; content
buckets give each pillar a ``### <name>`` heading.
"""

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from aicmo_site.writing import text
from production.dto import KpiInput, PostData
from production.generation.context import DraftContext
from production.generation.posts import HashtagPlan

CALENDAR_HEADER = "| Date | Platform | Pillar | Theme | Hook | CTA | Format |"
CALENDAR_RULE = "| --- | --- | --- | --- | --- | --- | --- |"


def cell(value: str) -> str:
    """Return ``value`` safe for a Markdown table cell: one line, pipes escaped."""
    return " ".join(value.split()).replace("|", "\\|")


def table(header: tuple[str, ...], rows: Sequence[Sequence[str]]) -> str:
    """Render a Markdown table."""
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def short_date(value: dt.date) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def _channel_counts(posts: tuple[PostData, ...]) -> str:
    counts = Counter(post.platform for post in posts)
    return text.join_and(f"{n} on {name}" for name, n in counts.most_common())


def objective_line(ctx: DraftContext) -> str:
    f = ctx.facts
    return {
        "Awareness": f"make {f.brand} familiar to {f.audience_short}",
        "Leads": f"turn interest into qualified enquiries for {f.offer_ref}",
        "Sales": f"turn attention into orders of {f.offer_ref}",
        "Hiring": f"bring qualified candidates to {f.brand}",
        "Partnerships": f"open partnership conversations for {f.brand}",
        "Retention": f"keep existing {f.customers} buying and recommending {f.brand}",
    }[f.objective]


def _budget_line(ctx: DraftContext) -> str:
    f = ctx.facts
    if f.budget is None:
        return "No paid budget is set: this is an organic plan, with paid support to "
    window = (f.budget * Decimal(ctx.days) / Decimal(f.weeks * 7)).quantize(
        Decimal(1), ROUND_HALF_UP
    )
    return (
        f"{f.currency} {f.budget:,.0f} over {f.weeks} weeks; about {f.currency} "
        f"{window:,} of it falls in this {ctx.days}-day window"
    )


# --- overview -------------------------------------------------------------------


def overview(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    channels = []
    for channel in ctx.strategy.channel_plan:
        unit = "of budget" if f.budget is not None else "of effort"
        channels.append(f"{channel.channel} ({channel.budget_pct}% {unit})")
    budget = _budget_line(ctx)
    if f.budget is None:
        budget += "follow once the first posts show which messages land"
    serving = f" in {f.geo_phrase}" if f.geo else ""
    lead = ctx.strategy.kpis[0] if ctx.strategy.kpis else None
    intro = (
        f"{f.brand} ({f.site}) is {text.a_an(f.entity)}{serving}. This plan turns "
        f"the approved strategy (version {ctx.strategy.version}) into {len(posts)} "
        f"ready-to-publish posts for {f.audience_mid}, running from "
        f"{long_date(ctx.start)} to {long_date(ctx.end)} on "
        f"{text.join_and(c.name for c in ctx.channels)}."
    )
    facts = [
        f"**Brand:** {f.brand}, {f.entity}" + (f", {f.geo}" if f.geo else ""),
        f"**Offer:** {text.upper_first(f.offer)}",
        f"**Objective:** {f.objective}: {objective_line(ctx)}",
        f"**Audience:** {text.upper_first(f.audience)}",
        f"**Channels:** {text.join_and(channels) or text.join_and(f.channels)}",
        f"**Budget:** {budget}",
        f"**Tone of voice:** {text.upper_first(f.tone)}",
        f"**Content:** {len(posts)} posts across {len(ctx.pillars)} content buckets",
    ]
    challenge = (
        f"{text.upper_first(f.audience_short)} name what gets in the way: "
        f"{'; '.join(f.pains)}."
    )
    if f.competitors:
        challenge += (
            f" They can also choose {text.join_and(f.competitors, 'or')}, so every "
            f"post has to show why {f.brand} is different."
        )
    success = (
        f"By {long_date(f.end)}, {f.brand} is working toward: {'; '.join(f.outcomes)}."
    )
    if lead is not None:
        success += (
            f" The lead measure is {lead.name[0].lower()}{lead.name[1:]}: "
            f"{target_text(lead)} {lead.timeframe}."
        )
    parts = [
        intro,
        "**At a glance**",
        bullets(facts),
        "**The challenge**",
        challenge,
        "**What success looks like**",
        success,
    ]
    return "\n\n".join(parts)


# --- messaging ------------------------------------------------------------------


def messaging_framework(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    messages = ctx.strategy.key_messages
    parts = ["**Positioning**", ctx.strategy.positioning]
    if messages:
        parts += ["**Core message**", messages[0]]
        parts += [
            "**Key messages**",
            "\n".join(f"{i}. {m}" for i, m in enumerate(messages, start=1)),
        ]
    rows = []
    for index, pain in enumerate(f.pains):
        answer = f"{text.upper_first(f.offer_ref)} answers this: {f.benefit(index)}."
        proof = (
            f.diffs[index % len(f.diffs)]
            if f.diffs
            else f.profile.proof[index % len(f.profile.proof)]
        )
        rows.append((text.upper_first(pain), answer, text.upper_first(proof)))
    parts += [
        "**Message map**",
        "Each pain point the audience raises, what the content says back, and the "
        "proof that makes it believable.",
        table(("Pain point", "What we say", "Proof"), rows),
    ]
    if f.competitors:
        proofs = text.join_and(f.diffs[:2]) if f.diffs else f.profile.proof[0]
        parts += [
            "**Competitive contrast**",
            f"{text.upper_first(f.audience_short)} "
            f"also consider {text.join_and(f.competitors, 'or')}. Lead with what only "
            f"{f.brand} can show ({proofs}). Never name competitors in public posts: "
            f"let the proof make the comparison.",
        ]
    guide = ctx.tone
    example = posts[0].hook if posts else ""
    parts += [
        f"**Tone of voice: {f.tone}**",
        guide.summary,
        "Do:",
        bullets(list(guide.do)),
        "Avoid:",
        bullets(list(guide.avoid)),
    ]
    if example:
        parts.append(f'In this voice, the calendar opens with: "{example}"')
    if ctx.brief.banned_words:
        parts.append(
            "**Restricted vocabulary:** the words the client has ruled out are kept "
            "out of every line of this plan, hooks, captions and hashtags included. "
            "Check any copy added later against the same list."
        )
    if f.profile.compliance:
        parts.append(f"**Compliance:** {f.profile.compliance}")
    return "\n\n".join(parts)


# --- calendar -------------------------------------------------------------------


def calendar(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    added = [c.name for c in ctx.channels if c.added]
    intro = (
        f"{len(posts)} posts from {long_date(ctx.start)} to {long_date(ctx.end)}: "
        f"{_channel_counts(posts)}. Every post belongs to a content bucket, opens with "
        "a hook written for its platform and ends with one call to action. Full "
        "captions follow the table."
    )
    if added:
        others = [c.channel for c in ctx.strategy.channel_plan] or list(
            ctx.facts.channels
        )
        intro += (
            f" {text.join_and(added)} is added as the home for organic posts, because "
            f"the planned channels ({text.join_and(others)}) carry no posts of their "
            "own."
        )
    rows = [
        "| "
        + " | ".join(
            cell(v)
            for v in (
                post.date.isoformat(),
                post.platform,
                post.pillar,
                post.theme,
                post.hook,
                post.cta,
                post.format,
            )
        )
        + " |"
        for post in posts
    ]
    copy = []
    for post in posts:
        quoted = "\n".join(
            f"> {line}" if line else ">" for line in post.caption.split("\n")
        )
        copy.append(
            f"**{short_date(post.date)} · {post.platform} · {post.format}** "
            f"({post.pillar})\n\n{quoted}"
        )
    return "\n\n".join(
        [
            intro,
            "\n".join([CALENDAR_HEADER, CALENDAR_RULE, *rows]),
            "### Post copy",
            "\n\n".join(copy),
        ]
    )


# --- buckets --------------------------------------------------------------------


def content_buckets(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    parts = [
        f"The calendar draws on {len(ctx.pillars)} content buckets, one per pillar of "
        f"the strategy. Rotating them keeps the feed varied while every post still "
        f"serves the {f.objective.lower()} objective."
    ]
    for pillar in ctx.pillars:
        mine = [p for p in posts if p.pillar == pillar.name]
        platforms = text.join_and(dict.fromkeys(p.platform for p in mine))
        formats = text.join_and(dict.fromkeys(p.format for p in mine[:4]))
        pain = f.pain(pillar.pain)
        if pillar.kind == "proof" and f.diffs:
            tied = f"proves what sets {f.brand} apart: {f.diff(pillar.diff)}"
        elif pillar.kind in {"problem", "offer"}:
            tied = f"answers '{pain}' with: {f.benefit(pillar.pain)}"
        else:
            tied = f"builds the trust that makes {f.audience_short} choose {f.brand}"
        facts = [
            f"**In the calendar:** {len(mine)} of {len(posts)} posts"
            + (f" ({platforms})" if platforms else ""),
            f"**Why it matters:** it {tied}",
        ]
        if formats:
            facts.append(f"**Formats that suit it:** {formats}")
        ideas = list(pillar.topics)
        ideas += [p.theme for p in mine if p.theme not in ideas][:2]
        parts += [
            f"### {pillar.name}",
            pillar.description,
            bullets(facts),
            "Example post ideas:",
            bullets(ideas),
        ]
    return "\n\n".join(parts)


# --- hashtags -------------------------------------------------------------------


def hashtag_strategy(
    ctx: DraftContext, posts: tuple[PostData, ...], tags: HashtagPlan
) -> str:
    f = ctx.facts
    where = f" in {f.city}" if f.city else ""
    intro = (
        f"Hashtags do three jobs here: make {f.brand} findable{where}, connect posts "
        f"to the topics {f.audience_short} already follow, and give the community a "
        "branded tag to use."
    )
    rows: list[tuple[str, ...]] = []
    if tags.branded:
        rows.append(
            (
                "Branded",
                " ".join(tags.branded),
                "Every post; the longer tag on launch and offer posts",
            )
        )
    if tags.local:
        rows.append(("Local", " ".join(tags.local), "Every post that shows a place"))
    if tags.topic:
        rows.append(
            ("Topic", " ".join(tags.topic), "Rotate two or three per post by theme")
        )
    if tags.community:
        rows.append(
            (
                "Community",
                " ".join(tags.community),
                "Reach beyond followers; check recent posts first",
            )
        )
    platform_rows = []
    for channel in ctx.channels:
        low, high = channel.spec.hashtags
        if high == 0:
            use, placing = "None", "Hashtags do not belong in email"
        else:
            use = f"{low} to {high}" if low != high else str(high)
            placing = (
                "In the last line of the caption"
                if channel.spec.key in {"instagram", "tiktok", "threads", "pinterest"}
                else "Worked into the copy or at the end, never a block"
            )
        platform_rows.append((channel.name, use, placing))
    rules = [
        "Check each tag's recent posts before first use, and drop any tag taken over "
        "by spam or unrelated content",
        "After week 2, compare reach by tag and swap the weakest topic tag",
        f"Use {tags.branded[0] if tags.branded else 'the branded tag'} on every post, "
        "so the community can find the whole campaign",
    ]
    if ctx.brief.banned_words:
        rules.append(
            "Never use a tag that contains one of the client's restricted words"
        )
    return "\n\n".join(
        [
            intro,
            table(("Set", "Hashtags", "How to use"), rows),
            "**Per platform**",
            table(("Platform", "Tags per post", "Placement"), platform_rows),
            "**Rules**",
            bullets(rules),
        ]
    )


# --- KPIs -----------------------------------------------------------------------

RATE_UNITS = frozenset({"%", "x", "points", "hours", "working days", "days"})


def _number(value: Decimal) -> str:
    whole = value == value.to_integral_value()
    return f"{value:,.0f}" if whole else f"{value:,.2f}".rstrip("0").rstrip(".")


def target_text(kpi: KpiInput) -> str:
    number = _number(kpi.target)
    if kpi.unit == "%":
        return f"{number}%"
    if kpi.unit == "x":
        return f"{number}x"
    if re.fullmatch(r"[A-Z]{3}", kpi.unit):
        return f"{kpi.unit} {number}"
    return f"{number} {kpi.unit}"


def checkpoint(ctx: DraftContext, kpi: KpiInput) -> str:
    total_days = ctx.facts.weeks * 7
    money = re.fullmatch(r"[A-Z]{3}", kpi.unit) is not None
    per_unit = re.search(r"\b(?:per|cost)\b", kpi.name, re.IGNORECASE) is not None
    is_rate = kpi.unit in RATE_UNITS or (money and per_unit)
    if is_rate or total_days <= ctx.days:
        return f"{target_text(kpi)} (on target)"
    share = kpi.target * Decimal(ctx.days) / Decimal(total_days)
    value = Decimal(max(1, math.ceil(share)))
    return target_text(
        KpiInput(name=kpi.name, target=value, unit=kpi.unit, timeframe="")
    )


MEASURES = (
    (r"reach|impression|follower|engagement|view", "Native analytics on {platforms}"),
    (r"branded search", "Google Search Console, branded queries"),
    (r"session|visit|conversion rate", "Google Analytics 4, with UTM-tagged links"),
    (
        r"lead|enquir|application|applicant|interview|hire",
        "CRM records, tagged by source",
    ),
    (r"meeting|proposal|partner|organisation", "Partnership pipeline in the CRM"),
    (
        r"order|revenue|return on ad|acquisition|basket",
        "Store orders and ad spend, matched by UTM",
    ),
    (r"email|subscriber|open rate", "Email platform reports"),
    (r"response|reply", "Inbox and CRM timestamps"),
    (r"churn|repeat|renewal|referral|won back|promoter", "Customer records and survey"),
)


def measure(ctx: DraftContext, kpi: KpiInput) -> str:
    platforms = text.join_and(c.name for c in ctx.channels if c.spec.kind == "social")
    for pattern, source in MEASURES:
        if re.search(pattern, kpi.name, re.IGNORECASE):
            return source.format(platforms=platforms or "each channel")
    return "Campaign tracker, updated weekly"


def kpi_plan(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    rows = [
        (
            kpi.name,
            f"{target_text(kpi)} {kpi.timeframe}",
            checkpoint(ctx, kpi),
            measure(ctx, kpi),
        )
        for kpi in ctx.strategy.kpis
    ]
    intro = (
        f"The strategy sets {len(rows)} KPIs for the full {f.weeks}-week campaign. "
        f"This plan tracks them from day one; the day-{ctx.days} checkpoint shows "
        "whether the campaign is on pace, with volume targets pro-rated to the window."
    )
    weekday = f"{ctx.start + dt.timedelta(days=7):%A}"
    rhythm = [
        f"**Weekly pulse** (every {weekday}): posts published, reach, engagement and "
        "the lead measure, with one action for the week ahead",
        f"**Day-{ctx.days} checkpoint** ({long_date(ctx.end)}): results against the "
        "table above, the best and weakest content bucket, and the next month's plan",
        "**Per post**: saves, shares and link clicks, which show what to make more of",
    ]
    return "\n\n".join(
        [
            intro,
            table(
                (
                    "KPI",
                    "Campaign target",
                    f"Day-{ctx.days} checkpoint",
                    "How it is measured",
                ),
                rows,
            ),
            "**Reporting rhythm**",
            bullets(rhythm),
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
            "Approve the calendar and share brand assets: logo files, product photos "
            f"and footage of {f.profile.proof[0]}",
        )
    if week == weeks:
        return (
            f"Write the day-{ctx.days} report and the next 30-day calendar from what "
            "worked",
            "Review the report and sign off the next month's themes",
        )
    if week == 2:
        return (
            "Reply to comments and messages within one working day; produce the "
            "creative for weeks 3 and 4",
            f"Send two {f.customer} stories, with consent, for '{community}'",
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


def execution_roadmap(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    weeks = math.ceil(ctx.days / 7)
    parts = [
        f"The {ctx.days} days run as {weeks} working weeks. Each week lists what goes "
        f"live, the strategy milestones that fall in it, and who does what: the "
        f"agency runs production and reporting, {ctx.facts.brand} approves and "
        "supplies the real-world material only they have."
    ]
    for week in range(1, weeks + 1):
        first = ctx.start + dt.timedelta(days=7 * (week - 1))
        last = min(first + dt.timedelta(days=6), ctx.end)
        mine = [p for p in posts if first <= p.date <= last]
        counts = Counter(p.platform for p in mine)
        buckets = text.join_and(
            f"'{name}'" for name in dict.fromkeys(p.pillar for p in mine)
        )
        lines = [
            f"**Publish:** {len(mine)} posts ("
            + ", ".join(f"{n} {name}" for name, n in counts.most_common())
            + ")"
            + (f", from {buckets}" if buckets else "")
            if mine
            else "**Publish:** no posts; use the week for production"
        ]
        for milestone in ctx.strategy.milestones:
            if first <= milestone.date <= last:
                lines.append(
                    f"**Milestone:** {milestone.title}. {milestone.deliverable}"
                )
        agency, client = _week_tasks(ctx, week, weeks)
        lines += [f"**Agency:** {agency}", f"**{ctx.facts.brand}:** {client}"]
        span = (
            f"{first.day}–{long_date(last)}"
            if first.month == last.month
            else f"{first.day} {first:%B} – {long_date(last)}"
        )
        if first == last:
            span = long_date(first)
        parts += [f"### Week {week}: {span}", bullets(lines)]
    return "\n\n".join(parts)


# --- summary --------------------------------------------------------------------


def final_summary(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    names = "; ".join(p.name for p in ctx.pillars)
    lead = ctx.strategy.kpis[0] if ctx.strategy.kpis else None
    summary = (
        f"Over the next {ctx.days} days, {f.brand} publishes {len(posts)} posts on "
        f"{text.join_and(c.name for c in ctx.channels)}, built on "
        f"{len(ctx.pillars)} content buckets ({names}). Every post works toward one "
        f"objective: to {objective_line(ctx)}."
    )
    if lead is not None:
        summary += (
            f" The first checkpoint comes on {long_date(ctx.end)}, when "
            f"{lead.name[0].lower()}{lead.name[1:]} should stand at "
            f"{checkpoint(ctx, lead)}."
        )
    approve_by = ctx.start - dt.timedelta(days=3)
    steps = [
        f"Approve this plan by {approve_by:%A} {long_date(approve_by)}, so the first "
        f"posts go live on {long_date(ctx.start)}.",
        "Share brand assets and two "
        f"{f.customer} stories (with written consent) before launch.",
        f"Name the person at {f.brand} who answers comments and messages within one "
        "working day.",
        f"Book the day-{ctx.days} review for "
        f"{long_date(ctx.end + dt.timedelta(days=1))}.",
    ]
    return "\n\n".join(
        [
            summary,
            "**Next steps**",
            "\n".join(f"{i}. {step}" for i, step in enumerate(steps, start=1)),
        ]
    )
