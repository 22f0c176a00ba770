"""Promise rules: copy that announces content gives it.

A director reads "Here is one quick win…" and looks for the win; reads "three signs"
and counts them; reads "Myth vs fact" and looks for a myth and its correction. Copy
that only describes what it would say ("A practical step you can take this week",
"The questions parents ask most, answered plainly") promises and does not deliver.
The rule reads the draft as written, so it guards any generator:

- ``promised_content_delivered``: in each calendar post (its copy, and the theme its
  table row gives it) and in each prose passage of the other sections, every
  announcement is followed by what it announces:

  - a counted list ("three reasons", "5 tips", "Two mistakes") by at least that many
    marked items: list items, table rows, "Sign one: …", "First, …", "1. …", or a
    list after a colon;
  - "here is/are …", "one quick win", "this post breaks down …" by content: a list, a
    colon and what follows it, or a concrete sentence (an instruction, a figure, or a
    full statement that is not the brief's own words repeated);
  - "the questions … ask most", "you asked, we answered", "answered plainly", "FAQ"
    by at least one question and its answer;
  - "Myth vs fact" (and, in a post, any "myth") by a myth and its correction.

Quoted names ('Myths Busted', a pillar) and headings are names, not promises; a hook
or headline quoted in a plan ("Example hook: …") is judged where its post is written.
Nothing here touches the database.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from aicmo_site.writing import text
from qc.dto import CheckData, SectionInput, Severity
from qc.posts import (
    Piece,
    PieceKind,
    calendar_posts,
    normalized,
    prose_passages,
    sentences,
    shorten,
)
from qc.rules import WORD, Rule, RuleContext

# How many problems a message quotes before "and N more".
QUOTE_LIMIT = 5
# A statement with this many words of its own (the brief's phrases taken out) is
# content, even without a figure or an instruction.
MIN_STATEMENT_WORDS = 15
# An answer needs this many words; a question, too, to be a question and not a prompt.
MIN_ANSWER_WORDS = 4
# A figure is content only with this many words of its own beside it: "£9.50" alone
# gives nothing, "a bag lasts 12 days at two cups a day" does.
MIN_FIGURE_WORDS = 4
# A statement about a person just introduced ("Here is Ana, our head roaster.")
# keeps the introduction with this many words.
MIN_INTRODUCED_WORDS = 5

NUMBER_WORDS = {**text.WORD_NUMBERS, "a dozen": 12}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
# Nouns that announce a list when a number comes before them.
LIST_NOUNS = (
    "reasons|tips|signs|ways|steps|mistakes|myths|questions|things|ideas|facts|"
    "lessons|rules|secrets|habits|hacks|tricks|benefits|checks|takeaways|truths|"
    "misconceptions|errors|wins|fixes|answers|red flags|warning signs|principles|"
    "examples|options|questions to ask"
)
# The singular nouns that announce one item: "one quick win", "one tip".
ONE_NOUNS = "tip|win|trick|hack|fix|secret|lesson|mistake"
_NUMBER = r"\d{1,2}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# A number after these words is an age or a bound, not a count: "adults over 65".
_NOT_A_COUNT = "".join(
    rf"(?<!\b{word}\s)" for word in ("over", "under", "aged", "age", "from", "between")
)
_COUNTED = re.compile(
    rf"(?<![\w-]){_NOT_A_COUNT}(?P<n>{_NUMBER})\s+(?:[\w'’-]+\s+){{0,2}}?(?P<noun>{LIST_NOUNS})\b",
    re.IGNORECASE,
)
_ONE = re.compile(
    rf"\bone\s+(?:[\w'’-]+\s+)?(?:{ONE_NOUNS})\b"
    r"(?!\s*(?:of|to)\s+(?:the|these|our))"
    r"|\bquick\s+(?:win|tip|fix)\b",
    re.IGNORECASE,
)
_HERE = re.compile(r"\bhere(?:\s+is|\s+are|['’]s|\s+come)\b(?!\s+to\b)", re.IGNORECASE)
_SELF_ANNOUNCING = re.compile(
    r"\blet['’]?s\s+(?:unpack|talk about|look at|break down|dig into|walk through)\b"
    r"|\bthis (?:post|email|video|reel|carousel|thread|guide|newsletter|piece|series)"
    r"\s+(?:[\w-]+\s+)?(?:breaks down|walks (?:you )?through|explains|covers|shows"
    r"|shares|celebrates|answers|looks at|unpacks|lists|reveals|rounds up"
    r"|takes you through|sets out|spells out|gives)\b",
    re.IGNORECASE,
)
# Announcements of questions and answers, read in posts only.
_QUESTIONS = re.compile(
    r"\byou asked\b|\byour questions\b|\bthe questions\b[^.?!]{0,100}?\bask\b"
    r"|\bquestions?,?\s+answered\b|\banswered plainly\b|\bstraight answers\b"
    r"|\bquestions? and answers\b",
    re.IGNORECASE,
)
_FAQ = re.compile(r"\bFAQs?\b|\bQ\s?&\s?A\b")
_MYTH_ANNOUNCED = re.compile(
    r"\bmyths?\s+(?:vs\.?|versus|or|and)\s+facts?\b|\bmyth-?bust", re.IGNORECASE
)
_MYTH_WORD = re.compile(r"\bmyths?\b", re.IGNORECASE)
# "Myth: decaf has no caffeine": a myth stated, which its correction must follow.
_MYTH_LABEL = re.compile(
    r"\bmyth(?:\s*(?:#?\d+|one|two|three))?(?:\s*:|\s+[—–-]|[—–])\s*\S",
    re.IGNORECASE,
)
# "No myths, just coffee", "not one tip": a negated mention promises nothing.
_NEGATED = re.compile(
    r"\b(?:no|not|never|without|zero)\s+(?:a\s+|an\s+|any\s+|one\s+)?"
    rf"(?:[\w'’-]+\s+)?(?:myths?|(?:{ONE_NOUNS})s?)\b",
    re.IGNORECASE,
)
# "Here is Ana, our head roaster": a person introduced by name.
_INTRODUCES = re.compile(
    r"^\s*(?!(?:This|That|What|How|Why|When|Where|Our|Your|The|One|An?)\b)"
    r"[A-Z][\w'’-]{1,30}(?:\s+[A-Z][\w'’-]{1,30})?\s*,\s*(?:our|the|a|an|who|your)\b"
)

# What delivers: marked items, questions with answers, a myth and a correction.
# "Sign one: …", "Tip #2 — …", "Step 3. …": a noun, its number, then a stop.
_NAMED_ITEM = re.compile(
    rf"\b(?P<noun>[A-Za-z]+)\s+#?(?P<n>\d{{1,2}}|{_NUMBER})"
    r"(?::|\.|\)|\s+[—–-])\s+\S",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"(?:^|(?<=[\s>]))(?P<n>\d{1,2})[.)]\s+\S")
_ORDINAL = re.compile(
    r"^(?P<o>" + "|".join(ORDINALS) + r")(?:ly)?\s*[,:—–-]", re.IGNORECASE
)
# "One: fresher beans. Two: …": a bare number opening a sentence, then a stop.
_BARE_NUMBER = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<n>"
    + "|".join(n for n in NUMBER_WORDS if " " not in n)
    + r")\s*[:—–-]\s+\S",
    re.IGNORECASE,
)
_QA_LABEL = re.compile(r"\b(?:Q|Question)\s*\d*\s*[:.]\s*\S", re.IGNORECASE)
_MYTH_STATED = re.compile(
    r"\bmyth\s*(?:#?\d+|one|two|three)?\s*[:—–-]\s*\S"
    r"|\b(?:many|most|some|lots of)\s+(?:[\w-]+\s+){0,3}?(?:think|believe|assume|say)\b"
    r"|\b(?:you|people|parents|customers)\s+(?:might|may|often|probably)\s+"
    r"(?:think|believe|assume|hear)\b"
    r"|\bit is (?:easy|common|tempting) to (?:assume|think|believe)\b"
    r"|\b(?:the )?(?:common )?(?:belief|assumption|misconception|idea) (?:is )?that\b",
    re.IGNORECASE,
)
_CORRECTION = re.compile(
    r"\b(?:fact|truth|reality|the fact|the truth|the reality)\s*[:—–-]\s*"
    r"(?P<label>.+)"
    r"|\b(?:in fact|actually|in reality|the truth is|the reality is"
    r"|the facts? (?:is|are)),?\s+(?P<phrase>.+)",
    re.IGNORECASE,
)
# A sentence that opens like this is the post's call to action or an invitation.
_CTA_START = re.compile(
    r"^(?:order|shop|buy|book|start|join|follow|save|share|tell|comment|reply"
    r"|message|dm|send|click|tap|visit|sign up|subscribe|register|apply|enquire"
    r"|inquire|call|contact|download|get|learn more|find out|see|head|swipe|ask"
    r"|drop|tag|discover|claim|grab|reserve|enrol|enroll|request|let us know"
    r"|watch this space)\b",
    re.IGNORECASE,
)
# A web address: its host (at most 63 characters a label) and a known ending. The
# bounded, anchored repeat keeps a long hyphenated word from costing quadratic time.
_LINK = re.compile(
    r"link in bio|https?://"
    r"|(?<![\w-])[\w-]{1,63}(?:\.[\w-]{1,63}){0,3}\.(?:example|com|co\.uk|org)\b"
)
# A sentence that opens like this gives an instruction: the tip itself.
_INSTRUCTION_START = re.compile(
    r"^(?:try|store|grind|use|keep|swap|check|brew|write|set|add|put|pick|choose"
    r"|measure|weigh|replace|clean|turn|skip|avoid|plan|block|note|compare|read"
    r"|test|make|take|open|list|bring|switch|drink|warm|rinse|aim|limit|cut|stop"
    r"|spend|give|leave|look|practise|practice|review|mark|schedule|prepare|pack"
    r"|label|count|track|remember|don['’]t|do not|never|always|swap)\b",
    re.IGNORECASE,
)
# A sentence that describes content instead of giving it.
_DESCRIBES = re.compile(
    r"^(?:a|an|the|our|this|these)\s+(?:[\w-]+\s+){0,2}?(?:walk-?through|breakdown"
    r"|rundown|round-?up|look|tour|guide|overview|step|tip|win|story|stories|list"
    r"|checklist|questions|answers|myths|facts|update|updates|celebration|spotlight"
    r"|post|email|video|reel|carousel)\b(?!\s*:)"
    r"|^what(?:['’]s| is) (?:new|next|coming|happening)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(
    r"(?<![\w'’])['‘\"“](?:[^'’\"”\n]|(?<=\w)['’](?=\w)){2,120}?['’\"”](?![\w'’])"
)
_COLON_CONTENT = re.compile(r":\s*(?P<rest>[^.!?]+)")


class Family(StrEnum):
    """The kinds of announcement, each with its own test of delivery."""

    COUNTED = "counted"
    CONTENT = "content"
    QUESTIONS = "questions"
    MYTH = "myth"


@dataclass(frozen=True, slots=True)
class Promise:
    """An announcement: its family, the count it names, and the words that make it."""

    family: Family
    count: int
    words: str
    noun: str = ""


@dataclass(frozen=True, slots=True)
class Broken:
    """A promise that its copy does not keep: the sentence and what is missing."""

    sentence: str
    missing: str


# --- Finding promises -------------------------------------------------------------


def _unquoted(sentence: str) -> str:
    return _QUOTED.sub(" ", sentence)


def _number(word: str) -> int:
    word = word.casefold()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 0)


def _announces_list(plain: str, match: re.Match[str]) -> bool:
    """Whether a count in a plan announces a list.

    It does when it opens the sentence or a colon follows: "Three things get in the
    way:", not "lead ads with two qualifying questions".
    """
    before = plain[: match.start()].strip()
    return not before or before.endswith(":") or plain.rstrip().endswith(":")


def promises_in(sentence: str, *, in_post: bool) -> list[Promise]:
    """Return the announcements a sentence makes, counted lists first.

    A call to action ("Reply with your questions") invites content; it promises none.
    """
    plain = _NEGATED.sub(" ", _unquoted(sentence))
    if _is_cta(plain.strip()):
        return []
    found: list[Promise] = []
    for match in _COUNTED.finditer(plain):
        count = _number(match.group("n"))
        if count >= 2 and (in_post or _announces_list(plain, match)):
            noun = match.group("noun").casefold()
            found.append(Promise(Family.COUNTED, count, match.group(0), noun))
    # In a plan, "straight answers" describes what a persona wants; only a post
    # promises questions and answers.
    questions = in_post and (_QUESTIONS.search(plain) or _FAQ.search(plain))
    if questions:
        found.append(Promise(Family.QUESTIONS, 1, questions.group(0)))
    # "Myth: fresh coffee costs more" states a myth; it does not announce one.
    # "Myth: decaf has no caffeine" states a myth: its correction must follow.
    myth = (
        _MYTH_ANNOUNCED.search(plain)
        or (in_post and _MYTH_LABEL.search(plain))
        or (in_post and not _MYTH_STATED.search(plain) and _MYTH_WORD.search(plain))
    )
    if myth and not any(p.noun == "myths" for p in found):
        found.append(Promise(Family.MYTH, 1, myth.group(0)))
    if not found:
        content = _HERE.search(plain) or _ONE.search(plain)
        content = content or _SELF_ANNOUNCING.search(plain)
        if content:
            found.append(Promise(Family.CONTENT, 1, content.group(0)))
    return found


# --- Judging delivery -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _After:
    """What follows a promise: the rest of its sentence, then the following copy."""

    rest: str
    sentences: tuple[str, ...]
    items: int
    rows: int

    @property
    def text(self) -> str:
        return " ".join((self.rest, *self.sentences))


# The brief's offer and differentiators are cut into parts here: "first bag 50% off,
# then £9.50 per bag" repeats the offer, even one part of it.
_PART_BREAK = re.compile(r"[,;:]|\b(?:then|plus|and)\b", re.IGNORECASE)


def _parts(phrase: str) -> list[str]:
    """The parts of a brief phrase, split at punctuation and "then", "plus", "and"."""
    return [part.strip() for part in _PART_BREAK.split(phrase) if part.strip()]


def _brief_phrases(ctx: RuleContext) -> list[str]:
    """The brief's own words, longest first: repeating them gives no content."""
    brief = ctx.brief
    phrases = [brief.brand, brief.primary_offer, brief.target_audience]
    phrases += [text.lead(brief.primary_offer), text.lead(brief.target_audience)]
    phrases += [*brief.pain_points, *brief.differentiators]
    for phrase in (brief.primary_offer, *brief.differentiators):
        phrases += _parts(phrase)
    return sorted(
        {normalized(p) for p in phrases if len(p.split()) >= 2 or len(p) > 4},
        key=len,
        reverse=True,
    )


