"""Outreach plans: the personalised message sequence for a lead, and its send times.

Pure functions of their inputs (no database, no clock, no randomness), so the same lead,
campaign, start time and campaign load always give a byte-identical plan.

The sequence (:data:`SEQUENCE`), per channel, with each step's day counted from the day
of the channel's first message:

* email: ``intro`` (day 0), ``follow_up`` (day 3), ``break_up`` (day 7);
* LinkedIn: ``connection_note`` (day 0, at most 300 characters, LinkedIn's limit) and
  ``follow_up`` (day 5).

Send times: messages go out on weekdays (Monday to Friday) inside the campaign's send
window, in its time zone. The first send day is the planning day when its window has
not started yet, else the next weekday. A step that falls on a weekend moves to the
next weekday. The campaign's ``daily_send_cap`` counts every message of the campaign on
a day, whatever the lead or channel: a full day pushes the message to the next weekday
with room. A day has ``cap`` slots, slot k (counting from 0) at ``window start +
k x (window length / cap)``, so a day's messages spread evenly and never leave the
window; a message takes the first slot no other message of the day holds (a cancelled
message frees its slot), so no two messages share a send time.

Banned words (whole word, case-insensitive, as QC matches them): every sentence has
alternative phrasings and the first one free of banned words is used; the campaign's
niche and offer and the lead's role and pain points are rephrased with
:func:`aicmo_site.writing.text.scrub`. Mid-sentence, the role reads in lower case
except its acronyms (``Practice Owner`` → ``practice owner``, ``VP of Sales`` → ``VP of
sales``; :func:`role_phrase`). A banned word in the lead's name or company
cannot be rephrased: :class:`cam.errors.BannedWordInOutreach` is raised.
"""

import datetime as dt
import re
import zoneinfo
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from aicmo_site.writing import facts, text
from cam.dto import OutreachChannel
from cam.errors import BannedWordInOutreach

LINKEDIN_NOTE_MAX_CHARS = 300
SEND_WEEKDAYS = frozenset(range(5))  # Monday to Friday
_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "prof", "sir"})
_PAIN_SPLIT = re.compile(r"[;\n]")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One step of the sequence: its channel, name and day offset."""

    channel: OutreachChannel
    name: str
    offset_days: int


SEQUENCE: tuple[Step, ...] = (
    Step(channel=OutreachChannel.EMAIL, name="intro", offset_days=0),
    Step(channel=OutreachChannel.EMAIL, name="follow_up", offset_days=3),
    Step(channel=OutreachChannel.EMAIL, name="break_up", offset_days=7),
    Step(channel=OutreachChannel.LINKEDIN, name="connection_note", offset_days=0),
    Step(channel=OutreachChannel.LINKEDIN, name="follow_up", offset_days=5),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Prospect:
    """What the copy may say about the lead."""

    name: str
    company: str
    role: str
    pain_points: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Pitch:
    """What the copy may say about the campaign, and the words it must avoid."""

    niche: str
    offer: str
    banned_words: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SendWindow:
    """When a campaign's messages may go out."""

    timezone: str
    start: dt.time
    end: dt.time
    daily_cap: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft:
    """A composed message, not yet scheduled."""

    position: int
    step: Step
    subject: str
    body: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Scheduled:
    """A composed message with its send time (UTC) and local send day."""

    draft: Draft
    scheduled_for: dt.datetime
    send_date: dt.date


# --- copy -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Words:
    first: str
    company: str
    who: str
    role: str
    niche: str
    offer: str
    topic: str
    relief: str | None


def _contains_banned(value: str, banned: Sequence[str]) -> str | None:
    for word in banned:
        if text.banned_pattern(word).search(value):
            return word
    return None


def _first_name(name: str) -> str:
    words = text.clean(name).split()
    if len(words) > 1 and words[0].rstrip(".").lower() in _HONORIFICS:
        return f"{words[0]} {words[-1]}"
    return words[0] if words else name.strip()


def role_phrase(role: str) -> str:
    """Return a job title as it reads mid-sentence: ``Sales Lead`` → ``sales lead``.

    Every capitalised word (``Owner``, ``Co-Founder``) is lower-cased; acronyms
    (``CEO``, ``VP``, ``R&D``), single letters and words with inner capitals (``iOS``,
    ``McKinsey``) keep their case.
    """

    def lower(match: re.Match[str]) -> str:
        word = match[0]
        if len(word) > 1 and word[0].isupper() and word[1:].islower():
            return word.lower()
        return word

    return _LETTERS.sub(lower, role)


