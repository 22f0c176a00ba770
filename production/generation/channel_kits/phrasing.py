"""Phrasing brief text to fit a limit: whole phrases, never a word cut in two."""

import re
from collections.abc import Iterable

from aicmo_site.writing import placeholders, text

# Words before which a phrase can stop and still say something true: a place, a
# means or a detail follows ("Roasted to order | in Bristol"). "on", "if" and
# "except" are not among them: they restrict a claim ("Six-week lead time | on
# standard sizes"), and dropping them would promise more than the client offers.
CUTS = (
    "who", "that", "which", "with", "within", "in", "at", "from", "across", "via",
    "including", "for", "before", "and", "plus",
)  # fmt: skip
# Before these, a participle needs what follows ("plans agreed | before any work").
_COMPLEMENT_CUTS = frozenset(("for", "before", "to", "by"))
_IRREGULAR_PARTICIPLES = frozenset(
    [
        "built",
        "made",
        "sent",
        "kept",
        "held",
        "run",
        "done",
        "given",
        "taken",
        "shown",
        "sold",
        "grown",
        "paid",
    ]
)
# Adjectives that need what follows them ("days bookable | in two clicks").
_OPEN_ADJECTIVES = frozenset(
    [
        "bookable",
        "available",
        "suitable",
        "payable",
        "redeemable",
        "valid",
        "compatible",
        "accessible",
    ]
)
_LEADING_FILLERS = frozenset(("then", "plus", "and", "a", "an", "the"))
PARENS = re.compile(r"\([^()]*\)")


def participle(word: str) -> bool:
    bare = word.lower().strip(",.;:")
    if "-" in bare:
        return False  # "pressure-tested" reads as an adjective
    return bare in _IRREGULAR_PARTICIPLES or bool(re.fullmatch(r"[a-z]{3,}ed", bare))


def capitalise(phrase: str) -> str:
    """Capitalise the first word only when it is all lower case.

    The client's own casing stands: "iPhone repairs" and "eBay shop" keep theirs.
    """
    first, _, rest = phrase.partition(" ")
    if not first.islower():
        return phrase
    return text.upper_first(first) + (f" {rest}" if rest else "")


def _tidy(phrase: str) -> str:
    """Trim punctuation and a leading article or linking word ("then £9.50 …")."""
    words = phrase.strip(" ,;:.").split()
    while len(words) > 1 and words[0].lower() in _LEADING_FILLERS:
        words.pop(0)
    return capitalise(" ".join(words))


def _whole(phrase: str, base: str) -> bool:
    """Whether ``phrase`` reads as a whole: two words or more, nothing dangling.

    It neither opens on a preposition ("For distributors") nor ends on a joining
    word or on a participle that needed what followed it ("plans agreed"), unless
    it is the whole text or a negation ("No appointment needed").
    """
    words = phrase.split()
    if len(words) < 2 or phrase.count("(") != phrase.count(")"):
        return False
    if phrase.endswith(tuple("-–—")) or words[0].lower() in text.SMALL_WORDS:
        return False
    last = words[-1].lower().strip(",.;:")
    if last in text.JOINING_WORDS:
        return False
    negation = words[0].lower() in ("no", "not", "never")
    open_end = participle(last) or last in _OPEN_ADJECTIVES
    return not (open_end and phrase != base and not negation)


def _split_at(phrase: str, cut: str) -> list[tuple[str, str]]:
    """Every (head, rest) split of ``phrase`` before the word ``cut``."""
    found = []
    for match in re.finditer(rf"\s{cut}\s", phrase, flags=re.IGNORECASE):
        found.append((phrase[: match.start()].strip(), phrase[match.end() :].strip()))
    return found


# Words that count or negate, which a phrase may not be cut after.
_NUMBER_WORDS = frozenset(text.WORD_NUMBERS) | {"no", "not"}
_HEAD_ENDS = text.SMALL_WORDS | frozenset(CUTS) | frozenset(("every", "each"))
_COORDINATORS = frozenset(("and", "or", "&", "plus"))
# Words a noun phrase can end before without losing a condition ("report | to
# parents"); "on", "of" and "per" are not among them ("lead time | on standard
# sizes").
_HEAD_STOPS = frozenset(CUTS) | frozenset(("to", "every", "each"))


