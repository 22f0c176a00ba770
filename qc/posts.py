"""Calendar posts and prose passages as QC reads them, whatever generator wrote them.

A calendar section holds a dated table (one row per post) and, after it, each post's
copy: a header line naming the post (``**Mon 6 Sep · Instagram · Carousel**`` or a
``####`` heading with a date), then its copy as a block quote, paragraphs or lists.
:func:`calendar_posts` pairs each copy block with its table row (in order, when the
counts agree) so that a rule sees a post's date, channel, hook, theme and copy
together. A calendar with a table and no copy gives one post per dated row.

:func:`prose_passages` cuts any other section into passages: a paragraph with the
lists and tables that follow it, so that "three things get in the way:" and its
three bullets are read together. Headings are names, not copy, and are left out.

Nothing here touches the database.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from aicmo_site.writing.markdown import (
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Table,
    parse_blocks,
    plain_text,
    strip_inline,
)
from qc.dto import SectionInput
from qc.rules import WORD, parse_iso_date

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*"
# A post header names a day: "2027-09-06", "6 Sep", "September 6" or "Mon".
_DATE_LIKE = re.compile(
    rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}\s+{_MONTH}\b|\b{_MONTH}\s+\d{{1,2}}\b"
    rf"|\b{_WEEKDAY}\b",
    re.IGNORECASE,
)
# ``**label** (note)``: a bold line, with an optional note in brackets after it.
_BOLD_LINE = re.compile(r"^\*\*(?P<label>[^*]+?)\*\*\s*(?:\((?P<note>[^)]*)\))?\s*$")
# "Subject line: ...", "**Hook:** ...": a label and the text it introduces.
_LABEL = re.compile(
    r"^(?P<label>[A-Za-z][A-Za-z '’/()-]{0,30}?)\s*:\s+(?P<value>\S.*)$"
)
_HASHTAGS_ONLY = re.compile(r"^(?:#[\w-]+[\s,]*)+$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'’”)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£$€#])")

# Words that mark a label's text as copy written elsewhere, or as what a post is
# (its hook, its subject line): a promise may sit there, its content never does.
REFERENCE_WORDS = frozenset(
    (
        "hook",
        "hooks",
        "headline",
        "headlines",
        "subject",
        "preview",
        "theme",
        "themes",
        "title",
        "titles",
        "topic",
        "topics",
        "angle",
        "angles",
    )
)
# "Example post ideas:" names posts; a bare "Example:" or "For example:" gives one.
IDEA_WORDS = frozenset(("example", "examples", "idea", "ideas"))
_FILLER = frozenset(("a", "an", "the", "for", "some"))
# Labels that are metadata or the post's call to action: neither promise nor content.
META_LABELS = frozenset(
    (
        "pillar",
        "bucket",
        "content bucket",
        "format",
        "formats",
        "platform",
        "channel",
        "date",
        "cta",
        "call to action",
        "hashtags",
        "tags",
        "platform and format",
        "audience",
    )
)
# Table columns of a calendar, by what they hold.
HOOK_COLUMNS = ("hook", "opening line", "headline")
CTA_COLUMNS = ("cta", "call to action")
CHANNEL_COLUMNS = ("platform", "channel")
THEME_COLUMNS = ("theme", "topic", "angle", "title")
TYPE_COLUMNS = ("type", "post type", "content type")
COPY_COLUMNS = ("caption", "copy", "body", "text", "post", "description")


class PieceKind(StrEnum):
    """What a piece of copy is: running text, a list item, a table row or a label."""

    TEXT = "text"
    ITEM = "item"
    ROW = "row"
    REFERENCE = "reference"


@dataclass(frozen=True, slots=True)
class Piece:
    """A paragraph, list item, table row or labelled line, as plain text.

    ``level`` is 0 for running text and table rows, 1 for a top-level list item and
    deeper for nested ones: the content a list item promises can only sit in the
    items nested under it.
    """

    text: str
    kind: PieceKind
    level: int = 0


@dataclass(frozen=True, slots=True)
class Post:
    """One calendar post: how a message names it, its table row and its copy."""

    name: str
    day: dt.date | None
    channel: str
    hook: str
    cta: str
    theme: str
    kind: str
    pieces: tuple[Piece, ...]

    @property
    def body(self) -> str:
        """Return the post's body: its copy without hook, call to action or tags."""
        texts = [p.text for p in self.pieces if p.kind is not PieceKind.REFERENCE]
        has_reference = len(texts) < len(self.pieces)
        texts = _drop(texts, self.hook, first=not has_reference)
        texts = _drop(list(reversed(texts)), self.cta, first=len(texts) >= 2)
        return " ".join(reversed(texts))


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of prose read as one: a paragraph and the lists after it."""

    pieces: tuple[Piece, ...]


def normalized(text: str) -> str:
    """Return ``text`` in lower case with single spaces and no inline Markdown."""
    return " ".join(plain_text(text).casefold().split())


def _same(a: str, b: str) -> bool:
    return normalized(a).rstrip(".!?…") == normalized(b).rstrip(".!?…")


def _drop(texts: list[str], wanted: str, *, first: bool) -> list[str]:
    """Drop the text equal to ``wanted``; else, if ``first``, the first text."""
    if wanted:
        for index, text in enumerate(texts):
            if _same(text, wanted):
                return texts[:index] + texts[index + 1 :]
    return texts[1:] if first and texts else texts


def sentences(text: str) -> list[str]:
    """Split plain text into sentences."""
    return [part.strip() for part in _SENTENCE_BREAK.split(text) if part.strip()]


def first_words(text: str, count: int = 3) -> str:
    """Return the first ``count`` words of ``text``, lower case, without punctuation."""
    return " ".join(WORD.findall(normalized(text))[:count])


def shorten(text: str, limit: int = 90) -> str:
    """Return ``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def is_reference_label(label: str) -> bool:
    """Whether a label introduces a reference: "Hook", "Example post ideas"."""
    words = set(WORD.findall(label.casefold())) - _FILLER
    return bool(words & REFERENCE_WORDS) or (
        bool(words & IDEA_WORDS) and len(words) > 1
    )


