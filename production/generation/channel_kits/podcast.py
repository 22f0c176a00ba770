"""The podcast kit: host reads of up to 30 seconds and where they run."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from aicmo_site.writing import text
from production.generation.channel_kits.phrasing import offer_parts
from production.generation.channel_kits.plan import (
    PODCAST_WORDS,
    FundedChannel,
    cta_line,
    go_live,
    new_to,
    offer_sentence,
    pain_pairs,
    question,
)
from production.generation.context import DraftContext
from production.generation.markup import short_date


@dataclass(frozen=True, slots=True)
class PodcastRead:
    """A host-read script of up to 30 seconds, and its angle."""

    angle: str
    script: str

    @property
    def words(self) -> int:
        return len(self.script.split())

    @property
    def seconds(self) -> int:
        """How long the read takes at 150 words a minute, to the nearest 5 seconds."""
        return max(5, 5 * round(self.words * 60 / 150 / 5))


@dataclass(frozen=True, slots=True)
class PodcastKit:
    """Host-read scripts and where they run."""

    channel: FundedChannel
    reads: tuple[PodcastRead, ...]
    targeting: tuple[str, ...]


# Apple Podcasts categories by industry family (aicmo_site.writing.playbooks).
_PODCAST_FAMILIES = {
    "consumer_subscription": "Leisure",
    "local_service": "Society & Culture",
    "education": "Education",
    "b2b_industrial": "Business › Management and Technology",
    "public_sector_health": "Health & Fitness › Medicine",
    "saas": "Business › Entrepreneurship and Technology",
}
# Categories that follow from the industry's own words.
_PODCAST_INDUSTRIES = (
    (r"\b(?:coffee|tea|food|wine|beer|bakery|restaurant|kitchen|meal)", "Arts › Food"),
    (r"\b(?:fitness|gym|yoga|pilates|studio)", "Health & Fitness › Fitness"),
    (r"\b(?:fashion|beauty|salon|skin)", "Arts › Fashion & Beauty"),
    (r"\b(?:nonprofit|non-profit|charity|shelter)", "Business › Non-Profit"),
)
_PODCAST_AUDIENCES = (
    (r"\bparents?\b", "Kids & Family › Parenting"),
    (r"\bremote workers?\b|\bfreelancers?\b", "Business › Careers"),
    (r"\bfounders?\b|\bowners?\b", "Business › Entrepreneurship"),
    (r"\bover[- ]?(?:6\d|70)\b|\bolder\b|\bcarers?\b", "News › Daily News (local)"),
)


def _script(core: Sequence[str], extras: Sequence[str]) -> str:
    """The read: its core sentences, with extras added while it stays within 80 words.

    The core opens, answers and closes; extras (who it is for, more proof) go before
    the offer, in order, as long as the read fits 30 seconds.
    """
    opening, *middle, offer, close = core
    kept: list[str] = []
    for extra in extras:
        trial = [opening, *middle, *kept, extra, offer, close]
        if len(" ".join(trial).split()) <= PODCAST_WORDS[1]:
            kept.append(extra)
    return " ".join([opening, *middle, *kept, offer, close])


def podcast_kit(ctx: DraftContext, channel: FundedChannel) -> PodcastKit:
    """Write host reads of up to 30 seconds, one angle each, and where they run."""
    f = ctx.facts
    offer = offer_sentence(f, 200) or text.sentence(f.offer)
    if len(offer_parts(f.offer)) == 1 and ":" not in offer:
        offer = f"The offer: {f.in_sentence(offer)}"
    close = f"That's {f.brand}. {text.sentence(cta_line(f))}"
    who = f"It's for {f.in_sentence(f.audience)}."

    def extras(skip: str) -> list[str]:
        found = [who]
        found += [text.sentence(d) for d in f.diffs if d != skip and new_to(d, offer)]
        found += [text.sentence(p) for p in ctx.brief.proof_points]
        found += [
            f"The result: {f.in_sentence(o)}."
            for o in f.audience_outcomes[:1]
            if text.fragment_kind(o) == "noun"
        ]
        if not (f.city and f.city.lower() in f.brand.lower()):
            found.append(f"{f.brand} serves {f.geo_phrase}.")
        return found

    angles: list[tuple[str, list[str], list[str]]] = []
    for pain, diff in pain_pairs(f):
        angles.append(
            (
                f"The problem: {f.in_sentence(pain)}",
                [
                    question(pain),
                    f"{f.brand} answers it: {f.in_sentence(diff)}.",
                    offer,
                    close,
                ],
                extras(diff),
            )
        )
    for diff in f.diffs:
        angles.append(
            (
                f"The difference: {f.in_sentence(diff)}",
                [
                    f"Here's what sets {f.brand} apart: {f.in_sentence(diff)}.",
                    offer,
                    close,
                ],
                extras(diff),
            )
        )
    angles.append(
        ("The offer", [f"A word about {f.brand_offer}.", offer, close], extras(""))
    )
    reads = [
        PodcastRead(angle=angle, script=_script(core, more))
        for angle, core, more in angles[: channel.size]
    ]
    genres = [
        g for pattern, g in _PODCAST_INDUSTRIES if re.search(pattern, f.industry, re.I)
    ]
    genres.append(_PODCAST_FAMILIES.get(f.profile.family, "Society & Culture"))
    genres += [
        g for pattern, g in _PODCAST_AUDIENCES if re.search(pattern, f.audience, re.I)
    ]
    starts, _ = go_live(ctx)
    targeting = (
        f"Shows in {text.join_and(list(dict.fromkeys(genres)))} whose listeners are "
        f"{f.audience_short}, in {f.geo_phrase}",
        "Host-read in the show's own voice, mid-roll, from the key points above; "
        "the offer's terms and the web address read word for word",
        f"Runs from {short_date(starts)} to {short_date(f.end)}, the same read in "
        "consecutive episodes of each show, so listeners hear it more than once",
        f"Attribution: a question on {f.site}'s sign-up form, 'Where did you hear "
        f"about {f.brand}?', with each show named",
    )
    return PodcastKit(channel=channel, reads=tuple(reads), targeting=targeting)
