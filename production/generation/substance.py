"""What the brief can say in posts: every post idea it can fill, and what is missing.

A post type is written only when the brief gives its substance (issue 12, item 4):
an FAQ post needs a question and the client's answer, a myth needs a myth and its
correction, a tip needs the tip, a checklist its items, a before-and-after a pain
point and what answers it. ``substance_for`` turns the brief into ``Idea``s, each a
post ready to schedule (theme, hooks, body), and lists what the agency needs from
the client for the post types its playbook wants but the brief cannot fill
(``to_supply``). The copy of each post type lives in ``angles.FRAMES``.

Pain points are paired with what answers them by shared words (a differentiator
first, then a clause of the offer, then an outcome the audience wants): "Long lead
times from current valve suppliers" meets "Six-week lead time on standard sizes".
A pain with no answer in the brief is never given an invented one.
"""

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from aicmo_site.kernel.briefs import Faq, KeyDate, Location
from aicmo_site.writing import specifics, text
from aicmo_site.writing.facts import Facts, count_word, long_date
from aicmo_site.writing.playbooks import POST_TYPES
from production.generation.angles import FRAMES, MOVE_TYPES, TO_SUPPLY, Frame
from production.generation.context import DraftContext

MAX_ITEMS = 5
# A discount or trial longer than this is not claimed in a call to action.
MAX_CLAIM_WORDS = 6
# An offer this short is quoted in a sentence, not alone, in the opening hook.
SHORT_OFFER_WORDS = 4
THEME_WORDS = 7
THEME_CUTS = ("with", "for", "without", "that", "who", "within", "in", "at")
# Words too common to pair a pain point with its answer.


def _words(value: str) -> frozenset[str]:
    return frozenset(value.split())


_PAIR_STOP = text.SMALL_WORDS | _words(
    "about after before being could every from have into just more most much "
    "only that their them then they this those very what when where which "
    "while will with your free really actually"
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "er", "s", "e")
# A differentiator the customer does ("Pause, skip or cancel in two clicks") is a tip.
_ACTION_VERBS = _words(
    "pause skip cancel book rebook swap switch choose order reorder try bring "
    "walk visit call text join start stop change pick use upgrade downgrade"
)
# A differentiator that shows the work or the people can be filmed.
_PEOPLE = re.compile(
    r"\b(?:team|teams|teachers?|tutors?|coach\w*|chefs?|accountants?|engineers?|"
    r"nurses?|pharmacists?|mentors?|staff|experts?|specialists?|roasters?|bakers?|"
    r"makers?|craftsm[ae]n)\b",
    re.IGNORECASE,
)
_PARTICIPLE = re.compile(r"^(?:\w+\s){0,2}?(?:[\w-]*-)?(\w{3,}ed)\b", re.IGNORECASE)
_NOT_PROCESS = frozenset({"needed", "required", "based", "seen", "even", "often"})
# A pain point that is a belief ("Thinking flu is just a bad cold") needs its
# correction, which only the client can give.
_BELIEF = re.compile(
    r"^(?:thinking|believing|assuming|feeling sure)\s+(?:that\s+)?", re.I
)
_YES_NO = re.compile(
    r"^(?:is|are|was|were|do|does|did|can|could|will|would|should|must|has|have)\b",
    re.IGNORECASE,
)
_CORRECTION = re.compile(r"^(?:no|not|actually|in fact|it is not|never)\b", re.I)
_SEQUENCE = re.compile(r"\s(?:then|plus|followed by|after that)\s|;", re.IGNORECASE)
_PLACE_NOUNS = re.compile(
    r"\b(?:pharmac\w+|clinics?|branch\w*|studios?|stores?|shops?|sites?|centres?|"
    r"centers?|locations?|venues?|surgeries|practices|offices?|depots?|warehouses?)$",
    re.IGNORECASE,
)
_AT_PLACE = re.compile(r"\bat\s+((?:any|all|our|one of|\d+)\b[^,;]*)$", re.IGNORECASE)
_QUOTE = re.compile(r"[\"“”]")
_ORDINALS = ("one", "two", "three", "four", "five")
# What the audience does with the offer, by objective, as it goes before its name.
DECIDING = {
    "Hiring": "applying for",
    "Partnerships": "joining",
    "Retention": "renewing",
}


