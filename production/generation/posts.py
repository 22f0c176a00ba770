"""The 30-day calendar: how many posts each channel gets, on which days, saying what.

Counts follow each platform's cadence (the playbook's where it sets one), scaled so
the month holds 14 to 22 posts, or fewer (never under 7) when the brief cannot fill
them without repeating itself. Days are spread evenly with a phase seeded from the
brief id, on the days the playbook posts (a B2B LinkedIn posts Monday to Thursday,
and B2B, SaaS and public-sector calendars never post at weekends).

What each post says comes from the brief (``production.generation.substance``): a
post type is used only when the brief gives its substance, and a calendar spreads its
posts over every part of the brief. No body is written twice, no opening frame (the
hook's first three words) carries more than a fifth of the posts and no post type more
than two fifths. The offer is quoted whole in the first post; later posts refer to its
name and its terms. Calls to action ask only for what is live on the post's day
(``production.generation.calls``).
"""

import datetime as dt
import functools
import math
import random
import re
from collections import Counter
from dataclasses import dataclass, field

from aicmo_site.writing import text
from aicmo_site.writing.facts import Facts
from production.dto import PostData
from production.generation import calls, copywriting, substance
from production.generation.angles import FRAMES
from production.generation.context import Channel, DraftContext, PillarPlan
from production.generation.substance import Idea, Substance

MIN_POSTS = 14
MAX_POSTS = 22
# The fewest posts a calendar is scheduled for when the brief cannot fill more
# (QC's minimum: ``qc.rules.MIN_CALENDAR_POSTS``, SPEC §3).
MIN_FILLED = 7
# Where a pain point's short form may end (the strategy's pillar names cut the same).
PAIN_CUTS = ("for", "when", "because", "in", "at", "with", "after", "before")
# A calendar's limits (issue 12, item 4): shares of its posts.
MAX_TYPE_SHARE = 0.4
MAX_FRAME_SHARE = 0.2
# Posts one brief item (a differentiator, a pain point, a term) may carry while the
# brief has others left.
KEY_CAP = 2
FRAME_WORDS = 3
# A sentence this short ("Yes.") is not a preview on its own.
PREVIEW_MIN_WORDS = 4
# Families whose calendars never post on Saturday or Sunday.
WEEKDAY_FAMILIES = frozenset({"b2b_industrial", "saas", "public_sector_health"})
WEEKEND = frozenset({5, 6})
# Objectives whose posts mostly end in the direct ask, once it is live.
HARD_ASK = frozenset({"Leads", "Sales", "Hiring"})
# How well a post type suits a pillar of each kind: 2 a natural fit, 1 a fair one.
AFFINITY: dict[str, dict[str, int]] = {
    "problem": {
        "comparison": 2, "checklist": 2, "myth": 2, "tip": 2, "faq": 1,
        "how_it_works": 1, "offer": 1,
    },
    "proof": {
        "proof": 2, "behind_the_scenes": 2, "story": 2, "comparison": 1,
        "checklist": 1,
    },
    "offer": {
        "offer": 2, "how_it_works": 2, "faq": 2, "checklist": 1, "tip": 1,
        "location": 1, "key_date": 1,
    },
    "community": {
        "location": 2, "key_date": 2, "story": 2, "behind_the_scenes": 2, "faq": 1,
        "offer": 1,
    },
    "brand": {"behind_the_scenes": 2, "proof": 2, "story": 2, "offer": 1},
    "careers": {
        "offer": 2, "how_it_works": 2, "behind_the_scenes": 2, "faq": 2, "proof": 1,
    },
    "partners": {
        "offer": 2, "how_it_works": 2, "proof": 2, "faq": 2, "comparison": 1,
        "checklist": 1,
    },
    "retention": {
        "tip": 2, "how_it_works": 2, "offer": 2, "faq": 2, "story": 1, "proof": 1,
    },
}  # fmt: skip
# Words in a format's name that suit a post's preferred formats.
FORMAT_WORDS: dict[str, tuple[str, ...]] = {
    "video": ("video", "reel", "short"),
    "short": ("short", "reel", "story"),
    "carousel": ("carousel", "album", "document"),
    "document": ("document", "carousel"),
    "image": ("image", "photo", "pin"),
    "photo": ("photo", "image"),
    "text": ("text", "thread", "newsletter"),
    "story": ("story", "stories"),
    "poll": ("poll",),
    "walkthrough": ("walkthrough", "long", "explainer"),
    "explainer": ("explainer", "long", "walkthrough"),
    "event": ("event",),
}


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
    community = list(f.profile.hashtags)
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