def _words(prospect: Prospect, pitch: Pitch) -> _Words:
    banned = pitch.banned_words
    first = _first_name(prospect.name)
    company = text.clean(prospect.company)
    for field, value in (("name", first), ("company", company)):
        word = _contains_banned(value, banned)
        if word is not None:
            raise BannedWordInOutreach(
                f"The lead's {field} {value!r} contains the campaign's banned word "
                f"{word!r}; a name cannot be rephrased, so no plan was made.",
                extra={"field": field, "word": word},
            )

    def phrase(
        field: str,
        value: str,
        *,
        required: bool,
        case: Callable[[str], str] = text.lower_first,
    ) -> str:
        cleaned = case(text.scrub(text.clean(value), banned).strip())
        if required and not cleaned:
            raise BannedWordInOutreach(
                f"The campaign's {field} is made only of banned words.",
                extra={"field": field},
            )
        return cleaned

    pains = [
        p for p in (text.clean(x) for x in _PAIN_SPLIT.split(prospect.pain_points)) if p
    ]
    pain = phrase("pain_points", pains[0], required=False) if pains else ""
    offer = phrase("offer", pitch.offer, required=True)
    relief = facts.pain_relief(pain) if pain else None
    if relief is not None and _contains_banned(relief, banned):
        relief = None
    return _Words(
        first=first,
        company=company,
        who=company or "your team",
        role=phrase("role", prospect.role, required=False, case=role_phrase),
        niche=phrase("niche", pitch.niche, required=True),
        offer=offer,
        topic=facts.pain_np(pain) if pain else offer,
        relief=relief,
    )


def _pick(options: Iterable[str], banned: Sequence[str], what: str) -> str:
    options = list(options)
    for option in options:
        if _contains_banned(option, banned) is None:
            return option
    word = _contains_banned(options[-1], banned)
    raise BannedWordInOutreach(
        f"Every phrasing of the {what} uses a banned word ({word!r}).",
        extra={"field": what, "word": word},
    )


def _greeting(w: _Words, banned: Sequence[str]) -> str:
    return _pick(
        (f"Hi {w.first},", f"Hello {w.first},", f"Dear {w.first},"), banned, "greeting"
    )


def _opening(w: _Words, banned: Sequence[str]) -> str:
    if w.topic != w.offer:  # the lead stated a pain point
        if w.role and w.company:
            options = (
                f"As {w.role} at {w.company}, you will know that many {w.niche} "
                f"struggle with {w.topic}.",
                f"As {w.role} at {w.company}, you will know that many {w.niche} "
                f"wrestle with {w.topic}.",
            )
        else:
            options = (
                f"Many {w.niche} struggle with {w.topic}, and {w.who} may be feeling "
                "it too.",
                f"Many {w.niche} wrestle with {w.topic}, and {w.who} may be seeing "
                "the same.",
            )
    elif w.role and w.company:
        options = (
            f"As {w.role} at {w.company}, you will know how hard it is for "
            f"{w.niche} to grow without the right support.",
            f"As {w.role} at {w.company}, you will know what it takes for "
            f"{w.niche} to keep growing.",
        )
    elif w.company:
        options = (
            f"I work with {w.niche} like {w.company}, and I think there is a fit.",
            f"My work is with {w.niche} like {w.company}, and there may be a fit.",
        )
    else:
        options = (
            f"I work with {w.niche}, and I think there is a fit.",
            f"My work is with {w.niche}, and there may be a fit.",
        )
    return _pick(options, banned, "opening")


def _intro(w: _Words, banned: Sequence[str]) -> tuple[str, str]:
    subject = _pick(
        (f"An idea for {w.who}", f"A thought for {w.who}", f"For {w.who}"),
        banned,
        "intro subject",
    )
    offer_line = _pick(
        (
            f"What we do for {w.niche}: {w.offer}.",
            f"Our work for {w.niche}: {w.offer}.",
        ),
        banned,
        "offer line",
    )
    cta = _pick(
        (
            f"Would a 15-minute call next week be useful to see whether it fits "
            f"{w.who}?",
            f"Are you open to a short conversation next week to see whether it fits "
            f"{w.who}?",
            f"Shall I send over two examples of how this works for {w.niche}?",
        ),
        banned,
        "call to action",
    )
    body = "\n\n".join(
        (_greeting(w, banned), f"{_opening(w, banned)} {offer_line}", cta)
    )
    return subject, body


