"""The template strategy generator: planning rules and templates driven by the brief.

Every sentence is built from the brief's own facts (brand, offer, audience, pain points,
outcomes, differentiators, competitors, place, channels, budget, dates); the sector,
objective and channel profiles add the judgement a strategist brings. Output is
deterministic: the same brief always yields the same strategy.
"""

import re
from decimal import Decimal

from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.writing import budget, text
from aicmo_site.writing.facts import (
    FEELING,
    METRIC_VERBS,
    NEGATION,
    QUANTITY_WORDS,
    Facts,
    count_word,
    facts_from,
    is_business_outcome,
    long_date,
)
from strategy.dto import ChannelPlanData, KpiData, PillarData
from strategy.generation.base import StrategyContent
from strategy.generation.planning import (
    CREATOR_PACKS,
    MAX_KPIS,
    PACK_MAX_KPIS,
    budget_verdict,
    build_channel_plan,
    build_kpis,
    build_milestones,
    fit_channels,
    format_target,
    spend_lines,
)

PAIN_CUTS = ("for", "when", "because", "in", "at", "with", "after", "before")


# --- pillar names ---------------------------------------------------------------


def _outcome_name(outcome: str) -> str | None:
    short = text.clause(outcome, 6, ("by", "within", "over"))
    if not short:
        return None
    short = re.sub(r"\s+(?:by|to|from|within|over)\s+[\d£$€].*$", "", short)
    short = re.sub(r"\b(?:their|our)\b", "your", short, flags=re.IGNORECASE)
    first, _, rest = short.partition(" ")
    for prefix, verbs in METRIC_VERBS.items():
        if first.lower() in verbs and rest:
            rest = re.sub(r"^(?:more|fewer|less|better)\s+", "", rest, flags=re.I)
            return f"{text.upper_first(prefix)} {text.title(rest)}"
    return text.title(short)


def _predicate_name(predicate: str, subject: str) -> str | None:
    words = predicate.split()
    while words and words[0].lower() in QUANTITY_WORDS:
        words.pop(0)
    if words and words[0].lower().endswith("ing"):
        short = text.clause(" ".join(words), 4, PAIN_CUTS)
        return f"No More {text.title(short)}" if short else None
    if len(words) == 1 and re.fullmatch(r"un[a-z]{4,}", words[0].lower()):
        return f"{text.title(words[0][2:])} {text.title(subject)}"
    return None


def _pain_name(pain: str) -> str | None:
    kind = text.fragment_kind(pain)
    if kind == "clause":
        subject, _, predicate = text.split_clause(pain)
        named = _predicate_name(predicate, subject)
        if named:
            return named
        if _whole_subject(subject):
            return f"Beyond {text.title(subject)}"
        return None
    if kind == "verb":
        return _predicate_name(" ".join(pain.split()[1:]), "")
    if NEGATION.match(pain) or FEELING.match(pain):
        return None
    short = text.clause(pain, 4, PAIN_CUTS)
    return f"No More {text.title(short)}" if short else None


def _whole_subject(subject: str) -> bool:
    """Whether a clause's subject names a thing on its own ("Cash flow").

    "Not knowing they (are eligible…)" is half of a gerund phrase, not a subject:
    "Beyond Not Knowing They" would cut the pain point mid-phrase.
    """
    words = subject.split()
    if not 1 <= len(words) <= 3 or subject.lower() in {"they", "we"}:
        return False
    first, last = words[0].lower(), words[-1].lower()
    return (
        first not in {"not", "no"}
        and not first.endswith("ing")
        and last not in text.JOINING_WORDS
    )


def _offer_title(f: Facts) -> str | None:
    """The offer's name in Title Case when it is short enough for a pillar name."""
    return text.title(f.offer_name) if len(f.offer_name.split()) <= 6 else None


def _pick(candidates: list[str | None], taken: set[str]) -> str:
    for name in candidates:
        if name and name.lower() not in taken:
            return name
    raise ValueError("no free pillar name")  # the last candidate is always unique


# --- pillars --------------------------------------------------------------------


def _why_topic(f: Facts, pain: str) -> str:
    kind = text.fragment_kind(pain)
    if kind == "clause":
        return f"Why {pain}, and what to do about it"
    if kind == "verb":
        return f"Why {f.audience_short} still {pain}, and how to stop"
    if NEGATION.match(pain):
        return f"{text.upper_first(pain)}? Here is the fix"
    if FEELING.match(pain):
        return f"Where the {pain} comes from, and what to do about it"
    return f"What causes {pain}, and how to fix it"