def posting_days(ctx: DraftContext, channel: Channel) -> tuple[frozenset[int], bool]:
    """Return the weekdays ``channel`` may post on, and whether that is a rule.

    A playbook that names the channel's days makes them a rule; otherwise they are
    the platform's preference. B2B, SaaS and public-sector calendars never post at
    weekends, whatever the channel.
    """
    playbook = ctx.facts.profile
    days = frozenset(channel.spec.weekdays) or frozenset(range(7))
    strict = channel.spec.key in playbook.posting_days
    if playbook.family in WEEKDAY_FAMILIES or playbook.b2b:
        days = (days - WEEKEND) or frozenset(range(5))
        strict = True
    return days, strict


def _open_days(ctx: DraftContext, channel: Channel) -> list[int]:
    """The calendar days (0 is the start) ``channel`` may post on."""
    days, strict = posting_days(ctx, channel)
    if not strict:
        return list(range(ctx.days))
    return [
        d
        for d in range(ctx.days)
        if (ctx.start + dt.timedelta(days=d)).weekday() in days
    ]


def post_counts(ctx: DraftContext, total: int | None = None) -> list[int]:
    """Return how many posts each calendar channel gets in the window.

    ``total`` caps the month's posts (a brief with less to say gets fewer); each
    channel keeps at least one.
    """
    days = ctx.days
    caps = []
    counts = []
    for channel in ctx.channels:
        open_days = len(_open_days(ctx, channel))
        weekly_cap = 1 if channel.spec.kind == "email" else 7
        cap = max(1, min(open_days, weekly_cap * days // 7))
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
    limit = MAX_POSTS if total is None else min(MAX_POSTS, total)
    while sum(counts) > max(limit, len(counts)):
        i = max(range(len(counts)), key=lambda i: (counts[i], -i))
        counts[i] -= 1
    return counts


def _spread(
    count: int,
    days: list[int],
    preferred: frozenset[int],
    start: dt.date,
    phase: float,
    busy: dict[int, int],
) -> list[int]:
    """Return ``count`` of ``days``, evenly spaced, preferring ``preferred`` weekdays.

    ``busy`` counts posts other channels already have on each day; a busy day costs
    a little, so the month does not bunch up. A day is used twice only when there are
    fewer days than posts.
    """
    span = (days[-1] + 1) if days else 1

    def cost(day: int, ideal: float) -> tuple[float, int]:
        weekday = (start + dt.timedelta(days=day)).weekday()
        penalty = (0 if weekday in preferred else 1.6) + 0.9 * busy.get(day, 0)
        return (abs(day - ideal) + penalty, day)

    chosen: list[int] = []
    for i in range(count):
        ideal = (i + phase) * span / count
        free = [d for d in days if d not in chosen] or list(days)
        chosen.append(min(free, key=functools.partial(cost, ideal=ideal)))
    return sorted(chosen)


def schedule(ctx: DraftContext, total: int | None = None) -> list[tuple[dt.date, int]]:
    """Return (date, channel index) for every post, in date order."""
    salt = f"calendar:{ctx.variant}" if ctx.variant else "calendar"
    rng = text.seeded(ctx.brief.brief_id, salt)
    slots: list[tuple[dt.date, int]] = []
    busy: dict[int, int] = {}
    for index, count in enumerate(post_counts(ctx, total)):
        channel = ctx.channels[index]
        preferred, _ = posting_days(ctx, channel)
        days = _open_days(ctx, channel)
        # The first channel opens on its first posting day; the others a little later.
        phase = 0.0 if index == 0 else rng.random()
        for day in _spread(count, days, preferred, ctx.start, phase, busy):
            busy[day] = busy.get(day, 0) + 1
            slots.append((ctx.start + dt.timedelta(days=day), index))
    return sorted(slots)


# --- choosing what each post says ---------------------------------------------------


def frame_of(hook: str) -> str:
    """Return a hook's opening frame: its first three words, casefolded.

    Punctuation does not count, so "Tip: pause" and "Tip pause" share a frame.
    """
    words = [w.strip(".,:;!?'\"“”‘’()") for w in hook.casefold().split()]
    return " ".join([w for w in words if w][:FRAME_WORDS])


def _norm(body: str) -> str:
    return re.sub(r"\W+", " ", body.casefold()).strip()


@dataclass(slots=True)
class _Tally:
    """What a calendar has used so far, and its limits."""

    type_cap: int
    frame_cap: int
    kinds: Counter[str] = field(default_factory=Counter)
    keys: Counter[str] = field(default_factory=Counter)
    frames: Counter[str] = field(default_factory=Counter)
    hooks: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)
    used: set[int] = field(default_factory=set)

    def hook_for(
        self, idea: Idea, order: int, strict: bool, short: bool = False
    ) -> str | None:
        """Return the first of the idea's hooks the calendar can still take.

        ``short`` puts the shortest hook first (an email's subject line).
        """
        hooks = idea.hooks if order % 2 == 0 else tuple(reversed(idea.hooks))
        if short:
            hooks = tuple(sorted(hooks, key=len))
        for hook in hooks:
            if hook.casefold() in self.hooks:
                continue
            if strict and self.frames[frame_of(hook)] >= self.frame_cap:
                continue
            return hook
        return None

    def take(self, index: int, idea: Idea, hook: str) -> None:
        self.used.add(index)
        self.kinds[idea.kind] += 1
        self.keys.update(idea.keys)
        self.frames[frame_of(hook)] += 1
        self.hooks.add(hook.casefold())
        self.bodies.add(_norm(idea.body))


@dataclass(frozen=True, slots=True)
class _Choice:
    """One post's idea and hook."""

    idea: Idea
    hook: str


def _open(idea: Idea, day: dt.date) -> bool:
    return idea.window is None or idea.window[0] <= day <= idea.window[1]


def _preferred_framing(idea: Idea, variant: int) -> int:
    """A regenerated calendar leads with the second framing where there is one."""
    frames = len(FRAMES[idea.move])
    return 1 if variant % 2 == 1 and frames > 1 else 0


def _choose(
    sub: Substance,
    tally: _Tally,
    day: dt.date,
    pillar: PillarPlan,
    variant: int,
    jitter: list[float],
    short: bool = False,
    level: int = 0,
    spares: bool = False,
) -> _Choice | None:
    """Return the best idea for a post of ``pillar`` on ``day``; None if none fits.

    Dated ideas go first inside their window; then the calendar prefers its framing,
    the brief items used least, the post types that suit the pillar, the types used
    least and the types the playbook lists first. At ``level`` 0 no brief item
    carries more than ``KEY_CAP`` posts; at 1 it may; at 2 an opening frame may also
    go over its share; at 3 a post type may too. Spare ideas are used only with
    ``spares``, and after every other idea.
    """
    wanted = {kind: rank for rank, kind in enumerate(sub.wanted)}
    fits = AFFINITY.get(pillar.kind, {})

    def rank(index: int) -> tuple[float, ...]:
        idea = sub.ideas[index]
        return (
            0 if idea.window else 1,
            idea.spare,
            abs(idea.framing - _preferred_framing(idea, variant)),
            sum(tally.keys[key] for key in idea.keys),
            -fits.get(idea.kind, 0),
            tally.kinds[idea.kind],
            wanted.get(idea.kind, len(wanted)),
            jitter[index],
        )

    candidates = sorted(
        (
            i
            for i, idea in enumerate(sub.ideas)
            if i not in tally.used
            and not idea.lead
            and (spares or not idea.spare)
            and _open(idea, day)
            and _norm(idea.body) not in tally.bodies
        ),
        key=rank,
    )
    for index in candidates:
        idea = sub.ideas[index]
        if level < 3 and tally.kinds[idea.kind] >= tally.type_cap:
            continue
        if level == 0 and any(tally.keys[key] >= KEY_CAP for key in idea.keys):
            continue
        hook = tally.hook_for(idea, variant, level < 2, short)
        if hook is not None:
            tally.take(index, idea, hook)
            return _Choice(idea=idea, hook=hook)
    return None


def _lead(sub: Substance, tally: _Tally) -> _Choice | None:
    """The post that quotes the offer whole; it opens the calendar."""
    for index, idea in enumerate(sub.ideas):
        if idea.lead:
            hook = tally.hook_for(idea, 0, strict=True)
            if hook is not None:
                tally.take(index, idea, hook)
                return _Choice(idea=idea, hook=hook)
    return None


def _pillar(
    ctx: DraftContext,
    channel_index: int,
    per_pillar: list[int],
    per_pair: Counter[tuple[int, int]],
    last_used: list[int],
) -> int:
    """Balance pillars overall and across channels; ties go to the least recent."""
    ranks = [
        (per_pillar[i], per_pair[(i, channel_index)], last_used[i], i)
        for i in range(len(ctx.pillars))
    ]
    return min(ranks)[3]


# --- formats, calls to action, captions ----------------------------------------------


def _format(idea: Idea, spec: copywriting.PlatformSpec, used: Counter[str]) -> str:
    """Return the channel's format that suits the post, rotating among equals."""
    # A poll is a format of its own: only a post that asks a question runs as one.
    formats = (
        tuple(
            name
            for name in spec.formats
            if "poll" not in name.lower() or "poll" in idea.formats
        )
        or spec.formats
    )

    def cost(name: str) -> tuple[float, int]:
        lower = name.lower()
        fit = next(
            (
                rank
                for rank, want in enumerate(idea.formats)
                if any(word in lower for word in FORMAT_WORDS.get(want, (want,)))
            ),
            len(idea.formats) + 1,
        )
        weight = 0 if spec.kind == "email" else fit
        return (weight + 1.5 * used[name], formats.index(name))

    return min(formats, key=cost)


def _cta(
    ctx: DraftContext,
    channel: Channel,
    day: dt.date,
    choice: _Choice,
    turn: int,
    plan: calls.CallPlan,
    sub: Substance,
    used: Counter[str],
) -> str:
    """Return the post's call to action: the direct ask only once it is live.

    Among the calls a post may use, the one the calendar has used least wins, so
    the month does not end every post the same way.
    """
    f = ctx.facts
    values = {
        "brand": f.brand,
        "name": sub.name,
        "site": f.site,
        "link": channel.spec.link.format(site=f.site),
        "partners": f.profile.partners,
        "partner_kit": f.profile.partner_kit,
    }
    email = channel.spec.kind == "email"
    objective = f.objective
    ask = calls.VISIT if objective == "Awareness" else calls.CONVERT
    every = 3 if objective in HARD_ASK else 2
    asks = email or turn % every != every - 1
    options: list[str] = []
    if asks and plan.allows(ask, day):
        options += calls.convert_calls(objective, f.offer, f.profile.family)
        if objective in HARD_ASK and sub.claim:
            options.insert(0, sub.claim)
    elif asks and objective == "Partnerships":
        options += (calls.CONTACT_EMAIL,) if email else calls.PARTNER_CONTACTS
    else:
        if plan.allows(calls.VISIT, day):
            options += calls.VISIT_CALLS
        if email:
            options.append(calls.CONTACT_EMAIL)
        else:
            typed = calls.engage_for(choice.idea.move, choice.idea.kind)
            options += [typed] if typed else []
            options += (
                calls.ENGAGE_LINKEDIN
                if channel.spec.key == "linkedin"
                else calls.ENGAGE_SOCIAL
            )
            if objective in HARD_ASK:
                options.append(calls.CONTACT_SOCIAL)
    written = [option.format(**values) for option in options]
    best = min(range(len(written)), key=lambda i: (used[written[i]], i))
    used[written[best]] += 1
    return written[best]


def preview_text(subject: str, theme: str, body: str) -> str:
    """Return an email's preview text: the first detail its subject does not give.

    The theme comes first, then each sentence of the body; one the subject already
    says (word for word, or inside it) is skipped, so the preview adds the next
    detail; a sentence too short to say anything ("Yes.") is passed over. With
    nothing new, the body's first sentence is used.
    """
    said = _norm(subject)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", body) if s.strip()]
    # "Yes." says nothing alone: the detail after it is the preview.
    sentences = [
        s for s in sentences if len(s.split()) >= PREVIEW_MIN_WORDS
    ] or sentences
    for candidate in (theme, *sentences):
        mine = _norm(candidate)
        if mine and mine not in said and said not in mine:
            return text.sentence(candidate)
    return text.sentence(sentences[0] if sentences else theme)


def _caption(
    channel: Channel, hook: str, body: str, cta: str, theme: str, tags: tuple[str, ...]
) -> str:
    if channel.spec.kind == "email":
        subject = hook.rstrip(".")
        preview = preview_text(subject, theme, body)
        return (
            f"Subject line: {subject}\nPreview text: {preview}"
            f"\n\n{body}\n\n{text.sentence(cta)}"
        )
    caption = f"{hook}\n\n{body}\n\n{text.sentence(cta)}"
    return f"{caption}\n\n{' '.join(tags)}" if tags else caption


@dataclass(frozen=True, slots=True)
class PlannedPost:
    """A written post, with the post type and move it was written as."""

    post: PostData
    kind: str
    move: str


def write_posts(ctx: DraftContext, hashtags: HashtagPlan) -> tuple[PostData, ...]:
    """Write every post of the calendar, in date order (see ``plan_posts``)."""
    return tuple(planned.post for planned in plan_posts(ctx, hashtags))


def plan_posts(ctx: DraftContext, hashtags: HashtagPlan) -> tuple[PlannedPost, ...]:
    """Write every post of the calendar, in date order, with its post type.

    The calendar holds as many posts as the brief can fill without a brief item in
    more than ``KEY_CAP`` posts; to reach ``MIN_POSTS`` an item may take a third,
    but no body is ever written twice. When slots go unfilled, the month is
    scheduled again for the posts it can fill, so the posts stay evenly spread and
    the shares are counted on the posts that run.
    """
    sub = substance.substance_for(ctx)
    plan = calls.call_plan(ctx.strategy)
    slots = schedule(ctx)
    posts = _fill(ctx, slots, sub, plan, hashtags)
    # Fewer slots lower the caps too, so try each smaller month in turn and keep
    # the first one the brief fills completely.
    total = len(posts)
    while len(posts) < len(slots) and total >= MIN_FILLED:
        slots = schedule(ctx, total=total)
        posts = _fill(ctx, slots, sub, plan, hashtags)
        total -= 1
    if len(posts) < MIN_FILLED:
        # A brief this thin needs its spare ideas (a poll on a pain point, who the
        # offer is for, each part of the offer) to give QC its minimum of posts; if
        # even they leave the month short, a post type may go over its share.
        slots = schedule(ctx, total=MIN_FILLED)
        posts = _fill(ctx, slots, sub, plan, hashtags, floor=True)
    return tuple(posts)


def _fill(
    ctx: DraftContext,
    slots: list[tuple[dt.date, int]],
    sub: Substance,
    plan: calls.CallPlan,
    hashtags: HashtagPlan,
    floor: bool = False,
) -> list[PlannedPost]:
    """Write a post for every slot the brief can fill; a slot left over stays empty.

    With ``floor``, spare ideas may fill slots, and as a last resort a post type may
    go over its share.
    """
    tally = _Tally(
        type_cap=max(1, math.floor(len(slots) * MAX_TYPE_SHARE)),
        frame_cap=max(1, math.floor(len(slots) * MAX_FRAME_SHARE)),
    )
    salt = f"posts:{ctx.variant}" if ctx.variant else "posts"
    rng: random.Random = text.seeded(ctx.brief.brief_id, salt)
    jitter = [rng.random() for _ in sub.ideas]
    per_pillar = [0] * len(ctx.pillars)
    per_pair: Counter[tuple[int, int]] = Counter()
    last_used = [-1] * len(ctx.pillars)
    turns = [0] * len(ctx.channels)
    formats_used: list[Counter[str]] = [Counter() for _ in ctx.channels]
    calls_used: Counter[str] = Counter()
    posts: list[PlannedPost] = []
    for number, (day, channel_index) in enumerate(slots):
        channel = ctx.channels[channel_index]
        p_index = _pillar(ctx, channel_index, per_pillar, per_pair, last_used)
        pillar = ctx.pillars[p_index]
        email = channel.spec.kind == "email"
        choice = _lead(sub, tally) if number == 0 else None
        # A slot is left empty rather than give a brief item a third post, as long
        # as the calendar keeps its minimum of posts.
        spare = len(posts) + (len(slots) - number - 1) >= MIN_POSTS
        levels = (0, 1, 2, 3) if floor else (0, 1, 2)
        for level in (0,) if spare else levels:
            choice = choice or _choose(
                sub, tally, day, pillar, ctx.variant, jitter, email, level, floor
            )
        if choice is None:
            continue
        per_pillar[p_index] += 1
        per_pair[(p_index, channel_index)] += 1
        last_used[p_index] = number
        turn = turns[channel_index]
        turns[channel_index] += 1
        cta = _cta(ctx, channel, day, choice, turn, plan, sub, calls_used)
        tags = hashtags.for_platform(channel.spec, turn)
        fmt = _format(choice.idea, channel.spec, formats_used[channel_index])
        formats_used[channel_index][fmt] += 1
        post = PostData(
            date=day,
            platform=channel.name,
            pillar=pillar.name,
            theme=choice.idea.theme,
            hook=choice.hook,
            caption=_caption(
                channel, choice.hook, choice.idea.body, cta, choice.idea.theme, tags
            ),
            cta=text.upper_first(cta),
            format=fmt,
        )
        posts.append(
            PlannedPost(post=post, kind=choice.idea.kind, move=choice.idea.move)
        )
    return posts