@dataclass(frozen=True, slots=True)
class Idea:
    """One post the brief can fill, written in one framing.

    ``keys`` name the brief items it uses ("pain:0", "diff:2", "offer"), so a
    calendar can spread its posts over the whole brief. ``window`` limits the days
    it may run (a key date's post runs before the date); ``lead`` marks the post that
    quotes the offer whole, which opens the calendar. A ``spare`` idea (a poll on one
    pain point, who the offer is for, a part of the offer without a specific) is
    used only when a brief is too thin to give the calendar QC's minimum of posts.
    """

    move: str
    kind: str
    keys: tuple[str, ...]
    framing: int
    theme: str
    hooks: tuple[str, ...]
    body: str
    formats: tuple[str, ...]
    window: tuple[dt.date, dt.date] | None = None
    lead: bool = False
    spare: bool = False


@dataclass(frozen=True, slots=True)
class Substance:
    """Every idea the brief can fill, the post types wanted, and what is missing."""

    ideas: tuple[Idea, ...]
    wanted: tuple[str, ...]
    to_supply: tuple[str, ...]
    name: str
    claim: str = ""
    """A call to action claiming the offer's discount or trial ("Claim first bag …")."""

    def fillable(self) -> tuple[str, ...]:
        """The post types at least one idea can fill, in ``POST_TYPES`` order.

        Spare ideas do not count: a type only they fill is still asked for.
        """
        kinds = {idea.kind for idea in self.ideas if not idea.spare}
        return tuple(kind for kind in POST_TYPES if kind in kinds)


@dataclass(frozen=True, slots=True)
class Answer:
    """What answers a pain point in the brief: its text and where it comes from."""

    text: str
    key: str


# --- reading the brief ------------------------------------------------------------


def _stem(word: str) -> str:
    word = re.sub(r"['’]s?$", "", word.lower())
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def stems(phrase: str, skip: frozenset[str] = frozenset()) -> set[str]:
    """Return the content-word stems of ``phrase`` ("Certificates": "certificat")."""
    words = re.findall(r"[a-z0-9]+(?:['’][a-z]+)?", phrase.lower())
    return {
        _stem(w)
        for w in words
        if len(w) >= 3 and w not in _PAIR_STOP and _stem(w) not in skip
    }


def _article(phrase: str, f: Facts) -> str:
    """``phrase`` as it goes mid-sentence: with "the" unless plural or a name."""
    first = phrase.split()[0] if phrase.split() else ""
    last = phrase.split()[-1] if phrase.split() else ""
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is"))
    if plural or (first[:1].isupper() and first in f.keep):
        return phrase
    return f"the {phrase}"


def _short(phrase: str) -> str:
    """A short form of a brief phrase for a theme: cut before a joining word.

    The phrase is cut only where at least three words come before the cut and two
    after it, never inside a comma list ("Small groups of four or one-to-one, in
    person…" stays whole); otherwise it stays whole.
    """
    words = phrase.split()
    if len(words) <= THEME_WORDS:
        return phrase
    for index in range(3, len(words) - 1):
        head = words[:index]
        if (
            words[index].lower() in THEME_CUTS
            and not any(word.endswith(",") for word in head)
            and head[-1].lower() not in text.JOINING_WORDS
        ):
            return " ".join(head)
    return phrase


def _numbered(items: Sequence[str]) -> str:
    """``One: a. Two: b.`` with each item written out."""
    return " ".join(
        f"{text.upper_first(_ORDINALS[i])}: {_stop(item)}"
        for i, item in enumerate(items)
    )


def _steps(items: Sequence[str]) -> str:
    return " ".join(
        f"Step {_ORDINALS[i]}: {_stop(item)}" for i, item in enumerate(items)
    )


def _stop(item: str) -> str:
    """``item`` as it follows a colon: its own case, ending in a full stop."""
    item = item.strip()
    return item if item[-1:] in ".!?" else f"{item}."


