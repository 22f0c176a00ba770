"""Section writers for the ``strategy_campaign_standard`` pack's campaign sections.

The calendar, overview, messaging, roadmap and summary writers are shared with the
quick social pack (``sections.py``); these add the campaign-only sections. Contract
kept with QC: ``creative_direction`` gives each pillar a ``### <name>`` heading.
"""

import datetime as dt
import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from aicmo_site.writing import text
from aicmo_site.writing.facts import Facts, count_word, pain_relief
from production.dto import PostData
from production.generation.context import DraftContext
from production.generation.posts import HashtagPlan
from production.generation.sections import (
    bullets,
    checkpoint,
    long_date,
    measure,
    objective_line,
    table,
    target_text,
)

PERSONA_NAMES = (
    "Amara", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Isla", "Jonas",
    "Kemi", "Luca", "Maya", "Noah", "Priya", "Rafael", "Sofia", "Tom", "Yusuf", "Zoe",
)  # fmt: skip
ADULT_MIN, AGE_MAX = 16, 90
AD_CONCEPTS = 3  # tested against each other in the first two weeks
AGE_RANGE = re.compile(
    r"(?<!\d)(\d{2})\s*(?:-|–|to)\s*(\d{2})(?!\d)(?!\s*(?:employees|staff|people))"
)
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


def _money(value: Decimal, currency: str) -> str:
    return f"{currency} {value.quantize(Decimal(1), ROUND_HALF_UP):,}"


def _persona_want(f: Facts, index: int) -> str:
    """Return what a persona wants: an audience outcome, else the pain's relief."""
    if f.audience_outcomes:
        return f.audience_outcomes[index % len(f.audience_outcomes)]
    relief = pain_relief(f.pain(index))
    return relief or f.benefit(index)


def _singular(phrase: str) -> str:
    """Return a role noun phrase in the singular: "busy professionals" -> "…al"."""
    words = phrase.split()
    for index, word in enumerate(words):
        if word.lower() in {"of", "in", "at", "with", "aged", "who", "from"}:
            break
        if word.endswith("ies") and len(word) > 4:
            words[index] = f"{word[:-3]}y"
            return " ".join(words)
        if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            words[index] = word[:-1]
            return " ".join(words)
    return phrase


# --- objective and idea ---------------------------------------------------------


