"""The search kit: ad groups, keywords in match types, negatives and responsive ads."""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from aicmo_site.writing import text, vocab
from aicmo_site.writing.facts import Facts
from production.generation.channel_kits.phrasing import (
    PARENS,
    fit,
    head_noun_phrase,
    offer_parts,
    participle,
    phrasings,
    safe,
)
from production.generation.channel_kits.plan import (
    DESCRIPTION_MAX,
    DESCRIPTIONS_PER_AD,
    HEADLINE_MAX,
    HEADLINES_PER_AD,
    KEYWORD_MAX,
    FundedChannel,
    cta_line,
    final_url,
    go_live,
    offer_names,
    offer_sentence,
    pain_pairs,
    question,
)
from production.generation.context import DraftContext
from production.generation.kpi_text import target_text


@dataclass(frozen=True, slots=True)
class Keyword:
    """A keyword and its match type (``Exact``, ``Phrase`` or a negative one)."""

    text: str
    match: str


@dataclass(frozen=True, slots=True)
class AdGroup:
    """One ad group: its theme, keywords and responsive search ad."""

    name: str
    keywords: tuple[Keyword, ...]
    headlines: tuple[str, ...]
    descriptions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchKit:
    """A search campaign for one funded search channel."""

    channel: FundedChannel
    groups: tuple[AdGroup, ...]
    negatives: tuple[tuple[Keyword, str], ...]
    final_url: str
    starts: dt.date
    starts_why: str
    ends: dt.date
    bidding: str
    location: str


# An industry named by its sector rather than by what people search for.
_SECTOR_HEADS = frozenset(
    [
        "health",
        "welfare",
        "nonprofit",
        "non-profit",
        "charity",
        "sector",
        "industry",
        "warehousing",
        "logistics",
        "services",
    ]
)
# A trade named by its activity is searched by who does it: "valve manufacturer".
_AGENT_NOUNS = {
    "manufacturing": "manufacturer",
    "tutoring": "tutor",
    "consulting": "consultant",
    "coaching": "coach",
    "roasting": "roaster",
    "cleaning": "cleaner",
}
_HIRING_NOUNS = {"roles": "jobs", "role": "jobs", "positions": "jobs"}


def _keyword(value: str) -> str:
    value = re.sub(r"['’]", "'", value.lower())
    value = PARENS.sub("", value)
    return " ".join(re.sub(r"[^\w' &%£€$.-]", " ", value).split())


_ACRONYMS = {"uk": "UK", "usa": "USA", "eu": "EU"}


def _cased(keyword: str, f: Facts) -> str:
    """A keyword with the client's own capitals for names, places and codes.

    Google Ads matches keywords in any case, so the client's spelling costs nothing
    and keeps the brief exact: "Roaster's Choice", "GCSE tutor Leeds".
    """
    names = [f.brand, *f.competitors, f.city if f.is_city else ""]
    if _names_brand(f.offer_name, f.brand):
        names.append(f.offer_name)
    names += [n.replace("'", "").replace("’", "") for n in names]
    out = keyword
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        plain = name.replace("’", "'")
        out = re.sub(rf"(?<![\w']){re.escape(plain.lower())}(?![\w'])", plain, out)
    source = " ".join((f.industry, f.offer, *f.diffs, f.audience))
    codes = {
        w.lower(): w
        for w in re.findall(r"[\w'’-]+", source)
        if len(w) > 1 and (w.isupper() or any(c.isupper() for c in w[1:]))
    }
    return " ".join(codes.get(w, _ACRONYMS.get(w, w)) for w in out.split())