def _problem_pillar(f: Facts, index: int, taken: set[str]) -> PillarData:
    pain, outcome = f.pain(index), f.outcome(index)
    business = is_business_outcome(outcome)
    candidates = [None if business else _outcome_name(outcome), _pain_name(pain)]
    if len(f.industry.split()) <= 3:
        candidates.append(f"{text.title(f.industry)} Myths Busted")
    offer_t = _offer_title(f)
    candidates += [
        f"{offer_t} in Practice" if offer_t else None,
        f"Straight Answers from {f.brand}",
        f"{f.brand} Answers, Part {index + 1}",
    ]
    name = _pick(candidates, taken)
    goal = (
        f"the result {f.brand} is working toward: {outcome}"
        if business
        else f"the result they want: {outcome}"
    )
    description = (
        f"Turns a problem {f.audience_short} know well ({pain}) into {goal}. Posts "
        f"name the problem plainly, show what changes with {f.offer_ref}, and end "
        "with one clear next step."
    )
    myth = (
        f"Myth vs fact: {pain}"
        if text.fragment_kind(pain) == "clause"
        else f"The real cost of {f.pain_np(index)}"
    )
    topics = (
        _why_topic(f, pain),
        myth,
        f"Three signs it is time for {f.offer_ref}",
        f"A {f.customer}'s story: life before and after {f.brand_offer}",
    )
    return PillarData(
        name=name,
        description=description,
        example_topics=tuple(text.upper_first(t) for t in topics),
    )


def _proof_pillar(f: Facts, taken: set[str]) -> PillarData:
    diff = f.diff(0)
    candidates: list[str | None] = []
    if diff:
        short = text.clause(diff, 6) or text.clause(diff, 6, ("with", "for", "and"))
        if short and len(short.split()) >= 2:
            candidates.append(text.title(short))
    candidates += [f"Inside {f.brand}", f"The {f.brand} Standard", f"{f.brand} Proof"]
    name = _pick(candidates, taken)
    proof = f.profile.proof
    evidence = f"what sets {f.brand} apart ({diff})" if diff else f"how {f.brand} works"
    description = (
        f"Evidence of {evidence}. The pillar shows {proof[0]} and {proof[1]}, so "
        f"{f.customers} can judge the difference for themselves."
    )
    topics = [f"Behind the scenes: {proof[0]}", f"Up close: {proof[1]}"]
    if diff:
        topics.append(f"Why it matters to {f.audience_short}: {diff}")
    second = f.diff(1) if len(f.diffs) > 1 else None
    topics.append(
        f"Also part of the {f.brand} difference: {second}"
        if second
        else f"Questions {f.customers} ask about {proof[2]}"
    )
    if not diff:
        topics.append(f"What {f.customers} notice first at {f.brand}")
    return PillarData(
        name=name,
        description=description,
        example_topics=tuple(text.upper_first(t) for t in topics),
    )