def _own_words(sentence: str, phrases: list[str]) -> str:
    """The sentence without the brief's phrases: what it says of its own."""
    own = normalized(sentence)
    for phrase in phrases:
        own = own.replace(phrase, " ")
    return own


def _is_cta(sentence: str) -> bool:
    return bool(_CTA_START.match(sentence) or _LINK.search(sentence))


def _restates(sentence: str, promise_sentence: str) -> bool:
    """Whether the sentence repeats four or more words running of the promise's."""
    words = normalized(promise_sentence).split()
    target = f" {normalized(sentence)} "
    return any(
        f" {' '.join(words[i : i + 4])} " in target for i in range(len(words) - 3)
    )


def _concrete(sentence: str, promise_sentence: str, phrases: list[str]) -> bool:
    """Whether a sentence gives content: an instruction, a figure or a statement."""
    if (
        sentence.rstrip().endswith("?")
        or _is_cta(sentence)
        or _DESCRIBES.match(sentence)
        or promises_in(sentence, in_post=True)
        or _restates(sentence, promise_sentence)
    ):
        return False
    own = _own_words(sentence, phrases)
    colon = _COLON_CONTENT.search(own)
    return bool(
        _INSTRUCTION_START.match(sentence)
        or _is_figure(own)
        or (colon and len(colon.group("rest").split()) >= 3)
        or len(own.split()) >= MIN_STATEMENT_WORDS
    )