@dataclass(frozen=True, slots=True)
class Material:
    """The brief's pieces, cased for use inside a sentence.

    ``lines`` are the offer's clauses other than its name (and other than the whole
    offer); ``terms`` those that carry a selling specific; ``specs`` the selling
    lines posts rotate through, each with where it comes from ("offer" or "brand":
    a differentiator with a specific, used when the offer has few lines of its own).
    """

    f: Facts
    offer: str
    name: str
    plural: bool
    parts: tuple[str, ...]
    lines: tuple[str, ...]
    terms: tuple[str, ...]
    specs: tuple[tuple[str, str], ...]
    segments: tuple[str, ...]
    found: tuple[specifics.Specific, ...]
    brand_stems: frozenset[str]

    @property
    def pains(self) -> tuple[str, ...]:
        return self.f.pains

    @property
    def diffs(self) -> tuple[str, ...]:
        return self.f.diffs

    def spec(self, turn: int, avoid: str = "") -> dict[str, str]:
        """The selling line for ``turn``, as ``spec``, ``Spec`` and ``also``.

        A line that says what ``avoid`` says ("no appointment needed" next to "No
        appointment needed at 48 city pharmacies") is skipped.
        """
        pool = [s for s in self.specs if not _overlaps(s[0], avoid)]
        if not pool:
            return {"spec": self.name, "Spec": text.upper_first(self.name), "also": ""}
        line, source = pool[turn % len(pool)]
        where = "in the offer" if source == "offer" else f"at {self.f.brand}"
        return {
            "spec": line,
            "Spec": text.upper_first(line),
            "also": f"Also {where}: {line}.",
        }

    def values(self, spec_turn: int = 0, **extra: str) -> dict[str, str]:
        """The placeholders every frame may use, plus ``extra``."""
        f = self.f
        values = {
            "brand": f.brand,
            "name": self.name,
            "Name": text.upper_first(self.name),
            "is_": "are" if self.plural else "is",
            "was": "were" if self.plural else "was",
            "audience": f.audience,
            "Audience": text.upper_first(f.audience),
            "audience_short": f.audience_short,
            "Audience_short": text.upper_first(f.audience_short),
            "entity": f.entity,
            "customers": f.customers,
            **self.spec(spec_turn),
        }
        values.update(extra)
        return values


def _overlaps(line: str, other: str) -> bool:
    """Whether one of two phrases says all the other does."""
    if not other:
        return False
    mine, theirs = stems(line), stems(other)
    return line.casefold() == other.casefold() or bool(
        mine and theirs and (mine <= theirs or theirs <= mine)
    )


def _in_sentence(f: Facts, phrase: str) -> str:
    return f.in_sentence(text.clean(phrase))


def _segments(audience: str) -> tuple[str, ...]:
    """The groups the audience names, when it names more than one, each whole.

    "Adults over 65, carers and parents of children aged 2-3" has three; "parents of
    Year 10 and Year 11 students" has one (the "and" sits inside "of …"), and so
    does "owners and sales directors of …" (both words share "of …").
    """
    lead = text.lead(audience)
    if "," in lead:
        items = [i.strip() for i in re.split(r",\s*(?:and\s+|or\s+)?", lead)]
        last = re.split(r"\s(?:and|or)\s", items[-1], maxsplit=1)
        items = [*items[:-1], *last]
        return tuple(i for i in items if i) if len(items) >= 2 else ()
    pieces = re.split(r"\s(?:and|or|&)\s", lead, maxsplit=1)
    if len(pieces) != 2:
        return ()
    left, right = pieces
    shared = re.search(
        r"\b(?:of|at|in|with|within|who|that|from|for|across|near|aged)\b", right
    )
    if len(left.split()) < 2 or re.search(r"\bof\b", left) or shared:
        return ()
    return (left.strip(), right.strip())


def material_of(f: Facts, offer: str, differentiators: Sequence[str]) -> Material:
    """Read the brief's offer, its parts and its specifics, cased for copy."""
    name = _article(f.offer_name, f)
    plural = name == f.offer_name and f.offer_name.split()[-1].endswith("s")
    parts = specifics.parts(offer)
    found = specifics.offer_specifics(offer, differentiators)
    lines: list[str] = []
    terms: list[str] = []
    for part in parts:
        line = _in_sentence(f, specifics.bare(part))
        sells = any(s.clause == part and s.text.casefold() != "free" for s in found)
        if line.casefold() == f.offer.casefold() and sells:
            # A one-part offer sells by what follows its name: "Seasonal tasting
            # menu with | produce from farms within 80 km".
            line = _tail(f, line)
        if line.casefold() in {f.offer_name.casefold(), f.offer.casefold(), ""}:
            continue
        lines.append(line)
        if sells:
            terms.append(line)
    # The strongest specifics lead: a standard or a price before a term.
    strength = [s.clause for s in specifics.selling(found)]
    terms.sort(
        key=lambda line: next(
            (i for i, clause in enumerate(strength) if line in _in_sentence(f, clause)),
            len(strength),
        )
    )
    specs = [(line, "offer") for line in terms]
    specs += [(line, "offer") for line in lines if line not in terms]
    for index, diff in enumerate(f.diffs):
        if any(s.index == index and s.source != "offer" for s in found):
            specs.append((diff, "brand"))
    return Material(
        f=f,
        offer=offer,
        name=name,
        plural=plural,
        parts=parts,
        lines=tuple(dict.fromkeys(lines)),
        terms=tuple(dict.fromkeys(terms)),
        specs=tuple(dict.fromkeys(specs)),
        segments=_segments(f.audience),
        found=found,
        brand_stems=frozenset(stems(f.brand)),
    )


