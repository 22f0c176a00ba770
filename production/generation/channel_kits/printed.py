"""The print kit: flyer, poster and leaflet copy, where it goes, how it reads."""

from dataclasses import dataclass

from aicmo_site.writing import text
from production.generation.channel_kits.phrasing import (
    fit,
    phrasings,
)
from production.generation.channel_kits.plan import (
    OLDER,
    FundedChannel,
    audience_places,
    cta_line,
    new_to,
    offer_names,
    offer_sentence,
    pain_pairs,
    question,
)
from production.generation.context import DraftContext


@dataclass(frozen=True, slots=True)
class PrintPiece:
    """One printed piece: its format, copy and where it goes."""

    format: str
    headline: str
    body: str
    cta: str
    placement: str


@dataclass(frozen=True, slots=True)
class PrintKit:
    """The printed pieces a funded print channel pays for."""

    channel: FundedChannel
    pieces: tuple[PrintPiece, ...]
    accessibility: str


_PRINT_FORMATS = ("A5 flyer", "A3 poster", "DL leaflet")


def print_kit(ctx: DraftContext, channel: FundedChannel) -> PrintKit:
    """Write flyer, poster and leaflet copy from the brief, with where each goes."""
    f = ctx.facts
    banned = ctx.brief.banned_words
    count = min(channel.size, len(_PRINT_FORMATS))
    pairs = pain_pairs(f)
    places = audience_places(ctx)
    offer = offer_sentence(f, 200) or text.sentence(f.offer)
    cta = f"{cta_line(f)}, or scan the QR code."
    pieces = []
    for index in range(count):
        if index < len(pairs):
            pain, diff = pairs[index]
            headline = question(pain)
            body = f"{text.sentence(diff)} {offer}" if new_to(diff, offer) else offer
        else:
            diff = f.diff(index) or f.offer_name
            headline = fit(phrasings(diff) + offer_names(f), 45, banned) or f.brand
            headline = text.sentence(headline)
            body = f"{offer} {text.sentence(f.benefit(index))}"
        pieces.append(
            PrintPiece(
                format=_PRINT_FORMATS[index],
                headline=headline,
                body=body,
                cta=cta,
                placement=text.upper_first(places[index % len(places)]),
            )
        )
    older = bool(OLDER.search(f.audience))
    size = 14 if older else 12
    return PrintKit(
        channel=channel,
        pieces=tuple(pieces),
        accessibility=(
            f"Body text at {size} pt or larger"
            + (f", because {f.audience_short} include older readers" if older else "")
            + ", headlines at 28 pt or larger, in a plain sans-serif. Text and "
            "background at a contrast ratio of at least 4.5 to 1 (WCAG AA), never "
            f"over a photo. The web address {f.site} in full beside the QR code, for "
            "anyone who cannot scan it."
        ),
    )