def _is_figure(own: str) -> bool:
    """Whether a sentence's own words give a figure with words of its own around it.

    "£9.50 per bag" alone is no content; "a bag lasts 12 days at two cups a day" is.
    """
    if not re.search(r"\d", own):
        return False
    words = [word for word in WORD.findall(own) if not any(c.isdigit() for c in word)]
    return len(words) >= MIN_FIGURE_WORDS


def _introduced(after: _After) -> bool:
    """Whether "Here is Ana, our head roaster." is followed by a statement about her."""
    if not _INTRODUCES.match(after.rest):
        return False
    statement = next(iter(after.sentences), "")
    return bool(
        statement
        and not statement.rstrip().endswith("?")
        and not _is_cta(statement)
        and not _DESCRIBES.match(statement)
        and not promises_in(statement, in_post=True)
        and len(WORD.findall(statement)) >= MIN_INTRODUCED_WORDS
    )


def _colon_list(rest: str) -> int:
    """How many items a colon right after the promise lists ("…: A, B and C")."""
    match = re.match(r"^[^.!?:]{0,40}:\s*(?P<items>[^.!?]+)", rest)
    if not match:
        return 0
    items = re.split(r",|;|\band\b|\bor\b", match.group("items"))
    return len([item for item in items if item.strip()])