def _piece(text: str, level: int = 0, *, item: bool = False) -> Piece | None:
    """Classify one line of copy; None for hashtags, metadata and calls to action."""
    text = " ".join(plain_text(text).split())
    if not text or _HASHTAGS_ONLY.match(text):
        return None
    kind = PieceKind.ITEM if item else PieceKind.TEXT
    match = _LABEL.match(text)
    if match:
        label = match.group("label").strip().casefold()
        if label in META_LABELS:
            return None
        if is_reference_label(label):
            return Piece(match.group("value"), PieceKind.REFERENCE, level)
    return Piece(text, kind, level)


def _list_pieces(block: ListBlock, level: int = 1) -> Iterator[Piece]:
    """A list's items; a numbered item keeps its number ("1. Grind fresh")."""
    for number, item in enumerate(block.items, start=1):
        piece = _piece(item.text, level, item=True)
        if piece is not None and block.ordered and piece.kind is PieceKind.ITEM:
            piece = Piece(f"{number}. {piece.text}", piece.kind, level)
        if piece is not None:
            yield piece
        if item.children is not None:
            yield from _list_pieces(item.children, level + 1)


def _quote_pieces(block: Quote) -> Iterator[Piece]:
    """A quote read as Markdown: its paragraphs, label lines, lists and tables.

    The quoted lines are parsed as blocks, so "> - fresher beans" is a list item and
    blank quote lines separate paragraphs; a label line ("Hook: …") is its own piece.
    """
    for inner in parse_blocks("\n".join(block.lines)):
        if isinstance(inner, Paragraph):
            yield from _quoted_paragraph_pieces(inner)
        else:
            yield from _block_pieces(inner)


def _quoted_paragraph_pieces(block: Paragraph) -> Iterator[Piece]:
    """A quoted paragraph's text, with each label line split out as its own piece."""
    paragraph: list[str] = []
    for line in (*(line.text for line in block.lines), ""):
        labelled = _LABEL.match(plain_text(line).strip())
        if line.strip() and not labelled:
            paragraph.append(line.strip())
            continue
        if paragraph:
            piece = _piece(" ".join(paragraph))
            if piece is not None:
                yield piece
            paragraph = []
        if labelled:
            piece = _piece(line)
            if piece is not None:
                yield piece


