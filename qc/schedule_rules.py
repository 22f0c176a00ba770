"""Schedule rules: deadlines on working days, KPI checkpoints inside the campaign.

An agency director reading a plan checks its dates against a calendar: a step due on
a Saturday or on New Year's Day, or a "Day 90" column in a 10-week campaign, tells
the client nobody looked. These rules read the draft as written, so they guard any
generator:

- ``deadlines_on_working_days``: every dated deadline (a "Due" or "Deadline" column,
  or "due on", "follows on", "presented on"... in prose) falls on a working day in
  the client's country, read from the brief's geography
  (:mod:`aicmo_site.writing.workdays`). Post dates are not deadlines and are not
  checked.
- ``checkpoints_within_campaign``: KPI checkpoints ("Day 30" columns, "day-30
  review", "on day 30, 60 and 90") stay inside the campaign, and a table of them
  reaches the campaign's last day ("Target (day 70, the end)"), or has a target
  column without a day, which stands for it.

Nothing here touches the database.
"""

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from aicmo_site.writing import workdays
from aicmo_site.writing.kpis import checkpoint_days
from aicmo_site.writing.markdown import strip_inline, tables_in
from qc.dto import CheckData, SectionInput, Severity
from qc.rules import WHOLE_DRAFT, Rule, RuleContext, prose_lines

