"""Fidelity rules: the draft uses the brief's own words whole, and hashtags are words.

A package a director would send quotes the client's offer, audience, pain points,
differentiators and outcomes as the client wrote them: never cut half-way through a
phrase ("the free 45-minute GCSE diagnostic assessment plus"), never dropping a group
of the audience ("parents of Year 10" for "Parents of Year 10 and Year 11 students")
and never lower-casing a name ("roaster's Choice"). Hashtags are made of real words.
These rules compare the written text with the brief, so they guard any generator.
Nothing here touches the database.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from aicmo_site.writing import text
from qc.dto import CheckData, SectionInput, Severity
from qc.rules import Rule, RuleContext, prose_lines

MAX_QUOTED = 5
# A fragment shorter than this many words is too common to be a cut of the brief.
MIN_FRAGMENT_WORDS = 2
# Words an audience phrase is often cut before: where a short form of it can end.
QUALIFIERS = frozenset(
    ("aged", "over", "under", "in", "across", "at", "with", "from", "within", "near")
)
# Joining words that copy can follow with words of its own, unlike "and", "plus",
# "the" or "they", which always need the brief's next word.
OPEN_ENDED = (text.SMALL_WORDS | text.PHRASE_BREAKS) - frozenset(
    ("a", "an", "the", "and", "or", "but", "vs")
)
# Words that open a clause a verb can take as its object ("knowing which topics").
OBJECT_CLAUSES = frozenset(("which", "what", "whether", "how", "where", "when", "that"))
_TOKEN_END = r"(?![\w'’-])"
_TOKEN_START = r"(?<![\w'’-])"
_HASHTAG = re.compile(r"(?<![\w&#/])#([A-Za-z][A-Za-z0-9_]*)(['’]s\b)?")


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A phrase of the brief: what it is ("offer") and the words as written."""

    label: str
    value: str

    @property
    def words(self) -> list[str]:
        return self.value.split()


def _brief_phrases(ctx: RuleContext) -> list[_Phrase]:
    brief = ctx.brief
    phrases = [
        _Phrase("offer", brief.primary_offer),
        _Phrase("audience", brief.target_audience),
    ]
    phrases += [_Phrase("pain point", p) for p in brief.pain_points]
    phrases += [_Phrase("differentiator", d) for d in brief.differentiators]
    phrases += [_Phrase("outcome", o) for o in brief.desired_outcomes]
    return [
        _Phrase(p.label, text.clean(p.value)) for p in phrases if text.clean(p.value)
    ]


def _words_pattern(words: Iterable[str]) -> str:
    return r"\s+".join(re.escape(word) for word in words)


def _bare(word: str) -> str:
    return word.strip(",;:.!?\"'“”()").lower()


def _prose(section: SectionInput) -> str:
    return "\n".join(prose_lines(section.body))


def _quote(value: str, limit: int = 90) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


# --- brief_text_intact ------------------------------------------------------------


def _dangling(phrase: _Phrase, body: str) -> Iterator[str]:
    """Fragments of ``phrase`` cut mid-phrase.

    Either the fragment ends on a joining word ("assessment plus", "not knowing
    they"), or a verb loses the clause that is its object ("Not knowing | which
    GCSE topics…").
    """
    words = phrase.words
    for end in range(MIN_FRAGMENT_WORDS, len(words)):
        last, nxt = _bare(words[end - 1]), _bare(words[end])
        if words[end - 1][-1] in ",;:":
            continue
        before = [w for w in words[: end - 1] if _bare(w) not in text.JOINING_WORDS]
        on_joiner = last in text.JOINING_WORDS and len(before) >= MIN_FRAGMENT_WORDS
        verb_cut = (
            nxt in OBJECT_CLAUSES
            and re.search(r"(?:ing|ed)$", last) is not None
            and last not in text.JOINING_WORDS
        )
        if not on_joiner and not verb_cut:
            continue
        # After a preposition or a relative word, copy may go on in its own words
        # ("… students in | a reassuring voice"); only a stop there shows a cut.
        stop = r"\s*(?:[.,;:!?|)\]]|$)" if last in OPEN_ENDED else ""
        pattern = re.compile(
            _TOKEN_START
            + _words_pattern(words[:end])
            + _TOKEN_END
            # The brief's next word, whatever punctuation either side puts after it.
            + rf"(?!\s+{re.escape(nxt)}{_TOKEN_END})"
            + (f"(?={stop})" if stop else ""),
            re.IGNORECASE | re.MULTILINE,
        )
        match = pattern.search(body)
        if match:
            yield match.group(0)


