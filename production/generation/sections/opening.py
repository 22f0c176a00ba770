"""The opening sections of both packs: the overview and the messaging framework.

Also the lines other writers reuse: the objective as a phrase (``objective_line``)
and the differentiators.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from aicmo_site.writing import text
from aicmo_site.writing.facts import count_word
from production.dto import PostData
from production.generation.context import DraftContext
from production.generation.kpi_text import (
    checkpoints,
    lower_name,
    target_text,
    value_text,
)
from production.generation.markup import bullets, long_date, numbered, table
from production.generation.posts import HashtagPlan


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
        return (
            "No paid budget is set: this is an organic plan, with paid support to "
            "follow once the first posts show which messages land"
        )
    window = (f.budget * Decimal(ctx.days) / Decimal(f.weeks * 7)).quantize(
        Decimal(1), ROUND_HALF_UP
    )
    return (
        f"{f.currency} {f.budget:,.0f} over {f.weeks} weeks; about {f.currency} "
        f"{window:,} of it falls in this {ctx.days}-day window"
    )


# --- overview -------------------------------------------------------------------


def _glance(ctx: DraftContext, posts: tuple[PostData, ...]) -> list[tuple[str, str]]:
    f = ctx.facts
    unit = "of channel spend" if f.budget is not None else "of effort"
    channels = [
        f"{c.channel} ({c.budget_pct}% {unit})" for c in ctx.strategy.channel_plan
    ]
    brand = f"{f.brand}, {f.entity}" + (f", {f.geo}" if f.geo else "")
    return [
        ("Brand", brand),
        ("Offer", text.upper_first(f.offer)),
        ("Objective", f"{f.objective}: {objective_line(ctx)}"),
        ("Audience", text.upper_first(f.audience)),
        ("Channels", text.join_and(channels) or text.join_and(f.channels)),
        ("Budget", _budget_line(ctx)),
        ("Tone of voice", text.upper_first(f.tone)),
        (
            "Content",
            f"{text.plural(len(posts), 'post')} across "
            f"{text.plural(len(ctx.pillars), 'content bucket')}",
        ),
    ]


def _challenge(ctx: DraftContext) -> list[str]:
    f = ctx.facts
    count = len(f.pains)
    things = "thing that gets" if count == 1 else "things that get"
    parts = [
        f"{text.upper_first(f.audience_short)} name {count_word(count)} {things} in "
        "the way:",
        bullets([text.upper_first(pain) for pain in f.pains]),
    ]
    if f.competitors:
        parts.append(
            f"They can also choose {text.join_and(f.competitors, 'or')}, so every "
            f"post has to show why {f.brand} is different."
        )
    return parts


def overview(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    serving = f" in {f.geo_phrase}" if f.geo else ""
    channels = text.join_and(c.name for c in ctx.channels)
    lead = ctx.kpis[0] if ctx.kpis else None
    goals = len(f.outcomes)
    success = [
        f"By {long_date(f.end)}, {f.brand} is working toward {count_word(goals)} "
        f"{'goal' if goals == 1 else 'goals'}:"
    ]
    if not ctx.alt:
        intro = (
            f"{f.brand} ({f.site}) is {text.a_an(f.entity)}{serving}. This plan turns "
            f"the approved strategy (version {ctx.strategy.version}) into "
            f"{text.plural(len(posts), 'ready-to-publish post')} for "
            f"{f.audience_mid}, running from {long_date(ctx.start)} to "
            f"{long_date(ctx.end)} on {channels}."
        )
        glance = bullets(
            [f"**{label}:** {value}" for label, value in _glance(ctx, posts)]
        )
        success.append(bullets([text.upper_first(o) for o in f.outcomes]))
        if lead is not None:
            success.append(
                f"The lead measure is {lower_name(lead.name)}: {target_text(lead)} "
                f"{lead.timeframe}."
            )
        return "\n\n".join(
            [
                intro,
                "**At a glance**",
                glance,
                "**The challenge**",
                *_challenge(ctx),
                "**What success looks like**",
                *success,
            ]
        )
    intro = (
        f"The next {ctx.days} days have one job: to {objective_line(ctx)}. "
        f"{f.brand} ({f.site}) is {text.a_an(f.entity)}{serving}, and this plan puts "
        f"strategy version {ctx.strategy.version} to work from "
        f"{long_date(ctx.start)}, starting with the problem its audience names."
    )
    glance = table(
        ("Item", "Detail"),
        [(f"**{label}**", value) for label, value in _glance(ctx, posts)],
    )
    first_check = checkpoints(ctx)[0]
    tracked = [
        f"{text.upper_first(lower_name(k.name))}: {value_text(k.path.day_30, k.unit)} "
        f"by day {first_check}, {target_text(k)} {k.timeframe}"
        for k in ctx.kpis[:2]
    ]
    success.append(numbered([text.upper_first(o) for o in f.outcomes]))
    if tracked:
        success += ["Tracked first through:", bullets(tracked)]
    return "\n\n".join(
        [
            intro,
            "**The challenge**",
            *_challenge(ctx),
            "**What success looks like**",
            *success,
            "**At a glance**",
            glance,
        ]
    )


# --- messaging ------------------------------------------------------------------


def sentences(value: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", value.strip()) if s]


def positioning(ctx: DraftContext) -> str:
    """The strategy's positioning, held to one or two sentences."""
    return " ".join(sentences(ctx.strategy.positioning)[:2])


