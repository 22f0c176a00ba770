"""Section rules: measure each written section against its standard and judge it.

:func:`measure_sections` measures a draft against the standards of
:mod:`qc.standards` without a brief, so the orchestrator can regenerate a failing
section before QC decides; :data:`RULES` turns the same measurements into checks for
the QC result, one rule per :class:`Dimension` of a standard. Check ids and messages
say "benchmark", the public name of a standard (see :mod:`qc.standards`). Nothing here
touches the database.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from aicmo_site.writing.markdown import is_table_start, strip_inline, tables_in
from qc.dto import CheckData, DraftInput, SectionBenchmarkData, SectionInput, Severity
from qc.rules import (
    WHOLE_DRAFT,
    WORD,
    Rule,
    RuleContext,
    placeholders_in,
    prose_lines,
    word_count,
)
from qc.standards import SectionStandard, standard_for

# An unpunctuated list item counts as a sentence only when it reads like one: this
# many words or more and no leading bold label (``- **Budget:** USD 4,500`` is not).
MIN_LIST_SENTENCE_WORDS = 8


# --- Measuring a section ----------------------------------------------------------

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_BOLD_ONLY = re.compile(r"^(?:\*\*.+\*\*|__.+__)[:.]?$")
_LEADING_BOLD = re.compile(r"^(?:\*\*|__)")
_LEAD_IN = re.compile(r"^[^\W\d_][\w'’ ()/-]{0,48}:$")
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_QUOTE_MARKER = re.compile(r"^\s*(?:>\s?)+")
_SENTENCE_END = re.compile(r"[.!?…][\"'’”)\]*_]*$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'’”)\]*_]*\s+")
# After a label, these separate it from the rest of a longer heading or bold label.
_LABEL_SEPARATORS = (":", " (", " —", " –", " - ")


@dataclass(frozen=True, slots=True)
class _Line:
    """A prose line without its quote and list markers."""

    text: str
    is_item: bool

    @property
    def is_label(self) -> bool:
        """A bold-only line or a ``Label:`` lead-in: a heading in all but syntax."""
        return bool(_BOLD_ONLY.match(self.text) or _LEAD_IN.match(self.text))

    @property
    def is_hashtags(self) -> bool:
        return all(word.startswith("#") for word in self.text.split())


def _table_lines(lines: list[str]) -> set[int]:
    """Return the indexes of the lines that belong to a Markdown table."""
    found: set[int] = set()
    index = 0
    while index < len(lines) - 1:
        if is_table_start(lines[index], lines[index + 1]):
            found.update((index, index + 1))
            index += 2
            while index < len(lines) and "|" in lines[index] and lines[index].strip():
                found.add(index)
                index += 1
        else:
            index += 1
    return found


def _prose(body: str) -> Iterator[_Line]:
    """Yield the body's prose lines: no code, tables, headings or blank lines."""
    lines = prose_lines(body)
    tables = _table_lines(lines)
    for index, line in enumerate(lines):
        if index in tables or _HEADING.match(line):
            continue
        text = _QUOTE_MARKER.sub("", line).strip()
        is_item = bool(_LIST_MARKER.match(text))
        text = " ".join(_LIST_MARKER.sub("", text).split())
        if text:
            yield _Line(text=text, is_item=is_item)


def _label_key(text: str) -> str:
    return " ".join(strip_inline(text).split()).casefold().rstrip(":.").strip()


def labels_in(body: str) -> set[str]:
    """Return the body's labels, normalized: headings, bold text, table headers."""
    found: list[str] = []
    for line in prose_lines(body):
        heading = _HEADING.match(line)
        if heading:
            found.append(heading.group(1))
        found += [match.group(1) or match.group(2) for match in _BOLD.finditer(line)]
        text = _LIST_MARKER.sub("", _QUOTE_MARKER.sub("", line).strip()).strip()
        if _LEAD_IN.match(text):
            found.append(text)
    for table in tables_in(body):
        found += table.header
    return {key for key in map(_label_key, found) if key}