def _core_phrases(phrase: str) -> list[str]:
    """The searched-for noun phrases in ``phrase``: three words or fewer, no numbers.

    Two noun phrases joined by "and" give one each ("warehouse team lead",
    "forklift operator roles"); a pair of modifiers stays with its noun ("strength
    and mobility membership").
    """
    head = head_noun_phrase(phrase)
    sides = re.split(r"\s(?:and|or|plus|&)\s", head)
    if len(sides) > 1 and any(len(side.split()) < 2 for side in sides):
        sides = [head]
    found = []
    for side in sides:
        words = [w for w in side.split() if not re.search(r"\d", w)]
        if len(sides) > 1 or not re.search(r"\s(?:and|or|&)\s", side):
            words = words[-3:]
        while words and (
            words[0].lower() in text.JOINING_WORDS | {"free", "new"}
            or participle(words[0])
            or words[0].isupper()
        ):
            words.pop(0)
        if words:
            found.append(_keyword(" ".join(words)))
    return found


def _names_brand(phrase: str, brand: str) -> bool:
    def bare(value: str) -> str:
        return re.sub(r"['’]s?\b", "", value).casefold()

    return bare(phrase).startswith(bare(brand))


def core_terms(f: Facts) -> tuple[str, ...]:
    """What people type to find the offer: the trade, then the offer's own noun.

    An industry named by its sector ("Public health") is not a search term, and an
    offer named after the brand ("Roaster's Choice Subscription") belongs to the
    brand ad group instead.
    """
    terms: list[str] = []
    words = f.industry.split()
    if words and words[-1].lower() not in _SECTOR_HEADS:
        tail = [w.lower() for w in words[-3:] if w.lower() != "b2b"]
        tail[-1] = _AGENT_NOUNS.get(tail[-1], tail[-1])
        terms.append(_keyword(" ".join(tail)))
    if not _names_brand(f.offer_name, f.brand):
        terms += _core_phrases(offer_parts(f.offer)[0])
    if f.objective == "Hiring":
        terms = [" ".join(_HIRING_NOUNS.get(w, w) for w in t.split()) for t in terms]
        terms = [t if t.endswith(" jobs") else f"{t} jobs" for t in terms]
    if len(terms) == 1 and len(terms[0].split()) == 3:
        terms.append(" ".join(terms[0].split()[1:]))
    return tuple(dict.fromkeys(t for t in terms if t))


def _display(term: str, f: Facts) -> str:
    """Write a keyword for a heading: codes as the client writes them ("GCSE")."""
    source = " ".join((f.industry, f.offer, f.brand, f.geo, *f.diffs))
    cased = {
        w.lower(): w
        for w in re.findall(r"[\w'’-]+", source)
        if len(w) > 1 and (w.isupper() or any(c.isupper() for c in w[1:]))
    }
    words = [cased.get(w, w) for w in term.split()]
    return text.upper_first(" ".join(words))


_COUNTRY_SEARCH = {"united kingdom": "uk", "united states": "usa"}


def _place_term(f: Facts) -> str | None:
    if f.is_city:
        return f.city.lower()
    if not f.city or re.search(r"\beurope\b", f.city, re.I):
        return None
    return _COUNTRY_SEARCH.get(f.city.lower(), f.city.lower())


def _free_offer(f: Facts) -> bool:
    """Whether the offer itself is free (a free trial is not)."""
    return bool(re.search(r"\bfree\b(?!\s+trial)", f.offer, re.I))


_AGENTS = frozenset((*_AGENT_NOUNS.values(), "supplier", "distributor", "agency"))


def _near_me(f: Facts, term: str, first: bool) -> list[str]:
    """``<term> near me`` for the main term of a business people visit."""
    if first and f.is_city and f.objective != "Partnerships":
        return [f"{term} near me"]
    return []


def _in_free_part(f: Facts, term: str) -> bool:
    """Whether ``term`` names the part of the offer that is free."""
    free = next(
        (
            p
            for p in offer_parts(f.offer)
            if re.search(r"\bfree\b(?!\s+trial)", p, re.I)
        ),
        "",
    )
    return set(term.split()) <= set(re.findall(r"[\w'-]+", free.lower()))


