"""Where the campaign runs and who it speaks to: channel plan and audience segments."""

from collections import Counter

from aicmo_site.writing import text
from aicmo_site.writing.facts import count_word
from production.dto import PostData
from production.generation import copywriting, kpi_text
from production.generation.context import DraftContext
from production.generation.kpi_text import lower_name
from production.generation.markup import bullets, money, table
from production.generation.posts import HashtagPlan
from production.generation.sections.opening import differentiators

# What each objective counts as a result (Partnerships: see _result_name).
OBJECTIVE_RESULT = {
    "Awareness": "new followers",
    "Leads": "qualified enquiries",
    "Sales": "orders",
    "Hiring": "applications",
    "Retention": "repeat visits",
}
# What a channel without calendar posts does instead, for the channel table.
NO_POST_VOLUME = {
    "search": "Always-on ads",
    "seo": "Two articles a month",
    "messaging": "Opt-in broadcasts and replies",
    "events": "One flagship event",
    "print": "One print run",
    "podcast": "Host-read spots",
}


def _result_name(ctx: DraftContext) -> str:
    conversion = next((k for k in ctx.kpis if k.family == "Conversion"), None)
    if conversion is not None:
        return lower_name(conversion.name)
    f = ctx.facts
    if f.objective == "Partnerships":
        # "distributor meetings" when the playbook names its partners.
        return f"{f.profile.partners.removesuffix('s')} meetings"
    return OBJECTIVE_RESULT[f.objective]


