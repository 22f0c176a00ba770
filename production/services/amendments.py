"""Amendments: an operator replaces one section's text, as the draft's next version.

Amending the calendar section also re-reads the posts from its table.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction

from aicmo_site.kernel import events
from aicmo_site.kernel.scope import ALL, Scope
from aicmo_site.kernel.text import text_problem
from aicmo_site.writing.markdown import (
    is_table_row,
    is_table_start,
    split_row,
    strip_inline,
)
from production.dto import DraftSectionData
from production.errors import (
    DraftNotActive,
    DraftVersionConflict,
    InvalidProductionInput,
)
from production.generation.base import render_markdown
from production.generation.markup import short_date
from production.generation.template import CALENDAR_SECTION
from production.models import AMENDED_BY_MAX_LENGTH, Draft
from production.services import versions

NOTE_MAX_LENGTH = 1000
BODY_MAX_LENGTH = 100_000
# The calendar table's columns, as the generator writes them (``CALENDAR_HEADER``).
CALENDAR_COLUMNS = ("Date", "Platform", "Pillar", "Theme", "Hook", "CTA", "Format")


@dataclass(frozen=True, slots=True)
class _CalendarParse:
    """Posts read from an amended calendar, or why they were kept as they were."""

    posts: list[dict] | None
    remark: str


class _CalendarUnreadable(ValueError):
    """The amended calendar's table cannot be read as posts."""


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# ``**Mon 11 Jan · Instagram · Reel** (Pillar)``: the heading of one post's copy.
_COPY_HEADING = re.compile(r"^\*\*(?P<day>[^*·]+?) · (?P<platform>[^*·]+?) · [^*]+\*\*")


def _plain(cell: str) -> str:
    return strip_inline(cell).casefold()


def _calendar_rows(body: str) -> list[list[str]]:
    """Return the cells of every row of the calendar table, in table order.

    Read row by row rather than through ``tables_in``, which pads ragged rows and
    skips a header without its rule: the remark must say what is wrong.
    """
    lines = body.split("\n")
    wanted = [column.casefold() for column in CALENDAR_COLUMNS]
    start = next(
        (
            index
            for index, line in enumerate(lines)
            if "|" in line and [_plain(c) for c in split_row(line)] == wanted
        ),
        None,
    )
    header = " | ".join(CALENDAR_COLUMNS)
    if start is None:
        raise _CalendarUnreadable(f"the section has no table headed | {header} |")
    rule = lines[start + 1] if start + 1 < len(lines) else ""
    if not is_table_start(lines[start], rule):
        raise _CalendarUnreadable(
            "the calendar table's header has no --- rule under it"
        )
    rows = []
    for line in lines[start + 2 :]:
        if not is_table_row(line):
            break
        rows.append(split_row(line))
    if not rows:
        raise _CalendarUnreadable("the calendar table has no posts")
    for number, cells in enumerate(rows, start=1):
        if len(cells) != len(wanted):
            raise _CalendarUnreadable(
                f"row {number} of the calendar table has {len(cells)} cells, not "
                f"{len(wanted)}"
            )
        try:
            if not _ISO_DATE.match(cells[0]):
                raise ValueError(cells[0])
            dt.date.fromisoformat(cells[0])
        except ValueError:
            raise _CalendarUnreadable(
                f"row {number} of the calendar table has {cells[0]!r} for its date, "
                "not a date written YYYY-MM-DD"
            ) from None
        empty = [
            name for name, cell in zip(CALENDAR_COLUMNS, cells, strict=True) if not cell
        ]
        if empty:
            raise _CalendarUnreadable(
                f"row {number} of the calendar table has no {', '.join(empty)}"
            )
    return rows


def _calendar_copy(body: str) -> dict[tuple[str, str], list[str]]:
    """Return each post's quoted copy by (short date, platform), in body order."""
    copy: dict[tuple[str, str], list[str]] = {}
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        heading = _COPY_HEADING.match(lines[index].strip())
        index += 1
        if heading is None:
            continue
        while index < len(lines) and not lines[index].strip():
            index += 1
        quoted = []
        while index < len(lines) and lines[index].lstrip().startswith(">"):
            line = lines[index].lstrip()[1:]
            quoted.append(line.removeprefix(" "))
            index += 1
        caption = "\n".join(quoted).strip()
        if caption:
            key = (heading["day"].strip(), heading["platform"].strip().casefold())
            copy.setdefault(key, []).append(caption)
    return copy


def _calendar_parse(body: str, old_posts: list[dict]) -> _CalendarParse:
    """Read the posts of an amended calendar section.

    The table gives each post's date, platform, pillar, theme, hook, CTA and format.
    Its caption is the post's quoted copy in the section (matched by day and
    platform); failing that, the caption of the old post on the same day and
    platform; failing that, the hook and the CTA. When the table cannot be read,
    the posts stay as they were and the remark says why.
    """
    try:
        rows = _calendar_rows(body)
    except _CalendarUnreadable as exc:
        return _CalendarParse(posts=None, remark=f"Posts left as they were: {exc}.")
    copy = _calendar_copy(body)
    old: dict[tuple[str, str], list[str]] = {}
    for post in old_posts:
        key = (post["date"], post["platform"].casefold())
        old.setdefault(key, []).append(post["caption"])
    posts, composed = [], []
    for date, platform, pillar, theme, hook, cta, format in rows:
        day = dt.date.fromisoformat(date)
        quoted = copy.get((short_date(day), platform.casefold()))
        previous = old.get((date, platform.casefold()))
        if quoted:
            caption = quoted.pop(0)
        elif previous:
            caption = previous.pop(0)
        else:
            caption = f"{hook}\n\n{cta}"
            composed.append(f"{date} {platform}")
        posts.append(
            {
                "date": date,
                "platform": platform,
                "pillar": pillar,
                "theme": theme,
                "hook": hook,
                "caption": caption,
                "cta": cta,
                "format": format,
            }
        )
    posts.sort(key=lambda post: post["date"])
    remark = f"Posts read from the calendar table ({len(posts)})."
    if composed:
        remark += (
            f" No copy for {', '.join(composed)}: each caption is its hook and CTA."
        )
    return _CalendarParse(posts=posts, remark=remark)