def _objective_pillar(f: Facts, taken: set[str]) -> PillarData:
    offer_t = _offer_title(f)
    brand, aud, offer = f.brand, f.audience_short, f.offer_ref
    plural = f.offer_plural
    be, it = ("are", "they") if plural else ("is", "it")
    include, compare = ("include", "compare") if plural else ("includes", "compares")
    table = {
        "Awareness": (
            f"Meet {brand}",
            f"Introduces {brand} to {aud}: who is behind it, what it stands for and "
            f"why {offer} {'exist' if f.offer_plural else 'exists'}.",
            (
                f"The story behind {brand} in 60 seconds",
                f"What {brand} believes {f.customers} deserve",
                f"A day at {brand}",
                f"Who {brand} is for: {aud}",
            ),
        ),
        "Leads": (
            f"{offer_t} Explained" if offer_t else f"Enquiring with {brand}",
            f"Answers the questions {aud} have before they enquire about {offer}, "
            "and makes the enquiry itself feel like a small step.",
            (
                f"What happens after you enquire about {offer}",
                f"Who {offer} {be} for, and who {it} {be} not for",
                f"The questions to ask any {f.entity} before you sign",
                f"A practical checklist: are you ready for {offer}?",
            ),
        ),
        "Sales": (
            text.title(f"Choosing {offer}"),
            f"Helps {aud} decide: what {offer} {include}, how {it} {compare} with "
            "the alternatives, and how to buy it today.",
            (
                f"What is included in {offer}",
                f"How {f.customers} use {offer} week to week",
                f"Questions answered before you buy {offer}",
                f"Where to get {offer}: {f.site}",
            ),
        ),
        "Hiring": (
            f"Careers at {brand}",
            f"Shows candidates what working at {brand} is really like, what the roles "
            "involve and how to apply.",
            (
                f"A day in the life at {brand}",
                f"What {brand} looks for in new team members",
                "How the hiring process works, step by step",
                f"Growth and training at {brand}",
            ),
        ),
        "Partnerships": (
            f"Partnering with {brand}",
            f"Shows prospective partners what {brand} brings: access to {aud}, proof "
            "of delivery and a simple way to start.",
            (
                f"What a partnership with {brand} looks like",
                f"Why {aud} trust {brand}",
                "A joint project, from first call to launch",
                f"How to propose a collaboration with {brand}",
            ),
        ),
        "Retention": (
            f"Getting More from {offer_t or brand}",
            f"Helps existing {f.customers} get more value from {offer}, so they stay, "
            f"come back and recommend {brand}.",
            (
                f"Five ways to get more from {offer}",
                f"What's new for {brand} {f.customers}",
                f"Spotlight: how {f.customers} use {offer}",
                f"Refer a friend to {brand}",
            ),
        ),
    }
    name, description, topics = table[f.objective]
    name = _pick([name, f"{name} with {brand}", f"{brand}: {name}"], taken)
    return PillarData(
        name=name,
        description=description,
        example_topics=tuple(text.upper_first(t) for t in topics),
    )


def _community_pillar(f: Facts, taken: set[str]) -> PillarData:
    brand = f.brand
    if f.is_city:
        name = f"{brand} in {f.city}"
        description = (
            f"{text.possessive(brand)} place in {f.geo_phrase}: the people, "
            f"{f.customers} and local moments that make the brand familiar to "
            f"{f.audience_short}. Being known in {f.city} is what makes "
            f"{text.possessive(brand)} other posts believable there."
        )
        topics = (
            f"Meet the team serving {f.city}",
            f"A {f.customer} story from {f.city}, shared with permission",
            f"Local moments in {f.city} that {brand} can be part of",
            f"Local partners {brand} works with",
        )
    elif f.b2b:
        name = f"{brand} Customer Voices"
        description = (
            f"{text.upper_first(f.customers)} and partners telling the {brand} story "
            f"in their own words, so {f.audience_short} hear it from peers."
        )
        topics = (
            f"Customer voices: how {f.customers} use {f.offer_ref}",
            f"Questions from {f.customers}, answered by the {brand} team",
            f"Meet the people behind {brand}",
            f"Partners and tools {brand} works with",
        )
    else:
        name = f"The {brand} Community"
        description = (
            f"The people around {brand}: {f.customers}, team and partners. It makes "
            f"the brand familiar to {f.audience_short} wherever they are."
        )
        topics = (
            f"Meet the team behind {brand}",
            f"A {f.customer} story, shared with permission",
            f"Questions from the {brand} community, answered",
            f"Partners {brand} works with",
        )
    name = _pick([name, f"{name} Community", f"{name} and Friends"], taken)
    return PillarData(name=name, description=description, example_topics=topics)


def build_pillars(f: Facts) -> tuple[PillarData, ...]:
    """Return four or five named pillars tied to the pain points and outcomes."""
    taken: set[str] = set()
    builders = [
        lambda: _problem_pillar(f, 0, taken),
        lambda: _proof_pillar(f, taken),
        lambda: _objective_pillar(f, taken),
        lambda: _community_pillar(f, taken),
    ]
    if len(f.pains) > 1 or len(f.outcomes) > 1:
        builders.insert(2, lambda: _problem_pillar(f, 1, taken))
    pillars = []
    for build in builders:
        pillar = build()
        taken.add(pillar.name.lower())
        pillars.append(pillar)
    return tuple(pillars)


# --- messages -------------------------------------------------------------------


def _frustration(pain: str) -> str:
    kind = text.fragment_kind(pain)
    lower = pain.lower()
    if kind == "clause":
        return f"frustrated that {pain}"
    if kind == "verb":
        return f"tired of having to {pain}"
    if lower.startswith("no "):
        return f"with {pain}"
    if lower.startswith("not enough "):
        return f"without {pain[4:]}"
    if lower.startswith("lack of "):
        return f"frustrated by a {pain}"
    if FEELING.match(pain):
        return f"held back by the {pain}"
    return f"frustrated by {pain}"


