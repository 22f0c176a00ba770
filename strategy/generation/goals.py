"""The client's goals: every numeric desired outcome, read as a structured target.

A brief's outcomes are the client's own words: "400 subscribers at under £35 cost per
acquisition", "Six-month retention from 58% to 70%", "Double Instagram reach in Lisbon
within three months". :func:`parse_goals` reads each number that is a target (not a
date, an age range or a qualifier such as "after three bags") into a :class:`Goal`:
its quantity, what it counts, how it compares ("under", "above"), whether it is money,
a share, a change or a time, its timeframe in the client's words, and a starting point
when the client gives one. The plan turns every goal into a KPI named in those words.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from aicmo_site.writing import text
from aicmo_site.writing.kpis import MONTHS, WORD_NUMBERS, number_value


class GoalKind(StrEnum):
    """What a goal's number measures."""

    COUNT = "count"  # 400 subscribers
    MONEY = "money"  # under £35 cost per acquisition
    PERCENT = "percent"  # 70% of subscribers still active
    CHANGE = "change"  # 20% more repeat orders
    MULTIPLE = "multiple"  # double Instagram reach
    DURATION = "duration"  # time-to-hire under 21 days


class Comparator(StrEnum):
    """How the result must compare with the goal's number."""

    AT_LEAST = "at least"
    ABOVE = "above"
    UNDER = "under"
    AT_MOST = "at most"


@dataclass(frozen=True, slots=True, kw_only=True)
class Goal:
    """One numeric target from a desired outcome.

    ``name`` is what is measured, in the client's words ("Cost per acquisition");
    ``unit`` is what the quantity counts: a noun ("subscribers"), ``%``, ``x``, a
    currency code or a time ("days", "weeks ahead"). ``rising`` is False for a
    change downwards ("cut churn by 15%"). ``baseline`` is the client's starting
    point ("from 58% to 70%"), when given.
    """

    source: str
    name: str
    kind: GoalKind
    quantity: Decimal
    unit: str
    comparator: Comparator
    timeframe: str = ""
    baseline: Decimal | None = None
    rising: bool = True

    @property
    def lower_is_better(self) -> bool:
        """Whether a smaller result is the better one (a ceiling)."""
        return self.comparator in {Comparator.UNDER, Comparator.AT_MOST}


_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_MONTH = "|".join(MONTHS)
_TIME_UNIT = r"(?:minutes?|hours?|(?:working\s+)?days?|weeks?|months?|years?)"
_PERIOD = r"(?:day|week|month|quarter|year)"
_CODES = r"(?:GBP|USD|EUR|AUD|CAD|NZD|CHF|SGD|HKD|INR|JPY|AED|ZAR|SEK|NOK|DKK)"
_SYMBOLS = {"£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR"}
_MULTIPLIERS = {
    "double": Decimal(2),
    "twice": Decimal(2),
    "triple": Decimal(3),
    "treble": Decimal(3),
    "quadruple": Decimal(4),
    "halve": Decimal("0.5"),
}

_TIMEFRAMES = (
    re.compile(
        rf"\b(?:in|within|over|during|for)\s+(?:the\s+)?(?:next\s+|first\s+)?"
        rf"(?:\d[\d,]*|{_WORDS})\s+{_PERIOD}s?\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\bby\s+(?:\d{{1,2}}\s+(?:{_MONTH})|(?:{_MONTH})(?:\s+\d{{1,2}})?|"
        r"the\s+end\s+of\s+(?:the\s+)?(?:week\s+\d+|month|quarter|year|campaign)|"
        r"\d{4})(?:,?\s+\d{4})?\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b{_PERIOD}[\s-]+on[\s-]+{_PERIOD}\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:this|next)\s+(?:week|month|quarter|year|season|winter|spring|summer|"
        r"autumn|fall|campaign|term)\b",
        re.IGNORECASE,
    ),
)
# "per month" is a timeframe unless another "per" comes first: "2.5 classes per
# member per week" keeps both in the name.
_PER_PERIOD = re.compile(rf"\b(?:per|a|each|every)\s+{_PERIOD}\b", re.IGNORECASE)