def _intents(f: Facts, term: str, first: bool) -> list[str]:
    """Search phrasings that show intent for the objective.

    "free" goes only before the part of the offer that is free ("free flu jab",
    never "free GCSE tutor" when only the assessment is free).
    """
    found: list[str] = []
    if _is_entity(term):
        found = _near_me(f, term, first)
    elif f.objective == "Sales":
        found = (
            [f"{term} pricing", f"{term} for {_audience_noun(f)}"]
            if f.b2b
            else [f"buy {term}", f"{term} online"]
        )
    elif f.objective == "Leads":
        priced = [] if _in_free_part(f, term) else [f"{term} price"]
        found = [*_near_me(f, term, first), *priced]
        if not f.is_city and priced:
            found.insert(0, f"{term} cost")
    elif f.objective == "Awareness":
        found = _near_me(f, term, first)
    elif f.objective == "Partnerships" and f.b2b and term.split()[-1] not in _AGENTS:
        maker = text.singular(term)
        found = [f"{maker} manufacturer", f"{maker} supplier"]
    if _in_free_part(f, term) and not term.startswith("free "):
        found.insert(0, f"free {term}")
    return [k for k in found if not re.search(r"\b(\w+) \1\b", k)]


def _audience_noun(f: Facts) -> str:
    """Who the B2B buyer works for: "agencies" from "… of UK creative agencies"."""
    words = re.findall(r"[a-z]+", f.audience.lower())
    for word in reversed(words):
        if word.endswith("s") and word not in text.SMALL_WORDS and len(word) > 3:
            return word
    return f.customers


def _keywords(exact: Sequence[str], phrase: Sequence[str]) -> tuple[Keyword, ...]:
    out: dict[tuple[str, str], Keyword] = {}
    for value, types in [*((v, ("Exact", "Phrase")) for v in exact)] + [
        (v, ("Phrase",)) for v in phrase
    ]:
        value = _keyword(value)
        if value and len(value) <= KEYWORD_MAX and len(value.split()) <= 10:
            for match in types:
                out.setdefault((value, match), Keyword(value, match))
    return tuple(out.values())


@dataclass(frozen=True, slots=True)
class _Theme:
    name: str
    exact: tuple[str, ...]
    phrase: tuple[str, ...]
    headlines: tuple[str, ...]


def _cta_headline(f: Facts, banned: Sequence[str]) -> str | None:
    names = [f.in_sentence(n) for n in offer_names(f)]
    if f.objective == "Leads":
        return fit([f"Book your {n}" for n in names], HEADLINE_MAX, banned)
    if f.objective == "Awareness" and _free_offer(f):
        return fit([f"Get your {n}" for n in names if n.startswith("free")], 30, banned)
    verbs = {
        "Sales": "Try" if re.search(r"\btrial\b", f.offer, re.I) else "Order",
        "Awareness": "Discover",
        "Hiring": "Join",
        "Partnerships": "Talk to",
        "Retention": "Come back to",
    }
    return fit([f"{verbs[f.objective]} {f.brand}"], HEADLINE_MAX, banned)


def _worded(phrase: str) -> bool:
    """Whether a phrase opens on a word ("4-day week option"), not a bare number."""
    return bool(re.search(r"[^\W\d_]", phrase.split()[0])) if phrase.split() else False


