"""The 30-day calendar: how many posts each channel gets, on which days, saying what.

Counts follow each platform's usual cadence, scaled so the month holds 14 to 26 posts.
Days are spread evenly with a phase seeded from the brief id, nudged onto the weekdays
each platform performs best on. Pillars rotate post by post; each pillar works through
its angles, so no two posts share a hook.
"""

import datetime as dt
import functools
import re
from dataclasses import dataclass

from aicmo_site.writing import text
from aicmo_site.writing.facts import Facts, pain_np, pain_relief, pain_theme
from production.dto import PostData
from production.generation import copywriting
from production.generation.angles import ANGLES, Angle
from production.generation.context import Channel, DraftContext, PillarPlan

MIN_POSTS = 14
MAX_POSTS = 22
PAIN_CUTS = ("for", "when", "because", "in", "at", "with", "after", "before")

STEPS = {
    "Sales": (
        "pick the option that suits you at {site}",
        "check out in a couple of minutes",
        "tell the team if anything needs adjusting",
    ),
    "Leads": (
        "send a short enquiry at {site}",
        "have a quick call about what you need",
        "get a clear proposal, with no obligation",
    ),
    "Partnerships": (
        "send a short note about your brand and audience",
        "meet the {brand} team for 30 minutes",
        "agree a pilot with clear goals",
    ),
}
DEFAULT_STEPS = (
    "visit {site}",
    "tell {brand} what you need",
    "let the team take it from there",
)
ENGAGEMENT_CTAS = {
    "default": (
        "Save this post for later",
        "Share this with someone who needs it",
        "Tell us your take in the comments",
        "Follow {brand} for more like this",
    ),
    "linkedin": (
        "Share your view in the comments",
        "Repost if your network needs this",
        "Follow {brand} for more like this",
    ),
}
# Objectives whose posts should mostly end in the direct ask.
HARD_ASK = frozenset({"Leads", "Sales", "Hiring"})
FORMAT_WORDS = {
    "video": ("video", "reel", "short"),
    "carousel": ("carousel", "album", "thread", "document"),
    "image": ("image", "photo", "pin"),
    "text": ("text", "thread", "newsletter"),
    "story": ("story",),
    "poll": ("poll",),
}
NO_PLACE_COMMUNITY = Angle(
    "Community spotlight",
    "The {customers} who make {brand} what it is.",
    "Community spotlight: the people around {brand}.",
    "{brand} is nothing without its {customers}. This post celebrates the people "
    "around the brand and asks {aud} to share their stories.",
    ("image", "carousel", "video"),
)


@dataclass(frozen=True, slots=True)
class HashtagPlan:
    """The hashtag sets a draft uses, each already free of banned words."""

    branded: tuple[str, ...]
    local: tuple[str, ...]
    topic: tuple[str, ...]
    community: tuple[str, ...]

    def for_platform(
        self, spec: copywriting.PlatformSpec, turn: int = 0
    ) -> tuple[str, ...]:
        """Return the tags for one post on ``spec``, most important first.

        The branded tag always leads; the rest rotate post by post, so a feed does
        not repeat one identical block.
        """
        rest = (
            self.topic[:1]
            + self.local[:1]
            + self.community[:1]
            + self.topic[1:2]
            + self.branded[1:]
            + self.local[1:]
            + self.topic[2:]
            + self.community[1:]
        )
        room = max(0, spec.hashtags[1] - len(self.branded[:1]))
        if rest and room < len(rest):
            shift = turn % len(rest)
            rest = rest[shift:] + rest[:shift]
        return (self.branded[:1] + rest)[: spec.hashtags[1]]


# --- hashtags -------------------------------------------------------------------

GENERIC_OFFER_WORDS = text.HASHTAG_GENERIC_WORDS | frozenset(
    (
        "service", "software", "treatment", "solution", "platform", "the", "a", "an",
    )
)  # fmt: skip
GENERIC_ENTITIES = frozenset(
    ("business", "brand", "company", "platform", "provider", "firm", "organisation")
)
# The offer's noun phrase ends before these ("free flu jab | at any city pharmacy").
TOPIC_BREAKS = frozenset(
    text.SMALL_WORDS | text.PHRASE_BREAKS | {"plus", "including"}
) - {"and", "or"}
# The most CamelCase parts a made-up tag may have before it stops reading as words.
MAX_TAG_PARTS = 4


