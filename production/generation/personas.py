"""Persona cards: two composite people from the brief, built to differ.

Each persona pairs a role from the brief's audience with an archetype: a stage or
situation that objective and sector make likely (the careful comparer, the step-up
candidate, the drifting newcomer…). The archetype sets the age within the audience's
range, the situation, one or two extra pain points, the motivation, the objection
and which of the plan's channels come first, so two personas never read alike, even
on a brief with one pain point and one differentiator. The archetypes themselves
are data, in ``archetypes.py``.
"""

import re

from aicmo_site.writing import text
from aicmo_site.writing.facts import Facts
from production.dto import PostData
from production.generation import copywriting
from production.generation.archetypes import ARCHETYPES, DEFAULT_AGES, Archetype
from production.generation.context import DraftContext
from production.generation.markup import bullets
from production.generation.posts import HashtagPlan
from production.generation.sections.opening import differentiators

PERSONA_NAMES = (
    "Amara", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Isla", "Jonas",
    "Kemi", "Luca", "Maya", "Noah", "Priya", "Rafael", "Sofia", "Tom", "Yusuf", "Zoe",
)  # fmt: skip
ADULT_MIN, AGE_MAX = 16, 90
AGE_RANGE = re.compile(
    r"(?<!\d)(\d{2})\s*(?:-|–|to)\s*(\d{2})(?!\d)(?!\s*(?:employees|staff|people))"
)
COMPANY_SIZE = re.compile(
    r"(\d[\d,]*\s*(?:-|–|to)\s*\d[\d,]*|\d[\d,]*\+)\s*(staff|employees|people)",
    re.IGNORECASE,
)
STOP_WORDS = frozenset(
    {"of", "in", "at", "with", "aged", "over", "under", "who", "from", "within"}
)


def _group(f: Facts) -> str:
    """Return the archetype group: the playbook's, the objective's, else the market's.

    A public service speaks to residents and a manufacturer's partnership brief to
    distributors, whatever the objective; then hiring, partnership and retention
    briefs have their own groups; the rest are consumers or businesses.
    """
    family = f.profile.family
    if family == "public_sector_health" and f.objective != "Hiring":
        return "Public"
    if family == "b2b_industrial" and f.objective == "Partnerships":
        return "Distribution"
    if f.objective in {"Hiring", "Partnerships", "Retention"}:
        return f.objective
    if f.b2b:
        return "business"
    return "Awareness" if f.objective == "Awareness" else "consumer"


def _singular(phrase: str) -> str:
    """Return a role in the singular: "finance leads" -> "finance lead"."""
    words = phrase.split()
    head = len(words)
    for index, word in enumerate(words):
        if index and word.lower() in STOP_WORDS:
            head = index
            break
    if not head:
        return phrase
    return text.singular(" ".join(words[:head]))


def roles(f: Facts) -> list[str]:
    """The audience's roles, in the singular: ``finance lead``, ``founder``."""
    heads: list[str] = []
    for piece in re.split(r",|\band\b|\bor\b|/", f.audience_short):
        piece = piece.strip()
        if not piece:
            continue
        # "Parents of Year 10 and Year 11 students": an "and" inside an "of"
        # complement joins what the role is of, not two roles.
        if heads and re.search(r"\bof\b", heads[-1]):
            heads[-1] = f"{heads[-1]} and {piece}"
        else:
            heads.append(piece)
    if not heads:
        return [f.customer]
    # "HR and CSR managers": the noun of the last head belongs to the first too.
    if (
        len(heads) == 2
        and len(heads[0].split()) == 1
        and not heads[0].endswith("s")
        and len(heads[1].split()) > 1
    ):
        heads[0] = f"{heads[0]} {heads[1].split()[-1]}"
    return [_singular(head) for head in heads]


def _ages(f: Facts, group: str) -> tuple[int, int]:
    found = AGE_RANGE.search(f.audience)
    if found:
        low, high = int(found.group(1)), int(found.group(2))
        if ADULT_MIN <= low < high <= AGE_MAX:
            return low, high
    return DEFAULT_AGES[group]


def _company(f: Facts) -> str:
    found = COMPANY_SIZE.search(f.audience)
    if found:
        return f"an organisation with {found.group(1)} {found.group(2).lower()}"
    return "a growing organisation"