def _tail(f: Facts, line: str) -> str:
    """What follows the offer's name and the word that joins it; "" if nothing."""
    name = f.offer_short.casefold()
    if not line.casefold().startswith(name):
        return ""
    rest = line[len(name) :].strip()
    joined = re.match(r"(?:for|with|at|including|featuring)\s+(?:an?\s+)?", rest)
    return rest[joined.end() :].strip() if joined else ""


def answer_for(m: Material, pain: str) -> Answer | None:
    """Return what answers ``pain`` in the brief, by shared words; None if nothing.

    A differentiator answers first, then a clause of the offer, then an outcome the
    audience wants. A belief ("Thinking flu is just a bad cold") is never answered
    here: it needs a correction only the client can give.
    """
    if _BELIEF.match(pain):
        return None
    wanted = stems(pain, m.brand_stems)
    if not wanted:
        return None
    groups: list[list[tuple[str, str]]] = [
        [(diff, f"diff:{i}") for i, diff in enumerate(m.diffs)],
        [(line, f"line:{i}") for i, line in enumerate(m.lines)]
        + [(m.f.offer_name, "offer")],
        [(o, f"outcome:{i}") for i, o in enumerate(m.f.audience_outcomes)],
    ]
    for group in groups:
        scored = [
            (len(wanted & stems(candidate, m.brand_stems)), index, candidate, key)
            for index, (candidate, key) in enumerate(group)
        ]
        best = max(scored, default=None, key=lambda s: (s[0], -s[1]))
        if best and best[0] > 0:
            return Answer(text=best[2], key=best[3])
    return None


# --- writing ideas ------------------------------------------------------------------


def _idea(
    move: str,
    framing: int,
    keys: tuple[str, ...],
    values: dict[str, str],
    **options: object,
) -> Idea | None:
    frames = FRAMES[move]
    if framing >= len(frames):
        return None
    frame: Frame = frames[framing]
    hooks = tuple(
        dict.fromkeys(text.tidy(text.sentence(h.format(**values))) for h in frame.hooks)
    )
    window = options.get("window")
    return Idea(
        move=move,
        kind=MOVE_TYPES[move],
        keys=keys,
        framing=framing,
        theme=text.upper_first(text.tidy(frame.theme.format(**values))),
        hooks=hooks,
        body=text.tidy(frame.body.format(**values)).strip(),
        formats=frame.formats,
        window=window if isinstance(window, tuple) else None,
        lead=bool(options.get("lead", False)),
        spare=bool(options.get("spare", False)),
    )


def _offer_ideas(m: Material) -> Iterator[Idea | None]:
    f = m.f
    diffs = "; ".join(m.diffs[:3])
    lead = _idea(
        "offer_full",
        0,
        ("offer",),
        m.values(
            offer=m.offer,
            offer_mid=_in_sentence(f, m.offer),
            with_diffs=f" What comes with it: {diffs}." if diffs else "",
        ),
        lead=True,
    )
    if lead is not None and len(m.offer.split()) <= SHORT_OFFER_WORDS:
        # "Weekly sourdough subscription." says too little alone as a hook.
        lead = replace(lead, hooks=lead.hooks[::-1])
    elif lead is not None and ":" in m.offer:
        # "The offer for …: Roaster's Choice Subscription: first bag …" reads badly.
        lead = replace(lead, hooks=lead.hooks[:1])
    yield lead
    for index, term in enumerate(m.terms):
        answer = next(
            (p for p in m.pains if stems(p, m.brand_stems) & stems(term)), None
        )
        tie = f" Written for anyone who knows '{answer}'." if answer else ""
        others = [line for line in m.lines if line != term]
        for framing in (0, 1):
            if framing and not others:
                continue
            yield _idea(
                "offer_term",
                framing,
                (f"line:{m.lines.index(term)}",),
                m.values(
                    index + 1,
                    term=term,
                    Term=text.upper_first(term),
                    term_s=_short(term),
                    Term_s=text.upper_first(_short(term)),
                    tie=tie,
                    others="; ".join(others),
                ),
            )
    for index, segment in enumerate(m.segments):
        rest = text.join_and(s for s in m.segments if s != segment)
        diff = next(
            (d for d in m.diffs if stems(d) & stems(segment, m.brand_stems)), None
        )
        first = m.values(
            index,
            segment=segment,
            Segment=text.upper_first(segment),
            others=rest,
        )
        if diff:
            first = {**first, "also": f"For them: {diff}."}
        yield _idea("offer_segment", 0, (f"segment:{index}",), first)
        if m.diffs:
            shown = diff or m.diffs[index % len(m.diffs)]
            second = {**first, **m.spec(index, avoid=shown), "diff": shown}
            yield _idea("offer_segment", 1, (f"segment:{index}",), second)
    for index, outcome in enumerate(f.audience_outcomes):
        pain = next(
            (p for p in m.pains if stems(p, m.brand_stems) & stems(outcome)), None
        )
        for framing in (0, 1):
            yield _idea(
                "offer_outcome",
                framing,
                (f"outcome:{index}",),
                m.values(
                    index,
                    outcome=outcome,
                    Outcome=text.upper_first(outcome),
                    outcome_s=_short(outcome),
                    Outcome_s=text.upper_first(_short(outcome)),
                    tie=f" It is the way out of '{pain}'." if pain else "",
                ),
            )