def _headline_pool(ctx: DraftContext) -> list[str]:
    """Headlines every ad group can use, most selling first, each within 30."""
    f = ctx.facts
    banned = ctx.brief.banned_words
    parts = offer_parts(f.offer)
    names = offer_names(f)
    sources = [
        names,
        *(phrasings(part) for part in parts[1:]),
        *(phrasings(diff) for diff in f.diffs),
        *(phrasings(point) for point in ctx.brief.proof_points),
        [p for p in phrasings(parts[0]) if p not in names and _worded(p)],
    ]
    pool: list[str | None] = [fit(s, HEADLINE_MAX, banned) for s in sources]
    pool.append(_cta_headline(f, banned))
    if f.is_city:
        pool.append(fit([f"{n} in {f.city}" for n in offer_names(f)], 30, banned))
    pool.append(fit([f.brand], HEADLINE_MAX, banned))
    chosen = list(dict.fromkeys(h for h in pool if h))
    # Second phrasings fill the ad when the brief gives fewer than 15 headlines,
    # never one that only repeats part of a headline already chosen.
    for source in sources:
        for extra in source:
            if len(chosen) >= HEADLINES_PER_AD:
                break
            taken = " | ".join(chosen).casefold()
            if (
                len(extra) <= HEADLINE_MAX
                and safe(extra, banned)
                and extra.casefold() not in taken
                and _worded(extra)
            ):
                chosen.append(extra)
    return chosen[:HEADLINES_PER_AD]


def _description_pool(ctx: DraftContext) -> list[str]:
    """Descriptions every ad group can use, each a sentence within 90 characters."""
    f = ctx.facts
    banned = ctx.brief.banned_words
    pool: list[str | None] = [offer_sentence(f, DESCRIPTION_MAX)]
    for pain, diff in pain_pairs(f):
        answers = [
            f"{question(pain)} {text.sentence(p)}" for p in [diff, *phrasings(diff)]
        ]
        pool.append(fit(answers, DESCRIPTION_MAX, banned))
    for diff in f.diffs:
        pool.append(fit([text.sentence(p) for p in phrasings(diff)], 90, banned))
    pool.append(fit([text.sentence(cta_line(f))], DESCRIPTION_MAX, banned))
    return list(dict.fromkeys(d for d in pool if d))


_DISCOUNT = re.compile(r"%\s*off|\bdiscount|\bhalf price|\bsave\b", re.I)
_PRICE = re.compile(r"[£€$]\s?\d|\b(?:per|a) (?:month|session|bag|week|year)\b", re.I)
_STANDARD = re.compile(r"\b[A-Z]{2,4} \d+\b(?![-–])|\b(?:DIN|ANSI|ASME|CE)\b")


def _offer_theme(
    f: Facts, lead: str, trade: str, banned: Sequence[str]
) -> _Theme | None:
    """An ad group on the offer's specifics: discount, trial, free, price, standard.

    It is named after the first specific the offer has, and its headline is that
    specific in the client's words ("First bag 50% off").
    """
    parts = offer_parts(f.offer)

    def part(pattern: re.Pattern[str] | str) -> str | None:
        compiled = re.compile(pattern, re.I) if isinstance(pattern, str) else pattern
        return next((p for p in parts if compiled.search(p)), None)

    found: list[tuple[str, str, list[str]]] = []
    discount = part(_DISCOUNT)
    if discount:
        found.append(("Offer", discount, [f"{lead} offer", f"{lead} discount"]))
    trial = part(r"\btrial\b")
    if trial:
        found.append(("Offer", trial, [f"{lead} free trial", f"{lead} trial"]))
    free = part(r"\bfree\b(?!\s+trial)")
    if free:
        cores = _core_phrases(free) or [lead]
        found.append(("Offer", free, [f"free {c}" for c in cores]))
    price = part(_PRICE)
    if price:
        # A price is searched with the trade ("GCSE tutor price"), never with a
        # free part of the offer.
        priced = trade if _in_free_part(f, lead) else lead
        found.append(("Price", price, [f"{priced} price", f"{priced} cost"]))
    standards = list(dict.fromkeys(_STANDARD.findall(f.offer)))
    if standards:
        found.append(
            (
                "Standards",
                text.join_and(standards),
                [f"{std.lower()} {lead}" for std in standards],
            )
        )
    if not found:
        return None
    label, specific, _ = found[0]
    headline = fit(phrasings(specific), HEADLINE_MAX, banned)
    name = specific if label == "Standards" else (headline or specific)
    return _Theme(
        name=f"{label}: {f.in_sentence(name)}",
        exact=(),
        phrase=tuple(k for _, _, words in found for k in words),
        headlines=(headline,) if headline else (),
    )