def _list_items(rest: list[str], at_comma: bool) -> list[str]:
    """The groups a cut before ``rest`` drops: what follows each "and", "or", comma.

    After a cut at a comma the rest opens with a group ("carers and parents");
    after any other cut it opens with the words the cut removed ("aged 25-45").
    """
    joined = " " + " ".join(rest)
    pieces = re.split(r",\s*(?:and\s+|or\s+)?|\s(?:and|or|plus|&)\s", joined)
    items = pieces if at_comma else pieces[1:]
    return [piece.strip() for piece in items if piece.strip()]


def _mentioned(item: str, haystack: str) -> bool:
    """Whether the calendar names a dropped audience group ("remote workers")."""
    words: list[str] = []
    for word in item.split():
        if _bare(word) in text.JOINING_WORDS or len(words) == 2:
            break
        words.append(word.rstrip(","))
    if not words:
        return True
    return bool(
        re.search(
            _TOKEN_START + _words_pattern(words) + _TOKEN_END, haystack, re.IGNORECASE
        )
    )


def _dropped_groups(phrase: _Phrase, body: str, calendar: str) -> Iterator[str]:
    """Short forms of the audience that leave a group out ("parents of Year 10").

    Only the groups of the audience's leading clause count: "Current members in
    their first 6 months, mostly office workers" names one group, described twice.
    """
    words = text.lead(phrase.value).split()
    for end in range(MIN_FRAGMENT_WORDS, len(words)):
        nxt = _bare(words[end])
        at_boundary = (
            words[end - 1].endswith(",")
            or nxt in text.JOINING_WORDS
            or nxt in QUALIFIERS
        )
        if not at_boundary or _bare(words[end - 1]) in text.JOINING_WORDS:
            continue
        dropped = _list_items(words[end:], at_comma=words[end - 1].endswith(","))
        if not dropped or all(_mentioned(item, calendar) for item in dropped):
            continue
        head = [w.rstrip(",") for w in words[:end]]
        pattern = re.compile(
            _TOKEN_START
            + _words_pattern(head)
            + _TOKEN_END
            + rf"(?!,?\s+{re.escape(_bare(words[end]))}{_TOKEN_END})",
            re.IGNORECASE,
        )
        match = pattern.search(body)
        if match:
            yield match.group(0)


def _name_runs(ctx: RuleContext) -> list[list[str]]:
    """Names the brief writes with capitals: "Roaster's Choice Subscription", "GCSE"."""
    runs: list[list[str]] = []
    brand = ctx.brief.brand.split()
    if brand and any(word[:1].isupper() for word in brand):
        runs.append(brand)
    for phrase in _brief_phrases(ctx):
        words = [w.strip(',;:.!?"“”()') for w in phrase.words]
        run: list[str] = []
        for index, word in enumerate(words):
            named = word[:1].isupper() or (run and word[:1].isdigit())
            if index == 0 and named and len(words) > 1:
                # The first word is capitalised by convention; it is a name only when
                # the word after it is one too ("Roaster's Choice").
                second = words[1]
                named = bool(second[:1].isupper() and second[1:] != second[1:].upper())
            if named and word:
                run.append(word)
                continue
            if run:
                runs.append(run)
            run = []
        if run:
            runs.append(run)
    kept = []
    for run in runs:
        acronym = len(run) == 1 and len(run[0]) >= 3 and run[0].isupper()
        if len(run) >= 2 or acronym:
            kept.append(run)
    return kept