def _topic_word(word: str, brand_words: frozenset[str]) -> bool:
    """Whether ``word`` of the offer can name its topic in a hashtag."""
    bare = word.strip(",.;:!?").lower()
    return not (
        len(bare) < 3
        or bare in GENERIC_OFFER_WORDS
        or _unpossessed(bare) in brand_words
        or re.search(r"\d|[£$€%]|['’]", bare)
        or (bare.endswith("ed") and len(bare) > 4)
    )


def _unpossessed(word: str) -> str:
    return re.sub(r"['’]s?$", "", word)


def offer_topic(offer: str, brand: str) -> str | None:
    """Return what the offer is, in words a hashtag can be made of; None if nothing.

    It is the head noun of the offer's name with the word before it ("PN 160 rated
    forged ball valves": "ball valves"; "free flu jab at any city pharmacy": "flu
    jab"), skipping prices, promo words ("free"), participles ("rated") and the
    brand's own words ("Roaster's Choice Subscription" gives none). A pair stays a
    pair: "strength and mobility membership" gives "strength and mobility".
    """
    words: list[str] = []
    for word in offer.split():
        if word.lower() in TOPIC_BREAKS and words:
            break
        words.append(word)
    brand_words = frozenset(_unpossessed(w.lower()) for w in brand.split())
    # Runs of topic words, split where a skipped word sat; the last run is the head.
    runs: list[list[str]] = [[]]
    for word in words:
        if word.lower() in {"and", "or"}:
            runs[-1].append(word.lower())
        elif _topic_word(word, brand_words):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    joins = {"and", "or"}
    run = next((r for r in reversed(runs) if set(r) - joins), [])
    while run and run[0] in joins:
        run.pop(0)
    while run and run[-1] in joins:
        run.pop()
    if not run:
        return None
    tail = run[-3:] if len(run) >= 3 and run[-2] in joins else run[-2:]
    for candidate in (" ".join(tail), run[-1]):
        tag = text.hashtag(candidate)
        if len(text.hashtag_parts(tag)) <= 3 and not text.hashtag_problems(tag):
            return candidate
    return None


def _fits(tag: str) -> bool:
    return len(text.hashtag_parts(tag)) <= MAX_TAG_PARTS


def build_hashtags(f: Facts, banned: tuple[str, ...]) -> HashtagPlan:
    """Return branded, local, topic and community hashtags for the brief.

    Every tag is made of real words: no possessive "s" left over, no one-letter part
    and no lone generic or promo word (``text.hashtag_problems``).
    """
    key = offer_topic(f.offer_name, f.brand)
    entity_word = f.entity.split()[-1]
    brand_tag = text.hashtag(f.brand)
    branded = [brand_tag]
    if key and _fits(text.hashtag(f"{f.brand} {key}")):
        branded.append(text.hashtag(f"{f.brand} {key}"))
    local: list[str] = []
    if f.city:
        local.append(text.hashtag(f.city))
        if entity_word.lower() not in GENERIC_ENTITIES:
            local.append(text.hashtag(f"{f.city} {entity_word}"))
        elif key and _fits(text.hashtag(f"{f.city} {key}")):
            local.append(text.hashtag(f"{f.city} {key}"))
    topic: list[str] = []
    if len(f.industry.split()) <= 3:
        topic.append(text.hashtag(f.industry))
    if key:
        topic.append(text.hashtag(key))
    if len(f.offer_name.split()) <= 3:
        topic.append(text.hashtag(text.strip_article(f.offer_name)))
    community = list(copywriting.SECTOR_HASHTAGS.get(f.profile.key, ()))
    lowered = [word.strip().lower() for word in banned if word.strip()]
    seen: set[str] = set()

    def keep(tags: list[str]) -> tuple[str, ...]:
        kept = []
        for tag in tags:
            folded = tag.lower()
            if len(tag) < 3 or folded in seen or any(b in folded for b in lowered):
                continue
            if text.hashtag_problems(tag, allowed=(brand_tag,)):
                continue
            seen.add(folded)
            kept.append(tag)
        return tuple(kept)

    return HashtagPlan(
        branded=keep(branded), local=keep(local), topic=keep(topic),
        community=keep(community),
    )  # fmt: skip


