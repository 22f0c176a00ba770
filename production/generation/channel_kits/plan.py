"""The funded channels without posts, what each buys, and the brief facts kits share."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from aicmo_site.kernel import briefs
from aicmo_site.writing import text, vocab, workdays
from aicmo_site.writing.facts import Facts
from production.generation.channel_kits.phrasing import (
    CUTS,
    offer_parts,
    phrasings,
    to_you,
)
from production.generation.context import DraftContext

HEADLINE_MAX = 30
DESCRIPTION_MAX = 90
HEADLINES_PER_AD = 15
DESCRIPTIONS_PER_AD = 4
SMS_MAX = 160
SMS_STOP = "Reply STOP to opt out"
KEYWORD_MAX = 80
PODCAST_WORDS = (60, 80)  # a 30-second read at about 150 words a minute

# The kit each channel gets: by canonical brief channel, then by channel family.
_KIND_BY_CHANNEL = {
    "Google Ads": "search",
    "WhatsApp": "whatsapp",
    "SMS": "sms",
    "Events": "events",
    "Print": "print",
    "Podcast": "podcast",
}
_KIND_BY_FAMILY = {
    "search": "search",
    "messaging": "whatsapp",
    "events": "events",
    "print": "print",
    "podcast": "podcast",
}
KINDS = ("search", "whatsapp", "sms", "events", "print", "podcast")
# How much content a share buys: count = base + share // per, at most cap. Search
# counts ad groups, WhatsApp and SMS messages, events events, print pieces and
# podcast scripts.
SCALE: dict[str, tuple[int, int, int]] = {
    "search": (1, 12, 5),
    "whatsapp": (2, 8, 6),
    "sms": (2, 8, 6),
    "events": (1, 20, 3),
    "print": (1, 15, 3),
    "podcast": (1, 15, 3),
}
NUMBER_NAMES = ("no", "one", "two", "three", "four", "five", "six")


def kit_size(kind: str, share: int) -> int:
    """Return how many ad groups, messages, events, pieces or scripts a share buys."""
    base, per, cap = SCALE[kind]
    return min(cap, base + max(0, share) // per)


def kit_kind(channel: str) -> str | None:
    """Return the kit a channel gets, or None for a channel that carries posts."""
    canonical = briefs.channel_name(channel)
    if canonical in _KIND_BY_CHANNEL:
        return _KIND_BY_CHANNEL[canonical]
    return _KIND_BY_FAMILY.get(vocab.channel_family(channel) or "")


# --- Shared facts -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FundedChannel:
    """A funded channel without posts: its plan name, kit, share and money."""

    name: str
    kind: str
    share: int
    amount: Decimal | None

    @property
    def size(self) -> int:
        return kit_size(self.kind, self.share)


def funded_channels(ctx: DraftContext) -> tuple[FundedChannel, ...]:
    """Return the plan's funded channels that carry no posts, largest share first."""
    f = ctx.facts
    found: dict[str, FundedChannel] = {}
    for item in sorted(ctx.strategy.channel_plan, key=lambda c: -c.budget_pct):
        kind = kit_kind(item.channel)
        if kind is None or item.budget_pct <= 0 or kind in found:
            continue
        amount = (
            (f.budget * Decimal(item.budget_pct) / Decimal(100)).quantize(
                Decimal(1), ROUND_HALF_UP
            )
            if f.budget is not None
            else None
        )
        found[kind] = FundedChannel(
            name=item.channel, kind=kind, share=item.budget_pct, amount=amount
        )
    return tuple(found.values())


def go_live(ctx: DraftContext) -> tuple[dt.date, str]:
    """Return when paid channels may send people to the offer, and why then.

    That is the milestone that puts the conversion path live ("Lead capture live"),
    else the kick-off that puts tracking live, else the campaign's first day.
    """
    milestones = sorted(ctx.strategy.milestones, key=lambda m: m.date)
    live = next((m for m in milestones if re.search(r"\blive\b", m.title, re.I)), None)
    chosen = live or (milestones[0] if milestones else None)
    if chosen is None:
        return ctx.start, "the campaign's first day"
    day = min(max(chosen.date, ctx.start), ctx.facts.end)
    return day, f"the '{chosen.title}' milestone"


def final_url(ctx: DraftContext) -> str:
    site = ctx.brief.website.strip()
    return site if re.match(r"^https?://", site, re.I) else f"https://{site}"


def work_calendar(f: Facts) -> workdays.WorkCalendar:
    return workdays.calendar_for(f.geo)


def spread(
    first: dt.date, last: dt.date, count: int, cal: workdays.WorkCalendar
) -> list[dt.date]:
    """``count`` working days from ``first``, evenly spaced before ``last``.

    The first falls on ``first`` (or the next working day); the others follow at
    equal steps, so the last leaves as long before ``last`` as the steps between.
    """
    span = max(0, (last - first).days)
    days = []
    for index in range(count):
        day = first + dt.timedelta(days=round(span * index / count))
        day = workdays.working_day_on_or_after(day, cal)
        days.append(min(day, workdays.working_day_on_or_before(last, cal)))
    return days


def week_of(ctx: DraftContext, day: dt.date) -> int:
    return (day - ctx.start).days // 7 + 1


