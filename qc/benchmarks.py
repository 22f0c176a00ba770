"""Section benchmarks: the shape each section of each pack must have, as data.

A :class:`SectionBenchmark` fixes, for one section of one pack, a word range, the
headings or bold labels it must carry, whether it needs a table, the phrases it must
not use, how many of its prose lines may repeat and how long its sentences may run on
average. :func:`benchmark_sections` measures a draft against them without a brief, so
the orchestrator can regenerate a failing section before QC decides; :data:`RULES`
turns the same measurements into checks for the QC result.

The numbers are calibrated against the template generators' drafts for a spread of
briefs (thin to rich, every objective, one to nine channels): their output passes with
a margin, while truncated, bloated, looping, unstructured or filler content fails.
Nothing here touches the database.
"""

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from qc.dto import CheckData, DraftInput, SectionBenchmarkData, SectionInput, Severity
from qc.rules import (
    WHOLE_DRAFT,
    WORD,
    Rule,
    RuleContext,
    is_table_start,
    parse_tables,
    placeholders_in,
    prose_lines,
    strip_inline,
    word_count,
)

# Clichés that read as filler in a client deliverable; matched case-insensitively
# and as whole phrases, with a hyphen or a space between words either way.
CLICHES: tuple[str, ...] = (
    "in today's digital age",
    "content is king",
    "game-changer",
    "synergy",
    "leverage synergies",
    "take it to the next level",
    "world-class",
    "cutting-edge",
    "best-in-class",
    "one-stop shop",
    "think outside the box",
    "at the end of the day",
)
# Placeholder words; bracketed placeholders such as ``[CLIENT NAME]`` are found too,
# with the same rules as the ``placeholders`` check.
PLACEHOLDERS: tuple[str, ...] = ("TBD", "TODO", "FIXME", "lorem ipsum")
FORBIDDEN_PHRASES: tuple[str, ...] = CLICHES + PLACEHOLDERS

MAX_REPEATED_LINE_RATIO = 0.2
MAX_AVG_SENTENCE_WORDS = 28.0
# An unpunctuated list item counts as a sentence only when it reads like one: this
# many words or more and no leading bold label (``- **Budget:** USD 4,500`` is not).
MIN_LIST_SENTENCE_WORDS = 8


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionBenchmark:
    """What one section of one pack must look like.

    ``required_labels`` are matched case-insensitively against the section's
    headings, bold labels, ``Label:`` lead-in lines and table header cells; a label
    also matches its plural or singular and a longer label that starts with it and a
    colon (``**Tone of voice: warm**`` carries "Tone of voice").
    """

    min_words: int
    max_words: int
    required_labels: tuple[str, ...] = ()
    needs_table: bool = False
    forbidden_phrases: tuple[str, ...] = FORBIDDEN_PHRASES
    max_repeated_line_ratio: float = MAX_REPEATED_LINE_RATIO
    max_avg_sentence_words: float = MAX_AVG_SENTENCE_WORDS


# --- The benchmarks ---------------------------------------------------------------
# Minimum words sit near 40% of the thinnest generated section (a stub or a cut-off
# section falls below), maximums about 50% above the richest. Labels are what the
# generators emit where a deliverable needs it, plus what issue 3 requires (a
# persona's demographics, pain points, motivations, objections and preferred
# platforms). Prose averages 12 to 24 words per sentence in generated drafts.

_OVERVIEW = SectionBenchmark(
    min_words=70,
    max_words=550,
    required_labels=(
        "Offer",
        "Objective",
        "Audience",
        "Channels",
        "The challenge",
        "What success looks like",
    ),
)
_MESSAGING = SectionBenchmark(
    min_words=100,
    max_words=950,
    required_labels=(
        "Positioning",
        "Core message",
        "Key messages",
        "Message map",
        "Tone of voice",
    ),
)
# Post copy repeats calls to action by design ("Save this post for later."), so the
# calendar allows more repeated lines than prose sections (generated: up to 25%).
_CALENDAR = SectionBenchmark(
    min_words=450,
    max_words=3600,
    required_labels=(
        "Date",
        "Platform",
        "Pillar",
        "Hook",
        "CTA",
        "Format",
        "Post copy",
    ),
    needs_table=True,
    max_repeated_line_ratio=0.35,
)
_ROADMAP = SectionBenchmark(
    min_words=90,
    max_words=800,
    required_labels=("Week 1", "Publish", "Milestone", "Agency"),
)
_SUMMARY = SectionBenchmark(
    min_words=50,
    max_words=230,
    required_labels=("Next steps",),
)