def _first_fitting(candidates: Sequence[str], banned: Sequence[str]) -> tuple[str, ...]:
    """The first candidate that fits a headline, in the order given, or none."""
    found = next(
        (c for c in candidates if len(c) <= HEADLINE_MAX and safe(c, banned)), None
    )
    return (found,) if found else ()


def _is_entity(term: str) -> bool:
    """Whether a term names a kind of business ("artisan bakery"), not a product."""
    last = term.split()[-1] if term.split() else ""
    return last in vocab.ENTITY_NOUNS or last in _AGENTS or last in {"tutor", "dentist"}


def _themes(ctx: DraftContext) -> list[_Theme]:
    """Every ad group the brief supports, in the order the objective ranks them."""
    f = ctx.facts
    banned = ctx.brief.banned_words
    terms = core_terms(f)
    place = _place_term(f)
    themes: dict[str, _Theme] = {}
    if terms:
        themes["core"] = _Theme(
            name=_display(terms[0], f),
            exact=terms,
            phrase=tuple(
                i for n, t in enumerate(terms) for i in _intents(f, t, n == 0)
            ),
            headlines=_first_fitting([_display(t, f) for t in terms], banned),
        )
        products = [t for t in terms if not _is_entity(t)]
        offer = _offer_theme(f, min(products or terms, key=len), terms[0], banned)
        if offer:
            themes["offer"] = offer
    if terms and place:
        where = f.city if f.is_city else text.place_phrase(place.upper())
        heads = [f"{_display(t, f)} in {where}" for t in terms]
        themes["place"] = _Theme(
            name=heads[0],
            exact=tuple(f"{t} {place}" for t in terms),
            phrase=tuple(_near_me(f, terms[0], True)),
            headlines=_first_fitting(heads, banned),
        )
    brand = _keyword(f.brand)
    brand_phrase = [
        f"{brand} {t}"
        for t in sorted(terms, key=len)[:1]
        if not set(t.split()) & set(brand.split())
    ]
    if _names_brand(f.offer_name, f.brand):
        brand_phrase.insert(0, _keyword(f.offer_name))
    themes["brand"] = _Theme(
        name=f"Brand: {f.brand}",
        exact=tuple(dict.fromkeys([brand, brand.replace("'", "")])),
        phrase=tuple(brand_phrase),
        headlines=tuple(h for h in (fit([f.brand], HEADLINE_MAX, banned),) if h),
    )
    if f.competitors and terms:
        themes["competitors"] = _Theme(
            name="Alternatives to " + text.join_and(f.competitors, "or"),
            exact=(),
            phrase=tuple(
                k
                for c in f.competitors
                for k in (f"{_keyword(c)} alternative", f"alternative to {_keyword(c)}")
            ),
            headlines=(),
        )
    order = {
        "Retention": ("brand", "core", "offer", "place", "competitors"),
        "Awareness": ("core", "place", "offer", "brand", "competitors"),
    }.get(f.objective, ("core", "offer", "place", "brand", "competitors"))
    return [themes[key] for key in order if key in themes]