# --- scheduling -----------------------------------------------------------------


def post_counts(ctx: DraftContext) -> list[int]:
    """Return how many posts each calendar channel gets in the window."""
    days = ctx.days
    caps = []
    counts = []
    for channel in ctx.channels:
        weekly_cap = 1 if channel.spec.kind == "email" else 7
        cap = max(1, min(days, weekly_cap * days // 7))
        caps.append(cap)
        counts.append(min(cap, max(1, round(channel.spec.weekly * days / 7))))
    if sum(caps) < MIN_POSTS:
        # A very short campaign on few channels: allow a second post (a story or a
        # short) on the same day rather than miss the minimum.
        caps = [
            cap * 2 if c.spec.kind == "social" else cap
            for cap, c in zip(caps, ctx.channels, strict=True)
        ]
    while sum(counts) < MIN_POSTS:
        open_ = [i for i in range(len(counts)) if counts[i] < caps[i]]
        if not open_:
            break
        i = min(open_, key=lambda i: (counts[i] / ctx.channels[i].spec.weekly, i))
        counts[i] += 1
    while sum(counts) > MAX_POSTS:
        i = max(range(len(counts)), key=lambda i: (counts[i], -i))
        counts[i] -= 1
    return counts


def _spread(
    count: int,
    days: int,
    weekdays: tuple[int, ...],
    start: dt.date,
    phase: float,
    busy: dict[int, int],
) -> list[int]:
    """Return ``count`` distinct days, evenly spaced, preferring ``weekdays``.

    ``busy`` counts posts other channels already have on each day; a busy day costs
    a little, so the month does not bunch up.
    """

    def cost(day: int, ideal: float) -> tuple[float, int]:
        weekday = (start + dt.timedelta(days=day)).weekday()
        penalty = (0 if weekday in weekdays else 1.6) + 0.9 * busy.get(day, 0)
        return (abs(day - ideal) + penalty, day)

    chosen: list[int] = []
    for i in range(count):
        ideal = (i + phase) * days / count
        free = [d for d in range(days) if d not in chosen] or list(range(days))
        chosen.append(min(free, key=functools.partial(cost, ideal=ideal)))
    return sorted(chosen)


def schedule(ctx: DraftContext) -> list[tuple[dt.date, int]]:
    """Return (date, channel index) for every post, in date order."""
    salt = f"calendar:{ctx.variant}" if ctx.variant else "calendar"
    rng = text.seeded(ctx.brief.brief_id, salt)
    slots: list[tuple[dt.date, int]] = []
    busy: dict[int, int] = {}
    for index, count in enumerate(post_counts(ctx)):
        spec = ctx.channels[index].spec
        # The first channel opens on launch day; the others start a little later.
        phase = 0.0 if index == 0 else rng.random()
        for day in _spread(count, ctx.days, spec.weekdays, ctx.start, phase, busy):
            busy[day] = busy.get(day, 0) + 1
            slots.append((ctx.start + dt.timedelta(days=day), index))
    return sorted(slots)


# --- writing --------------------------------------------------------------------


def _want(f: Facts) -> str:
    for outcome in f.audience_outcomes:
        kind = text.fragment_kind(outcome)
        phrase = re.sub(r"\btheir\b", "your", re.sub(r"\bthey\b", "you", outcome))
        if kind == "verb":
            return f"to {phrase}"
        if kind == "noun":
            return phrase
    return "something that actually works"


def _goal(f: Facts, index: int) -> str | None:
    """Return the audience outcome behind pillar focus ``index`` as a noun phrase."""
    outcomes = f.audience_outcomes
    if not outcomes:
        return None
    # Posts speak to the reader: "their smile" becomes "your smile".
    outcome = re.sub(r"\btheir\b", "your", outcomes[index % len(outcomes)])
    kind = text.fragment_kind(outcome)
    if kind == "verb":
        return text.gerund(outcome)
    return outcome if kind == "noun" else None


def variables(ctx: DraftContext, pillar: PillarPlan, day: dt.date) -> dict[str, str]:
    """Return the template variables for a post of ``pillar`` on ``day``."""
    f = ctx.facts
    pain = f.pain(pillar.pain)
    pain_s = text.shorten(pain, 8, PAIN_CUTS)
    goal = _goal(f, pillar.pain)
    relief = pain_relief(pain)
    topic = goal or pain_theme(pain) or f.theme
    cost = (
        f"What '{pain_s}' really costs"
        if text.fragment_kind(pain_s) == "clause"
        else f"The real cost of {pain_np(pain_s)}"
    )
    diff = f.diff(pillar.diff) if f.diffs else None
    proof = f.profile.proof
    shown = diff or proof[0]
    diff_s = text.shorten(shown, 7, ("with", "for", "and", "without"))
    theme_s = text.shorten(topic, 6, ("for", "with", "so", "because"))
    benefit = goal or relief or f.benefit(pillar.pain)
    steps = STEPS.get(f.objective, DEFAULT_STEPS)
    values = {
        "brand": f.brand,
        "site": f.site,
        "aud": f.audience_short,
        "Aud": text.upper_first(f.audience_short),
        "offer": f.offer_ref,
        "Offer": text.upper_first(f.offer_ref),
        "offer_s": f.offer_short,
        "Offer_s": text.upper_first(f.offer_short),
        "customer": f.customer,
        "Customer": text.upper_first(f.customer),
        "customers": f.customers,
        "entity": f.entity,
        "pain_s": pain_s,
        "Pain_s": text.upper_first(pain_s),
        "pain_np": pain_np(pain),
        "pain_np_s": pain_np(pain_s),
        "benefit_s": text.shorten(benefit, 9, ("by", "within", "so", "because")),
        "want": _want(f),
        "theme": topic,
        "theme_s": theme_s,
        "pain_cost": cost,
        "small_step": (
            f"one small step toward {theme_s}"
            if goal
            else f"one quick win on {theme_s}"
        ),
        "proof0": proof[0],
        "proof1": proof[1],
        "proof2": proof[2],
        "Proof2": text.upper_first(proof[2]),
        "proof0_s": text.shorten(proof[0], 6, ("behind", "from", "with")),
        "proof1_s": text.shorten(proof[1], 6, ("behind", "from", "with")),
        "proof2_s": text.shorten(proof[2], 6, ("behind", "from", "with")),
        "Diff": text.upper_first(shown),
        "Diff_s": text.upper_first(diff_s),
        "diff_s": diff_s,
        "diff_tail": f": {diff}" if diff else "",
        "diff_or_offer": diff or f"{f.offer_ref}, done properly",
        "place": f.city or "the community",
        "place_title": text.title(f.city) if f.city else "Community",
        "partners_where": f"{f.city} businesses" if f.is_city else "partners",
        "month": f"{day:%B}",
    }
    plural = f.offer_plural
    values.update(
        {
            "Is": "Are" if plural else "Is",
            "is_": "are" if plural else "is",
            "was": "were" if plural else "was",
            "it": "they" if plural else "it",
            "includes": "include" if plural else "includes",
            "suits": "suit" if plural else "suits",
            "fits": "fit" if plural else "fits",
        }
    )
    for index, step in enumerate(steps, start=1):
        values[f"step{index}"] = step.format(**values)
    return values


def _angle(pillar: PillarPlan, index: int, f: Facts) -> Angle:
    angles = ANGLES.get(pillar.kind, ANGLES["problem"])
    angle = angles[index % len(angles)]
    if pillar.kind == "community" and index % len(angles) == 1 and not f.is_city:
        return NO_PLACE_COMMUNITY
    return angle


def _format(angle: Angle, spec: copywriting.PlatformSpec, turn: int) -> str:
    if spec.kind == "email":
        return spec.formats[turn % len(spec.formats)]
    for wanted in angle.formats:
        for name in spec.formats:
            if any(word in name.lower() for word in FORMAT_WORDS[wanted]):
                return name
    return spec.formats[turn % len(spec.formats)]


def _cta(ctx: DraftContext, channel: Channel, turn: int) -> str:
    f = ctx.facts
    kind = "email" if channel.spec.kind == "email" else "social"
    values = {
        "brand": f.brand,
        "site": f.site,
        "offer": f.offer_ref,
        "link": channel.spec.link.format(site=f.site),
    }
    primary = copywriting.CTAS[f.objective][kind]
    every = 3 if f.objective in HARD_ASK else 2
    if kind == "email" or turn % every != every - 1:
        return primary[turn % len(primary)].format(**values)
    soft = ENGAGEMENT_CTAS.get(channel.spec.key, ENGAGEMENT_CTAS["default"])
    return soft[(turn // every) % len(soft)].format(**values)


def _caption(
    channel: Channel, hook: str, body: str, cta: str, theme: str, tags: tuple[str, ...]
) -> str:
    if channel.spec.kind == "email":
        return (
            f"Subject line: {hook.rstrip('.')}\nPreview text: {theme}.\n\n{body}\n\n"
            f"{text.sentence(cta)}"
        )
    caption = f"{hook}\n\n{body}\n\n{text.sentence(cta)}"
    return f"{caption}\n\n{' '.join(tags)}" if tags else caption


def _spare_angle(values: dict[str, str], seen: set[str]) -> tuple[Angle, str]:
    for angles in ANGLES.values():
        for angle in angles:
            for option in (angle.direct, angle.lively):
                candidate = text.sentence(option.format(**values))
                if candidate.casefold() not in seen:
                    return angle, candidate
    angle = ANGLES["problem"][0]
    hook = text.sentence(angle.direct.format(**values))
    return angle, f"{hook} Part {len(seen) + 1}."


def write_posts(ctx: DraftContext, hashtags: HashtagPlan) -> tuple[PostData, ...]:
    """Write every post of the calendar, in date order."""
    f = ctx.facts
    salt = f"angles:{ctx.variant}" if ctx.variant else "angles"
    rng = text.seeded(ctx.brief.brief_id, salt)
    # Another variant starts every pillar half-way round its angles, so its hooks
    # and themes differ from the first calendar's, not just its dates.
    base = rng.randrange(6) + (3 if ctx.variant else 0)
    kinds = [p.kind for p in ctx.pillars]
    # Pillars of the same kind start three angles apart, so they never mirror.
    offsets = [base + 3 * kinds[:i].count(kind) + i for i, kind in enumerate(kinds)]
    used_per_pillar = [0] * len(ctx.pillars)
    turns = [0] * len(ctx.channels)
    seen_hooks: set[str] = set()
    posts = []
    per_pillar = [0] * len(ctx.pillars)
    per_pair: dict[tuple[int, int], int] = {}
    for day, channel_index in schedule(ctx):
        channel = ctx.channels[channel_index]
        # Balance pillars overall and across channels, so no pillar lives on one
        # platform only; ties go to the pillar used longest ago.
        ranks = [
            (per_pillar[i], per_pair.get((i, channel_index), 0), used_per_pillar[i], i)
            for i in range(len(ctx.pillars))
        ]
        p_index = min(ranks)[3]
        per_pillar[p_index] += 1
        per_pair[(p_index, channel_index)] = (
            per_pair.get((p_index, channel_index), 0) + 1
        )
        pillar = ctx.pillars[p_index]
        values = variables(ctx, pillar, day)
        hook = ""
        for attempt in range(12):
            angle = _angle(
                pillar, offsets[p_index] + used_per_pillar[p_index] + attempt, f
            )
            lively_first = ctx.tone.lively != (ctx.variant % 2 == 1)
            options = (
                (angle.lively, angle.direct)
                if lively_first
                else (angle.direct, angle.lively)
            )
            for option in options:
                candidate = text.sentence(option.format(**values))
                if candidate.casefold() not in seen_hooks:
                    hook = candidate
                    break
            if hook:
                used_per_pillar[p_index] += attempt + 1
                break
        if not hook:
            # Every angle of this pillar's kind is spent: borrow one from another
            # kind rather than repeat a hook or leave the post without one.
            angle, hook = _spare_angle(values, seen_hooks)
        seen_hooks.add(hook.casefold())
        theme = text.upper_first(angle.theme.format(**values))
        body = text.sentence(angle.body.format(**values))
        turn = turns[channel_index]
        turns[channel_index] += 1
        cta = _cta(ctx, channel, turn)
        tags = hashtags.for_platform(channel.spec, turn)
        posts.append(
            PostData(
                date=day,
                platform=channel.name,
                pillar=pillar.name,
                theme=theme,
                hook=hook,
                caption=_caption(channel, hook, body, cta, theme, tags),
                cta=text.upper_first(cta),
                format=_format(angle, channel.spec, turn),
            )
        )
    return tuple(posts)