def _values(ctx: DraftContext) -> dict[str, str]:
    f = ctx.facts
    diffs = [text.lower_first(d) for d in differentiators(ctx)]
    return {
        "brand": f.brand,
        "offer": f.offer_ref,
        "entity": f.entity,
        "a_entity": text.a_an(f.entity),
        "diff": diffs[0],
        "Diff": text.upper_first(diffs[0]),
        "diff2": diffs[1 % len(diffs)],
        "Diff2": text.upper_first(diffs[1 % len(diffs)]),
        "proof": f.profile.proof[0],
        "rival": f.competitors[0] if f.competitors else "",
        "company": _company(f),
        "site": f.site,
    }


def _platforms(ctx: DraftContext, archetype: Archetype, taken: list[str]) -> list[str]:
    names = list(
        dict.fromkeys(
            [c.channel for c in ctx.strategy.channel_plan]
            + [c.name for c in ctx.channels]
        )
    )
    rank = {key: index for index, key in enumerate(archetype.platforms)}
    ordered = sorted(
        names,
        key=lambda n: (rank.get(copywriting.channel_key(n), len(rank)), names.index(n)),
    )
    picked = ordered[:2]
    if picked == taken and len(ordered) > 2:
        picked = [ordered[0], ordered[2]]
    elif picked == taken and len(ordered) == 2:
        picked = list(reversed(picked))
    return picked


def _platform_text(names: list[str]) -> str:
    moments = copywriting.CHANNEL_MOMENTS
    parts = [
        f"{name} {moments.get(copywriting.channel_key(name), '')}".strip()
        for name in names
    ]
    return "; then ".join(parts)


def _pains(
    f: Facts, index: int, archetype: Archetype, values: dict[str, str]
) -> list[str]:
    pains = list(f.pains)
    # The first persona takes the brief's first pains; the second the later ones.
    mine = pains[:2] if index == 0 else pains[2:4] or pains[1:2]
    extra = [p.format(**values) for p in archetype.pains]
    items = [text.upper_first(p) for p in (*mine, *extra)]
    return list(dict.fromkeys(items))[:3]


def persona_cards(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    group = _group(f)
    chosen = ARCHETYPES[group][2:4] if ctx.alt else ARCHETYPES[group][:2]
    salt = f"personas:{ctx.variant}" if ctx.variant else "personas"
    names = text.seeded(ctx.brief.brief_id, salt).sample(PERSONA_NAMES, 2)
    people = roles(f)
    low, high = _ages(f, group)
    values = _values(ctx)
    diffs = differentiators(ctx)
    messages = ctx.strategy.key_messages
    where = f"based in {f.geo_phrase}" if f.geo else ""
    if not ctx.alt:
        cards = [
            "Two people to write for: composites drawn from the brief, not real "
            f"individuals. Check them against what {f.advocates} really say."
        ]
    else:
        cards = [
            f"Two more people in the same audience, at another stage: the ones the "
            f"first cards leave out. Use them to test hooks that {f.brand} has not "
            "tried yet."
        ]
    taken: list[str] = []
    for index, archetype in enumerate(chosen):
        role = people[index % len(people)]
        age = low + round((high - low) * archetype.age)
        demographics = "; ".join(
            part
            for part in (f"{age}, {role}", where, archetype.detail.format(**values))
            if part
        )
        rival = archetype.rival_objection if f.competitors else archetype.objection
        platforms = _platforms(ctx, archetype, taken)
        taken = platforms
        pains = _pains(f, index, archetype, values)
        answer = diffs[(index + (2 if ctx.alt else 0)) % len(diffs)]
        fields = {
            "Demographics": demographics,
            "Pain points": "\n" + "\n".join(f"  - {p}" for p in pains),
            "Motivations": f"{archetype.motivation.format(**values)}; "
            f"{text.possessive(f.brand)} answer: {text.lower_first(answer)}",
            "Objections": rival.format(**values),
            "Preferred platforms": _platform_text(platforms),
        }
        if not ctx.alt:
            order = list(fields)
            fields["What wins them over"] = archetype.wins.format(**values)
            order.append("What wins them over")
        else:
            order = [
                "Motivations",
                "Objections",
                "Pain points",
                "Preferred platforms",
                "Demographics",
            ]
            if messages:
                fields["Message to lead with"] = messages[(index + 1) % len(messages)]
                order.append("Message to lead with")
        lines = [
            f"**{label}:** {fields[label]}".replace(":** \n", ":**\n")
            for label in order
        ]
        cards += [
            f"### {names[index]}, {age}: {role}, {archetype.label}",
            bullets(lines),
        ]
    return "\n\n".join(cards)