def overlap_words(value: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", value.lower())
    return {w.rstrip("s") for w in words if w not in text.SMALL_WORDS and len(w) > 2}


def pain_pairs(f: Facts) -> list[tuple[str, str]]:
    """Pair each pain with the differentiator that answers it, by shared words.

    A pain that shares no word with any differentiator is left out, so no answer is
    forced onto a problem it does not solve.
    """
    pairs = []
    used: set[str] = set()
    for pain in f.pains:
        scored = [
            (len(overlap_words(pain) & overlap_words(diff)), diff)
            for diff in f.diffs
            if diff not in used
        ]
        best = max(scored, default=(0, ""), key=lambda item: item[0])
        if best[0] > 0:
            used.add(best[1])
            pairs.append((pain, best[1]))
    return pairs


def question(pain: str) -> str:
    """A pain point asked of the reader: "Not knowing you are eligible …?"."""
    return to_you(text.upper_first(pain.rstrip(".?!"))) + "?"


_CTA = {
    "Sales": ("Order", "Order online at {site}"),
    "Leads": ("Book", "Book online at {site}"),
    "Awareness": ("Get", "Find out more at {site}"),
    "Hiring": ("Apply", "Apply at {site}"),
    "Partnerships": ("Talk to", "Book a meeting at {site}"),
    "Retention": ("Come back to", "Pick up where you left off at {site}"),
}


def cta_line(f: Facts) -> str:
    """The call to action with the client's site: ``Book online at leeds.example``.

    An offer with a trial asks for the trial ("Start your 30-day free trial at …").
    """
    trial = next(
        (p for p in offer_parts(f.offer) if re.search(r"\btrial\b", p, re.I)), None
    )
    if trial and f.objective in ("Sales", "Leads"):
        return f"Start your {f.in_sentence(trial)} at {f.site}"
    return _CTA[f.objective][1].format(site=f.site)


def offer_sentence(f: Facts, limit: int) -> str | None:
    """The offer as the client wrote it, when it fits; else its leading parts.

    The client's own sentence comes first, then the clauses before a semicolon
    ("Free 45-minute GCSE diagnostic assessment plus a personalised study plan"),
    then the name and as many terms as fit.
    """
    clauses = [c.strip() for c in re.split(r"\s*;\s*", f.offer) if c.strip()]
    candidates = ["; ".join(clauses[:n]) for n in range(len(clauses), 0, -1)]
    parts = offer_parts(f.offer)
    for count in range(len(parts), 0, -1):
        rest = [f.in_sentence(p) for p in parts[1:count]]
        candidates.append(", ".join([parts[0], *rest]))
    for candidate in candidates:
        sentence = text.sentence(candidate)
        if len(sentence) <= limit:
            return sentence
    return None


_INNER_CUT = re.compile(
    r"\s(?:" + "|".join(c for c in CUTS if c not in ("and", "plus")) + r")\s", re.I
)


def offer_names(f: Facts) -> list[str]:
    """The offer's own noun phrase, and shorter true forms of it, longest first.

    "Free 45-minute GCSE diagnostic assessment" also gives "Free diagnostic
    assessment"; none carries a place or a condition ("… at any city pharmacy").
    """
    names = [
        p
        for p in phrasings(offer_parts(f.offer)[0], keep_numbers=False)
        if not _INNER_CUT.search(p) and not re.match(r"\d", p)
    ]
    return names or [text.upper_first(f.offer_name)]


def new_to(diff: str, copy: str) -> bool:
    """Whether ``diff`` says something ``copy`` does not already say."""
    words = overlap_words(diff)
    return bool(words) and len(words & overlap_words(copy)) / len(words) < 0.5


def brief_places(ctx: DraftContext) -> list[str]:
    return [
        ", ".join(p for p in (place.name, place.address) if p)
        for place in ctx.brief.locations
    ]


# Where printed pieces reach an audience, by words in the audience's description.
AUDIENCE_PLACES = (
    (r"\bover[- ]?(?:6\d|70)\b|\bolder\b|\bretired\b|\bpensioner", "GP surgeries, "
     "pharmacies, libraries and community centres"),
    (r"\bcarers?\b", "carers' centres"),
    (r"\bparents?\b", "nurseries, children's centres and libraries"),
    (r"\bstudents?\b", "libraries and student unions"),
    (r"\bremote workers?\b|\bfreelancers?\b", "coworking spaces"),
    (r"\bmembers?\b", "the front desk and changing rooms"),
    (r"\bpatients?\b", "the waiting room"),
    (r"\bdistributors?\b|\bpartners?\b|\bmanagers?\b|\bdirectors?\b", "the trade "
     "fair stand and mailings to the partner shortlist"),
)  # fmt: skip
OLDER = re.compile(r"\bover[- ]?(?:6\d|70)\b|\bolder\b|\bretired\b|\bpensioner", re.I)


def audience_places(ctx: DraftContext) -> list[str]:
    f = ctx.facts
    found = [
        place
        for pattern, place in AUDIENCE_PLACES
        if re.search(pattern, f.audience, re.I)
    ]
    found += [p for p in brief_places(ctx) if p]
    if f.profile.family == "consumer_subscription":
        found.append(f"every order {f.brand} posts, as an insert")
    if not found:
        found.append(
            f"shops and noticeboards in {f.place}" if f.is_city else "mailings"
        )
    return list(dict.fromkeys(found))