def _amended_body(body: str, title: str) -> str:
    """Return the body as stored: LF line ends, no pasted ``## title`` line, trimmed."""
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    first, _, rest = text.partition("\n")
    if first.startswith("## ") and _plain(first[3:].rstrip("# ")) == _plain(title):
        text = rest.strip()
    return text


def _check_amendment(
    draft: Draft,
    *,
    section_key: str,
    body: str,
    expected_version: int,
    amended_by: str,
    note: str,
) -> tuple[dict, str]:
    """Return the section to amend and its new body, or raise naming every problem."""
    problems: dict[str, list[str]] = {}
    section = next((s for s in draft.sections if s["key"] == section_key), None)
    if section is None:
        known = ", ".join(s["key"] for s in draft.sections)
        problems["section_key"] = [
            f"Draft {draft.id} has no section {section_key!r}. Its sections: {known}."
        ]
    text = _amended_body(body, section["title"] if section else "")
    if not text:
        problems["body"] = ["Write the section's text; it cannot be empty."]
    else:
        headings = [line for line in text.split("\n") if line.startswith(("# ", "## "))]
        if headings:
            problems["body"] = [
                f"A section cannot contain # or ## headings ({headings[0]!r}); "
                "use ### for a sub-heading."
            ]
    if (
        isinstance(expected_version, bool)
        or not isinstance(expected_version, int)
        or expected_version < 1
    ):
        problems["expected_version"] = [
            "Give the draft version you edited (1 or more)."
        ]
    who = amended_by.strip()
    if not who or len(who) > AMENDED_BY_MAX_LENGTH:
        problems["amended_by"] = [
            f"Name who made the edit, in at most {AMENDED_BY_MAX_LENGTH} characters."
        ]
    if len(note.strip()) > NOTE_MAX_LENGTH:
        problems["note"] = [f"Keep the note to at most {NOTE_MAX_LENGTH} characters."]
    if len(text) > BODY_MAX_LENGTH:
        problems.setdefault("body", []).append(
            f"Keep the section to at most {BODY_MAX_LENGTH} characters."
        )
    # NUL, other control characters and lone surrogates are refused at every input
    # (aicmo_site.kernel.text): PostgreSQL cannot store NUL, XML and PDFs refuse the
    # rest, and a lone surrogate cannot even be written out as UTF-8.
    for name, value in (("body", body), ("amended_by", amended_by), ("note", note)):
        problem = text_problem(value)
        if problem is not None:
            problems.setdefault(name, []).append(problem)
    if problems:
        raise InvalidProductionInput(problems)
    assert section is not None
    return section, text


@transaction.atomic
def draft_amend(
    *,
    draft_id: str,
    section_key: str,
    body: str,
    expected_version: int,
    amended_by: str,
    note: str = "",
    scope: Scope = ALL,
) -> Draft:
    """Replace one section's text in an active draft, as its next version.

    The edit applies only if the draft is still at ``expected_version``. A pasted
    ``## <section title>`` first line is dropped. Amending the calendar re-reads the
    posts from its table (see ``_calendar_parse``); the version's note records how.
    A draft outside ``scope`` is not found, before anything else is checked.
    """
    draft = versions.draft_lock_in_scope(draft_id=draft_id, scope=scope)
    section, text = _check_amendment(
        draft,
        section_key=section_key,
        body=body,
        expected_version=expected_version,
        amended_by=amended_by,
        note=note,
    )
    if draft.status != Draft.Status.ACTIVE:
        raise DraftNotActive(draft_id=draft.id, status=draft.status, action="amended")
    if expected_version != draft.version:
        raise DraftVersionConflict(
            draft_id=draft.id,
            current_version=draft.version,
            expected_version=expected_version,
        )
    versions.version_backfill(draft)
    notes = [note.strip()]
    fields: tuple[str, ...] = ("sections", "markdown")
    if section_key == CALENDAR_SECTION:
        parsed = _calendar_parse(text, draft.posts)
        if parsed.posts is not None:
            draft.posts = parsed.posts
            fields += ("posts",)
        notes.append(parsed.remark)
    draft.sections = [
        {**s, "body": text} if s["key"] == section["key"] else s for s in draft.sections
    ]
    draft.markdown = render_markdown(
        draft.title,
        tuple(
            DraftSectionData(key=s["key"], title=s["title"], body=s["body"])
            for s in draft.sections
        ),
    )
    versions.draft_save_version(draft, expected_version=expected_version, fields=fields)
    versions.version_snapshot(
        draft,
        amended_by=amended_by.strip(),
        note="\n".join(part for part in notes if part),
    )
    events.record(
        events.DomainEvent(
            type="draft.amended",
            payload={
                "draft_id": draft.id,
                "version": draft.version,
                "section_key": section_key,
                "amended_by": amended_by.strip(),
            },
        )
    )
    return draft