_MENTION = re.compile(
    rf"(?P<cur>[£$€¥₹]\s?|\b{_CODES}\s?)?"
    rf"(?P<num>\d[\d,]*(?:\.\d+)?|\b(?:{_WORDS})\b)"
    r"(?P<scale>\s?(?:k|m|bn|million|thousand)\b)?"
    r"(?P<pct>\s?(?:%|per\s?cent\b))?"
    r"(?P<x>x\b)?",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(r"\b(?:double|twice|triple|treble|quadruple|halve)\b", re.I)
_BASELINE = re.compile(
    r"\bfrom\s+(?P<base>[£$€]?\d[\d,]*(?:\.\d+)?\s?%?)\s+to\s+(?=[£$€]?\d)",
    re.IGNORECASE,
)
_COMPARATOR = re.compile(
    r"(?:\bat\s+)?\b(?P<word>under|below|less\s+than|lower\s+than|fewer\s+than|"
    r"no\s+more\s+than|at\s+most|up\s+to|maximum\s+of|above|over|more\s+than|"
    r"at\s+least|exceeding|beyond|minimum\s+of|within)\s*$",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"^\s*(?P<word>more|fewer|less|higher|lower|increase|decrease|growth|rise|"
    r"reduction|drop)\b(?:\s+in)?",
    re.IGNORECASE,
)
_UP_VERBS = re.compile(r"^(?:increase|grow|boost|raise|lift|improve|double)\b", re.I)
_DOWN_VERBS = re.compile(r"^(?:cut|reduce|lower|decrease|halve|shrink)\b", re.I)
# Words before a number that make it a condition of another target ("after three
# bags", "aged 2"), not a target of its own. "In 6 European countries" is a target:
# the client counts the countries too.
_QUALIFIERS = frozenset({"after", "aged"})
# Words that tie a second count to the first: "12 distributors in 6 countries".
_SPREAD = re.compile(r"\b(?:in|across|over|from)\s*$", re.IGNORECASE)
# Where the noun a number counts ends: "diagnostic assessments | booked in 10 weeks".
_NOUN_STOPS = frozenset(
    {
        "at", "in", "within", "by", "per", "for", "to", "from", "this", "that", "who",
        "which", "still", "after", "across", "over", "with", "on", "of", "among",
        "into", "than", "each", "every", "and", "or", "up", "given", "made", "sold",
        "done", "taken", "seen", "held", "won", "run", "kept", "met", "worth",
    }
)  # fmt: skip
_STAT_WORDS = frozenset({"average", "an average", "a total", "total", "a minimum"})
_CONNECTORS = re.compile(r"(?:\s+(?:at|and|with|for|of|from|to|worth|by|in))+$", re.I)
_LEADING_VERBS = re.compile(
    r"^(?:be|get|reach|achieve|hit|have|win|gain|secure|increase|grow|boost|raise|"
    r"lift|improve|cut|reduce|lower|decrease|shrink|double|triple|halve)(?:\s+|$)",
    re.IGNORECASE,
)
_COST_WORDS = re.compile(r"\b(?:cost|cac|cpa|cpl|price|spend|fee)\b", re.IGNORECASE)
# "Cut churn to 3%": the number after "to" is the level to reach, not a change.
_LEVEL = re.compile(r"\bto\s*$", re.IGNORECASE)
# "Top 3 ranking": a position, where a smaller number is better.
_POSITION = re.compile(r"\btop\s*$", re.IGNORECASE)
# "50 reviews with at least 4 stars": a condition of the count before it.
_CONDITION = re.compile(r"\b(?:with|rated)\s*$", re.IGNORECASE)
# Words that join a name to the number, left over when the number goes.
_LEADING_CONNECTORS = re.compile(r"^(?:of|in|on)\s+", re.IGNORECASE)
_EACH = re.compile(r"^(?:each|apiece|a head|per head)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    value: Decimal
    kind: GoalKind
    unit: str
    comparator: Comparator | None
    cue: int  # where the comparator in front of the number starts


def _clean(value: str) -> str:
    return " ".join(value.split()).strip(" ,.;:-")


def _timeframe(outcome: str) -> tuple[str, str]:
    """Return the outcome without its timeframe, and the timeframe as written."""
    found: list[tuple[int, str]] = []
    rest = outcome
    for pattern in _TIMEFRAMES:
        for match in pattern.finditer(rest):
            found.append((outcome.find(match.group(0)), match.group(0)))
        rest = pattern.sub(" ", rest)
    per = _PER_PERIOD.search(rest)
    if per and not re.search(r"\bper\b", rest[: per.start()], re.IGNORECASE):
        found.append((outcome.find(per.group(0)), per.group(0)))
        rest = rest[: per.start()] + " " + rest[per.end() :]
    words = " ".join(phrase for _, phrase in sorted(found))
    return " ".join(rest.split()), words


def _currency(symbol: str, currency: str) -> str:
    symbol = symbol.strip()
    if symbol == "$":
        return currency if currency.endswith("D") else "USD"
    return _SYMBOLS.get(symbol, symbol.upper())


def _is_compound(outcome: str, match: re.Match[str]) -> bool:
    """A number inside a word or a range: "over-65s", "Six-month", "2-3", "3rd"."""
    before = outcome[match.start() - 1] if match.start() else " "
    after = outcome[match.end()] if match.end() < len(outcome) else " "
    return before in "-/" or before.isalpha() or after in "-/" or after.isalnum()


def _is_date(outcome: str, match: re.Match[str]) -> bool:
    before = outcome[: match.start()].split()[-1:] or [""]
    after = outcome[match.end() :].split()[:1] or [""]
    month = {before[0].lower(), after[0].lower()} & set(MONTHS)
    year = re.fullmatch(r"(?:19|20)\d\d", match.group("num")) is not None
    return bool(month) or (year and not match.group("cur"))


def _comparator(prefix: str) -> tuple[Comparator | None, int]:
    match = _COMPARATOR.search(prefix)
    if not match:
        return None, len(prefix)
    word = " ".join(match.group("word").lower().split())
    if word in {"above", "over", "more than", "exceeding", "beyond"}:
        return Comparator.ABOVE, match.start()
    if word in {"at least", "minimum of"}:
        return Comparator.AT_LEAST, match.start()
    if word in {"under", "below", "less than", "lower than", "fewer than"}:
        return Comparator.UNDER, match.start()
    return Comparator.AT_MOST, match.start()


def _mention(outcome: str, match: re.Match[str], currency: str) -> _Mention | None:
    number = number_value(match.group("num"))
    if number is None:
        return None
    scale = (match.group("scale") or "").strip().lower()
    number *= {"k": 1000, "thousand": 1000, "m": 10**6, "million": 10**6}.get(
        scale, 10**9 if scale == "bn" else 1
    )
    if number == number.to_integral_value():
        number = number.to_integral_value()  # "1.5m" is 1500000, not 1500000.0
    after = outcome[match.end() :]
    time = re.match(rf"\s+({_TIME_UNIT})(\s+(?:ahead|earlier|in advance))?\b", after)
    if match.group("cur"):
        kind, unit = GoalKind.MONEY, _currency(match.group("cur"), currency)
    elif match.group("pct"):
        kind, unit = GoalKind.PERCENT, "%"
    elif match.group("x"):
        kind, unit = GoalKind.MULTIPLE, "x"
    elif time:
        kind = GoalKind.DURATION
        unit = " ".join(time.group(0).split()).lower()
    else:
        kind, unit = GoalKind.COUNT, ""
    comparator, cue = _comparator(outcome[: match.start()])
    end = match.end() + (time.end() if time and kind is GoalKind.DURATION else 0)
    return _Mention(match.start(), end, number, kind, unit, comparator, cue)


def _mentions(outcome: str, currency: str) -> list[_Mention]:
    """Every number in ``outcome`` that is a target, in order."""
    found: list[_Mention] = []
    qualifiers: list[_Mention] = []
    for match in _MENTION.finditer(outcome):
        if _is_compound(outcome, match) or _is_date(outcome, match):
            continue
        mention = _mention(outcome, match, currency)
        if mention is None:
            continue
        before = outcome[: match.start()].split()[-1:] or [""]
        condition = found and _CONDITION.search(outcome[: mention.cue])
        if condition or (
            before[0].lower() in _QUALIFIERS and mention.kind is GoalKind.COUNT
        ):
            qualifiers.append(mention)
        else:
            found.append(mention)
    multiplier = _MULTIPLIER.search(outcome)
    if multiplier and not any(m.kind is GoalKind.MULTIPLE for m in found):
        word = multiplier.group(0).lower()
        found.append(
            _Mention(
                multiplier.start(),
                multiplier.end(),
                _MULTIPLIERS[word],
                GoalKind.MULTIPLE,
                "x",
                Comparator.AT_MOST if word == "halve" else None,
                multiplier.start(),
            )
        )
        found.sort(key=lambda m: m.start)
    # "Be named in two local food guides": the qualifier is the only number.
    return found or qualifiers[:1]


def _noun(phrase: str) -> str:
    """The noun group a number counts: "diagnostic assessments" of "… booked"."""
    words = phrase.split()
    group: list[str] = []
    for index, word in enumerate(words):
        lower = word.lower().strip(",.;:")
        participle = index > 0 and lower.endswith("ed") and len(lower) > 4
        if lower in _NOUN_STOPS or participle:
            break
        group.append(word.strip(",.;:"))
    return " ".join(group)


def _count_unit(noun: str) -> str:
    words = noun.split()
    return " ".join(words) if len(words) <= 2 else words[-1]


def _left_name(left: str) -> str:
    left = _COMPARATOR.sub("", left)
    return _clean(_CONNECTORS.sub("", _clean(left)))


def _count_name(left: str, right: str) -> str:
    left = _clean(left)
    bare = left[:-3].strip() if left.lower().endswith(" of") else ""
    if bare.lower() in _STAT_WORDS:
        left = bare
    left = _LEADING_VERBS.sub("", left) if left else left
    left = _CONNECTORS.sub("", left) if not right else left
    return _clean(f"{left} {right}")


def _build(
    source: str, rest: str, mentions: list[_Mention], index: int, **context: object
) -> Goal:
    """Name and type one mention, from the text around it."""
    mention = mentions[index]
    nxt = mentions[index + 1].cue if index + 1 < len(mentions) else len(rest)
    right = _CONNECTORS.sub("", _clean(rest[mention.end : nxt]))
    left = rest[: mention.cue] if index == 0 else ""
    kind, unit, rising = mention.kind, mention.unit, True
    comparator = mention.comparator
    change = _CHANGE_AFTER.match(rest[mention.end : nxt])
    level = _LEVEL.search(rest[: mention.cue])
    if kind is GoalKind.PERCENT and level and not change:
        # "Cut churn to 3%" is a level: at most 3% (at least, after "raise").
        if comparator is None and _DOWN_VERBS.match(source.strip()):
            comparator = Comparator.AT_MOST
    elif kind is GoalKind.PERCENT and (change or _UP_VERBS.match(source.strip())):
        kind = GoalKind.CHANGE
        word = change.group("word").lower() if change else ""
        rising = word not in {"fewer", "less", "lower", "decrease", "reduction", "drop"}
        if change:
            right = _clean(rest[mention.end : nxt][change.end() :])
    elif kind is GoalKind.PERCENT and _DOWN_VERBS.match(source.strip()):
        kind, rising = GoalKind.CHANGE, False
    right = _LEADING_CONNECTORS.sub("", right)
    previous = str(context.get("previous_unit") or "")
    between = rest[mentions[index - 1].end : mention.cue] if index else ""
    if kind is GoalKind.COUNT:
        noun = _noun(right) or _noun(_left_name(left).split(" ", 1)[-1])
        unit = _count_unit(noun) or "results"
        name = _count_name(left, right)
        if previous and _SPREAD.search(between):
            name = f"{noun} with {previous}"
    elif kind is GoalKind.MONEY and (_EACH.match(right) or not (right or left)):
        name = f"Cost per {text.singular(previous or 'result')}"
    elif kind is GoalKind.DURATION:
        name = _LEADING_VERBS.sub("", _left_name(left)) or right
    else:
        name = right or _LEADING_VERBS.sub("", _left_name(left))
    position = _POSITION.search(rest[: mention.start])
    if comparator is None and kind is GoalKind.COUNT and position:
        comparator = Comparator.AT_MOST  # "Top 3": third place or better
    if comparator is None:
        comparator = _default_comparator(kind, name, rest)
    return Goal(
        source=source,
        name=text.upper_first(_clean(name)),
        kind=kind,
        quantity=mention.value,
        unit=unit,
        comparator=comparator,
        timeframe=str(context.get("timeframe") or ""),
        baseline=context.get("baseline") if index == len(mentions) - 1 else None,  # type: ignore[arg-type]
        rising=rising,
    )


def _default_comparator(kind: GoalKind, name: str, outcome: str) -> Comparator:
    if kind is GoalKind.MONEY and _COST_WORDS.search(name):
        return Comparator.AT_MOST
    if kind is GoalKind.DURATION and re.search(r"\btime\b|\bwithin\b", outcome, re.I):
        return Comparator.AT_MOST
    return Comparator.AT_LEAST


def parse_goals(outcome: str, currency: str = "USD") -> tuple[Goal, ...]:
    """Return the numeric goals in one desired outcome; empty when it has none.

    ``currency`` is the brief's, used for a bare "$" (an Australian brief's "$35"
    is AUD). One outcome may hold two goals: "400 subscribers at under £35 cost per
    acquisition" is 400 subscribers and a cost per acquisition under GBP 35.
    """
    source = " ".join(outcome.split())
    rest, timeframe = _timeframe(source)
    baseline: Decimal | None = None
    base = _BASELINE.search(rest)
    if base:
        baseline = number_value(re.sub(r"[£$€%\s]", "", base.group("base")))
        rest = rest[: base.start()] + rest[base.end() :]
    mentions = _mentions(rest, currency)
    goals: list[Goal] = []
    for index in range(len(mentions)):
        previous = goals[-1].unit if goals else None
        goals.append(
            _build(
                source,
                rest,
                mentions,
                index,
                timeframe=timeframe,
                baseline=baseline,
                previous_unit=previous,
            )
        )
    return tuple(goals)


def goals_from(outcomes: tuple[str, ...], currency: str = "USD") -> tuple[Goal, ...]:
    """Return the numeric goals of every desired outcome, in the client's order."""
    return tuple(
        goal for outcome in outcomes for goal in parse_goals(outcome, currency)
    )