# How many offending items a message quotes before "and N more".
QUOTE_LIMIT = 5
# Table columns that hold due dates.
DEADLINE_COLUMNS = frozenset({"due", "due date", "due by", "date due", "deadline"})

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|"
    "november|december"
)
_MONTH_NUMBER = {name: index for index, name in enumerate(_MONTHS.split("|"), 1)}
# "4 September 2027", "September 4, 2027" or "2027-09-04", with an optional weekday.
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTHS})\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTHS})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))\b",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
# Prose that dates a deliverable: "due on", "the analysis follows on", "approve the
# calendar by" (up to a few words between the verb and the date).
_DEADLINE_PROSE = re.compile(
    r"\b(?:due|deadline|follows|present(?:ed)?|deliver(?:ed)?|submit(?:ted)?|"
    r"sign(?:ed)?\s+off|approve[ds]?|agree[ds]?)\b[^.;:!?\n]{0,60}?"
    r"\b(?:on|by|before)\s+" + _WEEKDAY,
    re.IGNORECASE,
)
# A table column for a checkpoint: "Day 30", "Day-30 checkpoint", "Target (day 70,
# the end)".
_CHECKPOINT_HEADER = re.compile(r"\bday[\s-](\d{1,4})\b", re.IGNORECASE)
# A column without a day that stands for the campaign's end: "Target", "End".
_END_HEADER = re.compile(r"\b(?:target|end)\b", re.IGNORECASE)
# Prose checkpoints: "the day-30 review", "on day 30, 60 and 90".
_CHECKPOINT_COMPOUND = re.compile(
    r"\bday-(\d{1,4})\s+(?:checkpoint|review|target|report|numbers|column)s?\b",
    re.IGNORECASE,
)
# A number in the list is a day only when no word follows it: in "by day 30, 230
# leads by the end", 230 is a count of leads.
_LISTED_DAY = r"(?:day\s+)?\d{1,4}\b(?!\s*(?!(?:and|or)\b)[^\W\d_])"
_CHECKPOINT_LIST = re.compile(
    r"\b(?:on|by|at)\s+days?\s+(\d{1,4})\b"
    rf"((?:\s*,\s*{_LISTED_DAY})*(?:,?\s+and\s+{_LISTED_DAY})?)",
    re.IGNORECASE,
)
# A value due by a day is a checkpoint in any sentence: "4,500 people by day 30".
_VALUE_BY_DAY = re.compile(
    r"\d(?:[\d,.]*\d)?%?(?:\s+[^\W\d_]+){0,2}\s+(by\s+day\s+(\d{1,4}))\b",
    re.IGNORECASE,
)
# A sentence about KPIs, where "on day 90" is a checkpoint (not, say, a post's copy).
_KPI_SENTENCE = re.compile(
    r"checkpoint|target|\bKPIs?\b|review|should stand|on pace", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
_LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


def _quoted(items: Iterable[str]) -> str:
    items = list(items)
    shown = "; ".join(items[:QUOTE_LIMIT])
    if len(items) > QUOTE_LIMIT:
        shown += f"; and {len(items) - QUOTE_LIMIT} more"
    return shown


def parse_date(match: re.Match[str]) -> dt.date | None:
    """Return the date a :data:`_DATE` match names, or None for a day that is not."""
    groups = match.groupdict()
    try:
        if groups["y3"]:
            return dt.date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
        day, month, year = (
            (groups["d1"], groups["m1"], groups["y1"])
            if groups["y1"]
            else (groups["d2"], groups["m2"], groups["y2"])
        )
        return dt.date(int(year), _MONTH_NUMBER[month.casefold()], int(day))
    except ValueError:
        return None


def _first_date(text: str) -> tuple[str, dt.date] | None:
    for match in _DATE.finditer(text):
        day = parse_date(match)
        if day is not None:
            return match.group(0), day
    return None


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(strip_inline(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def deadlines_in(
    section: SectionInput, *, prose: bool = True
) -> Iterator[tuple[str, str, dt.date]]:
    """Yield the section's deadlines: (what is due, the date as written, the date).

    Table rows with a "Due" or "Deadline" column, and (unless ``prose`` is False)
    sentences such as "The analysis follows on 21 November 2027" or "Approve the
    calendar by Friday 8 January 2027".
    """
    body = "\n".join(prose_lines(section.body))
    for table in tables_in(body):
        columns = [
            index
            for index, cell in enumerate(table.header)
            if strip_inline(cell).casefold() in DEADLINE_COLUMNS
        ]
        for row in table.rows:
            label = next(
                (cell for index, cell in enumerate(row) if index not in columns), ""
            )
            for index in columns:
                found = _first_date(strip_inline(row[index]))
                if found is not None:
                    yield _short(label), *found
    for line in body.splitlines() if prose else ():
        if line.lstrip().startswith("|"):
            continue
        for lead in _DEADLINE_PROSE.finditer(line):
            match = _DATE.match(line, lead.end())
            day = parse_date(match) if match else None
            if match is not None and day is not None:
                # Quote from the start of the sentence, without a list marker.
                start = line.rfind(". ", 0, lead.start()) + 1
                what = _LIST_MARKER.sub("", line[start : match.end()].strip())
                yield _short(what), match.group(0), day


def _deadlines(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    calendar = workdays.calendar_for(ctx.brief.geography)
    # Post copy may name a day the audience acts on ("offer ends Sunday"): in the
    # calendar, only a deadline column counts.
    layout = ctx.layout
    calendar_key = layout.calendar_section if layout else None
    checks = []
    total = 0
    for section in ctx.written_sections():
        off = []
        found = deadlines_in(section, prose=section.key != calendar_key)
        for what, written, day in found:
            total += 1
            reason = workdays.day_off(day, calendar)
            if reason is not None:
                weekday = f"{day:%A}"
                why = weekday if reason == weekday else f"{weekday}, {reason}"
                off.append(f"'{what}' due {written} ({why})")
        if off:
            checks.append(
                rule.failed(
                    section.key,
                    f"{len(off)} deadline(s) in '{section.title}' fall on a weekend "
                    f"or a public holiday ({calendar.label}): {_quoted(off)}.",
                    "Move each deadline to a working day in the client's country: "
                    "one before launch to the working day before it, one after "
                    "launch to the next working day.",
                )
            )
    if checks:
        return checks
    if not total:
        return [rule.passed("No dated deadlines to check.")]
    counted = (
        f"All {total} dated deadlines fall"
        if total > 1
        else "The one dated deadline falls"
    )
    return [rule.passed(f"{counted} on working days ({calendar.label}).")]


def _sentences(body: str) -> Iterator[str]:
    for line in prose_lines(body):
        if line.lstrip().startswith("|"):
            continue
        yield from (part for part in _SENTENCE_END.split(line) if part.strip())


def checkpoints_in_prose(body: str) -> list[tuple[str, int]]:
    """Return the KPI checkpoints the prose names: (the words, the day)."""
    found: list[tuple[str, int]] = []
    for sentence in _sentences(body):
        for match in _CHECKPOINT_COMPOUND.finditer(sentence):
            found.append((match.group(0), int(match.group(1))))
        if not _KPI_SENTENCE.search(sentence):
            found += [
                (m.group(1), int(m.group(2))) for m in _VALUE_BY_DAY.finditer(sentence)
            ]
            continue
        for match in _CHECKPOINT_LIST.finditer(sentence):
            days = [int(match.group(1))]
            days += [int(n) for n in re.findall(r"\d+", match.group(2))]
            found += [(match.group(0), day) for day in days]
    return found


def _checkpoints(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    weeks = max(1, ctx.brief.duration_weeks)
    end = weeks * 7
    first, middle, _ = checkpoint_days(weeks)
    example = f"Day {first} | Day {middle} | Target (day {end}, the end)"
    layout = ctx.layout
    calendar_key = layout.calendar_section if layout else None
    checks = []
    seen: set[int] = set()
    for section in ctx.written_sections():
        problems = []
        for table in tables_in("\n".join(prose_lines(section.body))):
            headers = [strip_inline(cell) for cell in table.header]
            days = [
                (header, int(match.group(1)))
                for header in headers
                if (match := _CHECKPOINT_HEADER.search(header))
            ]
            if not days:
                continue
            seen.update(day for _, day in days)
            problems += [
                f"column '{header}' is past day {end}"
                for header, day in days
                if day > end
            ]
            last_header, last = max(days, key=lambda item: item[1])
            ends = [
                h
                for h in headers
                if _END_HEADER.search(h) and not _CHECKPOINT_HEADER.search(h)
            ]
            if last < end and not ends:
                problems.append(
                    f"the last checkpoint column, '{last_header}', stops before "
                    f"day {end}, the campaign's end"
                )
        if section.key != calendar_key:
            for words, day in checkpoints_in_prose(section.body):
                seen.add(day)
                if day > end:
                    problems.append(f"'{words}' is past day {end}")
        if problems:
            checks.append(
                rule.failed(
                    section.key,
                    f"KPI checkpoints in '{section.title}' do not fit the {weeks}-week "
                    f"campaign (days 1 to {end}): {_quoted(problems)}.",
                    "Derive the checkpoints from the campaign's length and end them "
                    f"on its last day, for example '{example}'; name no checkpoint "
                    "after the campaign ends.",
                )
            )
    if checks:
        return checks
    if not seen:
        return [rule.passed("No KPI checkpoints to check.", WHOLE_DRAFT)]
    days_text = ", ".join(str(day) for day in sorted(seen))
    days_word = "day" if len(seen) == 1 else "days"
    return [
        rule.passed(
            f"KPI checkpoints ({days_word} {days_text}) fit the {weeks}-week "
            f"campaign, which ends on day {end}."
        )
    ]


RULES: tuple[Rule, ...] = (
    Rule("deadlines_on_working_days", Severity.MAJOR, _deadlines),
    Rule("checkpoints_within_campaign", Severity.MAJOR, _checkpoints),
)