def _benefit_clause(f: Facts) -> tuple[str, bool]:
    """Return what the brand does for the audience, and whether it used a diff."""
    for outcome in f.audience_outcomes:
        kind = text.fragment_kind(outcome)
        if kind == "verb":
            return f"helps them {outcome}", False
        if kind == "clause":
            return f"makes sure {outcome}", False
        return f"gives them {outcome}", False
    if f.diffs:
        return f"stands out for one reason: {f.diffs[0]}", True
    return f"puts {f.offer_ref} first", False


def build_positioning(f: Facts) -> str:
    """Return a one- or two-sentence positioning statement."""
    benefit, used_diff = _benefit_clause(f)
    where = f" in {f.city}" if f.is_city else ""
    first = (
        f"For {f.audience_mid} {_frustration(f.pain(0))}, {f.brand} is the "
        f"{f.entity}{where} that {benefit}."
    )
    reasons = f.diffs[1:] if used_diff else f.diffs
    rivals = text.join_and(f.competitors[:2], "or")
    if reasons and rivals and used_diff:
        second = f"Unlike {rivals}, it adds a second reason to switch: {reasons[0]}."
    elif reasons and rivals:
        second = f"Unlike {rivals}, it stands apart on what matters most: {reasons[0]}."
    elif reasons:
        second = f"What sets it apart: {reasons[0]}."
    elif rivals:
        second = f"Unlike {rivals}, it is built entirely around {f.offer_ref}."
    else:
        second = ""
    return f"{first} {second}".strip()


def build_key_messages(f: Facts) -> tuple[str, ...]:
    """Return three to five key messages in the brand's own terms."""
    brand = f.brand
    benefit = f.benefit()
    first = (
        f"{text.upper_first(f.pain(0))}? {f.brand_offer} "
        f"{'were' if f.offer_plural else 'was'} built for exactly that. "
        f"The result: {benefit}."
    )
    optional: list[str] = []
    unused = [d for d in f.diffs if d != benefit]
    if f.competitors:
        reason = unused.pop(0) if unused else benefit
        rivals = text.join_and(f.competitors[:3], "or")
        optional.append(f"The reason to choose {brand} over {rivals}: {reason}.")
    if unused:
        optional.insert(0, f"What sets {brand} apart: {unused[0]}.")
    if len(f.pains) > 1:
        pain = text.upper_first(f.pain(1))
        optional.append(
            f"{pain}? Not with {brand}. The result: {f.benefit(1)}."
            if len(f.audience_outcomes) > 1
            else f"{pain}? With {brand}, that problem is handled."
        )
    optional.append(f"Nothing hidden: {brand} shows {f.profile.proof[0]}.")
    if f.is_city and f.city.lower() in f.audience.lower():
        optional.append(
            f"Based in {f.city}, {brand} is part of the community it serves."
        )
    elif f.is_city:
        optional.append(
            f"Based in {f.city}, {brand} knows what {f.audience_short} need."
        )
    where = f" in {f.city}" if f.is_city else ""
    closing = {
        "Awareness": f"{brand} is the {f.entity} to remember{where}.",
        "Leads": f"Starting is low-risk: an enquiry about {f.offer_ref} begins with a "
        "conversation, not a commitment.",
        "Sales": f"{text.upper_first(f.offer_ref)}: available now at {f.site}.",
        "Hiring": f"{brand} is hiring: {f.offer_short}, with a team that invests in "
        "the people who join it.",
        "Partnerships": f"Partnering with {brand} puts your brand in front of "
        f"{f.audience_short} who already trust it.",
        "Retention": f"Existing {f.customers} get more from {f.offer_ref} the longer "
        f"they stay with {brand}.",
    }[f.objective]
    messages = [first, *optional[:3], closing]
    return tuple(text.sentence(m) for m in messages)