def head_noun_phrase(phrase: str) -> str:
    """The phrase up to its first preposition ("Six-week lead time | on …").

    A pair joined by "and" stays whole ("Strength and mobility membership").
    """
    kept: list[str] = []
    for word in PARENS.sub("", phrase).split():
        lower = word.lower()
        if lower in _HEAD_ENDS and lower not in _COORDINATORS:
            break
        kept.append(word.rstrip(",;:"))
        if word != kept[-1]:
            break
    while kept and kept[-1].lower() in _COORDINATORS:
        kept.pop()
    return " ".join(kept)


def _ends_cleanly(phrase: str) -> bool:
    """Whether the noun phrase at the start of ``phrase`` can stand without the rest."""
    stripped = " ".join(PARENS.sub("", phrase).split())
    after = stripped[len(head_noun_phrase(phrase)) :].split()[:1]
    return not after or after[0].lower() in _HEAD_STOPS


def _noun_tails(phrase: str, keep_numbers: bool) -> list[str]:
    """Shorter noun phrases that keep the head noun ("forged ball valves").

    Only the leading noun phrase gives tails. A tail never starts inside a name
    ("Choice Subscription"), on a number, a joining word or a word that follows a
    number ("160 | rated"); it never drops a participle, nor, unless
    ``keep_numbers`` is off, a number ("Six-week lead time" keeps "Six-week"). An
    offer that is free keeps the word ("Free diagnostic assessment").
    """
    head = head_noun_phrase(phrase)
    if (
        not _ends_cleanly(phrase)
        or text.fragment_kind(head) != "noun"
        or any(w.lower() in _COORDINATORS for w in head.split())
    ):
        return []
    words = head.split()
    if len(words) < 3:
        return []
    free = words[0].lower() == "free"
    tails = []
    for index in range(1, len(words) - 1):
        first, before = words[index], words[index - 1]
        dropped = [w.lower() for w in words[1 if free else 0 : index]]
        if participle(first) and words[index + 1].lower() in _NUMBER_WORDS:
            continue
        if any(w in _BOUNDED_WORDS | _ORDINALS for w in dropped):
            continue  # "First bag 50% off" never becomes "Bag 50% off"
        if keep_numbers and any(
            re.search(r"\d", w) or w.split("-")[0] in _NUMBER_WORDS for w in dropped
        ):
            continue
        if first.lower() in text.JOINING_WORDS | _NUMBER_WORDS:
            continue
        if re.match(r"\d", first) or re.search(r"\d", before):
            continue
        if before[:1].isupper() and first[:1].isupper():
            continue
        if before.lower().endswith("ly"):
            continue  # "Naturally | leavened …": the adverb belongs to the tail
        tail = " ".join(words[index:])
        tails.append(tail)
        if free and index > 1:
            tails.append(f"Free {tail}")
    return tails


def _ends_open(head: str, cut: str) -> bool:
    """Whether ``head`` needs what followed the cut ("plans agreed | before")."""
    last = head.split()[-1].lower() if head.split() else ""
    if last in _OPEN_ADJECTIVES:
        return True
    return cut in _COMPLEMENT_CUTS and participle(last)


# Words that make a claim exact, so that what follows them bounds it: an offer
# ("Free delivery | for orders over £30"), a negation ("No direct sales | in a
# distributor's territory") or a universal ("Every order | in Leeds").
_BOUNDED_WORDS = frozenset(
    ("free", "off", "discount", "save", "half-price", "no", "not", "never", "only")
    + ("without", "every", "all", "each", "guaranteed")
)
_ORDINALS = frozenset(("first", "second", "third", "last", "next", "final"))
# A participle that opens a second clause: "Roasted in Bristol | and posted …".
_CLAUSE_PARTICIPLE = re.compile(r"[a-z]{3,}ed|" + "|".join(_IRREGULAR_PARTICIPLES))


def bounded(phrase: str) -> bool:
    """Whether ``phrase`` makes an exact claim, which may not lose any of its parts.

    A number, a price, a percentage, an offer, a negation or a universal makes a
    claim exact; dropping its "in", "for", "with", "over" or "who" part would claim
    more than the client did ("20% off | for students", "Delivery | over £30",
    "98.6% of orders shipped on time | in 2026").
    """
    if re.search(r"[\d£$€%]", phrase):
        return True
    words = {w.strip(",.;:").lower() for w in phrase.split()}
    return bool(words & _BOUNDED_WORDS)


def _clauses(head: str, rest: str) -> list[str]:
    """The two clauses either side of "and" when both stand as claims.

    Only two predicates split ("Roasted to order in Bristol | and posted within 48
    hours"); a list never does ("oil, gas | and water utilities"), nor a pair that
    shares what follows ("Water utilities | and oil and gas refineries").
    """
    first = rest.split()[0].lower() if rest.split() else ""
    opener = head.split()[0].lower() if head.split() else ""
    if "," in head or not _CLAUSE_PARTICIPLE.fullmatch(first):
        return []
    if not _CLAUSE_PARTICIPLE.fullmatch(opener):
        return []
    return [head, rest]


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_MASK = "\x01"