def _follow_up(w: _Words, banned: Sequence[str], intro_subject: str) -> tuple[str, str]:
    place = f" at {w.company}" if w.company else ""
    opener = _pick(
        (
            f"A short follow-up on my note about {w.topic}.",
            f"Following up on my last email about {w.topic}.",
        ),
        banned,
        "follow-up opener",
    )
    if w.relief:
        goals = (
            f"The goal for {w.who} would be simple: {w.relief}.",
            f"For {w.who}, the aim would be simple: {w.relief}.",
        )
    else:
        goals = (
            f"The goal would be simple: our {w.offer} paying for itself{place}.",
            f"The aim would be simple: our {w.offer} paying for itself{place}.",
        )
    goal = _pick(goals, banned, "follow-up goal")
    cta = _pick(
        (
            "Is this on your list for this quarter? A one-line reply is enough.",
            "Is this a priority this quarter? A one-line answer is enough.",
        ),
        banned,
        "follow-up question",
    )
    body = "\n\n".join((_greeting(w, banned), f"{opener} {goal}", cta))
    return f"Re: {intro_subject}", body


def _break_up(w: _Words, banned: Sequence[str]) -> tuple[str, str]:
    subject = _pick(
        (f"Closing the loop, {w.first}", f"Last note, {w.first}"),
        banned,
        "break-up subject",
    )
    assume = _pick(
        (
            f"I have not heard back, so I will assume now is not the right time for "
            f"{w.who} to look at {w.topic}.",
            f"As I have not heard back, I take it that {w.topic} can wait at "
            f"{w.who} for now.",
        ),
        banned,
        "break-up line",
    )
    door = _pick(
        (
            f"If that changes, reply to this email and I will send you the details "
            f"of our {w.offer}.",
            f"Should that change, a reply to this email is all it takes to hear "
            f"more about our {w.offer}.",
        ),
        banned,
        "break-up offer",
    )
    thanks = _pick(
        ("Thank you for your time.", "Thanks for reading."), banned, "thanks"
    )
    body = "\n\n".join((_greeting(w, banned), f"{assume} {door}", thanks))
    return subject, body