def _has_label(labels: set[str], label: str) -> bool:
    key = _label_key(label)
    forms = {key, key + "s", key.removesuffix("s")}
    prefixes = tuple(form + sep for form in forms for sep in _LABEL_SEPARATORS)
    return any(found in forms or found.startswith(prefixes) for found in labels)


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Match a phrase whole, case-insensitively, with either hyphens or spaces."""
    words = re.split(r"[\s-]+", phrase.strip())
    parts = [re.escape(word).replace("'", "['’]") for word in words]
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(parts) + r"(?!\w)", re.IGNORECASE)


def forbidden_in(body: str, phrases: tuple[str, ...]) -> list[str]:
    """Return the forbidden phrases and bracketed placeholders the body uses."""
    text = "\n".join(prose_lines(body))
    found = [phrase for phrase in phrases if _phrase_pattern(phrase).search(text)]
    found += placeholders_in(body)
    unique: dict[str, str] = {}
    for phrase in found:
        unique.setdefault(phrase.casefold(), phrase)
    return list(unique.values())


def repeated_lines(body: str) -> tuple[list[str], int]:
    """Return the prose lines that repeat an earlier one, and how many lines count.

    Labels, hashtag lines, tables and headings do not count: the rule is about prose.
    """
    lines = [
        line.text for line in _prose(body) if not (line.is_label or line.is_hashtags)
    ]
    seen: set[str] = set()
    repeats = []
    for line in lines:
        if line in seen:
            repeats.append(line)
        seen.add(line)
    return repeats, len(lines)


def sentence_lengths(body: str) -> list[int]:
    """Return the word count of each prose sentence.

    Tables, headings, labels and hashtag lines are left out, and so are fragments:
    lines without a closing full stop that open with a bold label (``**Budget:** USD
    4,500``), and list items without one that are shorter than
    :data:`MIN_LIST_SENTENCE_WORDS` words.
    """
    lengths = []
    for line in _prose(body):
        if line.is_label or line.is_hashtags:
            continue
        if not _SENTENCE_END.search(line.text):
            if _LEADING_BOLD.match(line.text):
                continue
            words = len(WORD.findall(line.text))
            if line.is_item and words < MIN_LIST_SENTENCE_WORDS:
                continue
        for sentence in _SENTENCE_BREAK.split(line.text):
            words = len(WORD.findall(sentence))
            if words:
                lengths.append(words)
    return lengths


# --- Judging a section ------------------------------------------------------------


class Dimension(StrEnum):
    """One dimension of a standard; each is one QC rule, ``benchmark_<dimension>``."""

    WORD_RANGE = "word_range"
    LABELS = "labels"
    TABLE = "table"
    PHRASES = "phrases"
    REPETITION = "repetition"
    SENTENCE_LENGTH = "sentence_length"

    @property
    def rule_id(self) -> str:
        """Return the id of the QC rule that checks this dimension (a public id)."""
        return f"benchmark_{self.value}"


@dataclass(frozen=True, slots=True)
class Finding:
    """A section falling short of one dimension of its standard."""

    message: str
    fix: str


def _quoted(items: list[str], limit: int = 6) -> str:
    shown = ", ".join(f"'{item}'" for item in items[:limit])
    if len(items) > limit:
        shown += f" and {len(items) - limit} more"
    return shown


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _word_range(standard: SectionStandard, section: SectionInput) -> Finding | None:
    words = word_count(section.body)
    if standard.min_words <= words <= standard.max_words:
        return None
    message = (
        f"'{section.title}' has {words} words; the benchmark is "
        f"{standard.min_words}–{standard.max_words}."
    )
    if words < standard.min_words:
        fix = (
            f"Expand '{section.title}' to at least {standard.min_words} words with "
            "specifics from the brief: names, numbers, channels and dates."
        )
    else:
        fix = (
            f"Cut '{section.title}' to at most {standard.max_words} words: drop "
            "repetition and keep one point per paragraph."
        )
    return Finding(message, fix)


def _labels(standard: SectionStandard, section: SectionInput) -> Finding | None:
    found = labels_in(section.body)
    missing = [
        label for label in standard.required_labels if not _has_label(found, label)
    ]
    if not missing:
        return None
    return Finding(
        f"'{section.title}' lacks required labels: {_quoted(missing, limit=10)}.",
        "Add each as a heading, a bold label or a table column with its content, "
        f"e.g. '**{missing[0]}:** …'.",
    )


def _table(standard: SectionStandard, section: SectionInput) -> Finding | None:
    if not standard.needs_table or any(t.rows for t in tables_in(section.body)):
        return None
    return Finding(
        f"'{section.title}' has no Markdown table; its format needs one.",
        f"Set out the items of '{section.title}' as a Markdown table: a header row, "
        "a |---| delimiter row and one row per item.",
    )


def _phrases(standard: SectionStandard, section: SectionInput) -> Finding | None:
    found = forbidden_in(section.body, standard.forbidden_phrases)
    if not found:
        return None
    return Finding(
        f"'{section.title}' uses forbidden phrases: {_quoted(found)}.",
        "Replace each cliché or placeholder with a concrete statement about the "
        "brand, its offer or its audience.",
    )


def _repetition(standard: SectionStandard, section: SectionInput) -> Finding | None:
    repeats, total = repeated_lines(section.body)
    if not total or len(repeats) / total <= standard.max_repeated_line_ratio:
        return None
    return Finding(
        f"'{section.title}' repeats {len(repeats)} of {total} prose lines "
        f"({len(repeats) / total:.0%}); the benchmark allows at most "
        f"{standard.max_repeated_line_ratio:.0%}.",
        f"Rewrite the repeated lines (such as '{_short(repeats[0])}') so each one "
        "adds something new.",
    )


def _sentence_length(
    standard: SectionStandard, section: SectionInput
) -> Finding | None:
    lengths = sentence_lengths(section.body)
    if not lengths:
        return None
    average = sum(lengths) / len(lengths)
    if average <= standard.max_avg_sentence_words:
        return None
    return Finding(
        f"'{section.title}' averages {average:.1f} words per sentence over "
        f"{len(lengths)} sentence(s); the benchmark is at most "
        f"{standard.max_avg_sentence_words:g}.",
        f"Split the longest sentences (the longest has {max(lengths)} words): one "
        "idea per sentence, lists as bullet points.",
    )


_JUDGES: dict[Dimension, Callable[[SectionStandard, SectionInput], Finding | None]] = {
    Dimension.WORD_RANGE: _word_range,
    Dimension.LABELS: _labels,
    Dimension.TABLE: _table,
    Dimension.PHRASES: _phrases,
    Dimension.REPETITION: _repetition,
    Dimension.SENTENCE_LENGTH: _sentence_length,
}


def judge_section(standard: SectionStandard, section: SectionInput) -> list[Finding]:
    """Return every way the section falls short of its standard, in dimension order."""
    findings = [judge(standard, section) for judge in _JUDGES.values()]
    return [finding for finding in findings if finding is not None]


def _with_standards(
    draft: DraftInput,
) -> Iterator[tuple[SectionInput, SectionStandard]]:
    """Yield the pack's written sections that have a standard, in pack order."""
    sections: dict[str, SectionInput] = {}
    for section in draft.sections:
        sections.setdefault(section.key, section)
    for spec in draft.expected_sections:
        written = sections.get(spec.key)
        standard = standard_for(draft.pack, spec.key)
        if written is not None and written.body.strip() and standard is not None:
            yield written, standard


