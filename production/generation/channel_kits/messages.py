"""The WhatsApp and SMS kits: an opt-in message sequence dated inside the campaign."""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from aicmo_site.writing import text, workdays
from aicmo_site.writing.facts import Facts
from production.generation.channel_kits.phrasing import (
    offer_parts,
    phrasings,
)
from production.generation.channel_kits.plan import (
    NUMBER_NAMES,
    SMS_MAX,
    SMS_STOP,
    FundedChannel,
    cta_line,
    funded_channels,
    go_live,
    new_to,
    offer_sentence,
    pain_pairs,
    question,
    spread,
    week_of,
    work_calendar,
)
from production.generation.context import DraftContext
from production.generation.markup import short_date

_GSM7 = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENDED = frozenset("^{}\\[~]|€")
# Typographic punctuation and its GSM-7 equivalent: a text keeps 160 characters
# when only its punctuation was outside the alphabet. Letters are never changed,
# so the client's name stays as written ("Zoë's Kitchen" needs Unicode).
_PLAIN = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‚": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "•": "-",
        "…": "...",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
UCS2_MAX = 70
UNICODE_NOTE = "Unicode text: 70 characters a message"


def sms_length(message: str) -> int | None:
    """Return a text's length in GSM-7 characters, or None if it needs Unicode.

    A Unicode character would make the text a 70-character message; extended
    characters such as ``€`` count twice.
    """
    length = 0
    for char in message:
        if char in _GSM7:
            length += 1
        elif char in _GSM7_EXTENDED:
            length += 2
        else:
            return None
    return length


def ucs2_length(message: str) -> int:
    """Return a text's length in UCS-2 (UTF-16) units, as a Unicode SMS counts it."""
    return len(message.encode("utf-16-le")) // 2


def needs_unicode(message: str) -> bool:
    """Whether a text holds a character outside GSM-7, which makes it Unicode."""
    return sms_length(message) is None


@dataclass(frozen=True, slots=True)
class Message:
    """One message of a sequence: when it goes, why, and its words."""

    when: str
    day: dt.date | None
    key: str
    purpose: str
    body: str


@dataclass(frozen=True, slots=True)
class MessageKit:
    """An opt-in WhatsApp or SMS sequence and the rules it runs under."""

    channel: FundedChannel
    messages: tuple[Message, ...]
    opt_in: str
    consent: str
    supply: str = ""
    """What the share pays for but the brief cannot fill yet; empty when nothing."""
    unicode: bool = False
    """Whether some text needs Unicode, and so holds 70 characters, not 160."""


_CONSENT_LAW = {
    "GB": "PECR and the UK GDPR",
    "US": "the TCPA, which asks for prior express written consent",
    "AU": "the Spam Act 2003",
    "CA": "CASL",
    "NZ": "the Unsolicited Electronic Messages Act 2007",
}
_EU = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
)