def _money_sentence(
    f: Facts,
    plan: tuple[ChannelPlanData, ...],
    kpis: tuple[KpiData, ...],
    creators: bool,
) -> str:
    """How the budget splits into lines of spend, and what it reaches."""
    split = text.join_and(f"{item.channel} {item.budget_pct}%" for item in plan)
    if f.budget is None:
        return (
            f"No paid budget is set, so effort is split {split}; the plan leads with "
            "organic content, and paid support is recommended once early posts show "
            "which messages land."
        )
    lines = spend_lines(f, plan, creators=creators)
    channels = sum(
        (line.amount for line in lines if line.kind == "channel"), Decimal(0)
    )
    parts = [f"{budget.money_text(channels, f.currency)} funds the channels ({split})"]
    for line in lines:
        if line.kind != "channel":
            what = (
                "a creator pool" if line.kind == "creators" else "production and tools"
            )
            parts.append(f"{budget.money_text(line.amount, f.currency)} {what}")
    money = (
        f"Of the {budget.money_text(f.budget, f.currency)} budget, "
        f"{', '.join(parts[:-1])} and {parts[-1]}."
    )
    verdict = budget_verdict(f, plan, kpis, creators=creators)
    return f"{money} {verdict}".strip()


def build_summary(
    f: Facts,
    pillars: tuple[PillarData, ...],
    kpis: tuple[KpiData, ...],
    plan: tuple[ChannelPlanData, ...],
    dropped: tuple[str, ...] = (),
    creators: bool = False,
) -> str:
    """Return the executive summary: three short paragraphs."""
    aud, offer = f.audience_mid, f.offer_ref
    aims = {
        "Awareness": f"make {f.brand} the name {aud} think of first when they need "
        f"{text.a_an(f.entity)}",
        "Leads": f"turn interest from {aud} into qualified enquiries for {offer}",
        "Sales": f"convert attention from {aud} into orders of {offer}",
        "Hiring": f"attract qualified candidates ({aud}) for {f.offer_short}",
        "Partnerships": f"open and close partnership conversations that put {f.brand} "
        f"in front of {aud}",
        "Retention": f"keep existing {f.customers} buying, renewing and recommending "
        f"{offer}",
    }
    serving = f", serving {f.geo_phrase}" if f.geo else ""
    intro = (
        f"{f.brand} ({f.site}) is {text.a_an(f.entity)}{serving}. Its core offer: "
        f"{f.offer}. Over {f.weeks} weeks, from {long_date(f.start)} to "
        f"{long_date(f.end)}, this strategy sets out to {aims[f.objective]}."
    )
    problem = (
        f"It starts from what gets in the way for {aud} ({'; '.join(f.pains[:3])}) "
        f"and works toward the outcomes that matter: {'; '.join(f.outcomes[:3])}."
    )
    if f.competitors:
        edge = f.diffs[0] if f.diffs else f.benefit
        problem += (
            f" In a market that includes {text.join_and(f.competitors[:3])}, the edge "
            f"to press is clear: {edge}."
        )
    if f.profile.compliance:
        # The first note is the one the plan turns on; the creative sections list all.
        problem += f" {f.profile.compliance[0]}"
    money = _money_sentence(f, plan, kpis, creators)
    if dropped:
        money += (
            f" {text.join_and(dropped)} {'is' if len(dropped) == 1 else 'are'} left "
            f"for a later phase: a campaign runs best on {len(plan)} channels, and "
            f"{'it carries' if len(dropped) == 1 else 'they carry'} the least weight "
            f"for the {f.objective.lower()} objective."
        )
    lead = kpis[0]
    names = "; ".join(p.name for p in pillars)
    close = (
        f"{count_word(len(pillars)).capitalize()} content pillars carry the message "
        f"in a {f.tone} voice: {names}. {money} Success is measured against "
        f"{len(kpis)} KPIs, led by {f.in_sentence(lead.name)}: "
        f"{format_target(lead)} {lead.timeframe}."
    )
    return f"{intro}\n\n{problem}\n\n{close}"


class TemplateStrategyGenerator:
    """Deterministic, rule-based strategy generator (no network, no randomness)."""

    def generate(self, brief: BriefContext) -> StrategyContent:
        """Return the strategy content for ``brief``."""
        fit = fit_channels(facts_from(brief), brief.pack)
        f = fit.facts
        creators = brief.pack in CREATOR_PACKS
        pillars = build_pillars(f)
        plan = build_channel_plan(f, pillars, fit.added)
        limit = PACK_MAX_KPIS.get(brief.pack, MAX_KPIS)
        kpis = build_kpis(f, plan, creators=creators, limit=limit)
        return StrategyContent(
            executive_summary=build_summary(
                f, pillars, kpis, plan, fit.dropped, creators
            ),
            positioning=build_positioning(f),
            key_messages=build_key_messages(f),
            pillars=pillars,
            kpis=kpis,
            channel_plan=plan,
            milestones=build_milestones(f, pillars, kpis),
        )