def measure_sections(draft: DraftInput) -> tuple[SectionBenchmarkData, ...]:
    """Measure each written section of the draft against its standard, in pack order.

    Sections that are missing, empty or without a standard (an unknown pack has
    none) are left out: regenerating a variant cannot help them.
    """
    results = []
    for section, standard in _with_standards(draft):
        findings = judge_section(standard, section)
        results.append(
            SectionBenchmarkData(
                section=section.key,
                passed=not findings,
                failures=tuple(finding.message for finding in findings),
            )
        )
    return tuple(results)


# --- QC rules -----------------------------------------------------------------------

_PASS_MESSAGES = {
    Dimension.WORD_RANGE: "is within its word range",
    Dimension.LABELS: "carries its required labels",
    Dimension.TABLE: "has a table where its format needs one",
    Dimension.PHRASES: "is free of clichés and placeholders",
    Dimension.REPETITION: "stays under its repeated-line limit",
    Dimension.SENTENCE_LENGTH: "stays under its average sentence length",
}


def _missing_standards(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    keys = [
        section.key
        for section in ctx.written_sections()
        if standard_for(ctx.draft.pack, section.key) is None
    ]
    if not keys:
        return []
    return [
        rule.warned(
            WHOLE_DRAFT,
            f"Pack '{ctx.draft.pack}' has no benchmark for {_quoted(keys)}, so "
            "those sections went unbenchmarked.",
            f"Add them to qc.standards.STANDARDS['{ctx.draft.pack}'].",
        )
    ]


def _rule_for(dimension: Dimension) -> Callable[[Rule, RuleContext], list[CheckData]]:
    judge = _JUDGES[dimension]

    def evaluate(rule: Rule, ctx: RuleContext) -> list[CheckData]:
        checks, count = [], 0
        for section, standard in _with_standards(ctx.draft):
            count += 1
            finding = judge(standard, section)
            if finding is not None:
                checks.append(rule.failed(section.key, finding.message, finding.fix))
        # A missing standard is one gap, reported once rather than by every rule.
        if dimension is Dimension.WORD_RANGE:
            checks += _missing_standards(rule, ctx)
        if checks:
            return checks
        if not count:
            return [rule.passed("No section of this draft has a benchmark.")]
        return [
            rule.passed(
                f"Each of the {count} benchmarked sections {_PASS_MESSAGES[dimension]}."
            )
        ]

    return evaluate


_SEVERITIES = {
    Dimension.WORD_RANGE: Severity.MINOR,
    Dimension.LABELS: Severity.MAJOR,
    Dimension.TABLE: Severity.MAJOR,
    Dimension.PHRASES: Severity.MAJOR,
    Dimension.REPETITION: Severity.MINOR,
    Dimension.SENTENCE_LENGTH: Severity.MINOR,
}

RULES: tuple[Rule, ...] = tuple(
    Rule(dimension.rule_id, _SEVERITIES[dimension], _rule_for(dimension))
    for dimension in Dimension
)