def _marked_items(after: _After) -> int:
    body = after.text
    named: dict[str, set[int]] = {}
    for match in _NAMED_ITEM.finditer(body):
        noun = match.group("noun").casefold()
        named.setdefault(noun, set()).add(_number(match.group("n")))
    numbered = {int(m.group("n")) for m in _NUMBERED.finditer(body)}
    # Ordinals and bare numbers mark items only where a sentence opens with them.
    starts = [s.strip() for s in (after.rest, *after.sentences)]
    ordinals = {
        ORDINALS[m.group("o").casefold()] for s in starts if (m := _ORDINAL.match(s))
    }
    bare = {_number(m.group("n")) for s in starts if (m := _BARE_NUMBER.match(s))}
    return max(
        len(bare),
        max((len(numbers - {0}) for numbers in named.values()), default=0),
        len(numbered),
        len(ordinals),
        after.items,
        after.rows,
        _colon_list(after.rest),
    )


def _answer_words(said: list[str]) -> int:
    """Count the words that answer a question.

    They are the sentences after it, up to the next question or call to action.
    """
    words = 0
    for sentence in said:
        if sentence.endswith("?") or _is_cta(sentence) or _DESCRIBES.match(sentence):
            break
        words += len(sentence.split())
    return words


def _answered(after: _After, sentence: str = "") -> bool:
    """Whether a question is asked and answered.

    "Q: … A: …" labels, or a question and, after it, at least a few words that are
    not a call to action. A promise that is itself a question ("Myth or fact: can I
    pause?") counts as the question.
    """
    if _QA_LABEL.search(after.text):
        return True
    said = [s for s in after.sentences if s]
    if sentence.rstrip().endswith("?") and _answer_words(said) >= MIN_ANSWER_WORDS:
        return True
    return any(
        question.endswith("?") and _answer_words(said[i + 1 :]) >= MIN_ANSWER_WORDS
        for i, question in enumerate(said)
    )


