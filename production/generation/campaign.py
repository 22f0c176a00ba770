"""Section writers for the ``strategy_campaign_standard`` pack's campaign sections.

The calendar, overview, messaging, roadmap and summary writers are shared with the
quick social pack (``sections.py``); these add the campaign-only sections. Contract
kept with QC: ``creative_direction`` gives each pillar a ``### <name>`` heading.
Like every writer, each has a first-draft plan and a regenerated one (``ctx.alt``).
"""

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from aicmo_site.writing import text
from aicmo_site.writing.facts import count_word, pain_relief
from production.dto import PostData
from production.generation import copywriting
from production.generation.context import DraftContext
from production.generation.posts import HashtagPlan
from production.generation.sections import (
    bullets,
    differentiators,
    kpis_by_family,
    long_date,
    lower_name,
    measure,
    numbered,
    objective_line,
    table,
    target_text,
    value_text,
)

AD_CONCEPTS = 3  # tested against each other in the first two weeks
OBJECTIVE_GUARDRAILS = {
    "Awareness": (
        "It will not buy reach outside the audience that could become customers",
        "It will not judge success on follower count alone",
    ),
    "Leads": (
        "It will not count an email address as a lead until it passes qualification",
        "It will not trade lead quality for a lower cost per lead",
    ),
    "Sales": (
        "It will not discount the offer just to hit the order target",
        "It will not report revenue that tracking cannot attribute",
    ),
    "Hiring": (
        "It will not promise anything about a role that the job description does not",
        "It will not count applications that do not meet the role's requirements",
    ),
    "Partnerships": (
        "It will not sign partners whose audience does not overlap with the brand's",
        "It will not start a partnership without agreed goals and reporting",
    ),
    "Retention": (
        "It will not spam existing customers: every send has a reason to exist",
        "It will not reward churned customers better than loyal ones",
    ),
}
# Two ways to name the big idea per objective: the first draft's and the variant's.
IDEA_FRAMES = {
    "Awareness": ("Seen Up Close", "Worth Talking About"),
    "Leads": ("Ask Us First", "Start With a Conversation"),
    "Sales": ("See It Working", "Proof Before You Buy"),
    "Hiring": ("Proof, Not Promises", "Work Worth Staying For"),
    "Partnerships": ("Impact You Can Report", "Partners in the Work"),
    "Retention": ("Progress You Can See", "Worth Coming Back For"),
}
OBJECTIVE_RESULT = {
    "Awareness": "new followers",
    "Leads": "qualified enquiries",
    "Sales": "orders",
    "Hiring": "applications",
    "Partnerships": "partner meetings",
    "Retention": "repeat visits",
}
# What a channel without calendar posts does instead, for the channel table.
NO_POST_VOLUME = {
    "search": "Always-on ads",
    "seo": "Two articles a month",
    "messaging": "Opt-in broadcasts and replies",
    "events": "One flagship event",
}
OBJECTIVE_GOAL = {
    "Awareness": "a second visit",
    "Leads": "a booked call",
    "Sales": "a first order",
    "Hiring": "a completed application",
    "Partnerships": "a partner meeting",
    "Retention": "a repeat purchase",
}


def _money(value: Decimal, currency: str) -> str:
    return f"{currency} {value.quantize(Decimal(1), ROUND_HALF_UP):,}"


def _short(phrase: str) -> str:
    return text.shorten(phrase, 6, ("with", "for", "and", "without", "because"))


# --- objective and idea ---------------------------------------------------------


