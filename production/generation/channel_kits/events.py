"""The events kit: trade fair stands, open days and pop-up stands, run one way."""

import datetime as dt
import re
from dataclasses import dataclass

from production.generation.channel_kits.phrasing import (
    capitalise,
    offer_parts,
)
from production.generation.channel_kits.plan import (
    FundedChannel,
    audience_places,
    brief_places,
    go_live,
    offer_sentence,
    spread,
    week_of,
    work_calendar,
)
from production.generation.context import DraftContext
from production.generation.kpi_text import target_text
from production.generation.markup import short_date


@dataclass(frozen=True, slots=True)
class EventPlan:
    """One event: what it is, when and where, what to bring and how leads follow."""

    title: str
    when: str
    where: str
    bring: tuple[str, ...]
    capture: str
    follow_up: str
    demo: str = ""
    meetings: str = ""
    supply: str = ""
    """What the client must still supply (the fair's name, the venue); may be empty."""
    safeguarding: str = ""


@dataclass(frozen=True, slots=True)
class EventKit:
    """The events a funded events channel pays for."""

    channel: FundedChannel
    kind: str
    events: tuple[EventPlan, ...]


def _event_kind(ctx: DraftContext) -> str:
    """The kind of event that suits the brief's family and objective."""
    f = ctx.facts
    family = f.profile.family
    if f.objective == "Hiring":
        return "open_day"
    if f.b2b and f.objective in ("Partnerships", "Sales", "Leads"):
        return "trade_fair"
    if f.objective == "Retention":
        return "members"
    if family == "public_sector_health":
        return "information"
    if family == "education":
        return "open_evening"
    return "pop_up"


_EVENT_TITLES = {
    "trade_fair": "Trade fair stand",
    "open_evening": "Open evening",
    "open_day": "Recruitment open day",
    "members": "Members' evening",
    "information": "Pop-up information stand",
    "pop_up": "Pop-up stand",
}
_EVENT_WORDS = re.compile(
    r"\b(?:fair|expo|show|exhibition|event|open day|summit)\b", re.I
)


def _event_dates(ctx: DraftContext, count: int, notice: int) -> list[tuple[str, str]]:
    """When each event runs: the brief's own event dates first, then spread weeks.

    A spread event leaves ``notice`` days from the campaign's start to book it (and,
    for a trade fair, to send the meeting invitations), and a week after go-live.
    """
    f = ctx.facts
    found = [
        (f"{d.date.day} {d.date:%B %Y}", d.label)
        for d in ctx.brief.key_dates
        if ctx.start <= d.date <= f.end and _EVENT_WORDS.search(d.label)
    ][:count]
    starts, _ = go_live(ctx)
    cal = work_calendar(f)
    first = max(starts + dt.timedelta(days=7), ctx.start + dt.timedelta(days=notice))
    weeks = spread(min(first, f.end), f.end, count - len(found), cal)
    for day in weeks:
        monday = day - dt.timedelta(days=day.weekday())
        found.append((f"Week {week_of(ctx, day)}, from {short_date(monday)}", ""))
    return found