def _paragraph_text(block: Paragraph) -> str:
    return " ".join(line.text for line in block.lines)


def _table_pieces(table: Table) -> Iterator[Piece]:
    for row in table.rows:
        text = " | ".join(strip_inline(cell) for cell in row if strip_inline(cell))
        if text:
            yield Piece(text, PieceKind.ROW)


def _block_pieces(block: object) -> list[Piece]:
    if isinstance(block, Quote):
        return list(_quote_pieces(block))
    if isinstance(block, ListBlock):
        return list(_list_pieces(block))
    if isinstance(block, Table):
        return list(_table_pieces(block))
    if isinstance(block, Paragraph):
        piece = _piece(_paragraph_text(block))
        return [piece] if piece is not None else []
    return []


# --- Prose passages ---------------------------------------------------------------


def _is_label_paragraph(block: Paragraph) -> bool:
    """A bold-only line ("**Next steps**") is a heading in all but syntax."""
    return len(block.lines) == 1 and bool(_BOLD_LINE.match(block.lines[0].text))


def _introduces_references(block: Paragraph) -> bool:
    """A lead-in such as "Example post ideas:": the list after it names posts."""
    lead = plain_text(_paragraph_text(block)).strip()
    short = len(WORD.findall(lead)) <= 6
    return lead.endswith(":") and short and is_reference_label(lead.rstrip(":"))


def _as_references(pieces: list[Piece]) -> list[Piece]:
    return [Piece(p.text, PieceKind.REFERENCE, p.level) for p in pieces]


def prose_passages(section: SectionInput) -> list[Passage]:
    """Cut a section into passages: each paragraph with the lists and tables after it.

    A list or table with no paragraph before it is a passage of its own; headings
    and bold-only lines end a passage and belong to none. The items after a lead-in
    such as "Example post ideas:" name posts, so they are references.
    """
    passages: list[Passage] = []
    current: list[Piece] = []
    lead_in = False  # whether lists and tables now join the current passage
    references = False  # whether the lead-in introduces examples, not content

    def flush() -> None:
        if current:
            passages.append(Passage(tuple(current)))
        current.clear()

    for block in parse_blocks(section.body):
        if isinstance(block, Paragraph) and _is_label_paragraph(block):
            flush()
            lead_in = False
        elif isinstance(block, Paragraph | Quote):
            flush()
            current.extend(_block_pieces(block))
            lead_in = True
            references = isinstance(block, Paragraph) and _introduces_references(block)
        elif isinstance(block, ListBlock | Table):
            if not lead_in:
                flush()
                references = False
            pieces = _block_pieces(block)
            current.extend(_as_references(pieces) if references else pieces)
        else:  # a heading, code or a rule ends the passage
            flush()
            lead_in = False
    flush()
    return passages


# --- Calendar posts ---------------------------------------------------------------


def _column(table: Table, names: tuple[str, ...]) -> int | None:
    for name in names:
        index = table.column(name)
        if index is not None:
            return index
    return None


def dated_table(section: SectionInput) -> Table | None:
    """Return the section's first table with dated rows (first cell YYYY-MM-DD)."""
    for table in _tables(section):
        if any(parse_iso_date(row[0]) for row in table.rows if row):
            return table
    return None


def _tables(section: SectionInput) -> list[Table]:
    return [b for b in parse_blocks(section.body) if isinstance(b, Table)]


@dataclass(frozen=True, slots=True)
class _Row:
    day: dt.date
    channel: str
    hook: str
    cta: str
    theme: str
    kind: str
    copy: tuple[str, ...]


def _cell(row: tuple[str, ...], index: int | None) -> str:
    return strip_inline(row[index]) if index is not None else ""


def _rows(table: Table) -> list[_Row]:
    columns = {
        "channel": _column(table, CHANNEL_COLUMNS),
        "hook": _column(table, HOOK_COLUMNS),
        "cta": _column(table, CTA_COLUMNS),
        "theme": _column(table, THEME_COLUMNS),
        "kind": _column(table, TYPE_COLUMNS),
    }
    copy_columns = [
        i
        for i, h in enumerate(table.header)
        if strip_inline(h).casefold() in COPY_COLUMNS
    ]
    rows = []
    for row in table.rows:
        day = parse_iso_date(row[0]) if row else None
        if day is None:
            continue
        values = {name: _cell(row, index) for name, index in columns.items()}
        copy = tuple(strip_inline(row[i]) for i in copy_columns if strip_inline(row[i]))
        rows.append(_Row(day=day, copy=copy, **values))
    return rows


