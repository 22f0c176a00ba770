"""The QC rules: small, pure functions that turn a draft and its brief into checks.

Every rule has an id and a severity and returns at least one check: a failure names the
section, what is wrong and how to fix it; a clean rule returns one PASS check, so the
report lists everything that was verified. Nothing here touches the database.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.writing import placeholders
from aicmo_site.writing.markdown import Table, strip_inline, tables_in
from qc.dto import CheckData, CheckStatus, DraftInput, SectionInput, Severity

# The ``section`` of a check that concerns the whole draft rather than one section.
WHOLE_DRAFT = "draft"

MIN_PILLARS = 3
MIN_CALENDAR_POSTS = 7
MIN_SECTION_WORDS = 25
OVERVIEW_SECTION = "overview"
FAULT_INJECTION_CHECK = "fault_injection"


@dataclass(frozen=True, slots=True)
class PackLayout:
    """Where a pack keeps its content pillars and its posting calendar."""

    pillars_section: str
    calendar_section: str


# Data, not code: a new pack only needs an entry here for the pillar and calendar
# rules to apply to it. Packs without an entry skip those two rules with a WARN.
PACK_LAYOUTS: dict[str, PackLayout] = {
    "quick_social_basic": PackLayout(
        pillars_section="content_buckets",
        calendar_section="detailed_30_day_calendar",
    ),
    "strategy_campaign_standard": PackLayout(
        pillars_section="creative_direction",
        calendar_section="detailed_30_day_calendar",
    ),
}


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a rule may look at: the draft, the brief and the draft's sections by key."""

    draft: DraftInput
    brief: BriefContext
    sections: dict[str, SectionInput] = field(default_factory=dict)

    @classmethod
    def build(cls, *, draft: DraftInput, brief: BriefContext) -> "RuleContext":
        """Index the draft's sections by key (the first one wins on duplicates)."""
        sections: dict[str, SectionInput] = {}
        for section in draft.sections:
            sections.setdefault(section.key, section)
        return cls(draft=draft, brief=brief, sections=sections)

    @property
    def layout(self) -> PackLayout | None:
        """Return the pack's layout, or None for a pack QC has no layout for."""
        return PACK_LAYOUTS.get(self.draft.pack)

    def written_sections(self) -> list[SectionInput]:
        """Return the expected sections that were written with a body, in pack order."""
        written = []
        for spec in self.draft.expected_sections:
            section = self.sections.get(spec.key)
            if section is not None and section.body.strip():
                written.append(section)
        return written


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule; ``evaluate`` returns its checks, never an empty list."""

    id: str
    severity: Severity
    evaluate: Callable[["Rule", RuleContext], list[CheckData]]

    def check(
        self, status: CheckStatus, section: str, message: str, fix: str
    ) -> CheckData:
        """Build one of this rule's checks."""
        return CheckData(
            id=self.id,
            severity=self.severity,
            status=status,
            section=section,
            message=message,
            fix=fix,
        )

    def passed(self, message: str, section: str = WHOLE_DRAFT) -> CheckData:
        """Build this rule's PASS check."""
        return self.check(CheckStatus.PASS, section, message, "")

    def failed(self, section: str, message: str, fix: str) -> CheckData:
        """Build a FAIL check of this rule."""
        return self.check(CheckStatus.FAIL, section, message, fix)

    def warned(self, section: str, message: str, fix: str) -> CheckData:
        """Build a WARN check of this rule."""
        return self.check(CheckStatus.WARN, section, message, fix)


# --- Markdown helpers -------------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_HEADING_3 = re.compile(r"^###(?!#)\s+(.*?)\s*#*\s*$")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def prose_lines(body: str) -> list[str]:
    """Return the body's lines outside fenced code blocks."""
    lines, in_fence = [], False
    for line in body.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            lines.append(line)
    return lines