QUICK_SOCIAL_BASIC: dict[str, SectionBenchmark] = {
    "overview": _OVERVIEW,
    "messaging_framework": _MESSAGING,
    "detailed_30_day_calendar": _CALENDAR,
    # Each bucket repeats the same four field labels; generated: up to 20%.
    "content_buckets": SectionBenchmark(
        min_words=150,
        max_words=1200,
        required_labels=("Why it matters", "Example post ideas"),
        max_repeated_line_ratio=0.3,
    ),
    "hashtag_strategy": SectionBenchmark(
        min_words=60,
        max_words=380,
        required_labels=("Hashtags", "Per platform"),
        needs_table=True,
    ),
    "kpi_plan_light": SectionBenchmark(
        min_words=75,
        max_words=360,
        required_labels=(
            "KPI",
            "Campaign target",
            "How it is measured",
            "Reporting rhythm",
        ),
        needs_table=True,
    ),
    "execution_roadmap": _ROADMAP,
    "final_summary": _SUMMARY,
}

STRATEGY_CAMPAIGN_STANDARD: dict[str, SectionBenchmark] = {
    "overview": _OVERVIEW,
    "campaign_objective": SectionBenchmark(
        min_words=55,
        max_words=280,
        required_labels=(
            "Definition of success",
            "Why it matters to the business",
            "Out of scope",
        ),
        needs_table=True,
    ),
    "core_campaign_idea": SectionBenchmark(
        min_words=55,
        max_words=400,
        required_labels=(
            "Campaign name",
            "The insight",
            "The idea",
            "How the idea shows up",
        ),
    ),
    "messaging_framework": _MESSAGING,
    "channel_plan": SectionBenchmark(
        min_words=40,
        max_words=1050,
        required_labels=("Channel", "Share", "Why each channel"),
        needs_table=True,
    ),
    "audience_segments": SectionBenchmark(
        min_words=50,
        max_words=330,
        required_labels=("Segment", "Who they are", "What they need to hear"),
        needs_table=True,
    ),
    # Cards share their field labels, and two personas may share a platform list.
    "persona_cards": SectionBenchmark(
        min_words=60,
        max_words=320,
        required_labels=(
            "Demographics",
            "Pain points",
            "Motivations",
            "Objections",
            "Preferred platforms",
        ),
        max_repeated_line_ratio=0.3,
    ),
    "creative_direction": SectionBenchmark(
        min_words=125,
        max_words=730,
        required_labels=("Look and feel", "Voice", "Formats", "Example hook"),
    ),
    "influencer_strategy": SectionBenchmark(
        min_words=70,
        max_words=300,
        required_labels=(
            "Who to work with",
            "What every creator gets in their brief",
            "Budget and measurement",
        ),
    ),
    "promotions_and_offers": SectionBenchmark(
        min_words=40,
        max_words=190,
        required_labels=("Rules",),
    ),
    "detailed_30_day_calendar": _CALENDAR,
    "email_and_crm_flows": SectionBenchmark(
        min_words=60,
        max_words=260,
        required_labels=("Flow", "Trigger", "Cadence", "Purpose", "CRM hygiene"),
        needs_table=True,
    ),
    # Concepts may share a platform, an audience or a call to action (generated: up
    # to 31% of lines); a concept copied whole goes well past 40%.
    "ad_concepts": SectionBenchmark(
        min_words=65,
        max_words=320,
        required_labels=(
            "Headline",
            "Call to action",
            "Platform and format",
            "Audience",
        ),
        max_repeated_line_ratio=0.4,
    ),
    "kpi_and_budget_plan": SectionBenchmark(
        min_words=70,
        max_words=400,
        required_labels=("KPI", "Target", "How it is measured", "Budget"),
        needs_table=True,
    ),
    "execution_roadmap": _ROADMAP,
    "post_campaign_analysis": SectionBenchmark(
        min_words=45,
        max_words=210,
        required_labels=("Questions the analysis answers", "What it delivers"),
    ),
    "final_summary": _SUMMARY,
}