def _header(block: object) -> str | None:
    """The name of a post whose copy starts here, or None if this is no post header."""
    if isinstance(block, Heading):
        text = strip_inline(block.text)
    elif isinstance(block, Paragraph) and len(block.lines) == 1:
        match = _BOLD_LINE.match(block.lines[0].text)
        if match is None or match.group("label").rstrip().endswith(":"):
            return None
        text = match.group("label").strip()
    else:
        return None
    return text if _DATE_LIKE.search(text) else None


def _copy_blocks(section: SectionInput) -> list[tuple[str, list[Piece]]]:
    """Each post header after the table, with the pieces of copy under it."""
    blocks: list[tuple[str, list[Piece]]] = []
    seen_table = False
    for block in parse_blocks(section.body):
        if isinstance(block, Table):
            seen_table = True
            continue
        if not seen_table:
            continue
        name = _header(block)
        if name is not None:
            blocks.append((name, []))
        elif isinstance(block, Heading):
            blocks.append(("", []))  # a heading that names no post ends the last one
        elif blocks and blocks[-1][0]:
            blocks[-1][1].extend(_block_pieces(block))
    return [(name, pieces) for name, pieces in blocks if name and pieces]


def _row_name(row: _Row) -> str:
    """How a message names a post known only by its row: "2027-09-06 · Instagram"."""
    return " · ".join(part for part in (row.day.isoformat(), row.channel) if part)


def _row_post(row: _Row) -> Post:
    texts = [row.hook, *row.copy] if row.hook else list(row.copy)
    pieces = [Piece(" ".join(plain_text(t).split()), PieceKind.TEXT) for t in texts]
    return Post(
        name=_row_name(row),
        day=row.day,
        channel=row.channel,
        hook=row.hook,
        cta=row.cta,
        theme=row.theme,
        kind=row.kind,
        pieces=tuple(pieces),
    )


def calendar_posts(section: SectionInput) -> list[Post]:
    """Return the calendar's posts, each with its copy and, when known, its row.

    Copy blocks pair with the table's dated rows in order when there are as many of
    each; a calendar with no copy blocks gives one post per dated row, its copy taken
    from the row's hook and caption cells.
    """
    table = dated_table(section)
    rows = _rows(table) if table is not None else []
    blocks = _copy_blocks(section)
    if not blocks:
        return [_row_post(row) for row in rows]
    paired: list[_Row | None] = list(rows) if len(rows) == len(blocks) else []
    paired += [None] * (len(blocks) - len(paired))
    posts = []
    for (name, pieces), row in zip(blocks, paired, strict=True):
        first = next((p.text for p in pieces if p.kind is PieceKind.TEXT), "")
        posts.append(
            Post(
                name=name,
                day=row.day if row else None,
                channel=row.channel if row else "",
                hook=row.hook if row and row.hook else first,
                cta=row.cta if row else "",
                theme=row.theme if row else "",
                kind=row.kind if row else "",
                pieces=tuple(pieces),
            )
        )
    return posts


def table_hooks(section: SectionInput) -> list[tuple[str, str]]:
    """Return each dated row's (name, hook), or [] when the table has no hook column."""
    table = dated_table(section)
    if table is None or _column(table, HOOK_COLUMNS) is None:
        return []
    return [(_row_name(r), r.hook) for r in _rows(table) if r.hook]


def table_kinds(section: SectionInput) -> tuple[str, list[tuple[str, str]]]:
    """Return the column that shows each post's type or theme, and each post's cell.

    A "Type" column wins over a "Theme" column; ("", []) when neither exists.
    """
    table = dated_table(section)
    if table is None:
        return "", []
    for names in (TYPE_COLUMNS, THEME_COLUMNS):
        index = _column(table, names)
        if index is None:
            continue
        cells = []
        for row in _rows(table):
            value = row.kind if names is TYPE_COLUMNS else row.theme
            if value:
                cells.append((_row_name(row), value))
        return strip_inline(table.header[index]), cells
    return "", []
