"""Text helpers for generated copy: clean brief fragments, phrase them, keep them safe.

Brief fields arrive as free text ("Supermarket bread goes stale quickly", "Increase
bookings by 30%", "Family-owned since 1987"). These helpers decide how such a fragment
can sit inside a sentence, so templates never produce broken grammar around it.
"""

import hashlib
import random
import re
from collections.abc import Iterable
from dataclasses import fields, replace
from typing import Any

from aicmo_site.writing import placeholders


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SPACES_RE = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT_RE = re.compile(r"[ \t]+([,.;:!?)])")
_EMPTY_PARENS_RE = re.compile(r"\(\s*\)")

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
WORD_NUMBERS: dict[str, int] = {
    **{word: value for value, word in enumerate(_UNITS)},
    **{"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70},
    **{"eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12},
}
"""Numbers people write as words, with their values: briefs, copy and QC read them."""

SMALL_WORDS = _words(
    "a an and as at but by for from in into of on or per the to vs via with"
)
# Words a noun phrase can stop before: relative pronouns and longer prepositions.
PHRASE_BREAKS = _words(
    "who whose which that where when while within without across aged near around "
    "over under after before during based looking seeking wanting"
)

# Replacements used when a brief bans a word the copy would otherwise use; a banned
# word without an entry is removed and the sentence tidied.
REPLACEMENTS: dict[str, tuple[str, ...]] = {
    "affordable": ("fairly priced", "good-value"),
    "amazing": ("remarkable", "impressive"),
    "best": ("leading", "top"),
    "buy": ("get", "order"),
    "cheap": ("affordable", "low-cost"),
    "cheapest": ("lowest-priced", "most affordable"),
    "cure": ("relief", "remedy"),
    "deal": ("offer",),
    "discount": ("saving", "offer"),
    "easy": ("simple", "straightforward"),
    "exclusive": ("members-only", "limited"),
    "expert": ("specialist", "professional"),
    "experts": ("specialists", "professionals"),
    "fast": ("quick", "prompt"),
    "free": ("complimentary", "no-cost"),
    "guarantee": ("promise", "commitment"),
    "guaranteed": ("assured", "dependable"),
    "hack": ("tip", "shortcut"),
    "hacks": ("tips", "shortcuts"),
    "instant": ("quick", "prompt"),
    "journey": ("path", "route"),
    "leverage": ("use", "apply"),
    "luxury": ("premium", "high-end"),
    "perfect": ("ideal", "right"),
    "premium": ("high-end", "quality"),
    "proven": ("tested", "established"),
    "quick": ("prompt", "swift"),
    "results": ("outcomes", "progress"),
    "revolutionary": ("new", "fresh"),
    "sale": ("offer", "promotion"),
    "seamless": ("smooth", "joined-up"),
    "simple": ("straightforward", "clear"),
    "solution": ("service", "answer"),
    "solutions": ("services", "answers"),
    "ultimate": ("complete", "definitive"),
    "unlimited": ("generous", "open"),
    "world-class": ("top-tier", "first-rate"),
}

_VERB_STARTS = _words(
    """access achieve add attend attract automate avoid be become book boost build buy
    choose close collect connect cut deliver develop discover double drive earn eat
    enjoy expand feel find gain generate get give grow have help hire hit improve
    increase join keep land launch learn live look lose lower make manage meet move
    open own protect raise reach recruit reduce retain run save scale secure see sell
    sign sleep spend start stay stop strengthen support take track travel triple trust
    turn understand visit win work"""
)
_CLAUSE_MARKERS = re.compile(
    r"\b(?:is|are|was|were|isn't|aren't|goes|go|don't|doesn't|can't|cannot|won't|"
    r"takes|has|have|feel|feels|lack|lacks|struggle|struggles|need|needs|spend|spends|"
    r"get|gets|lose|loses|find|finds|want|wants|waste|wastes|miss|misses|rely|relies|"
    r"worry|worries|hate|hates|know|knows|trust|trusts|stay|stays|cost|costs)\b",
    re.IGNORECASE,
)
_AN_SOUNDS = re.compile(
    r"^(?:[aeio]|u(?!ni|s[eu]|ro)|hour|honest|honou?r|[fhlmnrsx]\b)", re.I
)
_THE_PLACES = _words(
    "uk us usa uae eu united netherlands philippines bahamas gulf czech maldives"
)


def clean(text: str) -> str:
    """Return a brief fragment fit for copy: no placeholders, brackets or end stop."""
    text = text.replace("[", "(").replace("]", ")")
    text = placeholders.remove_words(text)
    text = _EMPTY_PARENS_RE.sub("", text)
    text = " ".join(text.split())
    text = _SPACE_BEFORE_PUNCT_RE.sub(r"\1", text)
    return text.strip(" \"'“”‘’").rstrip(".;:,!").strip()


def clean_all(items: Iterable[str]) -> tuple[str, ...]:
    """Clean every fragment and drop the ones left empty."""
    return tuple(item for item in (clean(raw) for raw in items) if item)


def proper_words(*texts: str) -> frozenset[str]:
    """Return the capitalised words of proper names, kept as written mid-sentence."""
    words: set[str] = {"I"}
    for text in texts:
        for word in re.findall(r"[A-Za-z][\w'&.-]*", text):
            if word[0].isupper():
                words.add(word)
    return frozenset(words)


def mid_caps(texts: Iterable[str]) -> frozenset[str]:
    """Return words written with a capital after the start of a text: likely names."""
    words: set[str] = set()
    for item in texts:
        for word in re.findall(r"[A-Za-z][\w'&.-]*", item)[1:]:
            if word[0].isupper():
                words.add(word)
    return frozenset(words)


def _keeps_case(word: str, keep: frozenset[str]) -> bool:
    bare = word.strip("\"'“‘(")
    if not bare or bare in keep or bare.rstrip(",.;:") in keep:
        return True
    return any(ch.isupper() for ch in bare[1:]) or any(ch.isdigit() for ch in bare)


def lower_first(text: str, keep: frozenset[str] = frozenset()) -> str:
    """Lower-case the first letter, unless the first word is a name or an acronym."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if _keeps_case(first, keep):
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    """Capitalise the first letter only."""
    return text[:1].upper() + text[1:] if text else text


def sentence(text: str) -> str:
    """Return ``text`` as a sentence: capitalised and ending in a full stop."""
    text = upper_first(text.strip())
    if not text:
        return text
    return text if text[-1] in ".!?" else f"{text}."


def title(text: str) -> str:
    """Title-case ``text``, keeping acronyms, numbers and small joining words."""
    words = text.split()
    out = []
    for index, word in enumerate(words):
        lower = word.lower()
        if index and lower in SMALL_WORDS:
            out.append(lower)
        elif any(ch.isupper() for ch in word[1:]) or word[:1].isdigit():
            out.append("-".join(upper_first(part) for part in word.split("-")))
        else:
            out.append("-".join(upper_first(part.lower()) for part in word.split("-")))
    return " ".join(out)


def join_and(items: Iterable[str], conjunction: str = "and") -> str:
    """Join ``items`` as prose: ``a``, ``a and b``, ``a, b and c``."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def possessive(name: str) -> str:
    """Return the possessive of a name: ``Ledgerly's``, ``Northwind Logistics'``."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def plural(count: int, singular: str, many: str | None = None) -> str:
    """Return ``1 post`` or ``3 posts`` (``many`` for an irregular plural)."""
    return f"{count} {singular if count == 1 else many or singular + 's'}"


# Words the same in the singular and the plural, or plural-only.
_INVARIANT = frozenset(
    {
        "news", "series", "species", "means", "analytics", "logistics", "economics",
        "physics", "mathematics", "athletics", "politics", "ethics", "aerobics",
        "sheep", "fish", "deer", "staff", "equipment", "feedback", "data",
    }
)  # fmt: skip
_IRREGULAR = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "analyses": "analysis",
    "crises": "crisis",
    "diagnoses": "diagnosis",
}
# Plurals in "-ies" and "-ches" whose singular only drops the "s".
_DROP_S = frozenset(
    {
        "movies", "cookies", "calories", "pies", "ties", "lies", "brownies", "selfies",
        "smoothies", "zombies", "rookies", "hoodies", "freebies", "goodies",
        "niches", "headaches", "cliches", "caches", "quiches", "moustaches",
    }
)  # fmt: skip


def _singular_word(word: str) -> str:
    lower = word.lower()
    if lower in _INVARIANT or lower.endswith(("ss", "us", "is", "ous")):
        return word
    if lower in _IRREGULAR:
        single = _IRREGULAR[lower]
        return single.capitalize() if word[:1].isupper() else single
    if lower in _DROP_S:
        return word[:-1]
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + ("Y" if word[-1].isupper() else "y")
    if lower.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    if lower.endswith("s") and len(lower) > 2:
        return word[:-1]
    return word


def singular(noun: str) -> str:
    """Return a plural noun phrase in the singular, changing its last word only.

    ``"European countries"`` is ``"European country"``, ``"boxes"`` is ``"box"``
    and ``"classes"`` is ``"class"``; ``"series"``, ``"news"`` and ``"analysis"``
    stay as they are.
    """
    head, _, last = noun.rstrip().rpartition(" ")
    if not last:
        return noun
    single = _singular_word(last)
    return f"{head} {single}" if head else single


def a_an(phrase: str) -> str:
    """Prefix ``phrase`` with the right indefinite article."""
    return f"{'an' if _AN_SOUNDS.match(phrase) else 'a'} {phrase}"


# Words a fragment of brief text must never end on: cut there, it reads as broken.
JOINING_WORDS = (
    SMALL_WORDS
    | PHRASE_BREAKS
    | _words("plus nor but than like including versus and or &")
    | _words("they them their it its we our you your he his she her this these those")
)
# Joining words that make a list or a pair: cutting before one drops an item.
COORDINATORS = _words("and or plus &")
# A comma-separated part that opens with one of these qualifies the phrase before it
# ("Small groups of four, in person or online"); it is not a list item.
_QUALIFIER_OPENERS = (SMALL_WORDS | PHRASE_BREAKS | _words("mostly mainly usually")) - {
    "and",
    "or",
}
_HARD_BREAK_RE = re.compile(r";|:| - | – | — |\(|\. ")


def _list_part(part: str) -> bool:
    """Whether a comma-separated part can be an item of a list ("carers")."""
    words = part.split()
    if not words:
        return False
    first = words[0].lower()
    return first not in _QUALIFIER_OPENERS and not first.endswith("ly")


def lead(text: str) -> str:
    """Return the leading clause of ``text``, keeping a list ("A, B and C") whole.

    It ends at the first ``;``, ``:``, dash, bracket or full stop, and at a comma
    unless that comma sits inside a list closed by "and", "or" or "plus":
    "Adults over 65, carers and parents" stays whole, while "Free flu jab at any
    pharmacy, no appointment needed" ends at the comma.
    """
    head = _HARD_BREAK_RE.split(text, maxsplit=1)[0]
    parts = head.split(",")
    kept = [parts[0]]
    for index, part in enumerate(parts[1:], start=1):
        rest = [p.strip() for p in parts[index:]]
        # The list must close ("..., and C" or "..., B and C") within its items.
        closes = next(
            (
                i
                for i, item in enumerate(rest)
                if re.search(r"(?:^|\s)(?:and|or|plus|&)\s", f"{item} ")
            ),
            None,
        )
        if closes is None or not all(_list_part(p) for p in rest[: closes + 1]):
            break
        kept.append(part)
    return ",".join(kept).strip()


def _cut(text: str, max_words: int, cuts: tuple[str, ...]) -> tuple[str, bool]:
    """Cut ``text`` to its lead, then at ``cuts`` while longer than ``max_words``."""
    short = lead(text)
    cut_made = short != text.strip()
    for cut in cuts:
        if len(short.split()) <= max_words:
            break
        pieces = re.split(rf"\s{cut}\s", short, maxsplit=1, flags=re.IGNORECASE)
        head = pieces[0].strip()
        if not head or len(pieces) == 1 or not _clean_cut(head, cut):
            continue
        cut_made = cut_made or head != short
        short = head
    return short, cut_made


def _clean_cut(head: str, cut: str) -> bool:
    """Whether cutting before ``cut`` leaves a whole phrase, not half of one."""
    words = head.split()
    if words[-1].lower() in JOINING_WORDS:
        return False
    if cut.lower() in COORDINATORS:
        # "Strength | and mobility membership" would leave a bare modifier.
        return len(words) >= 3
    # "Not knowing | which topics": the verb loses its object.
    return not (
        cut.lower() in PHRASE_BREAKS | {"which", "that", "who"}
        and re.search(r"(?:ing|ed)$", words[-1].lower())
        and len(words) <= 3
    )


def clause(text: str, max_words: int = 6, cuts: tuple[str, ...] = ()) -> str | None:
    """Return the leading clause of ``text`` if it fits in ``max_words``, else None.

    The clause keeps a list whole and is cut only before one of ``cuts``, where the
    words before make a whole phrase; it never ends on a joining word.
    """
    short, cut_made = _cut(text, max_words, cuts)
    words = short.split()
    if not words or len(words) > max_words:
        return None
    while cut_made and len(words) > 1 and words[-1].lower() in JOINING_WORDS:
        words.pop()
    return " ".join(words) or None


def shorten(text: str, max_words: int, cuts: tuple[str, ...]) -> str:
    """Return a short form of ``text``: its leading clause, cut before ``cuts``.

    Never cut inside a phrase: when no clean cut brings ``text`` within
    ``max_words``, the whole leading clause is returned, longer than asked ("Not
    knowing which GCSE topics their child is actually weak in" stays whole rather
    than become "Not knowing").
    """
    short, cut_made = _cut(text, max_words, cuts)
    words = short.split()
    while cut_made and len(words) > 1 and words[-1].lower() in JOINING_WORDS:
        words.pop()
    return " ".join(words)


def strip_article(text: str) -> str:
    """Drop a leading article or possessive (``a``, ``the``, ``our``)."""
    return re.sub(r"^(?:a|an|the|our|your|their)\s+", "", text, flags=re.IGNORECASE)


def fragment_kind(text: str) -> str:
    """Classify a fragment as ``verb`` phrase, ``clause`` or ``noun`` phrase."""
    words = text.split()
    if not words:
        return "noun"
    if words[0].lower() in _VERB_STARTS:
        return "verb"
    for index, word in enumerate(words[1:], start=1):
        if _CLAUSE_MARKERS.fullmatch(word):
            # "Volunteer days that feel like box-ticking" is a noun with a relative
            # clause, not a clause: its verb belongs to "that".
            relative = words[index - 1].lower() in {"that", "which", "who"}
            return "noun" if relative else "clause"
    return "noun"


def gerund(verb_phrase: str) -> str:
    """Turn a base-form verb phrase into its -ing form (save time: saving time)."""
    verb, _, rest = verb_phrase.partition(" ")
    lower = verb.lower()
    if lower == "be":
        ing = "being"
    elif lower.endswith("ie"):
        ing = f"{lower[:-2]}ying"
    elif lower.endswith("e") and not lower.endswith(("ee", "ye", "oe")):
        ing = f"{lower[:-1]}ing"
    elif re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", lower):
        ing = f"{lower}{lower[-1]}ing"
    else:
        ing = f"{lower}ing"
    return f"{ing} {rest}".strip()


def split_clause(clause_text: str) -> tuple[str, str, str]:
    """Split a clause into subject, verb and predicate at its first verb marker."""
    words = clause_text.split()
    for index, word in enumerate(words[1:], start=1):
        if _CLAUSE_MARKERS.fullmatch(word):
            return " ".join(words[:index]), word, " ".join(words[index + 1 :])
    return clause_text, "", ""


def place_phrase(place: str) -> str:
    """Return ``place`` as it follows ``in`` (``the UK``, ``Leeds``)."""
    first = place.split()[0].lower().strip(",") if place.split() else ""
    if first in _THE_PLACES and not place.lower().startswith("the "):
        return f"the {place}"
    return place


# Hashtag vocabulary. A tag made of one of these words alone says nothing ("#Free",
# "#Subscription"), and a promo word cannot end a tag ("#LeedsFree").
HASHTAG_PROMO_WORDS = _words(
    "free new best top rated first cheap cheapest premium exclusive limited great "
    "special plus latest hot bonus now today save"
)
HASHTAG_GENERIC_WORDS = HASHTAG_PROMO_WORDS | _words(
    """service services subscription subscriptions programme programmes program
    programs package packages plan plans solution solutions platform product products
    offer offers deal deals sale discount weekly monthly annual online custom personal
    professional full complete local automated certified quality value membership
    memberships partnership partnerships role roles job jobs the and"""
)
# Real words written with a capital inside them, kept as they are.
MIXED_CASE_WORDS = frozenset(
    ("SaaS", "PaaS", "IaaS", "iOS", "iPhone", "iPad", "eBay", "eCommerce")
)
_TAG_PARTS_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_POSSESSIVE_RE = re.compile(r"(?<=\w)['’]s\b|(?<=s)['’](?!\w)")


def hashtag(text: str) -> str:
    """Return ``text`` as a CamelCase hashtag (``Kiln & Crumb``: ``#KilnAndCrumb``).

    A possessive loses its apostrophe ("Roaster's Choice": ``#RoastersChoice``), and
    the article "a" is dropped, so no part of the tag is a single letter.
    """
    text = _POSSESSIVE_RE.sub(lambda m: "s" if m.group(0)[-1] in "sS" else "", text)
    words = re.findall(r"[A-Za-z0-9]+", text.replace("&", " and "))
    words = [word for word in words if word.lower() != "a"]
    return "#" + "".join(
        word if word.isupper() else upper_first(word) for word in words
    )


def hashtag_parts(tag: str) -> list[str]:
    """Split a hashtag into its CamelCase parts: ``#RoasterSChoice`` has three."""
    body = tag.lstrip("#")
    parts: list[str] = []
    for word in re.findall(r"[A-Za-z0-9]+", body):
        parts += [word] if word in MIXED_CASE_WORDS else _TAG_PARTS_RE.findall(word)
    return parts


def hashtag_problems(tag: str, allowed: Iterable[str] = ()) -> tuple[str, ...]:
    """Say why ``tag`` is not made of real words; empty when it is.

    A tag fails when it is one generic or promo word alone (``#Free``,
    ``#Subscription``), ends on a promo word (``#LeedsFree``), or has a one-letter
    part, such as the "s" a possessive leaves (``#RoasterSChoice``). ``allowed``
    names tags whose own parts are accepted as written (the client's brand tag).
    """
    body = tag.lstrip("#")
    if not body:
        return ("it is empty",)
    problems: list[str] = []
    if body.lower() in HASHTAG_GENERIC_WORDS:
        problems.append(f"'{body}' alone is a generic word, not a topic")
    exempt = 0
    for other in allowed:
        prefix = other.lstrip("#")
        if prefix and body.startswith(prefix):
            exempt = max(exempt, len(hashtag_parts(prefix)))
    for word in MIXED_CASE_WORDS:
        body = body.replace(word, upper_first(word.lower()))
    parts = hashtag_parts(body)
    for index, part in enumerate(parts):
        if index < exempt or len(part) != 1 or part.isdigit():
            continue
        around = [parts[i] for i in (index - 1, index + 1) if 0 <= i < len(parts)]
        if any(near.isdigit() for near in around):
            continue  # "B2B", "Top10S"
        if part == "S" and index and parts[index - 1][-1].islower():
            problems.append(f"'{part}' is a possessive 's left as a capital S")
        else:
            problems.append(f"'{part}' is a one-letter part")
    if len(parts) > 1 and parts[-1].lower() in HASHTAG_PROMO_WORDS:
        problems.append(f"it ends on the promo word '{parts[-1]}'")
    return tuple(dict.fromkeys(problems))


def seeded(*parts: str) -> random.Random:
    """Return a random generator seeded only from ``parts`` (brief id and a salt)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def tidy(text: str) -> str:
    """Collapse doubled spaces and stray spaces before punctuation, line by line."""
    lines = []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        body = _EMPTY_PARENS_RE.sub("", line[indent:])
        body = _SPACES_RE.sub(" ", body)
        body = _SPACE_BEFORE_PUNCT_RE.sub(r"\1", body).rstrip()
        lines.append(" " * indent + body)
    return "\n".join(lines)


def banned_pattern(word: str) -> re.Pattern[str]:
    """Return the whole-word, case-insensitive pattern for a banned word or phrase.

    The same boundaries QC uses: "cheap" matches in "cheap-looking" but not "cheaply".
    """
    words = [re.escape(part) for part in word.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _match_case(template: str, replacement: str) -> str:
    if template.isupper() and len(template) > 1:
        return replacement.upper()
    if template[:1].isupper():
        return upper_first(replacement)
    return replacement


def _replacement_for(word: str, banned: frozenset[str]) -> str:
    for option in REPLACEMENTS.get(word.lower(), ()):
        if not any(banned_pattern(b).search(option) for b in banned):
            return option
    return ""


def scrub(text: str, banned: Iterable[str], protect: Iterable[str] = ()) -> str:
    """Rephrase banned words and remove placeholders, except on protected lines.

    A banned word is matched as a whole word, case-insensitively, and replaced by a
    neutral synonym that is not itself banned, or removed when none fits.
    """
    banned_set = frozenset(word.strip().lower() for word in banned if word.strip())
    protected = set(protect)
    out = []
    for line in text.split("\n"):
        if line in protected:
            out.append(line)
            continue
        # Generated copy never uses Markdown links: any bracket is a placeholder risk.
        line = placeholders.remove_words(line).replace("[", "(").replace("]", ")")
        for word in sorted(banned_set, key=len, reverse=True):
            line = banned_pattern(word).sub(
                lambda m: _match_case(
                    m.group(0), _replacement_for(m.group(0), banned_set)
                ),
                line,
            )
        out.append(line)
    return tidy("\n".join(out))


def scrub_value(
    value: Any, banned: tuple[str, ...], protect: tuple[str, ...] = ()
) -> Any:
    """Scrub every string inside ``value`` (strings, tuples, dataclasses), stripped."""
    if isinstance(value, str):
        return scrub(value, banned, protect).strip()
    if isinstance(value, tuple):
        return tuple(scrub_value(item, banned, protect) for item in value)
    if hasattr(value, "__dataclass_fields__"):
        changes = {
            f.name: scrub_value(getattr(value, f.name), banned, protect)
            for f in fields(value)
        }
        return replace(value, **changes)
    return value