def _spare_ideas(m: Material) -> Iterator[Idea | None]:
    """Ideas any brief can fill, for a calendar that would fall below QC's minimum.

    Each part of the offer that carries no specific is a term post of its own; each
    pain point that is not a belief is a yes-or-no poll, with what answers it where
    the brief says; and the audience is a post on who the offer is for.
    """
    for index, line in enumerate(m.lines):
        if line in m.terms:
            continue
        others = [other for other in m.lines if other != line]
        for framing in (0, 1):
            if framing and not others:
                continue
            yield _idea(
                "offer_term",
                framing,
                (f"line:{index}",),
                m.values(
                    index,
                    term=line,
                    Term=text.upper_first(line),
                    term_s=_short(line),
                    Term_s=text.upper_first(_short(line)),
                    tie="",
                    others="; ".join(others),
                ),
                spare=True,
            )
    for index, pain in enumerate(m.pains):
        if _BELIEF.match(pain):
            continue
        answer = answer_for(m, pain)
        name, was = m.values()["Name"], m.values()["was"]
        body = (
            f"The {m.f.brand} answer to '{pain}': {answer.text}."
            if answer
            else f"If the answer is yes, {m.name} {was} made for you."
        )
        values = m.values(
            index,
            pain=pain,
            Pain=text.upper_first(pain),
            pain_s=_short(pain),
            body=body,
            body2=f"{name} {was} built for {m.f.audience_short} who know "
            f"'{pain}'. {m.spec(index, avoid=pain)['also']}",
        )
        for framing in (0, 1):
            yield _idea("pain_poll", framing, (f"pain:{index}",), values, spare=True)
    for framing in (0, 1):
        yield _idea("offer_audience", framing, ("audience",), m.values(), spare=True)


def _comparison_ideas(m: Material) -> Iterator[Idea | None]:
    for index, pain in enumerate(m.pains):
        answer = answer_for(m, pain)
        if answer is None:
            continue
        tie = (
            f"{m.values()['Name']} {m.values()['was']} built for "
            f"{m.f.audience_short} who know '{pain}' too well."
        )
        spec_turn = index + 1
        values = m.values(
            spec_turn,
            pain=pain,
            Pain=text.upper_first(pain),
            answer=answer.text,
            Answer=text.upper_first(answer.text),
            answer_s=_short(answer.text),
            tie=tie,
        )
        values.update(m.spec(spec_turn, avoid=answer.text))
        for framing in (0, 1):
            yield _idea("comparison", framing, (f"pain:{index}", answer.key), values)


def _poll_ideas(m: Material) -> Iterator[Idea | None]:
    """Two pain points side by side: which one the reader lives with (option A or B).

    The body says what answers each, where the brief says it; a belief ("Thinking
    flu is just a bad cold") is not a choice to offer.
    """
    pains = [(i, p) for i, p in enumerate(m.pains) if not _BELIEF.match(p)]
    for (i, first), (j, second) in itertools.combinations(pains, 2):
        answers = [answer_for(m, first), answer_for(m, second)]
        said = [
            f"The {m.f.brand} answer to '{pain}': {answer.text}."
            for pain, answer in zip((first, second), answers, strict=True)
            if answer is not None
        ]
        body = " ".join(said) or (
            f"'{text.upper_first(first)}' and '{second}': {m.name} "
            f"{m.values()['was']} built for both."
        )
        values = m.values(
            i + j,
            first=first,
            First=text.upper_first(first),
            second=second,
            first_s=_short(first),
            second_s=_short(second),
            body=body,
        )
        yield _idea("poll", 0, (f"pain:{i}", f"pain:{j}"), values)


