"""What turns attention into results: promotions, email and CRM flows, ad concepts.

Each section also carries the kits of the funded channels that post nothing
(``production.generation.channel_kits``): events under promotions, WhatsApp and SMS
sequences under the flows, and search, print and podcast copy under the ad concepts.
"""

import datetime as dt

from aicmo_site.writing import text
from aicmo_site.writing.facts import Facts
from production.dto import PostData
from production.generation import channel_kits, copywriting
from production.generation.context import DraftContext
from production.generation.markup import bullets, long_date, numbered, table
from production.generation.posts import HashtagPlan
from production.generation.sections.opening import differentiators

AD_CONCEPTS = 3  # tested against each other in the first two weeks
# Which section carries which funded channel's kit (channel_kits.KINDS).
EVENT_KITS = ("events",)
MESSAGE_KITS = ("whatsapp", "sms")
AD_KITS = ("search", "print", "podcast")
OBJECTIVE_GOAL = {
    "Awareness": "a second visit",
    "Leads": "a booked call",
    "Sales": "a first order",
    "Hiring": "a completed application",
    "Partnerships": "a partner meeting",
    "Retention": "a repeat purchase",
}


def _partner_mechanics(f: Facts, launch: str, mid: str) -> list[tuple[str, str, str]]:
    """A partnership's mechanics: co-marketing, or selling through the partners."""
    if f.profile.partners == "partners":
        return [
            (launch, "Time-boxed pilot with agreed goals", "A pilot agreement"),
            ("All month", "Co-marketing pack partners can share", "Shared reach"),
            (mid, "Joint session for both audiences", "A partner meeting"),
        ]
    partners = f.profile.partners
    return [
        (launch, "Time-boxed pilot with agreed goals", "A pilot agreement"),
        (
            "All month",
            f"{text.upper_first(f.profile.partner_kit)} the {partners} sell with",
            "A first order",
        ),
        (mid, f"Product training for the {partners}' sales teams", "A trained team"),
    ]


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
        "Partnerships": _partner_mechanics(f, launch, mid),
        "Retention": [
            ("All month", "Thank-you reward past a milestone", "Another month"),
            (launch, "Give-and-get referral reward", "A friend's first visit"),
            (mid, f"Personal win-back note for lapsed {f.customers}", "A return visit"),
        ],
    }[f.objective]


def _with_kits(ctx: DraftContext, parts: list[str], kinds: tuple[str, ...]) -> str:
    """Join a section's parts, then the kits of its funded channels, if any."""
    kits = channel_kits.kits_markdown(ctx, kinds)
    return "\n\n".join([*parts, kits] if kits else parts)


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
        return _with_kits(
            ctx,
            [
                f"Promotions give {f.audience_short} a reason to act now rather than "
                "later. The client sets the exact values; the mechanics below are "
                f"chosen for the {f.objective.lower()} objective.",
                bullets(
                    [f"**{name}** ({when}): {asks}" for when, name, asks in mechanics]
                ),
                "**Rules**",
                bullets(rules),
            ],
            EVENT_KITS,
        )
    rules = [
        "One promotion live at a time, so results are not mixed",
        f"Terms sit on {f.site} before the first post mentions them",
        "Stop any promotion that fails to beat the no-offer posts after a week",
    ]
    return _with_kits(
        ctx,
        [
            f"Timing first: each mechanic has a slot in the campaign and one thing it "
            f"asks of {f.audience_short}.",
            table(("When", "Mechanic", "What it asks for"), mechanics),
            "**Rules**",
            numbered(rules),
        ],
        EVENT_KITS,
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
        return _with_kits(
            ctx,
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
            ],
            MESSAGE_KITS,
        )
    measures = ("Open rate", "Reply or click rate", "Share reaching the goal",
                "Return rate")  # fmt: skip
    rows = [
        (name, purpose, trigger, cadence, measures[index % len(measures)])
        for index, (name, trigger, cadence, purpose) in enumerate(flows)
    ]
    return _with_kits(
        ctx,
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
        ],
        MESSAGE_KITS,
    )


def ad_concepts(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    where = f" in {f.place}" if f.city else ""
    social = [p for p in posts if copywriting.channel_key(p.platform) != "email"]
    if not ctx.alt:
        weeks = text.plural(f.weeks, "week")
        if f.budget is None:
            opening = (
                "Ad concepts built from the calendar's strongest angles, ready to run "
                "as paid ads once a budget is set. Each runs as a test for two weeks; "
                f"the winner runs for the rest of the campaign's {weeks}."
            )
        else:
            opening = (
                "Paid concepts built from the calendar's strongest angles. Each runs "
                "as a test for two weeks; the winner takes the budget for the rest of "
                f"the campaign's {weeks}."
            )
        parts = [opening]
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
        return _with_kits(ctx, parts, AD_KITS)
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
    return _with_kits(ctx, parts, AD_KITS)