def _myth_corrected(after: _After, sentence: str) -> bool:
    """Whether a myth and its correction are stated.

    "Myth or fact: can I pause when I travel?" is a myth put as a question, kept by
    the answer after it; so is any myth put as a question and answered.
    """
    if _answered(after, sentence if sentence.rstrip().endswith("?") else ""):
        return True
    body = after.text
    if not (_MYTH_STATED.search(body) or _MYTH_LABEL.search(sentence)):
        return False
    for match in _CORRECTION.finditer(body):
        said = match.group("label") or match.group("phrase") or ""
        if len(re.split(r"[.!?]", said)[0].split()) >= MIN_ANSWER_WORDS:
            return True
    return False


def _missing(
    promise: Promise, after: _After, sentence: str, phrases: list[str]
) -> str | None:
    """Return what the copy after a promise lacks, or None if it keeps it."""
    if promise.family is Family.COUNTED:
        given = _marked_items(after)
        if given >= promise.count:
            return None
        shown = {0: "none follow", 1: "only 1 follows"}.get(
            given, f"only {given} follow"
        )
        return f"promises {promise.count} {promise.noun}; {shown}"
    if promise.family is Family.QUESTIONS:
        if _answered(after, sentence):
            return None
        return "promises questions and answers; no question is asked and answered"
    if promise.family is Family.MYTH:
        if _myth_corrected(after, sentence):
            return None
        return "promises a myth and its correction; neither is stated"
    if _marked_items(after) or _colon_list(after.rest) or _introduced(after):
        return None
    rest = after.rest.strip(" .")
    candidates = ([rest] if rest else []) + list(after.sentences)
    if any(_concrete(s, sentence, phrases) for s in candidates):
        return None
    return "announces content; none follows"