def campaign_objective(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    kpis = ctx.strategy.kpis
    intro = (
        f"**{f.objective}.** Over {f.weeks} weeks, from {long_date(f.start)} to "
        f"{long_date(f.end)}, the campaign's single job is to {objective_line(ctx)}. "
        f"Everything else (reach, followers, engagement) matters only as far as it "
        f"moves that."
    )
    rows = [(k.name, f"{target_text(k)} {k.timeframe}") for k in kpis[:4]]
    parts = [intro, "**Definition of success**"]
    if rows:
        parts.append(table(("Measure", "Target"), rows))
    outcomes = "; ".join(f.outcomes)
    parts += [
        "**Why it matters to the business**",
        f"{f.brand}'s own goals for this period: {outcomes}. Hitting the targets "
        f"above is how the campaign gets there.",
        "**Out of scope**",
        bullets(list(OBJECTIVE_GUARDRAILS[f.objective])),
    ]
    return "\n\n".join(parts)


def _campaign_name(ctx: DraftContext) -> str:
    f = ctx.facts
    outcome = f.audience_outcomes[0] if f.audience_outcomes else None
    short = text.clause(outcome, 6) if outcome else None
    if short:
        return text.title(re.sub(r"\btheir\b", "your", short))
    relief = pain_relief(f.pain(0))
    if relief:
        return text.title(relief)
    return ctx.pillars[0].name if ctx.pillars else f"{f.brand} Now"


def core_campaign_idea(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    name = _campaign_name(ctx)
    proof = text.join_and(f.diffs[:2]) if f.diffs else f.profile.proof[0]
    roles = []
    for channel in ctx.strategy.channel_plan:
        lead = channel.tactics[0] if channel.tactics else channel.rationale
        roles.append(f"**{channel.channel}:** {text.sentence(lead)}")
    parts = [
        f"**Campaign name:** {name}",
        "**The insight**",
        f"{text.upper_first(f.audience_short)} live with a problem they rarely say "
        f"out loud: {f.pain(0)}. They have tried the usual fixes, and they are wary "
        "of anyone who promises more than they can show.",
        "**The idea**",
        f"Show, not tell. Week after week, {f.brand} shows what '{name}' looks like "
        f"in real life, with the proof only {f.brand} has: {proof}. Every piece "
        f"ends with one clear step toward {f.offer_ref}.",
        "**Why it works for this brand**",
        f"It turns {f.brand}'s strongest asset into the story, it speaks to "
        f"{f.audience_short} in a {f.tone} voice, and it gives every channel the "
        "same thing to say in its own format.",
    ]
    if roles:
        parts += ["**How the idea shows up**", bullets(roles)]
    return "\n\n".join(parts)


# --- channels and audience ------------------------------------------------------


def channel_plan(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    counts = Counter(p.platform for p in posts)
    rows = []
    for channel in ctx.strategy.channel_plan:
        share = f"{channel.budget_pct}%"
        if f.budget is not None:
            amount = f.budget * Decimal(channel.budget_pct) / Decimal(100)
            share += f" ({_money(amount, f.currency)})"
        volume = counts.get(channel.channel, 0)
        noun = (
            "emails" if channel.channel.lower() in {"email", "newsletter"} else "posts"
        )
        role = f"{volume} {noun} in the first 30 days" if volume else "Paid and owned"
        tactics = "; ".join(channel.tactics[:2])
        rows.append((channel.channel, share, role, tactics))
    unit = "budget" if f.budget is not None else "effort"
    parts = [
        f"The strategy splits the {unit} across {len(rows)} channels. Shares follow "
        f"each channel's job for the {f.objective.lower()} objective, not habit.",
        table(("Channel", "Share", "Volume", "Lead tactics"), rows),
        "**Why each channel**",
        bullets([f"**{c.channel}:** {c.rationale}" for c in ctx.strategy.channel_plan]),
    ]
    added = [c.name for c in ctx.channels if c.added]
    if added:
        parts.append(
            f"{text.join_and(added)} carries the organic posts, because none of the "
            "planned channels publishes posts of its own."
        )
    return "\n\n".join(parts)


def _segments(ctx: DraftContext) -> list[tuple[str, str, str, str]]:
    f = ctx.facts
    lead = ctx.channels[0].name if ctx.channels else text.join_and(f.channels)
    messages = ctx.strategy.key_messages
    proof_point = f.diffs[0] if f.diffs else f.profile.proof[0]
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
                f"What only {f.brand} can show: {proof_point}",
                text.join_and(c.name for c in ctx.channels[:2]) or lead,
            )
        )
    if len(f.pains) > 1:
        rows.append(
            (
                "Other first worry",
                f"{text.upper_first(f.audience_short)} whose main worry is "
                f"'{f.pain(1)}'",
                f"{text.upper_first(f.offer_ref)} answers this too: {f.benefit(1)}",
                lead,
            )
        )
    rows.append(
        (
            "Advocates",
            f"Existing {f.customers} and the people they talk to",
            f"Share {f.brand} with someone who has the same problem",
            "Email" if any(c.spec.kind == "email" for c in ctx.channels) else lead,
        )
    )
    return rows


def audience_segments(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    return "\n\n".join(
        [
            f"The brief's audience is {f.audience}. The campaign splits it by how "
            f"close each group is to choosing {f.brand}, so each hears the message "
            "it needs next.",
            table(
                ("Segment", "Who they are", "What they need to hear", "Where"),
                _segments(ctx),
            ),
            "Budget follows readiness: most paid spend goes to 'Ready now', "
            "retargeting covers 'Comparing options', and 'Advocates' are reached "
            "through owned channels at almost no cost.",
        ]
    )


def persona_cards(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    rng = text.seeded(ctx.brief.brief_id, "personas")
    names = rng.sample(PERSONA_NAMES, 3)
    heads = [h.strip() for h in re.split(r"\band\b|,", f.audience_short) if h.strip()]
    ages = AGE_RANGE.search(f.audience)
    cards = [
        "Two people to write for. They are composites drawn from the brief, not real "
        "individuals; check them against what the client's own customers say."
    ]
    for index in range(2):
        head = _singular(heads[index % len(heads)]) if heads else f.customer
        age = ""
        if ages and ADULT_MIN <= int(ages.group(1)) < int(ages.group(2)) <= AGE_MAX:
            low, high = int(ages.group(1)), int(ages.group(2))
            age = f", {low + (high - low) * (1 + 2 * index) // 4}"
        pain = f.pain(index)
        wants = _persona_want(f, index)
        wins = f.diffs[index % len(f.diffs)] if f.diffs else f.profile.proof[index]
        where = text.join_and(c.name for c in ctx.channels) or text.join_and(f.channels)
        messages = ctx.strategy.key_messages
        lead_message = (
            messages[index % len(messages)]
            if messages
            else f"{text.upper_first(f.offer_ref)} fixes this"
        )
        objection = (
            f"Has tried {f.competitors[0]} and wonders what is different"
            if f.competitors and index == 0
            else "Worries it will take more time or effort than it saves"
        )
        cards += [
            f"### {names[index]}{age}: {head}",
            bullets(
                [
                    f"**Wants:** {text.upper_first(wants)}",
                    f"**Frustration:** {text.upper_first(pain)}",
                    f"**Objection:** {objection}",
                    f"**What wins them over:** {text.upper_first(wins)}",
                    f"**Where to reach them:** {where}",
                    f"**Message to lead with:** {lead_message}",
                ]
            ),
        ]
    return "\n\n".join(cards)


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


def creative_direction(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    look = TONE_VISUALS.get(ctx.tone.key, TONE_VISUALS["professional"])
    parts = [
        f"**Look and feel:** {look}. Shoot {f.profile.proof[0]} and "
        f"{f.profile.proof[1]} first: they are the footage every pillar draws on.",
        f"**Voice:** {ctx.tone.summary}",
        "**Every piece:** opens on the hook in the first second or line, shows "
        f"{f.brand} by name or logo within three seconds, and ends on one call to "
        "action.",
    ]
    for pillar in ctx.pillars:
        mine = [p for p in posts if p.pillar == pillar.name]
        formats = text.join_and(dict.fromkeys(p.format for p in mine)) or "Any"
        example = mine[0].hook if mine else pillar.topics[0] if pillar.topics else ""
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


def _show(ctx: DraftContext, kind: str, diff: int) -> str:
    f = ctx.facts
    shows = {
        "problem": f"the moment the problem bites, then the same moment with "
        f"{f.offer_ref}",
        "proof": (f.diffs[diff % len(f.diffs)] if f.diffs else f.profile.proof[1]),
        "offer": f"{f.offer_ref} itself, unboxed or walked through step by step",
        "community": f"real {f.customers}, team members and places, with consent",
        "brand": f"the people behind {f.brand} and why they started",
        "careers": "the team at work, in their own words",
        "partners": "a joint project, from first call to result",
        "retention": f"existing {f.customers} getting more from {f.offer_ref}",
    }
    return shows.get(kind, shows["problem"])


def influencer_strategy(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    where = f" in {f.city}" if f.city else ""
    if f.b2b:
        tiers = [
            f"**Practitioners:** people who do the job {f.audience_short} do, with "
            "an engaged following on LinkedIn; they explain the problem better than "
            "any brand",
            f"**Analysts and newsletter writers** who cover {f.industry}; one "
            "mention reaches buyers already researching",
            f"**{text.upper_first(f.customers)}** willing to speak on a webinar or in "
            "a case study",
        ]
    else:
        tiers = [
            f"**Micro-creators{where}** (5,000 to 50,000 followers) whose audience "
            f"matches {f.audience_short}; they convert better than big names",
            f"**Local voices{where}:** community pages, reviewers and businesses "
            f"that {f.audience_short} already trust",
            f"**Customers as creators:** {f.customers} invited to share their own "
            "experience, with consent and clear disclosure",
        ]
    brief_points = [
        f"The one message: {ctx.strategy.key_messages[0]}"
        if ctx.strategy.key_messages
        else f"The one message: what changes with {f.offer_ref}",
        f"Must show: {f.diffs[0] if f.diffs else f.profile.proof[0]}",
        f"Must link to {f.site} with a creator-specific tracking code",
        "Must label the content as a paid partnership where it is one",
    ]
    if ctx.brief.banned_words:
        brief_points.append("Must avoid the client's restricted vocabulary list")
    budget = (
        f"Set aside about 10% of the budget ({_money(f.budget / 10, f.currency)}) "
        "for creator fees and product; pay per result where creators agree."
        if f.budget is not None
        else "No paid budget: start with gifted product or a revenue share, and "
        "invite customers rather than paid creators."
    )
    return "\n\n".join(
        [
            f"Creators carry {f.brand}'s message to people who do not follow the "
            "brand yet, in a voice they already trust.",
            "**Who to work with**",
            bullets(tiers),
            "**What every creator gets in their brief**",
            bullets(brief_points),
            "**Budget and measurement**",
            budget + " Each creator gets a unique link and code, so results are "
            "compared per creator, not guessed.",
        ]
    )


def promotions_and_offers(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    launch = long_date(f.start)
    mid = long_date(f.start + dt.timedelta(days=7 * max(1, f.weeks // 2)))
    mechanics = {
        "Awareness": [
            f"**Launch moment ({launch}):** a shareable reason to talk about "
            f"{f.brand}, such as a behind-the-scenes first look",
            f"**Mid-campaign ({mid}):** a community challenge or poll that invites "
            f"{f.audience_short} to join in",
            "**Follow incentive:** early access to news for people who follow or "
            "subscribe",
        ],
        "Leads": [
            f"**Lead magnet:** a practical guide to {f.theme}, in exchange for an "
            "email address",
            f"**Consultation offer:** a short, no-obligation call about {f.offer_ref}",
            f"**Mid-campaign ({mid}):** a live Q&A or webinar for everyone who "
            "downloaded the guide",
        ],
        "Sales": [
            f"**Launch offer ({launch}):** a first-order incentive on {f.offer_ref} "
            "for new customers, limited by date rather than by stock",
            f"**Mid-campaign ({mid}):** a bundle or added extra instead of a deeper "
            "discount",
            "**Referral:** a give-and-get reward when a customer brings a friend",
        ],
        "Hiring": [
            "**Referral bonus:** a reward for team members who refer a hire",
            f"**Open day ({mid}):** meet the team and see the work before applying",
            "**Fast-track:** a reply to every application within two working days",
        ],
        "Partnerships": [
            "**Pilot offer:** a time-boxed pilot with agreed goals for new partners",
            f"**Co-marketing pack:** ready-made content partners can share with "
            f"{f.audience_short}",
            f"**Partner event ({mid}):** a joint session for both audiences",
        ],
        "Retention": [
            "**Loyalty reward:** a thank-you for customers who stay past a milestone",
            "**Referral:** a give-and-get reward when a customer brings a friend",
            f"**Win-back ({mid}):** a personal note and incentive for lapsed "
            f"{f.customers}",
        ],
    }[f.objective]
    rules = [
        "Every promotion has an end date and clear terms, published with it",
        f"Promotions never undercut the value story: lead with {f.benefit()}, then "
        "the offer",
        "Each promotion gets its own tracking code, so its effect is measured alone",
    ]
    return "\n\n".join(
        [
            f"Promotions give {f.audience_short} a reason to act now rather than "
            "later. The client sets the exact values; the mechanics below are chosen "
            f"for the {f.objective.lower()} objective.",
            bullets(mechanics),
            "**Rules**",
            bullets(rules),
        ]
    )


def email_and_crm_flows(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    has_email = any(c.spec.kind == "email" for c in ctx.channels)
    goal = {
        "Awareness": "a second visit",
        "Leads": "a booked call",
        "Sales": "a first order",
        "Hiring": "a completed application",
        "Partnerships": "a partner meeting",
        "Retention": "a repeat purchase",
    }[f.objective]
    rows = [
        (
            "Welcome",
            "Sign-up on " + f.site,
            "3 emails over 7 days",
            f"Introduce {f.brand}, show {f.profile.proof[0]}, invite {goal}",
        ),
        (
            "Nurture",
            "Opened the welcome, no action after 7 days",
            "4 emails, one a week",
            f"One pain point per email ({text.join_and(f.pains[:2])}), each with proof",
        ),
        (
            "Conversion",
            "Clicked a call to action twice",
            "2 emails over 3 days",
            f"Remove the last objection and ask for {goal}",
        ),
        (
            "Win-back",
            "No opens in 60 days",
            "2 emails over 14 days",
            "Ask what changed, offer a reason to return, then clean the list",
        ),
    ]
    lead = (
        "Email is in the channel plan, so these flows run from day one."
        if has_email
        else "Email is not in the channel plan; these flows are recommended as the "
        "owned channel that keeps the leads paid media buys."
    )
    return "\n\n".join(
        [
            f"{lead} Every flow stops the moment a contact reaches {goal}.",
            table(("Flow", "Trigger", "Cadence", "Purpose"), rows),
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


def ad_concepts(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    parts = [
        f"Paid concepts built from the calendar's strongest angles. Each runs as a "
        f"test for two weeks; the winner takes the budget for the rest of the "
        f"{f.weeks} weeks."
    ]
    social = [p for p in posts if not p.platform.lower().startswith("email")]
    picked: list[PostData] = []
    for pillar in ctx.pillars:
        themes = {p.theme for p in picked}
        match = next(
            (p for p in social if p.pillar == pillar.name and p.theme not in themes),
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
                    f"**Audience:** {f.audience_short}"
                    + (f" in {f.place}" if f.city else ""),
                    f"**Pillar:** {post.pillar}",
                ]
            ),
        ]
    if not picked:
        parts.append(
            f"With no social channel in the plan, paid spend goes to search: ads on "
            f"the exact words {f.audience_short} use for {f.offer_ref}."
        )
    return "\n\n".join(parts)


def kpi_and_budget_plan(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    kpi_rows = [
        (k.name, f"{target_text(k)} {k.timeframe}", checkpoint(ctx, k), measure(ctx, k))
        for k in ctx.strategy.kpis
    ]
    parts = [
        f"{text.upper_first(count_word(len(kpi_rows)))} KPIs measure the campaign; "
        f"the day-{ctx.days} column "
        "shows where each should stand after the first month.",
        table(
            ("KPI", "Target", f"Day-{ctx.days} checkpoint", "How it is measured"),
            kpi_rows,
        ),
        "**Budget**",
    ]
    if f.budget is not None:
        rows = []
        for channel in ctx.strategy.channel_plan:
            amount = f.budget * Decimal(channel.budget_pct) / Decimal(100)
            weekly = amount / Decimal(f.weeks)
            rows.append(
                (
                    channel.channel,
                    f"{channel.budget_pct}%",
                    _money(amount, f.currency),
                    _money(weekly, f.currency),
                )
            )
        parts += [
            table(("Channel", "Share", "Total", "Per week"), rows),
            f"Total: {_money(f.budget, f.currency)} over {f.weeks} weeks. About 80% "
            "is media; the rest pays for production and tools. Budget moves between "
            "channels at each monthly review, toward the lowest cost per result.",
        ]
    else:
        parts.append(
            "No paid budget is set. Effort follows the channel shares in the "
            "channel plan; a small paid test behind the best organic posts is "
            "recommended once the first month shows what works."
        )
    return "\n\n".join(parts)


def post_campaign_analysis(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    due = f.end + dt.timedelta(days=7)
    questions = [
        "Which KPIs were hit, missed or beaten, and by how much?",
        "Which channel delivered the lowest cost per result?",
        "Which content bucket drove the most "
        + {
            "Awareness": "reach and saves",
            "Leads": "qualified enquiries",
            "Sales": "orders",
            "Hiring": "applications",
            "Partnerships": "partner conversations",
            "Retention": "repeat purchases",
        }[f.objective]
        + "?",
        f"What did {f.audience_short} say in comments and messages that the brief "
        "did not know?",
        f"Which of the pain points ({text.join_and(f.pains[:2])}) moved people most?",
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
                    f"Recommendations for {f.brand}'s next {f.weeks} weeks: what "
                    "to keep, cut and test",
                ]
            ),
        ]
    )