def channel_plan(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    counts = Counter(p.platform for p in posts)
    result = _result_name(ctx)
    unit = "budget" if f.budget is not None else "effort"
    plan = list(ctx.strategy.channel_plan)

    # The amounts are the budget table's own (kpi_text.spend_lines), so the two agree.
    spend = {line.name: line.amount for line in kpi_text.spend_lines(ctx)}

    def share(channel: str, pct: int) -> str:
        if f.budget is None or channel not in spend:
            return f"{pct}%"
        return f"{pct}% ({money(spend[channel], f.currency)})"

    def volume(name: str) -> str:
        made = counts.get(name, 0)
        key = copywriting.channel_key(name)
        noun = "email" if key == "email" else "post"
        if made:
            return f"{text.plural(made, noun)} in 30 days"
        return NO_POST_VOLUME.get(key, "Paid and owned")

    added = [c.name for c in ctx.channels if c.added]
    note = (
        [
            f"{text.join_and(added)} carries the organic posts, because none of the "
            "planned channels publishes posts of its own."
        ]
        if added
        else []
    )
    if not ctx.alt:
        rows = [
            (
                c.channel,
                share(c.channel, c.budget_pct),
                volume(c.channel),
                "; ".join(c.tactics[:2]),
                copywriting.channel_kpis(c.channel, result),
            )
            for c in plan
        ]
        return "\n\n".join(
            [
                f"The strategy splits the {unit} across "
                f"{text.plural(len(rows), 'channel')}. Shares follow each channel's "
                f"job for the {f.objective.lower()} objective, not habit.",
                table(("Channel", "Share", "Volume", "Lead tactics", "KPIs"), rows),
                "**Why each channel**",
                bullets([f"**{c.channel}:** {c.rationale}" for c in plan]),
                *note,
            ]
        )
    ranked = sorted(plan, key=lambda c: -c.budget_pct)
    roles = [
        (
            c.channel,
            share(c.channel, c.budget_pct),
            "Leads the plan" if index == 0 else "Supports the lead channel",
            copywriting.channel_kpis(c.channel, result),
        )
        for index, c in enumerate(ranked)
    ]
    why = []
    for c in ranked:
        tactic = c.tactics[1] if len(c.tactics) > 1 else (c.tactics or ("",))[0]
        line = f"**{c.channel}:** {c.rationale}"
        if tactic:
            line += f" First move: {text.lower_first(text.sentence(tactic))}"
        why.append(line)
    return "\n\n".join(
        [
            f"Largest share first. {text.upper_first(count_word(len(roles)))} channels "
            f"carry the plan; each is judged on its own measures and on the "
            f"{result} it brings.",
            table(("Channel", "Share", "Role", "KPIs"), roles),
            "**Why each channel**",
            bullets(why),
            *note,
        ]
    )


def _segments(ctx: DraftContext) -> list[tuple[str, str, str, str]]:
    f = ctx.facts
    lead = ctx.channels[0].name if ctx.channels else text.join_and(f.channels)
    messages = ctx.strategy.key_messages
    diffs = differentiators(ctx)
    rows = [
        (
            "Ready now",
            f"{text.upper_first(f.audience_mid)} who already feel '{f.pain(0)}'",
            messages[0] if messages else f"{text.upper_first(f.offer_ref)} fixes this.",
            lead,
        )
    ]
    if f.competitors:
        rows.append(
            (
                "Comparing options",
                f"{text.upper_first(f.audience_short)} weighing {f.brand} against "
                f"{text.join_and(f.competitors[:2], 'or')}",
                f"What only {f.brand} can show: {text.lower_first(diffs[0])}",
                text.join_and(c.name for c in ctx.channels[:2]) or lead,
            )
        )
    if len(f.pains) > 1:
        rows.append(
            (
                "Other first worry",
                f"{text.upper_first(f.audience_short)} whose main worry is "
                f"'{f.pain(1)}'",
                text.upper_first(
                    f"{f.offer_ref} answers this too: {text.lower_first(diffs[-1])}"
                ),
                lead,
            )
        )
    email = next((c.name for c in ctx.channels if c.spec.kind == "email"), lead)
    rows.append(
        (
            "Advocates",
            f"Existing {f.advocates} and the people they talk to",
            f"Share {f.brand} with someone who has the same problem",
            email,
        )
    )
    return rows


def _readiness(ctx: DraftContext) -> str:
    """How effort follows readiness; paid spend only when the brief has a budget."""
    if ctx.facts.budget is None:
        return (
            "Effort follows readiness: most posts and follow-up go to 'Ready now', "
            "reminders cover 'Comparing options', and 'Advocates' are reached "
            "through owned channels."
        )
    return (
        "Budget follows readiness: most paid spend goes to 'Ready now', "
        "retargeting covers 'Comparing options', and 'Advocates' are reached "
        "through owned channels at almost no cost."
    )


def _advocates_first(ctx: DraftContext) -> str:
    """Why the advocates come first; paying to show proof only with a budget."""
    brand = ctx.facts.brand
    if ctx.facts.budget is None:
        return (
            "Stories from the advocates feed every later segment, so the order "
            f"matters: {brand} earns the proof first, then shows it to the rest."
        )
    return (
        "Stories from the advocates feed every later segment, so the order "
        f"matters more than the spend: {brand} earns the proof first, then pays "
        "to show it."
    )


def audience_segments(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    if not ctx.alt:
        return "\n\n".join(
            [
                f"The brief's audience is {f.audience}. The campaign splits it by how "
                f"close each group is to choosing {f.brand}, so each hears the "
                "message it needs next.",
                table(
                    ("Segment", "Who they are", "What they need to hear", "Where"),
                    _segments(ctx),
                ),
                _readiness(ctx),
            ]
        )
    rows = _segments(ctx)
    # Advocates first: the cheapest segment to reach feeds proof to the others.
    ordered = [rows[-1], *rows[:-1]]
    proof = f.profile.proof
    numbered_rows = [
        (
            str(index),
            name,
            who,
            f"{text.upper_first(proof[index % len(proof)])}, then: {said}",
            where,
        )
        for index, (name, who, said, where) in enumerate(ordered, start=1)
    ]
    return "\n\n".join(
        [
            f"Start with the people who already trust {f.brand}, then move outward. "
            f"Each segment of {f.audience_short} is given the proof it needs before "
            "the message it hears.",
            table(
                ("Order", "Segment", "Who they are", "What they need to hear", "Where"),
                numbered_rows,
            ),
            _advocates_first(ctx),
        ]
    )