def consent_law(f: Facts) -> str:
    """The rules on marketing messages where the client works."""
    countries = [p.country for p in workdays.calendar_for(f.geo).places]
    for country in countries:
        if country in _CONSENT_LAW:
            return _CONSENT_LAW[country]
        if country in _EU:
            return "the GDPR and the ePrivacy rules"
    if re.search(r"\b(?:europe|eu)\b", f.geo, re.I):
        return "the GDPR and the ePrivacy rules"
    return f"the rules on marketing messages in {f.geo_phrase}"


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", re.sub(r"['’]", "", value.lower())).strip("_")


@dataclass(frozen=True, slots=True)
class _Idea:
    """A message the brief can fill: its opening and the substance that answers it.

    A short form may drop the opening or shorten the substance, never the
    substance itself: a question always comes with its answer.
    """

    key: str
    purpose: str
    opening: str
    substance: str
    standalone: bool = True
    """Whether the substance reads without the opening; an answer needs its question."""

    def body(self, cta: str) -> str:
        return " ".join(p for p in (self.opening, self.substance, cta) if p)


def _message_ideas(ctx: DraftContext) -> list[_Idea]:
    """The messages the brief can fill, in send order."""
    f = ctx.facts
    offer = offer_sentence(f, 200) or text.sentence(f.offer_name)
    first = next((d for d in f.diffs if new_to(d, offer)), None)
    if len(offer_parts(f.offer)) > 1 or not first:
        launch = " ".join(
            p for p in (offer, text.sentence(first) if first else "") if p
        )
    else:
        # An offer without terms is a name: the first reason to choose it follows.
        launch = f"{text.upper_first(f.brand_offer)}: {f.in_sentence(first)}."
    ideas = [_Idea("offer", f"Launches {f.offer_ref} with its terms", "", launch)]
    used = {first} if first else set()
    for pain, diff in pain_pairs(f):
        if diff not in used:
            used.add(diff)
            ideas.append(
                _Idea(
                    f"answer_{len(ideas)}",
                    f"Answers '{f.in_sentence(pain)}'",
                    question(pain),
                    text.sentence(diff),
                )
            )
    for faq in ctx.brief.faqs:
        asked = faq.question.strip().rstrip("?.") + "?"
        ideas.append(
            _Idea(
                f"faq_{len(ideas)}",
                f"Answers '{faq.question.strip()}'",
                text.upper_first(asked),
                text.sentence(faq.answer),
                standalone=False,
            )
        )
    for place in ctx.brief.locations:
        where = ", ".join(p for p in (place.name, place.address) if p)
        hours = f" Open {place.hours}." if place.hours else ""
        ideas.append(
            _Idea(
                f"visit_{len(ideas)}",
                f"Where to find {f.brand}: {place.name}",
                "",
                f"{text.upper_first(f.offer_name)} at {where}.{hours}",
            )
        )
    for date in ctx.brief.key_dates:
        if ctx.start <= date.date <= f.end:
            ideas.append(
                _Idea(
                    f"date_{len(ideas)}",
                    f"Ahead of {date.label}",
                    f"{text.upper_first(date.label)}: {date.date.day} {date.date:%B}.",
                    offer,
                )
            )
    for diff in f.diffs:
        if diff not in used:
            used.add(diff)
            ideas.append(
                _Idea(
                    f"reason_{len(ideas)}",
                    f"A reason to choose {f.brand}: {f.in_sentence(diff)}",
                    "",
                    text.sentence(diff)
                    if len(offer_parts(f.offer)) == 1
                    else f"{text.sentence(diff)} {offer}",
                )
            )
    return ideas


def number_name(count: int) -> str:
    return NUMBER_NAMES[count] if 0 <= count < len(NUMBER_NAMES) else str(count)


def _texts(count: int) -> str:
    return f"{number_name(count)} {'text' if count == 1 else 'texts'}"


def _whatsapp_welcome(f: Facts, follow: int, last: dt.date) -> str:
    count = number_name(follow)
    noun = "message" if follow == 1 else "messages"
    return (
        f"Thanks for joining {f.brand} on WhatsApp. Expect {count} more {noun} about "
        f"{f.offer_ref} until {last.day} {last:%B}, and nothing else. Reply STOP at "
        "any time to leave the list."
    )


def _sms_message(f: Facts, body: str) -> str:
    """One text: the sender's name, the body and the opt-out, in GSM-7 if it can."""
    return " ".join(f"{f.brand}: {body} {SMS_STOP}".translate(_PLAIN).split())


def _sms_fit(f: Facts, bodies: Iterable[str]) -> str | None:
    """The first body that fits one SMS with the sender's name and the opt-out.

    A GSM-7 text holds 160 characters. When no body fits in GSM-7, because the
    client's name or words hold a letter outside it ("Zoë"), the first body that
    fits a 70-character Unicode text is used.
    """
    messages = [_sms_message(f, body) for body in bodies]
    for message in messages:
        length = sms_length(message)
        if length is not None and length <= SMS_MAX:
            return message
    return next((m for m in messages if ucs2_length(m) <= UCS2_MAX), None)


def _sms_bodies(f: Facts, idea: _Idea) -> list[str]:
    """Shorter forms of a message for SMS, richest first; each keeps its substance.

    The offer keeps as many of its terms as the text has room for. The forms
    without the link come last, for a 70-character Unicode text.
    """
    link = f.site
    room = SMS_MAX - len(f"{f.brand}:  {link} {SMS_STOP}")
    if idea.key == "offer":
        bare = UCS2_MAX - len(f"{f.brand}:  {SMS_STOP}")
        offers = [offer_sentence(f, limit) for limit in (room, room - 1)]
        forms = [f"{o} {link}" for o in dict.fromkeys([idea.substance, *offers]) if o]
        short = offer_sentence(f, bare)
        return forms + ([short] if short else [])
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", idea.substance) if s]
    shorter = [text.sentence(p) for p in phrasings(sentences[0])] if sentences else []
    forms = [
        f"{idea.opening} {idea.substance}",
        f"{idea.opening} {sentences[0] if sentences else ''}",
        *(f"{idea.opening} {s}" for s in shorter),
        *([idea.substance, *shorter] if idea.standalone else []),
    ]
    if not idea.substance:
        return []
    linked = [f"{form} {link}" for form in forms]
    return [" ".join(form.split()) for form in [*linked, *forms]]


def _sms_welcome(f: Facts, follow: int, last: dt.date) -> str | None:
    """The opt-in text: how many texts follow, about what and until when."""
    until = f"until {last.day} {last:%b}"
    if not follow:
        thanks = "Thanks for signing up."
        return _sms_fit(f, [f"{thanks} {f.site}", thanks])
    count = text.upper_first(_texts(follow))
    return _sms_fit(
        f,
        [
            f"Thanks for signing up. {count} about {f.offer_ref} {until}, "
            "nothing else.",
            f"Thanks for signing up. {count} {until}, nothing else.",
            f"Thanks! {count} {until}.",
            f"{count} {until}.",
        ],
    )


def message_kit(ctx: DraftContext, channel: FundedChannel) -> MessageKit:
    """Write the opt-in message sequence for WhatsApp or SMS, dated in the campaign."""
    f = ctx.facts
    cal = work_calendar(f)
    starts, _ = go_live(ctx)
    last = workdays.working_day_on_or_before(f.end, cal)
    ideas = _message_ideas(ctx)
    sms = channel.kind == "sms"
    cta = text.sentence(cta_line(f))
    dated: list[tuple[_Idea, str]] = []
    too_long = 0
    for idea in ideas:
        if len(dated) >= channel.size - 1:
            break
        body = _sms_fit(f, _sms_bodies(f, idea)) if sms else idea.body(cta)
        if body:
            dated.append((idea, body))
        else:
            too_long += 1
    days = spread(starts, last, len(dated), cal)
    messages = []
    follow = len(dated)
    if sms:
        welcome = _sms_welcome(f, follow, last)
    else:
        welcome = _whatsapp_welcome(f, follow, last)
    if welcome:
        messages.append(
            Message(
                when="On opt-in",
                day=None,
                key="welcome",
                purpose="Confirms the opt-in and says how many messages follow",
                body=welcome,
            )
        )
    for (idea, body), day in zip(dated, days, strict=True):
        messages.append(
            Message(
                when=f"Week {week_of(ctx, day)}, {short_date(day)}",
                day=day,
                key=idea.key,
                purpose=idea.purpose,
                body=body,
            )
        )
    unicode = sms and any(needs_unicode(m.body) for m in messages)
    kind = "text" if sms else "WhatsApp"
    sources = [f"a tick box on {f.site} that names {f.brand} and {kind} messages"]
    offline = {c.kind for c in funded_channels(ctx)} & {"events", "print"}
    if offline:
        where = text.join_and(
            [
                w
                for k, w in (("print", "printed pieces"), ("events", "events"))
                if k in offline
            ]
        )
        sources.append(f"the QR code on {where}")
    minors = (
        " Messages go to parents and carers only, never to anyone under 18."
        if f.profile.minors
        else ""
    )
    return MessageKit(
        channel=channel,
        messages=tuple(messages),
        opt_in=f"People join through {text.join_and(sources, 'or')}.",
        consent=(
            f"Send only to people who asked for {kind} messages from {f.brand}: "
            "keep the date, the wording they agreed to and where they agreed. "
            f"The rules that apply: {consent_law(f)}. A STOP reply ends all "
            "messages at once, and no message goes before 9:00 or after 20:00."
            f"{minors}"
        ),
        supply=_supply(channel.size - 1 - len(dated), sms, too_long > 0, unicode),
        unicode=unicode,
    )


def _supply(missing: int, sms: bool, too_long: bool, unicode: bool) -> str:
    """Say how many more messages the share pays for than the brief can fill.

    When some of the brief's points were too long for one text, the client is
    asked for shorter ones, not for substance it already gave.
    """
    if missing <= 0:
        return ""
    noun = "text" if sms else "message"
    count = text.upper_first(
        f"{number_name(missing)} more {noun if missing == 1 else noun + 's'}"
    )
    if too_long:
        size = f"{UCS2_MAX}-character Unicode" if unicode else f"{SMS_MAX}-character"
        return (
            f"{count}, once the client gives shorter points: some of the brief's "
            f"do not fit one {size} text with the sender's name and the opt-out."
        )
    return (
        f"{count}, once the client gives the substance: questions "
        "customers ask with their answers, proof points or key dates."
    )