def campaign_objective(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    goals = len(f.outcomes)
    guardrails = list(OBJECTIVE_GUARDRAILS[f.objective])
    if not ctx.alt:
        rows = [(k.name, f"{target_text(k)} {k.timeframe}") for k in ctx.kpis[:4]]
        parts = [
            f"**{f.objective}.** Over {f.weeks} weeks, from {long_date(f.start)} to "
            f"{long_date(f.end)}, the campaign's single job is to "
            f"{objective_line(ctx)}. Everything else (reach, followers, engagement) "
            "matters only as far as it moves that.",
            "**Definition of success**",
        ]
        if rows:
            parts.append(table(("Measure", "Target"), rows))
        parts += [
            "**Why it matters to the business**",
            f"{text.possessive(f.brand)} own goals for this period:",
            bullets([text.upper_first(o) for o in f.outcomes]),
            "Hitting the targets above is how the campaign gets there.",
            "**Out of scope**",
            bullets(guardrails),
        ]
        return "\n\n".join(parts)
    channels = text.join_and(c.channel for c in ctx.strategy.channel_plan)
    paths = [
        (
            k.name,
            value_text(k.path.day_30, k.unit),
            value_text(k.path.day_90, k.unit),
            target_text(k),
        )
        for k in ctx.kpis[:4]
    ]
    parts = [
        "**Why it matters to the business**",
        f"{f.brand} has set {count_word(goals)} "
        f"{'goal' if goals == 1 else 'goals'} for this period, and the campaign "
        "exists to move them:",
        numbered([text.upper_first(o) for o in f.outcomes]),
        f"**{f.objective}, in one sentence:** to {objective_line(ctx)} between "
        f"{long_date(f.start)} and {long_date(f.end)}.",
        "**Definition of success**",
    ]
    if paths:
        parts.append(table(("Measure", "Day 30", "Day 90", "Campaign target"), paths))
    if channels:
        guardrails.append(
            f"It will not spread beyond {channels} before the day-30 review shows "
            "what works"
        )
    parts += ["**Out of scope**", bullets(guardrails)]
    return "\n\n".join(parts)


def campaign_name(ctx: DraftContext) -> str:
    """The big idea's name: an objective frame and the brand's own proof."""
    f = ctx.facts
    first, second = IDEA_FRAMES[f.objective]
    if not ctx.alt:
        subject = f.diffs[0] if f.diffs else f.offer_short
        return f"{first}: {text.title(_short(subject))}"
    relief = pain_relief(f.pain(0))
    subject = f.diffs[1] if len(f.diffs) > 1 else relief or f.offer_short
    return f"{second}: {text.title(_short(subject))}"


def territories(ctx: DraftContext) -> list[tuple[str, str]]:
    """Two or three creative territories: where the idea's content comes from."""
    f = ctx.facts
    diffs = differentiators(ctx)
    proof = f.profile.proof
    if not ctx.alt:
        found = [
            (
                "Inside the work",
                f"{text.upper_first(proof[0])} and "
                f"{text.lower_first(diffs[0])}, filmed where it happens",
            ),
            (
                "The problem, named",
                f"{text.upper_first(f.pain(0))}, said plainly, then answered by "
                f"{f.offer_ref}",
            ),
        ]
        if f.is_city:
            found.append(
                (
                    f"{f.brand} in {f.city}",
                    f"The places, {f.advocates} and local moments that make "
                    f"{f.brand} familiar",
                )
            )
        return found
    after = text.lower_first(diffs[0])
    return [
        (
            "Before and after",
            f"One {f.advocate}'s week, from '{f.pain(0)}' to {after}, shared with "
            "consent",
        ),
        (
            "The detail others skip",
            f"{text.upper_first(text.lower_first(diffs[-1]))}, shown up close",
        ),
        (
            "Questions, answered",
            f"What {f.audience_short} ask before choosing {f.brand}, answered on "
            "camera",
        ),
    ]


def core_campaign_idea(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    name = campaign_name(ctx)
    diffs = differentiators(ctx)
    proof = text.join_and(text.lower_first(d) for d in diffs[:2])
    found = territories(ctx)
    territory_lines = [f"**{title}:** {about}" for title, about in found]
    if not ctx.alt:
        roles = []
        for channel in ctx.strategy.channel_plan:
            lead = channel.tactics[0] if channel.tactics else channel.rationale
            roles.append(f"**{channel.channel}:** {text.sentence(lead)}")
        parts = [
            f"**Campaign name:** {name}",
            "**The insight**",
            f"{text.upper_first(f.audience_short)} live with a problem they rarely "
            f"say out loud: {f.pain(0)}. They have tried the usual fixes, and they "
            "are wary of anyone who promises more than they can show.",
            "**The idea**",
            f"Show, not tell. For {f.weeks} weeks, every piece puts on screen the "
            f"proof only {f.brand} has: {proof}. Each one ends with one clear step "
            f"toward {f.offer_ref}.",
            "**Creative territories**",
            bullets(territory_lines),
            "**Why it works for this brand**",
            f"It turns {text.possessive(f.brand)} strongest asset into the story, it "
            f"speaks to {f.audience_short} in {text.a_an(f.tone)} voice, and it "
            "gives every channel the same thing to say in its own format.",
        ]
        if roles:
            parts += ["**How the idea shows up**", bullets(roles)]
        return "\n\n".join(parts)
    if f.competitors:
        insight = (
            f"{text.upper_first(f.audience_short)} can choose "
            f"{text.join_and(f.competitors[:2], 'or')}, and on paper the options "
            f"look alike. The choice turns on one worry: {f.pain(len(f.pains) - 1)}."
        )
    else:
        insight = (
            f"Most {f.entity} brands promise the same things, so "
            f"{f.audience_short} decide on the detail they can check for "
            f"themselves: {f.profile.proof[1]}."
        )
    shows = []
    for index, channel in enumerate(ctx.strategy.channel_plan):
        title = found[index % len(found)][0]
        shows.append(f"**{channel.channel}:** carries '{title}' in its own format")
    parts = [
        f"**Campaign name:** {name}",
        "**The insight**",
        insight,
        "**The idea**",
        f"Let the people who know {f.brand} best make the case. {f.brand} hands "
        f"the microphone to {f.advocates} and the team, and every story lands on "
        f"the same proof: {proof}.",
        "**Creative territories**",
        numbered(territory_lines),
        "**How the idea shows up**",
        bullets(shows),
    ]
    return "\n\n".join(parts)


# --- channels and audience ------------------------------------------------------


def _result_name(ctx: DraftContext) -> str:
    conversion = next((k for k in ctx.kpis if k.family == "Conversion"), None)
    if conversion is not None:
        return lower_name(conversion.name)
    return OBJECTIVE_RESULT[ctx.facts.objective]


def channel_plan(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    counts = Counter(p.platform for p in posts)
    result = _result_name(ctx)
    unit = "budget" if f.budget is not None else "effort"
    plan = list(ctx.strategy.channel_plan)

    def share(pct: int) -> str:
        if f.budget is None:
            return f"{pct}%"
        amount = f.budget * Decimal(pct) / Decimal(100)
        return f"{pct}% ({_money(amount, f.currency)})"

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
                share(c.budget_pct),
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
            share(c.budget_pct),
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
                "Budget follows readiness: most paid spend goes to 'Ready now', "
                "retargeting covers 'Comparing options', and 'Advocates' are reached "
                "through owned channels at almost no cost.",
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
            f"Stories from the advocates feed every later segment, so the order "
            f"matters more than the spend: {f.brand} earns the proof first, then "
            "pays to show it.",
        ]
    )


# --- creative -------------------------------------------------------------------

TONE_VISUALS = {
    "playful": "bright, candid images with real people mid-moment; bold type, one "
    "joke per frame at most",
    "warm": "natural light, real places and faces, handwritten-style details",
    "bold": "high-contrast colour, big type and close crops; one claim per frame",
    "inspiring": "wide shots, forward motion and before/after pairs, shared with "
    "consent",
    "reassuring": "calm colours, soft light and clear step-by-step frames; people "
    "shown comfortable, never anxious",
    "premium": "generous white space, close-ups of materials and craft, restrained "
    "type",
    "professional": "clean charts, screen recordings and real team members; one "
    "number or idea per frame",
}


def _show(ctx: DraftContext, kind: str, diff: int) -> str:
    f = ctx.facts
    shows = {
        "problem": f"the moment the problem bites, then the same moment with "
        f"{f.offer_ref}",
        "proof": (f.diffs[diff % len(f.diffs)] if f.diffs else f.profile.proof[1]),
        "offer": f"{f.offer_ref} itself, walked through step by step",
        "community": f"real {f.advocates} and the places they know, with consent",
        "brand": f"the people behind {f.brand} and why they started",
        "careers": "the team at work, in their own words",
        "partners": "a joint project, from first call to result",
        "retention": f"existing {f.customers} getting more from {f.offer_ref}",
    }
    return shows.get(kind, shows["problem"])


def creative_direction(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    look = TONE_VISUALS.get(ctx.tone.key, TONE_VISUALS["professional"])
    proof = f.profile.proof
    if not ctx.alt:
        parts = [
            f"**Look and feel:** {look}. Shoot {proof[0]} and {proof[1]} first: they "
            "are the footage every pillar draws on.",
            f"**Voice:** {ctx.tone.summary}",
            "**Every piece:** opens on the hook in the first second or line, shows "
            f"{f.brand} by name or logo within three seconds, and ends on one call "
            "to action.",
        ]
        for pillar in ctx.pillars:
            mine = [p for p in posts if p.pillar == pillar.name]
            formats = text.join_and(dict.fromkeys(p.format for p in mine)) or "Any"
            example = mine[0].hook if mine else (pillar.topics or ("",))[0]
            parts += [
                f"### {pillar.name}",
                pillar.description,
                bullets(
                    [
                        f"**Formats:** {formats}",
                        f"**Show:** {_show(ctx, pillar.kind, pillar.diff)}",
                        f"**Example hook:** {example}",
                    ]
                ),
            ]
        return "\n\n".join(parts)
    parts = [
        f"One shoot day feeds the month: {proof[2]} and {proof[0]}, captured in "
        f"vertical and square crops. Each pillar below gets its own shot list, so "
        "nothing is filmed twice.",
        f"**Voice:** {ctx.tone.summary} Write the hook first and cut everything "
        "the picture already says.",
        f"**Look and feel:** {look}.",
    ]
    for index, pillar in enumerate(ctx.pillars):
        mine = [p for p in posts if p.pillar == pillar.name]
        counts = Counter(p.format for p in mine)
        lead_format = counts.most_common(1)[0][0] if counts else "Any format"
        example = mine[-1].hook if mine else (pillar.topics or ("",))[-1]
        parts += [
            f"### {pillar.name}",
            bullets(
                [
                    f"**Shot list:** {_show(ctx, pillar.kind, pillar.diff)}; "
                    f"{proof[(index + 1) % len(proof)]}",
                    f"**Formats:** {lead_format} first"
                    + (
                        f", then {text.join_and(list(counts)[1:3])}"
                        if len(counts) > 1
                        else ""
                    ),
                    f"**Example hook:** {example}",
                ]
            ),
        ]
    return "\n\n".join(parts)


def influencer_strategy(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    where = f" in {f.city}" if f.city else ""
    diffs = differentiators(ctx)
    if f.b2b or f.objective in {"Hiring", "Partnerships"}:
        tiers = [
            (
                "Practitioners",
                f"People who do the job {f.audience_short} do, with an engaged "
                "following on LinkedIn",
                "Paid per post",
            ),
            (
                "Analysts and newsletter writers",
                f"Writers who cover {f.industry} for readers already researching",
                "Sponsored issue",
            ),
            (
                text.upper_first(f.advocates),
                f"{text.upper_first(f.advocates)} willing to speak in a case study "
                "or a short video",
                "Thank-you gift",
            ),
        ]
    else:
        tiers = [
            (
                f"Micro-creators{where}",
                f"Accounts of 5,000 to 50,000 followers whose audience matches "
                f"{f.audience_short}",
                "Fee or gifted product",
            ),
            (
                f"Local voices{where}",
                f"Community pages and reviewers that {f.audience_short} already trust",
                "Gifted experience",
            ),
            (
                "Customers as creators",
                f"{text.upper_first(f.customers)} sharing their own experience, "
                "with consent and clear disclosure",
                "Thank-you reward",
            ),
        ]
    message = (
        ctx.strategy.key_messages[0]
        if ctx.strategy.key_messages
        else f"What changes with {f.offer_ref}"
    )
    restricted = (
        ["Must avoid the client's restricted vocabulary list"]
        if ctx.brief.banned_words
        else []
    )
    if not ctx.alt:
        brief_points = [
            f"The one message: {message}",
            f"Must show: {text.lower_first(diffs[0])}",
            f"Must link to {f.site} with a creator-specific tracking code",
            "Must label the content as a paid partnership where it is one",
            *restricted,
        ]
        budget = (
            f"Set aside about 10% of the budget ({_money(f.budget / 10, f.currency)}) "
            "for creator fees and product; pay per result where creators agree."
            if f.budget is not None
            else "No paid budget: start with gifted product or a revenue share, and "
            "invite customers rather than paid creators."
        )
        return "\n\n".join(
            [
                f"Creators carry {text.possessive(f.brand)} message to people who do "
                "not follow the brand yet, in a voice they already trust.",
                "**Who to work with**",
                bullets([f"**{name}:** {who}" for name, who, _ in tiers]),
                "**What every creator gets in their brief**",
                bullets(brief_points),
                "**Budget and measurement**",
                budget + " Each creator gets a unique link and code, so results "
                "are compared per creator, not guessed.",
            ]
        )
    brief_points = [
        f"A one-page fact sheet on {f.brand}, led by {text.lower_first(diffs[-1])}",
        "Three hooks from the calendar to adapt, never to copy word for word",
        f"A tracking link to {f.site} and a code of their own",
        "Disclosure wording for paid and gifted posts",
        *restricted,
    ]
    if f.budget is not None:
        pool = f.budget / 10
        budget = (
            f"A creator pool of {_money(pool, f.currency)}, about 10% of the budget: "
            f"60% to the first tier, 30% to the second and 10% to thank-you rewards. "
            "Creators who beat the average cost per result get a second brief."
        )
    else:
        budget = (
            "No cash fees at first: gifted experiences and thank-you rewards, with a "
            "paid test only for creators whose first post beats the average."
        )
    return "\n\n".join(
        [
            f"Three tiers, from the widest reach to the deepest trust. Each tier "
            f"makes something different for {f.brand}, and each is paid in the "
            "way that suits it.",
            "**Who to work with**",
            table(("Tier", "Who", "How they are paid"), tiers),
            "**What every creator gets in their brief**",
            numbered(brief_points),
            "**Budget and measurement**",
            budget,
        ]
    )


def _mechanics(ctx: DraftContext, launch: str, mid: str) -> list[tuple[str, str, str]]:
    """Promotion mechanics for the objective: (when, mechanic, what it asks)."""
    f = ctx.facts
    return {
        "Awareness": [
            (
                launch,
                "Behind-the-scenes first look",
                f"A reason to talk about {f.brand}",
            ),
            (mid, "Community challenge or poll", f"{f.audience_short} joining in"),
            ("All month", "Early news for followers", "A follow or a sign-up"),
        ],
        "Leads": [
            ("All month", f"Practical guide to {f.theme}", "An email address"),
            (launch, f"No-obligation call about {f.offer_ref}", "A booked call"),
            (mid, "Live Q&A for guide readers", "A question, then an enquiry"),
        ],
        "Sales": [
            (launch, "First-order incentive, limited by date", "A first order"),
            (mid, "Bundle or added extra, not a deeper cut", "A larger order"),
            ("All month", "Give-and-get referral reward", "A friend's first order"),
        ],
        "Hiring": [
            ("All month", "Referral bonus for team members", "A referred candidate"),
            (
                mid,
                "Open day: meet the team, see the work",
                "A visit, then an application",
            ),
            (launch, "Reply to every application within two working days", "Trust"),
        ],
        "Partnerships": [
            (launch, "Time-boxed pilot with agreed goals", "A pilot agreement"),
            ("All month", "Co-marketing pack partners can share", "Shared reach"),
            (mid, "Joint session for both audiences", "A partner meeting"),
        ],
        "Retention": [
            ("All month", "Thank-you reward past a milestone", "Another month"),
            (launch, "Give-and-get referral reward", "A friend's first visit"),
            (mid, f"Personal win-back note for lapsed {f.customers}", "A return visit"),
        ],
    }[f.objective]


def promotions_and_offers(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    launch = long_date(f.start)
    mid = long_date(f.start + dt.timedelta(days=7 * max(1, f.weeks // 2)))
    mechanics = _mechanics(ctx, launch, mid)
    if not ctx.alt:
        rules = [
            "Every promotion has an end date and clear terms, published with it",
            "Promotions never undercut the value story: lead with the proof, then "
            "the offer",
            "Each promotion gets its own tracking code, so its effect is measured "
            "alone",
        ]
        return "\n\n".join(
            [
                f"Promotions give {f.audience_short} a reason to act now rather than "
                "later. The client sets the exact values; the mechanics below are "
                f"chosen for the {f.objective.lower()} objective.",
                bullets(
                    [f"**{name}** ({when}): {asks}" for when, name, asks in mechanics]
                ),
                "**Rules**",
                bullets(rules),
            ]
        )
    rules = [
        "One promotion live at a time, so results are not mixed",
        f"Terms sit on {f.site} before the first post mentions them",
        "Stop any promotion that fails to beat the no-offer posts after a week",
    ]
    return "\n\n".join(
        [
            f"Timing first: each mechanic has a slot in the campaign and one thing it "
            f"asks of {f.audience_short}.",
            table(("When", "Mechanic", "What it asks for"), mechanics),
            "**Rules**",
            numbered(rules),
        ]
    )


def _flows(ctx: DraftContext) -> list[tuple[str, str, str, str]]:
    f = ctx.facts
    goal = OBJECTIVE_GOAL[f.objective]
    proof = f.profile.proof[0]
    if f.objective == "Hiring":
        return [
            ("Application received", "Form submitted", "1 email, same day",
             "Confirm receipt and say when they will hear back"),
            ("Interview preparation", "Interview booked", "2 emails over 3 days",
             f"What to expect, who they will meet and how to find {f.brand}"),
            ("Talent pool", "Not ready or not selected", "1 email a month",
             "Keep good candidates warm for the next opening"),
            ("Referral", "New starter's first week", "1 email",
             "Invite them to refer someone they would like to work with"),
        ]  # fmt: skip
    if f.objective == "Partnerships":
        return [
            ("First contact", "Shortlisted partner", "3 emails over 10 days",
             f"Introduce {f.brand} and the partnership, then ask for a call"),
            ("Proposal follow-up", "Proposal sent", "2 emails over 7 days",
             "Answer objections and agree next steps"),
            ("Partner onboarding", "Agreement signed", "3 emails over 14 days",
             "Kick-off, first activity and how results are reported"),
            ("Impact update", "Each quarter", "1 email",
             "Share results and invite the next commitment"),
        ]  # fmt: skip
    if f.objective == "Retention":
        return [
            ("Early habit", "First 30 days", "4 emails, one a week",
             f"Build the habit and show {proof}"),
            ("Milestone", "A milestone reached", "1 email",
             "Celebrate progress and suggest the next goal"),
            ("At risk", "No activity for 14 days", "2 emails over 7 days",
             "Ask what changed and make it easy to return"),
            ("Referral", "After a milestone", "1 email",
             "A give-and-get reward for bringing a friend"),
        ]  # fmt: skip
    return [
        ("Welcome", f"Sign-up on {f.site}", "3 emails over 7 days",
         f"Introduce {f.brand}, show {proof}, invite {goal}"),
        ("Nurture", "Opened the welcome, no action after 7 days",
         "4 emails, one a week",
         f"One pain point per email ({text.join_and(f.pains[:2])}), each with proof"),
        ("Conversion", "Clicked a call to action twice", "2 emails over 3 days",
         f"Remove the last objection and ask for {goal}"),
        ("Win-back", "No opens in 60 days", "2 emails over 14 days",
         "Ask what changed, offer a reason to return, then clean the list"),
    ]  # fmt: skip


def email_and_crm_flows(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    has_email = any(
        copywriting.channel_key(c.channel) == "email" for c in ctx.strategy.channel_plan
    )
    goal = OBJECTIVE_GOAL[f.objective]
    lead = (
        "Email is in the channel plan, so these flows run from day one."
        if has_email
        else "Email is not in the channel plan; these flows are recommended as the "
        "owned channel that keeps the interest paid media wins."
    )
    flows = _flows(ctx)
    if not ctx.alt:
        return "\n\n".join(
            [
                f"{lead} Every flow stops the moment a contact reaches {goal}.",
                table(("Flow", "Trigger", "Cadence", "Purpose"), flows),
                "**CRM hygiene**",
                bullets(
                    [
                        "Tag every contact with its source and first campaign touch",
                        "Record consent with its date and wording",
                        "Review the flows' conversion rates in the weekly pulse",
                    ]
                ),
            ]
        )
    measures = ("Open rate", "Reply or click rate", "Share reaching the goal",
                "Return rate")  # fmt: skip
    rows = [
        (name, purpose, trigger, cadence, measures[index % len(measures)])
        for index, (name, trigger, cadence, purpose) in enumerate(flows)
    ]
    return "\n\n".join(
        [
            f"Each flow has one purpose and one measure. {lead}",
            table(("Flow", "Purpose", "Trigger", "Cadence", "Judged on"), rows),
            "**CRM hygiene**",
            numbered(
                [
                    f"One record per person, merged across {f.site} forms and "
                    "social messages",
                    "A stage field that matches the flows above, updated automatically",
                    "A monthly clean-out of bounced and unsubscribed contacts",
                ]
            ),
        ]
    )


def ad_concepts(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    where = f" in {f.place}" if f.city else ""
    social = [p for p in posts if copywriting.channel_key(p.platform) != "email"]
    if not ctx.alt:
        parts = [
            "Paid concepts built from the calendar's strongest angles. Each runs as "
            "a test for two weeks; the winner takes the budget for the rest of the "
            f"{f.weeks} weeks."
        ]
        picked: list[PostData] = []
        for pillar in ctx.pillars:
            themes = {p.theme for p in picked}
            match = next(
                (
                    p
                    for p in social
                    if p.pillar == pillar.name and p.theme not in themes
                ),
                None,
            )
            if match:
                picked.append(match)
            if len(picked) == AD_CONCEPTS:
                break
        for number, post in enumerate(picked, start=1):
            parts += [
                f"### Concept {number}: {post.theme}",
                bullets(
                    [
                        f"**Platform and format:** {post.platform}, {post.format}",
                        f"**Headline:** {post.hook}",
                        f"**Call to action:** {post.cta}",
                        f"**Audience:** {f.audience_short}{where}",
                        f"**Pillar:** {post.pillar}",
                    ]
                ),
            ]
        if not picked:
            parts.append(
                f"With no social channel in the plan, paid spend goes to search: ads "
                f"on the exact words {f.audience_short} use for {f.offer_ref}."
            )
        return "\n\n".join(parts)
    diffs = differentiators(ctx)
    messages = list(ctx.strategy.key_messages) or [text.sentence(d) for d in diffs]
    ctas = [p.cta for p in social] or [f"Visit {f.site}"]
    platforms = [c for c in ctx.channels if c.spec.kind == "social"] or list(
        ctx.channels
    )
    parts = [
        f"Each concept tests one reason to choose {f.brand}, not one post: the "
        "differentiator is the variable, the format stays native to its platform."
    ]
    audiences = (
        f"{f.audience_short}{where} who have not met {f.brand} yet",
        f"{f.audience_short} who engaged with {f.brand} but did not act",
        f"lookalikes of existing {f.advocates}",
    )
    for index, diff in enumerate(diffs[:AD_CONCEPTS]):
        channel = platforms[index % len(platforms)] if platforms else None
        platform = channel.name if channel else "Search"
        form = channel.spec.formats[0] if channel else "Text ad"
        headline = next(
            (m for m in messages if diff.lower() in m.lower()),
            f"{text.sentence(diff)} That is the {f.brand} difference.",
        )
        parts += [
            f"### Concept {chr(65 + index)}: {diff}",
            bullets(
                [
                    f"**Headline:** {headline}",
                    f"**Platform and format:** {platform}, {form}",
                    f"**Audience:** {audiences[index % len(audiences)]}",
                    f"**Call to action:** {ctas[index % len(ctas)]}",
                ]
            ),
        ]
    return "\n\n".join(parts)


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
            value_text(k.path.day_30, k.unit),
            value_text(k.path.day_60, k.unit),
            value_text(k.path.day_90, k.unit),
            target_text(k),
        )
        for k in kpis
    ]
    sources: dict[str, list[str]] = {}
    for k in kpis:
        sources.setdefault(measure(ctx, k), []).append(lower_name(k.name))
    how = [f"**{source}:** {text.join_and(names)}" for source, names in sources.items()]
    header = ("KPI", "Family", "Baseline", "Day 30", "Day 60", "Day 90", "Target")
    if ctx.alt:
        header = ("Family", "KPI", "Baseline", "Day 30", "Day 60", "Day 90", "Target")
        rows = [(r[1], r[0], *r[2:]) for r in rows]
    families = text.join_and(dict.fromkeys(k.family.lower() for k in kpis))
    if not ctx.alt:
        intro = (
            f"{text.upper_first(count_word(len(rows)))} KPIs measure the campaign "
            f"across {families}. Running totals start from zero; rates start from a "
            "planning estimate that the week-1 set-up replaces with the measured "
            "value."
        )
    else:
        intro = (
            "The funnel, top to bottom: each family's KPIs, where they start and "
            "where they should stand on day 30, 60 and 90. Baselines for rates are "
            "estimates until week 1 measures them."
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
                _money(f.budget * Decimal(c.budget_pct) / Decimal(100), f.currency),
                _money(
                    f.budget * Decimal(c.budget_pct) / Decimal(100) / Decimal(f.weeks),
                    f.currency,
                ),
            )
            for c in plan
        ]
        parts += [
            table(("Channel", "Share", "Total", "Per week"), budget_rows),
            f"Total: {_money(f.budget, f.currency)} over {f.weeks} weeks. About 80% "
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
                _money(amount, f.currency),
                "Testing" if index == 1 else f"Scale {lead} and the winners",
            )
        )
    parts += [
        table(("Period", "Spend", "Focus"), month_rows),
        f"Channel shares follow the channel plan within each month. Month one holds "
        f"spend back while the ad concepts are tested; {_money(f.budget, f.currency)} "
        f"in total over {f.weeks} weeks.",
    ]
    return "\n\n".join(parts)


def post_campaign_analysis(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    due = f.end + dt.timedelta(days=7)
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