def _proof_ideas(m: Material, proof_points: Sequence[str]) -> Iterator[Idea | None]:
    f = m.f
    for index, diff in enumerate(m.diffs):
        pain = _pain_answered_by(m, f"diff:{index}")
        also = m.spec(index, avoid=diff)["also"]
        if pain:
            tie = f"That is the {f.brand} answer to '{pain}'."
        else:
            tie = f"That is part of how {f.brand} works with {f.audience_short}."
            tie = f"{tie} {also}".strip()
        values = m.values(
            index,
            diff=diff,
            Diff=text.upper_first(diff),
            diff_s=_short(diff),
            tie=tie,
        )
        for framing in (0, 1):
            yield _idea("proof", framing, (f"diff:{index}",), values)
    for index, point in enumerate(proof_points):
        if _QUOTE.search(point):
            continue
        clean = _in_sentence(f, point.rstrip("."))
        values = m.values(
            index,
            point=clean,
            Point=text.upper_first(clean),
            point_s=_short(clean),
        )
        for framing in (0, 1):
            yield _idea("proof_point", framing, (f"point:{index}",), values)


def _process(diff: str) -> bool:
    """Whether a differentiator shows work or people that can be filmed."""
    if _PEOPLE.search(diff):
        return True
    match = _PARTICIPLE.match(diff)
    return match is not None and match.group(1).lower() not in _NOT_PROCESS


def _pain_answered_by(m: Material, key: str) -> str | None:
    """The pain point whose answer is the brief item ``key`` ("diff:0"), if any."""
    for pain in m.pains:
        answer = answer_for(m, pain)
        if answer is not None and answer.key == key:
            return pain
    return None


def _behind_ideas(m: Material) -> Iterator[Idea | None]:
    for index, diff in enumerate(m.diffs):
        if not _process(diff):
            continue
        pain = _pain_answered_by(m, f"diff:{index}")
        tie = (
            f"Filmed where {m.f.brand} does the work: the answer to '{pain}'."
            if pain
            else f"This is the part of {m.name} that {m.f.audience_short} rarely "
            f"see, filmed where {m.f.brand} does the work."
        )
        values = m.values(
            index, diff=diff, Diff=text.upper_first(diff), diff_s=_short(diff), tie=tie
        )
        for framing in (0, 1):
            yield _idea("behind_the_scenes", framing, (f"diff:{index}",), values)


def tips_of(m: Material) -> list[tuple[str, str, str]]:
    """Return the tips the brief states: (tip, what it answers, key).

    A differentiator or a clause of the offer the customer does ("Pause, skip or
    cancel in two clicks") is a tip; so is a "no appointment needed" term, told as
    where to go ("go straight to any city pharmacy: no appointment needed").
    """
    tips: list[tuple[str, str, str]] = []
    sources = [(d, f"diff:{i}") for i, d in enumerate(m.diffs)]
    for phrase, key in sources:
        first = re.sub(r"[^\w-]", "", phrase.split()[0].lower()) if phrase else ""
        if first in _ACTION_VERBS:
            pain = next(
                (p for p in m.pains if stems(p, m.brand_stems) & stems(phrase)), ""
            )
            tips.append((phrase, pain, key))
    for specific in m.found:
        if specific.kind != "term" or not re.match(
            r"no\s.+\s(?:needed|required)$", specific.text, re.IGNORECASE
        ):
            continue
        place = next(
            (match.group(1) for part in m.parts if (match := _AT_PLACE.search(part))),
            None,
        )
        if place:
            term = specific.text.lower()
            pain = next(
                (p for p in m.pains if stems(p, m.brand_stems) & stems(term)), ""
            )
            tips.append((f"go straight to {place}, {term}", pain, "tip:place"))
    return tips


def _tip_ideas(m: Material) -> Iterator[Idea | None]:
    for index, (tip, pain, key) in enumerate(tips_of(m)):
        diff = next(
            (
                d
                for d in m.diffs
                if d.casefold() != tip.casefold() and stems(d) & stems(tip)
            ),
            None,
        )
        if pain:
            tie = (
                f"It is part of {m.name}, so '{pain}' is not something to put up with."
            )
        elif diff:
            tie = f"{text.upper_first(diff)}."
        else:
            tie = f"It is part of {m.name}, for {m.f.audience_short}."
        values = m.values(
            index, tip=tip, Tip=text.upper_first(tip), tip_s=_short(tip), tie=tie
        )
        for framing in (0, 1):
            yield _idea("tip", framing, (key, f"tip:{index}"), values)