BENCHMARKS: Mapping[str, Mapping[str, SectionBenchmark]] = {
    "quick_social_basic": QUICK_SOCIAL_BASIC,
    "strategy_campaign_standard": STRATEGY_CAMPAIGN_STANDARD,
}


def benchmark_for(pack: str, section: str) -> SectionBenchmark | None:
    """Return the benchmark of one section of one pack, or None if it has none."""
    return BENCHMARKS.get(pack, {}).get(section)


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
    for table in parse_tables(body):
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
    """One dimension of a benchmark; each is one QC rule, ``benchmark_<dimension>``."""

    WORD_RANGE = "word_range"
    LABELS = "labels"
    TABLE = "table"
    PHRASES = "phrases"
    REPETITION = "repetition"
    SENTENCE_LENGTH = "sentence_length"

    @property
    def rule_id(self) -> str:
        """Return the id of the QC rule that checks this dimension."""
        return f"benchmark_{self.value}"


@dataclass(frozen=True, slots=True)
class Finding:
    """A section falling short of one dimension of its benchmark."""

    dimension: Dimension
    message: str
    fix: str


def _quoted(items: list[str], limit: int = 6) -> str:
    shown = ", ".join(f"'{item}'" for item in items[:limit])
    if len(items) > limit:
        shown += f" and {len(items) - limit} more"
    return shown


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _word_range(bench: SectionBenchmark, section: SectionInput) -> Finding | None:
    words = word_count(section.body)
    if bench.min_words <= words <= bench.max_words:
        return None
    message = (
        f"'{section.title}' has {words} words; the benchmark is "
        f"{bench.min_words}–{bench.max_words}."
    )
    if words < bench.min_words:
        fix = (
            f"Expand '{section.title}' to at least {bench.min_words} words with "
            "specifics from the brief: names, numbers, channels and dates."
        )
    else:
        fix = (
            f"Cut '{section.title}' to at most {bench.max_words} words: drop "
            "repetition and keep one point per paragraph."
        )
    return Finding(Dimension.WORD_RANGE, message, fix)


def _labels(bench: SectionBenchmark, section: SectionInput) -> Finding | None:
    found = labels_in(section.body)
    missing = [label for label in bench.required_labels if not _has_label(found, label)]
    if not missing:
        return None
    return Finding(
        Dimension.LABELS,
        f"'{section.title}' lacks required labels: {_quoted(missing, limit=10)}.",
        "Add each as a heading, a bold label or a table column with its content, "
        f"e.g. '**{missing[0]}:** …'.",
    )


def _table(bench: SectionBenchmark, section: SectionInput) -> Finding | None:
    if not bench.needs_table or any(t.rows for t in parse_tables(section.body)):
        return None
    return Finding(
        Dimension.TABLE,
        f"'{section.title}' has no Markdown table; its format needs one.",
        f"Set out the items of '{section.title}' as a Markdown table: a header row, "
        "a |---| delimiter row and one row per item.",
    )


def _phrases(bench: SectionBenchmark, section: SectionInput) -> Finding | None:
    found = forbidden_in(section.body, bench.forbidden_phrases)
    if not found:
        return None
    return Finding(
        Dimension.PHRASES,
        f"'{section.title}' uses forbidden phrases: {_quoted(found)}.",
        "Replace each cliché or placeholder with a concrete statement about the "
        "brand, its offer or its audience.",
    )


