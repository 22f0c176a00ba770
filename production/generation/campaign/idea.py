"""The campaign's objective and its core idea: name, insight and territories."""

from aicmo_site.writing import text
from aicmo_site.writing.facts import Facts, count_word, pain_relief
from production.dto import PostData
from production.generation.context import DraftContext
from production.generation.kpi_text import (
    checkpoint_headers,
    checkpoint_texts,
    checkpoints,
    target_text,
)
from production.generation.markup import bullets, long_date, numbered, table
from production.generation.posts import HashtagPlan
from production.generation.sections.opening import differentiators, objective_line

# Templates take the playbook's ``{customers}`` and ``{partners}``.
OBJECTIVE_GUARDRAILS = {
    "Awareness": (
        "It will not buy reach outside the audience that could become {customers}",
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
        "It will not sign {partners} whose market does not overlap with the brand's",
        "It will not start a partnership without agreed goals and reporting",
    ),
    "Retention": (
        "It will not spam existing {customers}: every send has a reason to exist",
        "It will not reward lapsed {customers} better than loyal ones",
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


def _short(phrase: str) -> str:
    return text.shorten(phrase, 6, ("with", "for", "and", "without", "because"))


def _goals_line(f: Facts) -> str:
    """Where the client's goals went: into the KPI plan, as its targets."""
    line = f"The KPI plan carries each of {text.possessive(f.brand)} goals as a target"
    if f.budget is None:
        return f"{line}."
    return f"{line}, with the arithmetic from the {f.weeks}-week budget to each."


def campaign_objective(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    goals = len(f.outcomes)
    guardrails = [
        line.format(customers=f.customers, partners=f.profile.partners)
        for line in OBJECTIVE_GUARDRAILS[f.objective]
    ]
    if not ctx.alt:
        rows = [(k.name, f"{target_text(k)} {k.timeframe}") for k in ctx.kpis[:4]]
        parts = [
            f"**{f.objective}.** Over {f.weeks} weeks, from {long_date(f.start)} to "
            f"{long_date(f.end)}, the campaign's single job is to "
            f"{objective_line(ctx)}. Reach, followers and engagement count only "
            f"where they bring {f.audience_short} closer to {f.offer_ref}.",
            "**Definition of success**",
        ]
        if rows:
            parts.append(table(("Measure", "Target"), rows))
        parts += [
            "**Why it matters to the business**",
            f"{text.possessive(f.brand)} own goals for this period:",
            bullets([text.upper_first(o) for o in f.outcomes]),
            _goals_line(f),
            "**Out of scope**",
            bullets(guardrails),
        ]
        return "\n\n".join(parts)
    channels = text.join_and(c.channel for c in ctx.strategy.channel_plan)
    paths = [(k.name, *checkpoint_texts(k)) for k in ctx.kpis[:4]]
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
        parts.append(
            table(("Measure", *checkpoint_headers(ctx, "Campaign target")), paths)
        )
    if channels:
        first = checkpoints(ctx)[0]
        guardrails.append(
            f"It will not spread beyond {channels} before the day-{first} review "
            "shows what works"
        )
    parts += ["**Out of scope**", bullets(guardrails)]
    return "\n\n".join(parts)


def campaign_name(ctx: DraftContext) -> str:
    """The big idea's name: an objective frame and the brand's own proof."""
    f = ctx.facts
    first, second = IDEA_FRAMES[f.objective]
    if f.objective == "Partnerships" and f.profile.partners != "partners":
        # A named kind of partner (distributors) is recruited, not reported on.
        first = f"Built for {text.title(f.profile.partners)}"
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
            f"say out loud: {f.pain(0)}."
            + (f" Close behind it: {f.pain(1)}." if len(f.pains) > 1 else "")
            + f" Claims will not move them; what {f.brand} can show will.",
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
            f"Most {f.entity} brands promise the same things. So "
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
