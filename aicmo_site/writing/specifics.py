"""The selling specifics of a brief: prices, discounts, numbers, standards and terms.

A director expects "first bag 50% off", "£28 per session", "PN 160" or "no appointment
needed" in the posts, because those are what sell. This module finds them in the
offer and the differentiators, exactly as the client wrote them, each with the clause
of the brief it sits in, so copy can quote the clause whole rather than a fragment.

``clauses`` splits a brief phrase into its parts ("Roaster's Choice Subscription",
"first bag 50% off", "then £9.50 per bag", "cancel anytime") without breaking a list
("Pause, skip or cancel in two clicks" stays one part). ``specifics`` finds the
specifics in one phrase; ``offer_specifics`` in the offer, then each differentiator.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from aicmo_site.writing import text

KINDS = ("standard", "price", "percent", "time", "duration", "quantity", "term")

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    "thirty|forty|fifty|sixty|hundred"
)
_NUMBER = rf"(?:\d[\d,]*(?:\.\d+)?|(?:{_NUMBER_WORDS}))"
_RANGE = rf"{_NUMBER}(?:\s?[-–]\s?\d[\d,]*|\s(?:to|or)\s{_NUMBER})?"
_TIME_UNITS = r"(?:second|minute|min|hour|hr|day|night|week|fortnight|month|year)s?"
_CURRENCY_CODES = r"(?:EUR|USD|GBP|AUD|CAD|CHF|NZD|SEK|NOK|DKK|PLN|INR|JPY|SGD)"
_STANDARD_CODES = (
    r"(?:ISO|IEC|EN|DIN|ANSI|ASME|API|BS|PN|DN|NPS|ATEX|SIL|IP|UL|SOC|HIPAA|PCI)"
)
# The first pattern of a kind to claim a stretch of text keeps it: a price is not
# also a quantity, a "30-day free trial" not also a lone "free".
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "standard",
        re.compile(
            rf"\b{_STANDARD_CODES}\s?\d[\d.:/]*(?:\s?[-–]\s?\d+)?(?:\s?DSS)?\b"
            rf"|\b[A-Z]{{2,6}}(?:,?\s(?:and|or|&)\s[A-Z]{{2,6}})*\sstandards?\b"
            r"|\b\d+(?:\.\d+)+\s(?:[a-z]+\s)?certificates?\b"
        ),
    ),
    (
        "price",
        re.compile(
            rf"(?:[£$€¥]\s?\d[\d,]*(?:\.\d+)?|\b{_CURRENCY_CODES}\s?\d[\d,]*"
            r"(?:\.\d+)?)(?:\s?(?:k|m|bn)\b)?"
            r"(?:\s(?:per|a|an|each|every)\s[a-z][a-z-]*)?"
        ),
    ),
    (
        "percent",
        re.compile(
            r"\b\d+(?:\.\d+)?\s?%(?:\s(?:off\b|(?:[a-z]+\s)?(?:margin|discount|"
            r"saving|savings|cashback|commission|rebate|off)\b))?"
        ),
    ),
    (
        "time",
        re.compile(
            r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b"
            r"(?:\s?(?:to|-|–|until)\s?\d{1,2}(?::\d{2})?\s?(?:am|pm)\b)?"
            r"|\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|weekend|evening)s?"
            r"(?:\s(?:and|or|&)\s(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
            r"weekend|evening)s?)?\s(?:appointments?|opening|classes|sessions)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "duration",
        re.compile(
            rf"\b(?:(?:within|in|every|under|over|for|after)\s)?{_RANGE}"
            rf"[- ]{_TIME_UNITS}\b"
            r"(?:\s(?:free\s)?(?:lead time|turnaround|trial|week|ahead|notice)\b)?",
            re.IGNORECASE,
        ),
    ),
    (
        "quantity",
        re.compile(
            rf"\b{_RANGE}\s?(?:g|kg|km|mi|ml|cl|l|cm|mm|m|oz|lb|kWh|MW|bar)\b"
            rf"|\b(?:groups?|teams?|classes|batches) of (?:up to )?{_NUMBER}\b"
            # A school year or an age is not a count: "Year 11 students", "aged 2-3".
            r"|(?<![Yy]ear )(?<![Gg]rade )(?<!aged )(?<!over )(?<!under )"
            rf"\b{_RANGE}\+?\s(?:[a-z][a-z-]*\s)?(?:[a-z][a-z-]*[a-rt-z]s|staff|"
            r"people)\b(?:\sper\s[a-z]+)?",
            re.IGNORECASE,
        ),
    ),
    (
        "term",
        re.compile(
            r"\bno\s(?:[a-z-]+\s){1,2}(?:needed|required)\b"
            r"|\bno\s(?:[a-z-]+\s)?(?:contract|commitment|obligation|fees?|sales|"
            r"surprises?|lock-in)\b"
            r"|\bcancel\s(?:any\s?time|at any time)\b"
            r"|\bfree\s(?:trial|rebooking|delivery|shipping|returns|cancellation|"
            r"consultation|parking|collection)\b"
            r"|\bprotected\sterritor(?:y|ies)\b"
            r"|\bfixed[- ]price\b"
            r"|\bfree\b",
            re.IGNORECASE,
        ),
    ),
)
# Words that join a clause to the one before it: "then £9.50 per bag" sells as
# "£9.50 per bag".
_LINKING = re.compile(r"^(?:then|and|plus|with|also|after that|after which)\s+", re.I)
_SEPARATORS = re.compile(r"^(?:[\s,;:.)]+|[-–—]\s+)+")
# A part that opens with one of these is not copy on its own.
_FOR = re.compile(r"^for\s", re.IGNORECASE)
_TO = re.compile(r"^(?:to|towards)\s", re.IGNORECASE)
_PLUS = re.compile(r"\s(?:plus|\+)\s", re.IGNORECASE)
_THOUSANDS = re.compile(r"(\d),(\d{3})\b")
_HIDDEN_COMMA = "\u2063"
# A product name written before its terms: "Roaster's Choice Subscription: first …".
PRODUCT_NAME = re.compile(r"^[^:;,()]{2,60}:\s")


@dataclass(frozen=True, slots=True)
class Specific:
    """One specific of the brief, as written: ``text`` sits inside ``clause``.

    ``kind`` is one of ``KINDS``; ``source`` is "offer" or "differentiator", and
    ``index`` the differentiator's position in the brief (0 for the offer).
    """

    text: str
    kind: str
    clause: str
    source: str
    index: int = 0

    @property
    def selling_line(self) -> str:
        """The clause without the word that linked it to the one before."""
        return bare(self.clause)


def bare(clause: str) -> str:
    """Return ``clause`` without a leading "then", "and" or "plus"."""
    return _LINKING.sub("", clause.strip()).strip()


def clauses(phrase: str) -> tuple[str, ...]:
    """Split a brief phrase into its clauses, each exactly as written.

    A clause ends at ``:``, ``;``, a dash, a bracket and a comma that does not sit
    inside a list ("Adults over 65, carers and parents" stays whole). Words in
    brackets make a clause of their own.
    """
    # A thousands comma ("EUR 250,000") is not a clause break: hide it while
    # splitting.
    rest = _THOUSANDS.sub(r"\1" + _HIDDEN_COMMA + r"\2", text.clean(phrase))
    rest = rest.replace("(", "; ").replace(")", "")
    found: list[str] = []
    while rest:
        head = text.lead(rest)
        if not head:
            break
        at = rest.find(head)
        cut = head.strip(" ,;:")
        if cut:
            found.append(cut.replace(_HIDDEN_COMMA, ","))
        rest = _SEPARATORS.sub("", rest[at + len(head) :]) if at >= 0 else ""
    return tuple(found)


def parts(phrase: str) -> tuple[str, ...]:
    """Return the clauses of ``phrase``, also split where "plus" joins two things.

    "Free 45-minute GCSE diagnostic assessment plus a personalised study plan;
    sessions £28 per session" has three parts. Every part stands alone as copy: one
    that opens with "for" says who it is made for ("made for distributors with
    protected territories"), and one that opens with "to" joins the part before it
    (``standalone``).
    """
    out: list[str] = []
    for item in clauses(phrase):
        out += [piece.strip() for piece in _PLUS.split(item) if piece.strip()]
    return standalone(out)


def standalone(pieces: Iterable[str]) -> tuple[str, ...]:
    """Return ``pieces`` so that none opens with a preposition that needs a head.

    "for distributors …" becomes "made for distributors …"; "to …" is joined to
    the piece before it with a comma. The first piece is left as written, and a
    piece opening with "with" is left to ``bare``, which drops the word.
    """
    out: list[str] = []
    for piece in pieces:
        if out and _FOR.match(piece):
            out.append(f"made {piece[:1].lower()}{piece[1:]}")
        elif out and _TO.match(piece):
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    return tuple(out)


def _position(phrase: str, clause: str) -> int:
    """Where ``clause`` starts in ``phrase``, also for a part ``standalone`` changed."""
    for candidate in (clause, clause.removeprefix("made "), clause.split(", ")[0]):
        at = phrase.find(candidate)
        if at >= 0:
            return at
    return 0


def specifics(
    phrase: str, source: str = "offer", index: int = 0
) -> tuple[Specific, ...]:
    """Return the specifics of one phrase, in the order they appear in it."""
    found: list[tuple[int, Specific]] = []
    for clause in parts(phrase):
        taken: list[tuple[int, int]] = []
        base = _position(phrase, clause)
        for kind, pattern in PATTERNS:
            for match in pattern.finditer(clause):
                start, end = match.span()
                if any(start < b and a < end for a, b in taken):
                    continue
                taken.append((start, end))
                value = match.group(0).strip()
                found.append(
                    (
                        max(base, 0) + start,
                        Specific(
                            text=value,
                            kind=kind,
                            clause=clause,
                            source=source,
                            index=index,
                        ),
                    )
                )
    found.sort(key=lambda item: item[0])
    return tuple(specific for _, specific in found)


def offer_specifics(offer: str, differentiators: Iterable[str]) -> tuple[Specific, ...]:
    """Return the specifics of the offer, then of each differentiator, without repeats.

    A specific the offer already gives ("no appointment needed") is not listed again
    for the differentiator that repeats it.
    """
    seen: set[str] = set()
    out: list[Specific] = []
    candidates = list(specifics(offer, "offer"))
    for index, diff in enumerate(differentiators):
        candidates += specifics(diff, "differentiator", index)
    for specific in candidates:
        key = re.sub(r"(?:ies|y|s)$", "", specific.text.casefold())
        if key in seen:
            continue
        seen.add(key)
        out.append(specific)
    return tuple(out)


def selling(found: Iterable[Specific]) -> tuple[Specific, ...]:
    """Return the specifics that sell on their own, the strongest kinds first.

    A price, a discount, a standard or a term ("no appointment needed") sells; a
    lone "free" is already in the offer's name and is left out.
    """
    order = {kind: rank for rank, kind in enumerate(KINDS)}
    kept = [s for s in found if s.text.casefold() != "free"]
    return tuple(sorted(kept, key=lambda s: (s.source != "offer", order[s.kind])))