def _checklist_ideas(m: Material) -> Iterator[Idea | None]:
    pains = list(m.pains[:MAX_ITEMS])
    if len(pains) >= 2:
        n = len(pains)
        values = m.values(
            items=_numbered(pains), n=count_word(n), N=text.upper_first(count_word(n))
        )
        yield _idea("checklist_signs", 0, ("pains",), values)
    items = _distinct([*m.lines, *m.diffs], m.f.offer_name)[:MAX_ITEMS]
    if len(items) >= 3:
        n = len(items)
        values = m.values(
            items=_numbered(items), n=count_word(n), N=text.upper_first(count_word(n))
        )
        yield _idea("checklist_includes", 0, ("includes",), values)


def _distinct(items: Sequence[str], name: str) -> list[str]:
    """Return ``items`` without repeats or restatements of the offer's name.

    An item another one already says goes: "no appointment needed" when "No
    appointment needed at 48 city pharmacies" is listed too.
    """
    kept: list[str] = []
    for index, item in enumerate(items):
        mine = stems(item)
        if not mine or item.casefold().startswith(name.casefold()):
            continue
        covered = any(
            mine < stems(other) or (mine == stems(other) and other_index < index)
            for other_index, other in enumerate(items)
            if other_index != index
        )
        if not covered:
            kept.append(item)
    return kept


def _how_ideas(m: Material) -> Iterator[Idea | None]:
    """The offer's sequence as steps, in the client's order.

    A part is a step when it opens the offer or follows "then", "plus" or a
    semicolon: "Free 45-minute GCSE diagnostic assessment plus a personalised study
    plan; sessions £28 per session" is three steps. A product name written before its
    terms ("Roaster's Choice Subscription: …") is not a step, and a term after a
    comma ("cancel anytime") is told after the steps.
    """
    offer = m.offer
    parts = list(m.parts)
    if specifics.PRODUCT_NAME.match(offer):
        parts = parts[1:]
    steps: list[str] = []
    rest: list[str] = []
    for number, part in enumerate(parts):
        at = offer.find(part)
        before = offer[max(0, at - 12) : at] if at >= 0 else ""
        sequenced = number == 0 or bool(
            re.search(r"(?:;|\bplus|\bthen|followed by)\s*$", before, re.IGNORECASE)
            or re.match(r"(?:then|after that|followed by)\b", part, re.IGNORECASE)
        )
        line = _in_sentence(m.f, specifics.bare(part))
        (steps if sequenced and not rest else rest).append(line)
    if len(steps) < 2:
        return
    steps = steps[:MAX_ITEMS]
    n = len(steps)
    yield _idea(
        "how_it_works",
        0,
        ("steps",),
        m.values(
            steps=_steps(steps),
            rest=f" Also: {'; '.join(rest)}." if rest else "",
            n=count_word(n),
            N=text.upper_first(count_word(n)),
        ),
    )


def _faq_ideas(m: Material, faqs: Sequence[Faq]) -> Iterator[Idea | None]:
    for index, faq in enumerate(faqs):
        question = text.clean(faq.question)
        if not question.endswith("?"):
            question += "?"
        answer = text.sentence(text.clean(faq.answer))
        myth = bool(_YES_NO.match(question) and _CORRECTION.match(answer))
        values = m.values(
            index,
            question=text.upper_first(question),
            question_mid=_in_sentence(m.f, question),
            question_s=_in_sentence(m.f, question),
            answer=answer,
        )
        yield _idea("myth" if myth else "faq", 0, (f"faq:{index}",), values)


def _location_ideas(
    m: Material, locations: Sequence[Location]
) -> Iterator[Idea | None]:
    for index, place in enumerate(locations):
        where = place.address or place.hours
        details = []
        if place.address:
            details.append(f"Address: {text.sentence(place.address)}")
        if place.hours:
            details.append(f"Opening hours: {text.sentence(place.hours)}")
        if not details:
            continue
        values = m.values(
            index,
            place=text.clean(place.name),
            where=where,
            details=" ".join(details),
        )
        yield _idea("location", 0, (f"location:{index}",), values)