def parse_iso_date(text: str) -> dt.date | None:
    """Return the date for an ISO ``YYYY-MM-DD`` string that names a real day."""
    match = _ISO_DATE.match(strip_inline(text))
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def word_count(body: str) -> int:
    return len(WORD.findall(" ".join(prose_lines(body))))


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Match ``phrase`` as a whole word or phrase, case-insensitively."""
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _quoted(items: Iterable[str], limit: int = 6) -> str:
    items = list(items)
    shown = ", ".join(f"'{item}'" for item in items[:limit])
    if len(items) > limit:
        shown += f" and {len(items) - limit} more"
    return shown


def _calendar_table(section: SectionInput) -> Table | None:
    """Return the calendar's table: the first one holding dated rows, else the first."""
    tables = tables_in(section.body)
    for table in tables:
        if any(parse_iso_date(row[0]) for row in table.rows if row):
            return table
    return tables[0] if tables else None


def _dated_rows(table: Table) -> list[tuple[dt.date, tuple[str, ...]]]:
    dated = []
    for row in table.rows:
        day = parse_iso_date(row[0]) if row else None
        if day is not None:
            dated.append((day, row))
    return dated


# --- Rules ------------------------------------------------------------------------


def _sections_present(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    checks = []
    for spec in ctx.draft.expected_sections:
        section = ctx.sections.get(spec.key)
        if section is None:
            checks.append(
                rule.failed(
                    spec.key,
                    f"Section '{spec.title}' is missing.",
                    f"Add a '## {spec.title}' section with content for this pack.",
                )
            )
        elif not section.body.strip():
            checks.append(
                rule.failed(
                    spec.key,
                    f"Section '{spec.title}' is empty.",
                    f"Write the '{spec.title}' section; it has a heading but no body.",
                )
            )
    if checks:
        return checks
    count = len(ctx.draft.expected_sections)
    return [rule.passed(f"All {count} expected sections are present and written.")]


def _section_order(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    expected = [spec.key for spec in ctx.draft.expected_sections]
    written = [section.key for section in ctx.draft.sections]
    checks = []
    unexpected = [key for key in written if key not in expected]
    if unexpected:
        checks.append(
            rule.warned(
                WHOLE_DRAFT,
                f"Sections not in the {ctx.draft.pack} pack: {_quoted(unexpected)}.",
                "Remove these sections or move their content into a pack section.",
            )
        )
    duplicates = sorted({key for key in written if written.count(key) > 1})
    if duplicates:
        checks.append(
            rule.failed(
                WHOLE_DRAFT,
                f"Sections written more than once: {_quoted(duplicates)}.",
                "Merge the duplicates so each pack section appears once.",
            )
        )
    known = [key for key in dict.fromkeys(written) if key in expected]
    in_pack_order = sorted(known, key=expected.index)
    if known != in_pack_order:
        checks.append(
            rule.failed(
                WHOLE_DRAFT,
                "Sections are out of pack order.",
                "Reorder the sections to: " + ", ".join(in_pack_order) + ".",
            )
        )
    return checks or [rule.passed("Sections follow the pack order.")]


def placeholders_in(body: str) -> list[str]:
    """Return the distinct placeholders outside code blocks, as written, in order."""
    found: list[str] = []
    for line in prose_lines(body):
        found += placeholders.find(line)
    return list(dict.fromkeys(found))


def _placeholders(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    checks = []
    for section in ctx.written_sections():
        found = placeholders_in(section.body)
        if found:
            checks.append(
                rule.failed(
                    section.key,
                    f"Placeholder text in '{section.title}': {_quoted(found)}.",
                    "Replace each placeholder with final copy specific to the brief.",
                )
            )
    return checks or [
        rule.passed("No placeholder text (TBD, TODO, lorem ipsum, [..]).")
    ]


def _banned_words(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    banned = [word.strip() for word in ctx.brief.banned_words if word.strip()]
    if not banned:
        return [rule.passed("The brief bans no words.")]
    patterns = [(word, phrase_pattern(word)) for word in dict.fromkeys(banned)]
    checks = []
    for section in ctx.written_sections():
        text = "\n".join(prose_lines(section.body))
        used = [word for word, pattern in patterns if pattern.search(text)]
        if used:
            checks.append(
                rule.failed(
                    section.key,
                    f"Banned word(s) in '{section.title}': {_quoted(used)}.",
                    "Rephrase without the brief's banned words: "
                    + ", ".join(used)
                    + ".",
                )
            )
    return checks or [rule.passed(f"None of the {len(patterns)} banned words is used.")]


def _layout_missing(rule: Rule, ctx: RuleContext, what: str) -> list[CheckData]:
    return [
        rule.warned(
            WHOLE_DRAFT,
            f"Pack '{ctx.draft.pack}' has no QC layout, so its {what} went unchecked.",
            f"Add '{ctx.draft.pack}' to qc.rules.PACK_LAYOUTS to check its {what}.",
        )
    ]


def _pillars(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    layout = ctx.layout
    if layout is None:
        return _layout_missing(rule, ctx, "content pillars")
    key = layout.pillars_section
    section = ctx.sections.get(key)
    body = section.body if section else ""
    names: dict[str, str] = {}
    for line in prose_lines(body):
        match = _HEADING_3.match(line)
        if match and strip_inline(match.group(1)):
            name = strip_inline(match.group(1))
            names.setdefault(name.casefold(), name)
    if len(names) < MIN_PILLARS:
        return [
            rule.failed(
                key,
                f"Found {len(names)} named content pillar(s); at least {MIN_PILLARS} "
                "are required.",
                f"Give each pillar its own '### Pillar name' heading in '{key}' "
                f"({MIN_PILLARS} or more, each with a distinct name).",
            )
        ]
    return [rule.passed(f"{len(names)} named content pillars.", section=key)]


def _calendar(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    layout = ctx.layout
    if layout is None:
        return _layout_missing(rule, ctx, "posting calendar")
    key = layout.calendar_section
    section = ctx.sections.get(key)
    table = _calendar_table(section) if section else None
    if table is None:
        return [
            rule.failed(
                key,
                "The calendar has no Markdown table.",
                "Write the calendar as a Markdown table with one row per post: "
                "| Date | Channel | Hook | CTA |, dates as YYYY-MM-DD.",
            )
        ]
    checks = []
    posts = _dated_rows(table)
    if len(posts) < MIN_CALENDAR_POSTS:
        checks.append(
            rule.failed(
                key,
                f"The calendar has {len(posts)} dated post(s); at least "
                f"{MIN_CALENDAR_POSTS} are required.",
                "Add one row per post whose first cell is its date (YYYY-MM-DD).",
            )
        )
    columns = {name: table.column(name) for name in ("Hook", "CTA")}
    missing = [name for name, index in columns.items() if index is None]
    if missing:
        checks.append(
            rule.failed(
                key,
                "The calendar table has no " + " or ".join(missing) + " column.",
                "Add "
                + " and ".join(f"a '{name}' column" for name in missing)
                + " to the calendar's header row.",
            )
        )
    else:
        indexes = [index for index in columns.values() if index is not None]
        bad = [
            day.isoformat()
            for day, row in posts
            if any(not strip_inline(row[index]) for index in indexes)
        ]
        if bad:
            checks.append(
                rule.failed(
                    key,
                    "Posts missing a hook or CTA on: " + ", ".join(bad) + ".",
                    "Give every post both a hook and a call to action.",
                )
            )
    if checks:
        return checks
    return [
        rule.passed(
            f"{len(posts)} dated posts, each with a hook and a CTA.", section=key
        )
    ]


def _section_length(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    checks = []
    for section in ctx.written_sections():
        words = word_count(section.body)
        if words < MIN_SECTION_WORDS:
            checks.append(
                rule.failed(
                    section.key,
                    f"'{section.title}' has {words} words; sections need at least "
                    f"{MIN_SECTION_WORDS} to be useful to the client.",
                    f"Expand '{section.title}' with specifics from the brief.",
                )
            )
    return checks or [
        rule.passed(f"Every written section has at least {MIN_SECTION_WORDS} words.")
    ]


def _brand_mention(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    expected = [spec.key for spec in ctx.draft.expected_sections]
    key = OVERVIEW_SECTION if OVERVIEW_SECTION in expected else next(iter(expected), "")
    section = ctx.sections.get(key)
    brand = ctx.brief.brand.strip()
    if not key or section is None or not section.body.strip():
        return [
            rule.failed(
                key or WHOLE_DRAFT,
                f"There is no overview to introduce '{brand}'.",
                f"Write an overview that introduces {brand} by name.",
            )
        ]
    if not phrase_pattern(brand).search(section.body):
        return [
            rule.failed(
                key,
                f"'{section.title}' never names the brand '{brand}'.",
                f"Name {brand} in the opening section so the document is about them.",
            )
        ]
    return [rule.passed(f"'{section.title}' names the brand '{brand}'.", section=key)]


def _calendar_posts(ctx: RuleContext) -> tuple[str, Table | None]:
    layout = ctx.layout
    if layout is None:
        return WHOLE_DRAFT, None
    section = ctx.sections.get(layout.calendar_section)
    return layout.calendar_section, _calendar_table(section) if section else None


def _duplicate_hooks(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    key, table = _calendar_posts(ctx)
    hook_index = table.column("Hook") if table else None
    if table is None or hook_index is None:
        return [rule.passed("No calendar hooks to compare.", section=key)]
    first_seen: dict[str, str] = {}
    repeats: list[str] = []
    for day, row in _dated_rows(table):
        hook = " ".join(strip_inline(row[hook_index]).casefold().split())
        if not hook:
            continue
        if hook in first_seen:
            repeats.append(f"{day.isoformat()} repeats {first_seen[hook]}")
        else:
            first_seen[hook] = day.isoformat()
    if repeats:
        return [
            rule.warned(
                key,
                "Repeated hooks: " + "; ".join(repeats) + ".",
                "Write a fresh hook for each repeated post.",
            )
        ]
    return [rule.passed("Every post has its own hook.", section=key)]


def _calendar_window(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    key, table = _calendar_posts(ctx)
    posts = _dated_rows(table) if table else []
    if not posts:
        return [rule.passed("No dated posts to place in the campaign window.", key)]
    start = ctx.brief.start_date
    end = start + dt.timedelta(weeks=ctx.brief.duration_weeks) - dt.timedelta(days=1)
    outside = [day.isoformat() for day, _ in posts if not start <= day <= end]
    if outside:
        return [
            rule.warned(
                key,
                f"Posts outside the campaign ({start.isoformat()} to "
                f"{end.isoformat()}): " + ", ".join(outside) + ".",
                "Move these posts into the campaign window, or fix the brief's dates.",
            )
        ]
    return [rule.passed("Every post falls inside the campaign window.", section=key)]


RULES: tuple[Rule, ...] = (
    Rule("sections_present", Severity.BLOCKER, _sections_present),
    Rule("placeholders", Severity.BLOCKER, _placeholders),
    Rule("banned_words", Severity.BLOCKER, _banned_words),
    Rule("pillars", Severity.BLOCKER, _pillars),
    Rule("calendar", Severity.BLOCKER, _calendar),
    Rule("section_order", Severity.MAJOR, _section_order),
    Rule("brand_mention", Severity.MAJOR, _brand_mention),
    Rule("section_length", Severity.MINOR, _section_length),
    Rule("duplicate_hooks", Severity.MINOR, _duplicate_hooks),
    Rule("calendar_window", Severity.MINOR, _calendar_window),
)


def fault_injection_check() -> CheckData:
    """Return the BLOCKER failure that fault injection adds to a result."""
    return CheckData(
        id=FAULT_INJECTION_CHECK,
        severity=Severity.BLOCKER,
        status=CheckStatus.FAIL,
        section=WHOLE_DRAFT,
        message="Fault injection: QC forced to fail.",
        fix="Run again without fault injection.",
    )


def run_rules(
    *, draft: DraftInput, brief: BriefContext, rules: Iterable[Rule] = RULES
) -> list[CheckData]:
    """Run ``rules`` against the draft and return all their checks, in rule order."""
    ctx = RuleContext.build(draft=draft, brief=brief)
    checks: list[CheckData] = []
    for rule in rules:
        checks.extend(rule.evaluate(rule, ctx))
    return checks