def _recased(runs: list[list[str]], body: str) -> Iterator[tuple[str, str]]:
    """Names written with a lower-case letter where the brief has a capital."""
    for run in runs:
        # A possessive may follow a name ("Roaster's Choice's"): only a letter may not.
        pattern = re.compile(
            _TOKEN_START + _words_pattern(run) + r"(?![\w-])", re.IGNORECASE
        )
        for match in pattern.finditer(body):
            written = match.group(0).split()
            for brief_word, word in zip(run, written, strict=False):
                lowered = brief_word[:1].isupper() and word[:1].islower()
                acronym = brief_word.isupper() and len(brief_word) > 1
                if lowered or (acronym and not word.isupper()):
                    yield match.group(0), " ".join(run)
                    break


def _brief_text_intact(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    phrases = _brief_phrases(ctx)
    runs = _name_runs(ctx)
    layout = ctx.layout
    calendar_section = ctx.sections.get(layout.calendar_section) if layout else None
    calendar = (
        _prose(calendar_section)
        if calendar_section
        else "\n".join(_prose(s) for s in ctx.written_sections())
    )
    checks = []
    for section in ctx.written_sections():
        body = _prose(section)
        found: dict[str, str] = {}
        for phrase in phrases:
            for fragment in _dangling(phrase, body):
                found.setdefault(
                    fragment.casefold(),
                    f"'{fragment}' cuts the {phrase.label} mid-phrase (the brief: "
                    f"'{_quote(phrase.value)}')",
                )
            if phrase.label == "audience":
                for fragment in _dropped_groups(phrase, body, calendar):
                    found.setdefault(
                        fragment.casefold(),
                        f"'{fragment}' leaves out part of the audience (the brief: "
                        f"'{_quote(phrase.value)}')",
                    )
        for written, original in _recased(runs, body):
            found.setdefault(
                written,
                f"'{written}' changes the client's capitals (the brief: '{original}')",
            )
        if found:
            checks.append(
                rule.failed(
                    section.key,
                    f"Brief text cut or re-cased in '{section.title}': "
                    + _listed(found.values(), "; ")
                    + ".",
                    "Quote the brief's phrase whole, or a whole noun phrase it "
                    "contains (the product name before ':', the first clause); never "
                    "end on 'plus', 'and', 'of' or 'which'; name every audience group "
                    "the brief lists; keep the client's capitals.",
                )
            )
    return checks or [
        rule.passed(
            "The offer, audience, pain points, differentiators and outcomes are "
            "quoted whole, with the client's capitals."
        )
    ]


def _listed(items: Iterable[str], separator: str) -> str:
    """The first ``MAX_QUOTED`` problems, and how many more there are."""
    items = list(items)
    shown = separator.join(items[:MAX_QUOTED])
    more = len(items) - MAX_QUOTED
    return shown + (f"{separator.rstrip()} and {more} more" if more > 0 else "")


# --- hashtag_form -----------------------------------------------------------------


def _hashtag_form(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    brand_tag = text.hashtag(ctx.brief.brand)
    checks = []
    total = 0
    for section in ctx.written_sections():
        found: dict[str, str] = {}
        for match in _HASHTAG.finditer(_prose(section)):
            tag = f"#{match.group(1)}"
            total += 1
            problems = list(text.hashtag_problems(tag, allowed=(brand_tag,)))
            if match.group(2):
                problems.append(f"a possessive '{match.group(2)}' is left after it")
            if problems:
                found.setdefault(tag, f"'{tag}' ({'; '.join(problems)})")
        if found:
            checks.append(
                rule.failed(
                    section.key,
                    f"Hashtags that are not real words in '{section.title}': "
                    + _listed(found.values(), ", ")
                    + ".",
                    "Build each tag from whole words: drop the possessive 's "
                    "(#RoastersChoice), no one-letter parts, and key topic tags on the "
                    "offer's noun (#FluJab), never a lone promo or generic word "
                    "(#Free, #Rated, #Subscription).",
                )
            )
    return checks or [rule.passed(f"All {total} hashtags are made of real words.")]


RULES: tuple[Rule, ...] = (
    Rule("brief_text_intact", Severity.MAJOR, _brief_text_intact),
    Rule("hashtag_form", Severity.MAJOR, _hashtag_form),
)