def _trade_fair(ctx: DraftContext, when: str, label: str) -> EventPlan:
    """A trade fair stand: samples or a live demo, the partner terms, meetings."""
    f = ctx.facts
    parts = offer_parts(f.offer)
    terms = "; ".join(f.in_sentence(p) for p in parts[1:]) or f.in_sentence(f.offer)
    proof = [f.in_sentence(d) for d in f.diffs]
    software = f.profile.family == "saas"
    sample = (
        f"A laptop running {f.offer_ref}, ready for a live demo"
        if software
        else f"Samples of the {f.offer_short} to handle"
    )
    meeting_kpi = next(
        (k for k in ctx.kpis if re.search(r"meeting", k.name, re.I)), None
    )
    target = (
        f" They count toward the {target_text(meeting_kpi)} in the KPI plan."
        if meeting_kpi
        else ""
    )
    stock = (
        "the product lines they stock"
        if f.objective == "Partnerships"
        else "their team size and what they use today"
    )
    return EventPlan(
        title=_EVENT_TITLES["trade_fair"],
        when=when,
        where=label or f"A trade fair for {f.industry} in {f.geo_phrase}",
        bring=(
            sample,
            f"A one-page sheet with the terms: {terms}",
            *(f"Proof on paper: {p}" for p in proof[:2]),
            "A tablet with the meeting form, working offline",
        ),
        capture=(
            "Scan each visitor's badge or fill in the meeting form: name, company, "
            f"country, role and {stock}."
        ),
        follow_up=(
            "Within two working days: a personal email from the person they met, "
            "with the notes from the stand and two meeting times."
        ),
        demo=(
            f"A ten-minute demo at the stand: {proof[0]}, shown on "
            + ("the live product." if software else "a sample and its paperwork.")
            if proof
            else f"A ten-minute demo of the {f.offer_short} at the stand."
        ),
        meetings=(
            "Twenty-minute meetings booked before the fair, through a booking page on "
            f"{f.site} sent to the shortlist four weeks ahead.{target}"
        ),
        supply=""
        if label
        else (
            "The fair's name, city, dates and stand size: a fair that "
            f"{f.audience_short} attend in this window."
        ),
    )


def spot_in_place(spot: str, place: str) -> str:
    """Name where a stand goes, with the city unless the spot already names it.

    "Shops and noticeboards" in Leeds gives "Shops and noticeboards in Leeds";
    "Shops and noticeboards in Leeds" stays as it is.
    """
    where = capitalise(spot)
    if not place or re.search(rf"\b{re.escape(place)}\b", spot, re.IGNORECASE):
        return where
    return f"{where} in {place}"


def _local_event(
    ctx: DraftContext, kind: str, index: int, when: str, label: str
) -> EventPlan:
    """A stand, open day or evening where the audience already is."""
    f = ctx.facts
    places = brief_places(ctx)
    spots = audience_places(ctx)
    where = label or (
        places[index % len(places)]
        if places
        else spot_in_place(spots[index % len(spots)], f.place if f.is_city else "")
    )
    proof = [f.in_sentence(d) for d in f.diffs[:2]]
    bring = (
        f"Printed cards with the offer: {f.in_sentence(f.offer).replace(';', ',')}",
        *(f"Show, not tell: {p}" for p in proof),
        f"A QR code to {f.site}",
    )
    if kind == "information":
        capture = (
            "No personal data taken at the stand: count conversations and cards "
            f"handed out, and the QR code's visits to {f.site}."
        )
        follow = (
            "Within two working days: the stand's numbers in the weekly report, and "
            f"its next dates on {f.site}."
        )
    else:
        capture = (
            f"The QR code opens a short form on {f.site}: name, email and a tick box "
            f"for news from {f.brand}, with the date and wording kept."
        )
        follow = (
            "Within one working day: a thank-you email that repeats the offer, "
            f"{f.in_sentence(offer_sentence(f, 200) or f.offer)}"
        )
    safeguarding = (
        "Under-18s attend with a parent or carer, and no one under 18 is "
        "photographed without a parent's written consent."
        if f.profile.minors
        else ""
    )
    return EventPlan(
        title=_EVENT_TITLES[kind],
        when=when,
        where=where,
        bring=bring,
        capture=capture,
        follow_up=follow,
        supply="" if places or label else "The venue and its date.",
        safeguarding=safeguarding,
    )


def event_kit(ctx: DraftContext, channel: FundedChannel) -> EventKit:
    """Plan the events the share pays for, from the brief's offer, proof and places."""
    kind = _event_kind(ctx)
    events = [
        _trade_fair(ctx, when, label)
        if kind == "trade_fair"
        else _local_event(ctx, kind, index, when, label)
        for index, (when, label) in enumerate(
            _event_dates(ctx, channel.size, 28 if kind == "trade_fair" else 14)
        )
    ]
    return EventKit(channel=channel, kind=kind, events=tuple(events))