def differentiators(ctx: DraftContext) -> list[str]:
    """Two or three differentiators: the brief's own, then what the plan can prove."""
    f = ctx.facts
    items = [text.upper_first(d) for d in f.diffs[:3]]
    derived = [
        f"Open about the work: {f.brand} shows {f.profile.proof[0]} instead of only "
        "describing it",
        f"Built around {f.offer_ref}, for {f.audience_short}",
    ]
    if f.is_city:
        derived.insert(1, f"Based in {f.city}, close to the {f.customers} it serves")
    for item in derived:
        if len(items) >= 2:
            break
        items.append(item)
    return items


def _answer(ctx: DraftContext, index: int) -> str:
    f = ctx.facts
    diffs = differentiators(ctx)
    return f"With {f.brand}: {text.lower_first(diffs[index % len(diffs)])}."


def _tone_lines(ctx: DraftContext, posts: tuple[PostData, ...]) -> list[str]:
    f = ctx.facts
    guide = ctx.tone
    if not ctx.alt:
        parts = [
            f"**Tone of voice: {f.tone}**",
            guide.summary,
            "Do:",
            bullets(list(guide.do)),
            "Avoid:",
            bullets(list(guide.avoid)),
        ]
        if posts:
            parts.append(f'In this voice, the calendar opens with: "{posts[0].hook}"')
        return parts
    parts = [
        f"**Tone of voice: {f.tone}**",
        f"{guide.summary} Each line below pairs a habit with the slip it replaces.",
        table(("Do", "Avoid"), list(zip(guide.do, guide.avoid, strict=False))),
    ]
    if len(posts) > 1:
        parts.append(
            f'Two hooks from the calendar show it at work: "{posts[1].hook}" and '
            f'"{posts[-1].hook}"'
        )
    return parts


def messaging_framework(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    messages = ctx.strategy.key_messages[:5]
    diffs = differentiators(ctx)
    core = ["**Core message**", messages[0]] if messages else []
    key = ["**Key messages**", numbered(list(messages))] if messages else []
    compliance = []
    if ctx.brief.banned_words:
        compliance.append(
            "**Restricted vocabulary:** the words the client has ruled out are kept "
            "out of every line of this plan, hooks, captions and hashtags included. "
            "Check any copy added later against the same list."
        )
    if f.profile.compliance:
        compliance += [
            "**Compliance**",
            bullets(list(f.profile.compliance)),
        ]
    contrast = []
    if f.competitors:
        contrast = [
            "**Competitive contrast**",
            f"{text.upper_first(f.audience_short)} also consider "
            f"{text.join_and(f.competitors, 'or')}. Lead with what only {f.brand} can "
            f"show ({text.lower_first(diffs[0])}). Never name competitors in public "
            "posts: let the proof make the comparison.",
        ]
    if not ctx.alt:
        rows = [
            (
                text.upper_first(pain),
                _answer(ctx, i),
                text.upper_first(f.profile.proof[i % len(f.profile.proof)]),
            )
            for i, pain in enumerate(f.pains)
        ]
        return "\n\n".join(
            [
                "**Positioning**",
                positioning(ctx),
                "**Differentiators**",
                bullets(diffs),
                *core,
                *key,
                "**Message map**",
                "Each pain point the audience raises, what the content says back, "
                "and the proof that makes it believable.",
                table(("Pain point", "What we say", "Proof"), rows),
                *contrast,
                *_tone_lines(ctx, posts),
                *compliance,
            ]
        )
    rows = [
        (
            diff,
            text.upper_first(f.pain(i)),
            text.upper_first(f.profile.proof[(i + 1) % len(f.profile.proof)]),
        )
        for i, diff in enumerate(diffs)
    ]
    return "\n\n".join(
        [
            *core,
            f"Everything else in this plan is a way of proving that line to "
            f"{f.audience_short}.",
            *key,
            "**Positioning**",
            positioning(ctx),
            "**Differentiators**",
            numbered(diffs),
            "**Message map: proof first**",
            "Start from what only the brand can show, then name the worry it settles.",
            table(("Differentiator", "The worry it answers", "How to show it"), rows),
            *_tone_lines(ctx, posts),
            *contrast,
            *compliance,
        ]
    )
