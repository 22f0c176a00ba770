"""How the campaign looks and who carries it: creative direction and influencers.

Contract kept with QC: ``creative_direction`` gives each pillar a ``### <name>``
heading. When the playbook says under-18s are involved (``Playbook.minors``), no
creator brief invites them: the creators are the playbook's adult voices, and the
consent rule is stated.
"""

from collections import Counter

from aicmo_site.writing import text
from aicmo_site.writing.budget import creator_pool
from production.dto import PostData
from production.generation.context import DraftContext
from production.generation.markup import bullets, money, numbered, table
from production.generation.posts import HashtagPlan
from production.generation.sections.opening import differentiators

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
        "community": f"real {f.advocates} and the places they know, with consent"
        + (CHILD_CONSENT if f.profile.minors else ""),
        "brand": f"the people behind {f.brand} and why they do the work",
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
            f"**Look and feel:** {look}. Shoot {proof[0]} first, then {proof[1]}: "
            "they are the footage every pillar draws on.",
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
        f"One shoot day feeds the month: {proof[2]}, then {proof[0]}, captured in "
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


# How each tier is paid, by playbook family where it differs: a public body pays a
# disclosed fee or asks for unpaid support, and never gifts products.
TIER_PAYMENTS = {
    "public_sector_health": (
        "Fee, disclosed as paid",
        "Unpaid: shared content",
        "A public thank-you",
    ),
}
CONSUMER_PAYMENTS = ("Fee or gifted product", "Gifted experience", "Thank-you reward")
CHILD_CONSENT = "; anyone under 18 only with a parent's or guardian's written consent"


def safeguarding_rule(ctx: DraftContext) -> str:
    """Return the consent rule creator briefs carry when under-18s are involved."""
    voices = text.join_and(ctx.facts.profile.adult_voices)
    return (
        "**Safeguarding:** no one under 18 is invited to create, review or promote "
        f"for {ctx.facts.brand}; the creators are adults ({voices}). A child "
        "appears only with a parent's or guardian's written consent, and never "
        "with a full name, school or location."
    )


def creator_tiers(ctx: DraftContext) -> list[tuple[str, str, str]]:
    """Return the creator tiers: (tier, who, how they are paid)."""
    f = ctx.facts
    where = f" in {f.city}" if f.city else ""
    if f.b2b or f.objective in {"Hiring", "Partnerships"}:
        return [
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
    pay = TIER_PAYMENTS.get(f.profile.family, CONSUMER_PAYMENTS)
    if f.profile.minors:
        voices = text.join_and(f.profile.adult_voices)
        return [
            (
                f"Adult creators{where}",
                "Accounts of 5,000 to 50,000 followers, run by adults, whose "
                f"audience matches {f.audience_short}",
                pay[0],
            ),
            (
                f"Local voices{where}",
                f"Community pages and reviewers that {f.audience_short} already trust",
                pay[1],
            ),
            (
                "Adults speaking from experience",
                f"{text.upper_first(voices)} sharing their own experience, with "
                "consent and clear disclosure",
                pay[2],
            ),
        ]
    return [
        (
            f"Micro-creators{where}",
            f"Accounts of 5,000 to 50,000 followers whose audience matches "
            f"{f.audience_short}",
            pay[0],
        ),
        (
            f"Local voices{where}",
            f"Community pages and reviewers that {f.audience_short} already trust",
            pay[1],
        ),
        (
            f"{text.upper_first(f.customers)} as creators",
            f"{text.upper_first(f.customers)} sharing their own experience, "
            "with consent and clear disclosure",
            pay[2],
        ),
    ]


def influencer_strategy(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    diffs = differentiators(ctx)
    tiers = creator_tiers(ctx)
    safeguarding = [safeguarding_rule(ctx)] if f.profile.minors else []
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
        if f.profile.minors:
            brief_points.append(
                "Must not show anyone under 18 without a parent's or guardian's "
                "written consent"
            )
        pool = creator_pool(f)
        budget = (
            f"Set aside about 10% of the budget ({money(pool, f.currency)}) "
            "for creator fees and product; pay per result where creators agree."
            if pool is not None
            else "No paid budget: start with gifted product or a revenue share, and "
            f"invite {f.customers} rather than paid creators."
        )
        return "\n\n".join(
            [
                f"Creators carry {text.possessive(f.brand)} message to people who do "
                "not follow the brand yet, in a voice they already trust.",
                "**Who to work with**",
                bullets([f"**{name}:** {who}" for name, who, _ in tiers]),
                *safeguarding,
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
    if f.profile.minors:
        brief_points.append(
            "The consent rule: no one under 18 on camera without a parent's or "
            "guardian's written consent"
        )
    pool = creator_pool(f)
    if pool is not None:
        budget = (
            f"A creator pool of {money(pool, f.currency)}, about 10% of the budget: "
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
            *safeguarding,
            "**What every creator gets in their brief**",
            numbered(brief_points),
            "**Budget and measurement**",
            budget,
        ]
    )