def _repetition(bench: SectionBenchmark, section: SectionInput) -> Finding | None:
    repeats, total = repeated_lines(section.body)
    if not total or len(repeats) / total <= bench.max_repeated_line_ratio:
        return None
    return Finding(
        Dimension.REPETITION,
        f"'{section.title}' repeats {len(repeats)} of {total} prose lines "
        f"({len(repeats) / total:.0%}); the benchmark allows at most "
        f"{bench.max_repeated_line_ratio:.0%}.",
        f"Rewrite the repeated lines (such as '{_short(repeats[0])}') so each one "
        "adds something new.",
    )


def _sentence_length(bench: SectionBenchmark, section: SectionInput) -> Finding | None:
    lengths = sentence_lengths(section.body)
    if not lengths:
        return None
    average = sum(lengths) / len(lengths)
    if average <= bench.max_avg_sentence_words:
        return None
    return Finding(
        Dimension.SENTENCE_LENGTH,
        f"'{section.title}' averages {average:.1f} words per sentence over "
        f"{len(lengths)} sentence(s); the benchmark is at most "
        f"{bench.max_avg_sentence_words:g}.",
        f"Split the longest sentences (the longest has {max(lengths)} words): one "
        "idea per sentence, lists as bullet points.",
    )


_JUDGES: dict[Dimension, Callable[[SectionBenchmark, SectionInput], Finding | None]] = {
    Dimension.WORD_RANGE: _word_range,
    Dimension.LABELS: _labels,
    Dimension.TABLE: _table,
    Dimension.PHRASES: _phrases,
    Dimension.REPETITION: _repetition,
    Dimension.SENTENCE_LENGTH: _sentence_length,
}


def judge_section(bench: SectionBenchmark, section: SectionInput) -> list[Finding]:
    """Return every way the section falls short of its benchmark, in dimension order."""
    findings = [judge(bench, section) for judge in _JUDGES.values()]
    return [finding for finding in findings if finding is not None]


def _benchmarked(draft: DraftInput) -> Iterator[tuple[SectionInput, SectionBenchmark]]:
    """Yield the pack's written sections that have a benchmark, in pack order."""
    sections: dict[str, SectionInput] = {}
    for section in draft.sections:
        sections.setdefault(section.key, section)
    for spec in draft.expected_sections:
        written = sections.get(spec.key)
        bench = benchmark_for(draft.pack, spec.key)
        if written is not None and written.body.strip() and bench is not None:
            yield written, bench


def benchmark_sections(draft: DraftInput) -> tuple[SectionBenchmarkData, ...]:
    """Measure each written section of the draft against its benchmark, in pack order.

    Sections that are missing, empty or without a benchmark (an unknown pack has
    none) are left out: regenerating a variant cannot help them.
    """
    results = []
    for section, bench in _benchmarked(draft):
        findings = judge_section(bench, section)
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


def _unbenchmarked(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    keys = [
        section.key
        for section in ctx.written_sections()
        if benchmark_for(ctx.draft.pack, section.key) is None
    ]
    if not keys:
        return []
    return [
        rule.warned(
            WHOLE_DRAFT,
            f"Pack '{ctx.draft.pack}' has no benchmark for {_quoted(keys)}, so "
            "those sections went unbenchmarked.",
            f"Add them to qc.benchmarks.BENCHMARKS['{ctx.draft.pack}'].",
        )
    ]


def _rule_for(dimension: Dimension) -> Callable[[Rule, RuleContext], list[CheckData]]:
    judge = _JUDGES[dimension]

    def evaluate(rule: Rule, ctx: RuleContext) -> list[CheckData]:
        checks, count = [], 0
        for section, bench in _benchmarked(ctx.draft):
            count += 1
            finding = judge(bench, section)
            if finding is not None:
                checks.append(rule.failed(section.key, finding.message, finding.fix))
        # A missing benchmark is one gap, reported once rather than by every rule.
        if dimension is Dimension.WORD_RANGE:
            checks += _unbenchmarked(rule, ctx)
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