def _connection_note(w: _Words, banned: Sequence[str]) -> str:
    place = f" at {w.company}" if w.company else ""
    options = [
        f"Hi {w.first}, I work with {w.niche} on {w.topic} and would be glad to "
        f"connect with you{place}.",
        f"Hello {w.first}, I work with {w.niche} on {w.topic}; it would be good to "
        f"connect.",
        f"Hi {w.first}, I work with {w.niche} and would be glad to connect.",
        f"Hello {w.first}, I work with {w.niche}; it would be good to connect.",
    ]
    fitting = [o for o in options if len(o) <= LINKEDIN_NOTE_MAX_CHARS]
    if fitting:
        return _pick(fitting, banned, "connection note")
    note = _pick(options[2:], banned, "connection note")
    cut = note[: LINKEDIN_NOTE_MAX_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def _linkedin_follow_up(w: _Words, banned: Sequence[str]) -> str:
    place = f" at {w.company}" if w.company else ""
    thanks = _pick(
        (f"Thanks for connecting, {w.first}.", f"Good to be connected, {w.first}."),
        banned,
        "LinkedIn thanks",
    )
    through = f", through our {w.offer}" if w.topic != w.offer else ""
    helps = _pick(
        (
            f"I help {w.niche} with {w.topic}{through}.",
            f"My work with {w.niche} is on {w.topic}{through}.",
        ),
        banned,
        "LinkedIn pitch",
    )
    ask = _pick(
        (
            f"Would you be open to a short call next week to see whether it fits "
            f"your work{place}?",
            f"Would a short conversation next week be useful for your work{place}?",
        ),
        banned,
        "LinkedIn question",
    )
    return f"{thanks} {helps} {ask}"


def compose(prospect: Prospect, pitch: Pitch) -> tuple[Draft, ...]:
    """Write the lead's messages, in :data:`SEQUENCE` order.

    Raises:
        BannedWordInOutreach: a banned word is in the lead's name or company, or
            every phrasing of a sentence uses one.
    """
    banned = tuple(word for word in pitch.banned_words if word.strip())
    w = _words(prospect, pitch)
    intro_subject, intro_body = _intro(w, banned)
    follow_subject, follow_body = _follow_up(w, banned, intro_subject)
    break_subject, break_body = _break_up(w, banned)
    copy = (
        (intro_subject, intro_body),
        (follow_subject, follow_body),
        (break_subject, break_body),
        ("", _connection_note(w, banned)),
        ("", _linkedin_follow_up(w, banned)),
    )
    drafts = tuple(
        Draft(position=index, step=step, subject=subject, body=text.tidy(body))
        for index, (step, (subject, body)) in enumerate(
            zip(SEQUENCE, copy, strict=True), 1
        )
    )
    for draft in drafts:
        word = _contains_banned(f"{draft.subject}\n{draft.body}", banned)
        if word is not None:  # every phrasing above was checked; a last safeguard
            raise BannedWordInOutreach(
                f"The {draft.step.channel} {draft.step.name} message would contain "
                f"the banned word {word!r}.",
                extra={"field": draft.step.name, "word": word},
            )
    return drafts


# --- send times ---------------------------------------------------------------------


def _next_send_day(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() not in SEND_WEEKDAYS:
        day += dt.timedelta(days=1)
    return day


def _send_day_on_or_after(day: dt.date) -> dt.date:
    return day if day.weekday() in SEND_WEEKDAYS else _next_send_day(day)


def first_send_day(start: dt.datetime, window: SendWindow) -> dt.date:
    """Return the first send day: today if its window has not started, else the next."""
    local = start.astimezone(zoneinfo.ZoneInfo(window.timezone))
    today = local.date()
    if today.weekday() in SEND_WEEKDAYS and local.time() < window.start:
        return today
    return _next_send_day(today)


def slot_seconds(window: SendWindow) -> int:
    """Return the seconds between two messages of one day: the window over the cap."""
    length = dt.datetime.combine(dt.date.min, window.end) - dt.datetime.combine(
        dt.date.min, window.start
    )
    return int(length.total_seconds()) // window.daily_cap


def schedule(
    drafts: Sequence[Draft],
    *,
    window: SendWindow,
    start: dt.datetime,
    taken: Mapping[dt.date, Collection[dt.datetime]],
) -> tuple[Scheduled, ...]:
    """Give each draft a send time; ``taken`` is the campaign's load per day.

    Args:
        drafts: The messages, in sequence order.
        window: The campaign's send window and daily cap.
        start: When planning happens (aware); nothing is sent before the first
            window that has not started yet.
        taken: The send times (aware) the campaign's messages already hold, per
            local day. A day holding ``daily_cap`` of them is full; otherwise a
            message takes the day's first slot whose time is free, so two messages
            never share a time, even after a cancellation freed an earlier slot.

    Returns:
        The drafts with their times, in the order given.
    """
    zone = zoneinfo.ZoneInfo(window.timezone)
    busy = {day: set(times) for day, times in taken.items()}
    spacing = dt.timedelta(seconds=slot_seconds(window))
    anchor = first_send_day(start, window)
    first_day: dict[OutreachChannel, dt.date] = {}
    previous_day: dict[OutreachChannel, dt.date] = {}
    scheduled = []
    for draft in drafts:
        channel = draft.step.channel
        if channel not in first_day:
            day = anchor
        else:
            wanted = first_day[channel] + dt.timedelta(days=draft.step.offset_days)
            # After an overflow a step never goes before, or on the day of, the last.
            day = _send_day_on_or_after(
                max(wanted, previous_day[channel] + dt.timedelta(days=1))
            )
        while len(busy.get(day, ())) >= window.daily_cap:
            day = _next_send_day(day)
        day_busy = busy.setdefault(day, set())
        opens = dt.datetime.combine(day, window.start, tzinfo=zone)
        # Fewer than daily_cap times are taken, so one of the cap's slots is free.
        send_at = next(
            at
            for slot in range(window.daily_cap)
            if (at := (opens + slot * spacing).astimezone(dt.UTC)) not in day_busy
        )
        day_busy.add(send_at)
        first_day.setdefault(channel, day)
        previous_day[channel] = day
        scheduled.append(Scheduled(draft=draft, scheduled_for=send_at, send_date=day))
    return tuple(scheduled)