def _key_date_ideas(
    m: Material, dates: Sequence[KeyDate], start: dt.date, end: dt.date
) -> Iterator[Idea | None]:
    for index, key_date in enumerate(dates):
        if not start <= key_date.date <= end:
            continue
        label = text.clean(key_date.label)
        when = _when(label, key_date.date)
        last = max(start, key_date.date - dt.timedelta(days=1))
        first = max(start, key_date.date - dt.timedelta(days=10))
        # A date's label is a title: it keeps the client's capitals mid-sentence.
        values = m.values(index, label=label, Label=text.upper_first(label), when=when)
        yield _idea("key_date", 0, (f"date:{index}",), values, window=(first, last))


def _when(label: str, day: dt.date) -> str:
    """``Saturday 16 October 2027``; without the weekday when ``label`` names it."""
    weekday = f"{day:%A}"
    if re.search(rf"\b{weekday}s?\b", label, re.IGNORECASE):
        return long_date(day)
    return f"{weekday} {long_date(day)}"


def _story_ideas(m: Material, proof_points: Sequence[str]) -> Iterator[Idea | None]:
    for index, point in enumerate(proof_points):
        if not _QUOTE.search(point):
            continue
        pieces = re.split(r"\s+[—–-]\s+", point, maxsplit=1)
        quote = pieces[0].strip()
        source = pieces[1].strip() if len(pieces) > 1 else ""
        if not source:
            continue
        values = m.values(index, quote=quote, source=source)
        yield _idea("story", 0, (f"story:{index}",), values)


# --- what is missing ------------------------------------------------------------------


def _places(m: Material) -> str:
    for specific in m.found:
        if specific.kind == "quantity" and _PLACE_NOUNS.search(specific.text):
            return f"the {specific.text}"
    return f"every place {m.f.brand} serves {m.f.audience_short}"


def to_supply(
    m: Material, wanted: Sequence[str], filled: set[str], window: str
) -> tuple[str, ...]:
    """Say what the agency needs from the client for each wanted type left unfilled."""
    f = m.f
    values = m.values(
        places=_places(m),
        window=window,
        advocates=f.advocates,
        deciding=DECIDING.get(f.objective, "choosing"),
    )
    lines: list[str] = []
    for kind in wanted:
        if kind in filled or kind not in TO_SUPPLY:
            continue
        line = TO_SUPPLY[kind]
        if kind == "myth":
            beliefs = [_BELIEF.sub("", p) for p in m.pains if _BELIEF.match(p)]
            if beliefs:
                line = (
                    f"the facts that correct '{beliefs[0]}', with a source {{brand}} "
                    "can cite, and one more belief that stops {audience_short} from "
                    "acting (for myth-and-fact posts)"
                )
        lines.append(text.tidy(line.format(**values)))
    return tuple(lines)


def claim_call(m: Material) -> str:
    """A call to action that claims the offer's discount or trial, if it has one.

    "Claim first bag 50% off {link}", "Start the 30-day free trial {link}"; empty
    when the offer has neither (``{link}`` is left for the platform's link).
    """
    for line in m.terms:
        if len(line.split()) > MAX_CLAIM_WORDS:
            continue
        if any(s.kind == "percent" and s.text in line for s in m.found):
            return f"Claim {line} {{link}}"
        if re.search(r"\bfree trial\b", line, re.IGNORECASE):
            return f"Start {_article(line, m.f)} {{link}}"
    return ""


def substance_for(ctx: DraftContext) -> Substance:
    """Return every post idea the brief can fill and what the agency still needs."""
    brief = ctx.brief
    f = ctx.facts
    m = material_of(f, text.clean(brief.primary_offer), brief.differentiators)
    builders: list[Iterator[Idea | None]] = [
        _offer_ideas(m),
        _comparison_ideas(m),
        _poll_ideas(m),
        _proof_ideas(m, brief.proof_points),
        _behind_ideas(m),
        _tip_ideas(m),
        _checklist_ideas(m),
        _how_ideas(m),
        _faq_ideas(m, brief.faqs),
        _location_ideas(m, brief.locations),
        _key_date_ideas(m, brief.key_dates, ctx.start, ctx.end),
        _story_ideas(m, brief.proof_points),
        _spare_ideas(m),
    ]
    ideas = tuple(idea for builder in builders for idea in builder if idea is not None)
    wanted = tuple(k for k in f.profile.post_types if k in POST_TYPES)
    filled = {idea.kind for idea in ideas if not idea.spare}
    window = f"{long_date(ctx.start)} and {long_date(ctx.end)}"
    claim = claim_call(m)
    return Substance(
        ideas=ideas,
        wanted=wanted,
        to_supply=to_supply(m, wanted, filled, window),
        name=m.name,
        claim=claim,
    )