def _negatives(ctx: DraftContext) -> list[tuple[Keyword, str]]:
    """Negative keywords with the reason for each, from the brief's own facts."""
    f = ctx.facts
    found: list[tuple[Keyword, str]] = []
    if f.objective == "Hiring":
        found.append(
            (
                Keyword("course", "Phrase"),
                f"People after a course, not a job at {f.brand}",
            )
        )
    else:
        why = f"Job seekers, not {f.audience_short}"
        found += [(Keyword(w, "Phrase"), why) for w in ("jobs", "careers", "salary")]
    if not re.search(r"\bfree\b", f.offer, re.I):
        found.append(
            (
                Keyword("free", "Phrase"),
                f"{text.upper_first(f.offer_ref)} "
                f"{'are' if f.offer_plural else 'is'} not free",
            )
        )
    if not f.is_city and not ctx.brief.locations:
        found.append(
            (
                Keyword("near me", "Phrase"),
                f"Searches for somewhere nearby; {f.brand} serves all of {f.place}",
            )
        )
    if f.objective in ("Sales", "Leads") and not f.b2b:
        found.append(
            (Keyword("wholesale", "Phrase"), f"Trade buyers, not {f.audience_short}")
        )
    if f.objective in ("Sales", "Leads", "Partnerships"):
        why = f"What a word means, not a search for {f.offer_ref}"
        found += [(Keyword(w, "Phrase"), why) for w in ("definition", "meaning")]
    for competitor in f.competitors:
        found.append(
            (
                Keyword(f"{_keyword(competitor)} login", "Exact"),
                f"Existing {competitor} customers signing in",
            )
        )
    banned = ctx.brief.banned_words
    return [(k, why) for k, why in found if safe(k.text, banned) and safe(why, banned)]


def _bidding(ctx: DraftContext) -> str:
    f = ctx.facts
    cost = next(
        (k for k in ctx.kpis if re.match(r"cost per ", k.name, re.I)),
        None,
    )
    goal = {
        "Sales": "completed orders",
        "Leads": "submitted enquiry forms",
        "Awareness": "visits to the page",
        "Hiring": "submitted applications",
        "Partnerships": "meeting requests",
        "Retention": "returning customers' orders",
    }[f.objective]
    if cost is not None and f.objective != "Awareness":
        return (
            f"Maximise conversions, counting {goal} on {f.site}; once the campaign "
            f"has 30 conversions, a target of {target_text(cost)} "
            f"({text.lower_first(cost.name)}, from the KPI plan)."
        )
    if f.objective == "Awareness":
        return (
            f"Maximise clicks to {f.site}, with ads shown only in {f.place}; "
            f"{goal} are the measure."
        )
    return f"Maximise conversions, counting {goal} on {f.site}."


def _four(pool: Sequence[str]) -> tuple[str, ...]:
    """Pick four descriptions: the offer, the first two answers, the call to action."""
    if len(pool) <= DESCRIPTIONS_PER_AD:
        return tuple(pool)
    return (*pool[:3], pool[-1])


def search_kit(ctx: DraftContext, channel: FundedChannel) -> SearchKit:
    """Write the search campaign: ad groups, keywords, negatives and ads."""
    f = ctx.facts
    pool = _headline_pool(ctx)
    descriptions = _description_pool(ctx)
    groups: list[AdGroup] = []
    # A keyword belongs to one ad group only, so groups never bid against each other.
    taken: set[tuple[str, str]] = set()
    for theme in _themes(ctx):
        if len(groups) >= channel.size:
            break
        fresh = [
            k
            for k in _keywords(theme.exact, theme.phrase)
            if (k.text, k.match) not in taken
        ]
        if not fresh:
            continue
        taken |= {(k.text, k.match) for k in fresh}
        keywords = [Keyword(_cased(k.text, f), k.match) for k in fresh]
        heads = list(dict.fromkeys([*theme.headlines, *pool]))[:HEADLINES_PER_AD]
        groups.append(
            AdGroup(
                name=theme.name,
                keywords=tuple(keywords),
                headlines=tuple(heads),
                descriptions=_four(descriptions),
            )
        )
    starts, why = go_live(ctx)
    return SearchKit(
        channel=channel,
        groups=tuple(groups),
        negatives=tuple(
            (Keyword(_cased(k.text, f), k.match), why) for k, why in _negatives(ctx)
        ),
        final_url=final_url(ctx),
        starts=starts,
        starts_why=why,
        ends=f.end,
        bidding=_bidding(ctx),
        location=f.geo_phrase,
    )