def _following(
    pieces: tuple[Piece, ...], index: int, rest: str, tail: list[str]
) -> _After:
    """What follows a promise in ``pieces[index]``; after a list item, its sub-items."""
    level = pieces[index].level
    later = []
    for piece in pieces[index + 1 :]:
        if level and piece.level <= level:
            break
        later.append(piece)
    said = list(tail)
    for piece in later:
        if piece.kind in (PieceKind.TEXT, PieceKind.ITEM):
            said += sentences(piece.text)
    return _After(
        rest=rest,
        sentences=tuple(said),
        items=sum(p.kind is PieceKind.ITEM for p in later),
        rows=sum(p.kind is PieceKind.ROW for p in later),
    )


def broken_promises(
    pieces: tuple[Piece, ...],
    phrases: list[str],
    *,
    in_post: bool,
    extra: tuple[str, ...] = (),
) -> Iterator[Broken]:
    """Yield the promises in ``pieces`` that the copy after them does not keep.

    In a post, a hook or subject line (a reference piece) promises what the copy
    after it must give; in a plan, a reference quotes copy from elsewhere and is not
    read. ``extra`` holds lines that name the whole post, such as its theme: what
    they promise must be somewhere in the pieces.
    """
    for index, piece in enumerate(pieces):
        if piece.kind is PieceKind.ROW or (
            piece.kind is PieceKind.REFERENCE and not in_post
        ):
            continue
        said = sentences(piece.text if in_post else _unquoted(piece.text))
        for position, sentence in enumerate(said):
            for promise in promises_in(sentence, in_post=in_post):
                plain = _unquoted(sentence)
                rest = plain[plain.find(promise.words) + len(promise.words) :]
                after = _following(pieces, index, rest, said[position + 1 :])
                missing = _missing(promise, after, sentence, phrases)
                if missing is not None:
                    yield Broken(sentence, missing)
    whole = _following((Piece("", PieceKind.TEXT), *pieces), 0, "", [])
    for line in extra:
        for promise in promises_in(line, in_post=in_post):
            missing = _missing(promise, whole, line, phrases)
            if missing is not None:
                yield Broken(line, missing)


# --- The rule ---------------------------------------------------------------------


def _listed(items: list[str]) -> str:
    shown = "; ".join(items[:QUOTE_LIMIT])
    more = len(items) - QUOTE_LIMIT
    return shown + (f"; and {more} more" if more > 0 else "")


def _first_per_sentence(found: Iterator[Broken]) -> list[Broken]:
    """One problem per sentence: the first thing it fails to give."""
    seen: dict[str, Broken] = {}
    for broken in found:
        seen.setdefault(normalized(broken.sentence), broken)
    return list(seen.values())


def _calendar_problems(section: SectionInput, phrases: list[str]) -> list[str]:
    problems = []
    for post in calendar_posts(section):
        extra = (post.theme,) if post.theme else ()
        found = broken_promises(post.pieces, phrases, in_post=True, extra=extra)
        # One problem per post: the first promise it breaks.
        broken = next(found, None)
        if broken is not None:
            problems.append(
                f"{post.name}: '{shorten(broken.sentence)}' {broken.missing}"
            )
    return problems


def _prose_problems(section: SectionInput, phrases: list[str]) -> list[str]:
    problems = []
    for passage in prose_passages(section):
        found = broken_promises(passage.pieces, phrases, in_post=False)
        for broken in _first_per_sentence(found):
            problems.append(f"'{shorten(broken.sentence)}' {broken.missing}")
    return problems


def _promised_content(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    phrases = _brief_phrases(ctx)
    layout = ctx.layout
    calendar_key = layout.calendar_section if layout else ""
    checks = []
    for section in ctx.written_sections():
        in_calendar = section.key == calendar_key
        problems = (
            _calendar_problems(section, phrases)
            if in_calendar
            else _prose_problems(section, phrases)
        )
        if not problems:
            continue
        where = "post(s)" if in_calendar else "passage(s)"
        checks.append(
            rule.failed(
                section.key,
                f"{len(problems)} {where} in '{section.title}' announce content "
                f"they do not give: {_listed(problems)}.",
                "Give what each line announces, right after it: the number of "
                "items it counts, each marked ('Sign one: …' or a list), the tip "
                "itself, at least one question with its answer, a myth with its "
                "correction. Where the brief lacks the substance, ask the client "
                "for it in a 'To supply' line and drop the announcement.",
            )
        )
    return checks or [
        rule.passed("Every post and passage gives the content it announces.")
    ]


RULES: tuple[Rule, ...] = (
    Rule("promised_content_delivered", Severity.BLOCKER, _promised_content),
)