def phrasings(phrase: str, keep_numbers: bool = True) -> list[str]:
    """Return true, whole-phrase versions of ``phrase``, longest first.

    A number's thousands separator ("1,200") is not a break.
    """
    masked = _THOUSANDS.sub(_MASK, phrase)
    return [p.replace(_MASK, ",") for p in _phrasings(masked, keep_numbers)]


def _phrasings(phrase: str, keep_numbers: bool) -> list[str]:
    """Return true, whole-phrase versions of ``phrase``, longest first.

    The phrase itself; its leading clause; the phrase stopped before a place, a
    means or a detail; either of two clauses joined by "and"; and shorter noun
    phrases that keep the head noun. None is cut inside a word or left hanging on
    a joining word, and none drops a condition that limits an exact claim (see
    ``bounded``).
    """
    found: list[str] = []
    base = _tidy(" ".join(phrase.split()))
    if not base:
        return []
    lead = text.lead(base)
    found += [base, lead]
    head = head_noun_phrase(lead)
    if _ends_cleanly(lead) and (head == lead or not bounded(lead)):
        found.append(head)
        found += _noun_tails(lead, keep_numbers)
    for cut in CUTS:
        for head, rest in _split_at(lead, cut):
            if cut in _COORDINATORS:
                found += _clauses(head, rest)
            elif not _ends_open(head, cut) and not bounded(f"{head} {rest}"):
                found.append(head)
    out: dict[str, str] = {}
    for candidate in found:
        tidy = _tidy(candidate)
        if _whole(tidy, base):
            out.setdefault(tidy.casefold(), tidy)
    return sorted(out.values(), key=lambda p: (-len(p), p))


def fit(
    candidates: Iterable[str], limit: int, banned: Iterable[str] = ()
) -> str | None:
    """Return the longest candidate within ``limit`` characters that is safe to use.

    A candidate holding a banned word, a bracket or a placeholder is skipped: the
    draft's scrubber would rewrite it and could push it past the limit.
    """
    usable = [c for c in candidates if len(c) <= limit and safe(c, banned)]
    return max(usable, key=len) if usable else None


def safe(copy: str, banned: Iterable[str]) -> bool:
    if "[" in copy or "]" in copy or placeholders.find(copy):
        return False
    return not any(text.banned_pattern(word).search(copy) for word in banned if word)


def offer_parts(offer: str) -> tuple[str, ...]:
    """Split the offer into its parts: name, then each term, in the client's words.

    "Roaster's Choice Subscription: first bag 50% off, then £9.50 per bag, cancel
    anytime" gives the name and three terms. A comma splits only between parts of
    two words or more, so a list ("coffee, tea and cocoa") stays whole, and a
    bracketed detail stays with its part.
    """
    masks: list[str] = []

    def mask(match: re.Match[str]) -> str:
        masks.append(match.group(0))
        return f"\x00{len(masks) - 1}\x00"

    rest = PARENS.sub(mask, _THOUSANDS.sub(_MASK, " ".join(offer.split())))
    parts: list[str] = []
    for chunk in re.split(r"\s*[;:]\s*|\s+plus\s+", rest):
        merged: list[str] = []
        for piece in (p.strip() for p in chunk.split(",") if p.strip()):
            if merged and (len(piece.split()) < 2 or len(merged[-1].split()) < 2):
                merged[-1] = f"{merged[-1]}, {piece}"
            else:
                merged.append(piece)
        parts += merged
    restored = [
        re.sub(r"\x00(\d+)\x00", lambda m: masks[int(m.group(1))], p) for p in parts
    ]
    return tuple(p.replace(_MASK, ",") for p in (_tidy(part) for part in restored) if p)


_YOU = (
    (r"\bthey are\b", "you are"),
    (r"\bthey're\b", "you're"),
    (r"\bthey\b", "you"),
    (r"\bthemselves\b", "yourself"),
    (r"\bthem\b", "you"),
    (r"\btheir\b", "your"),
)


def to_you(copy: str) -> str:
    """Speak to the reader: a pain written about "they" becomes about "you"."""
    for pattern, repl in _YOU:
        copy = re.sub(pattern, repl, copy, flags=re.IGNORECASE)
    return copy
