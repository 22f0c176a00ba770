r"""Markdown as the reports and checks read it: its blocks, its tables, its plain text.

The generators write Markdown and operators amend it; this module is the one reading of
it. The PDF lays out the blocks of :func:`parse_blocks`; QC and the calendar amendment
read tables through :func:`tables_in` and :func:`split_row`; the HTML report, rendered
by python-markdown, takes :func:`align_numeric_columns` and :func:`table_column_counts`
from here, so both reports agree on which tables a section holds and how they align.

Blocks: ATX headings, paragraphs (a line ending in two spaces or ``\`` breaks), ``-``,
``*``, ``+`` and numbered lists nested by indentation, block quotes, thematic breaks,
fenced code (nothing inside a fence is anything else) and GitHub tables: a header row,
then a delimiter row with as many cells; ``\|`` is a pipe inside a cell. Inline
Markdown stays in the text; :func:`plain_text` and :func:`strip_inline` read it.
Which link targets a report may keep is :mod:`aicmo_site.writing.links`'s to say.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")

# A target may hold balanced parentheses, one level deep, as python-markdown reads
# it: ``[Mocha](https://en.wikipedia.org/wiki/Mocha_(coffee))``.
_TARGET = r"((?:[^()\s]|\([^()\s]*\))+)"
IMAGE = re.compile(r"!\[([^\]]*)\]\(" + _TARGET + r"(?:\s+\"[^\"]*\")?\)")
LINK = re.compile(r"\[([^\]]+)\]\(" + _TARGET + r"(?:\s+\"[^\"]*\")?\)")
_NUMERIC_CELL = re.compile(
    r"^(?:[A-Z]{3}\s?)?[~≈<>+\-−]?\s?[$€£¥]?\s?\d[\d,.\s]*"
    r"(?:\s?(?:%|[kKmMbB]|x|×|pp|pts?))?(?:\s?[A-Z]{3})?$"
)


# --- Blocks -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    """An ATX heading (``### Title``): its level, 1 to 6, and its inline text."""

    level: int
    text: str


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of a paragraph, trimmed; ``hard_break`` if a line break follows it."""

    text: str
    hard_break: bool


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Consecutive lines of text, up to a blank line or the start of another block."""

    lines: tuple[TextLine, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quote: the trimmed text of each of its lines, without the ``>``."""

    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Code:
    """A fenced code block's lines, as written; the fences are not part of it."""

    text: str


@dataclass(frozen=True, slots=True)
class HorizontalRule:
    """A thematic break: ``---``, ``***`` or ``___``."""


@dataclass(frozen=True, slots=True)
class ListItem:
    """One list item: its inline text (continuation lines joined) and any sub-list."""

    text: str
    children: "ListBlock | None" = None


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list; the first item's marker decides which."""

    ordered: bool
    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A GitHub table: header cells, delimiter cells and body rows, as written.

    Every row has as many cells as the header (short rows are padded with ``""``,
    long ones cut). ``line`` is the index of the header row among the text's lines.
    """

    header: tuple[str, ...]
    delimiters: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line: int

    @property
    def alignments(self) -> tuple[str, ...]:
        """Return each column's alignment: ``left``, ``center`` or ``right``."""
        return tuple(_alignment(delimiter) for delimiter in self.delimiters)

    def column(self, name: str) -> int | None:
        """Return the index of the column named ``name`` (case-insensitive), or None."""
        wanted = name.casefold()
        for index, cell in enumerate(self.header):
            if strip_inline(cell).casefold() == wanted:
                return index
        return None


Block = Heading | Paragraph | Quote | Code | HorizontalRule | ListBlock | Table


def _alignment(delimiter: str) -> str:
    if delimiter.startswith(":") and delimiter.endswith(":"):
        return "center"
    return "right" if delimiter.endswith(":") else "left"


def split_row(line: str) -> list[str]:
    r"""Split a table row into trimmed cells; ``\|`` is a pipe inside a cell."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SEPARATOR.split(text)]


def is_table_start(line: str, following: str) -> bool:
    """Return whether a header row and a delimiter row as wide start a table."""
    return (
        "|" in line
        and "|" in following
        and bool(_TABLE_DELIMITER.match(following))
        and len(split_row(line)) == len(split_row(following))
    )


def is_table_row(line: str) -> bool:
    """Return whether ``line`` continues a table: it holds a pipe and is not blank."""
    return "|" in line and bool(line.strip())


def parse_blocks(text: str) -> list[Block]:
    """Return the blocks of a Markdown text, in order."""
    lines = text.splitlines()
    blocks: list[Block] = []
    block: Block
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if _FENCE.match(line):
            block, index = _code(lines, index)
        elif heading := _HEADING.match(line):
            block, index = Heading(len(heading.group(1)), heading.group(2)), index + 1
        elif _THEMATIC_BREAK.match(line):
            block, index = HorizontalRule(), index + 1
        elif _starts_table(lines, index):
            block, index = _table(lines, index)
        elif _LIST_ITEM.match(line):
            block, index = _list(lines, index)
        elif _QUOTE.match(line):
            block, index = _quote(lines, index)
        else:
            block, index = _paragraph(lines, index)
        blocks.append(block)
    return blocks


def _starts_table(lines: Sequence[str], index: int) -> bool:
    return index + 1 < len(lines) and is_table_start(lines[index], lines[index + 1])


def _starts_block(lines: Sequence[str], index: int) -> bool:
    line = lines[index]
    return bool(
        _HEADING.match(line)
        or _THEMATIC_BREAK.match(line)
        or _FENCE.match(line)
        or _LIST_ITEM.match(line)
        or _QUOTE.match(line)
        or _starts_table(lines, index)
    )


def _paragraph(lines: Sequence[str], index: int) -> tuple[Paragraph, int]:
    parts: list[TextLine] = []
    while index < len(lines) and lines[index].strip():
        if parts and _starts_block(lines, index):
            break
        line = lines[index]
        hard_break = line.endswith("  ") or line.endswith("\\")
        parts.append(TextLine(line.strip().rstrip("\\"), hard_break))
        index += 1
    return Paragraph(tuple(parts)), index


def _quote(lines: Sequence[str], index: int) -> tuple[Quote, int]:
    parts: list[str] = []
    while index < len(lines) and (match := _QUOTE.match(lines[index])):
        parts.append(match.group(1).strip())
        index += 1
    return Quote(tuple(parts)), index


def _code(lines: Sequence[str], index: int) -> tuple[Code, int]:
    fence = _FENCE.match(lines[index])
    marker = fence.group(1) if fence else "```"
    index += 1
    code: list[str] = []
    # An unclosed fence runs to the end of the text.
    while index < len(lines) and not lines[index].strip().startswith(marker):
        code.append(lines[index])
        index += 1
    return Code("\n".join(code)), index + 1


def _list(lines: Sequence[str], index: int) -> tuple[ListBlock, int]:
    items: list[tuple[int, bool, str]] = []  # (indent, ordered, text)
    while index < len(lines):
        line = lines[index]
        match = _LIST_ITEM.match(line)
        if match:
            ordered = match.group(2)[0].isdigit()
            items.append((len(match.group(1)), ordered, match.group(3).strip()))
        elif (
            line.strip()
            and items
            and line.startswith(" ")
            and not _starts_block(lines, index)
        ):
            indent, ordered, text = items[-1]
            items[-1] = (indent, ordered, f"{text} {line.strip()}")
        else:
            break
        index += 1
    return _nest(items), index


def _nest(items: list[tuple[int, bool, str]]) -> ListBlock:
    """Return the list whose items sit at the first item's indent; deeper ones nest."""
    base, ordered = items[0][0], items[0][1]
    entries: list[ListItem] = []
    position = 0
    while position < len(items):
        text = items[position][2]
        children = []
        position += 1
        while position < len(items) and items[position][0] > base:
            children.append(items[position])
            position += 1
        entries.append(ListItem(text, _nest(children) if children else None))
    return ListBlock(ordered, tuple(entries))


def _table(lines: Sequence[str], index: int) -> tuple[Table, int]:
    start = index
    header = split_row(lines[index])
    delimiters = split_row(lines[index + 1])
    index += 2
    rows: list[tuple[str, ...]] = []
    while index < len(lines) and is_table_row(lines[index]):
        cells = split_row(lines[index])
        cells += [""] * (len(header) - len(cells))
        rows.append(tuple(cells[: len(header)]))
        index += 1
    table = Table(tuple(header), tuple(delimiters), tuple(rows), line=start)
    return table, index


# --- Tables -------------------------------------------------------------------------


def tables_in(text: str) -> list[Table]:
    """Return every table in a Markdown text, in order (none inside fenced code)."""
    return [block for block in parse_blocks(text) if isinstance(block, Table)]


def table_column_counts(text: str) -> list[int]:
    """Return the column count of every table in a Markdown text."""
    return [len(table.header) for table in tables_in(text)]


def is_numeric_cell(cell: str) -> bool:
    """Return whether a cell holds one amount, share or count (``GBP 4,300``)."""
    return bool(_NUMERIC_CELL.match(plain_text(cell).strip()))


def align_numeric(table: Table) -> Table:
    """Return the table with its numeric columns right-aligned, unless aligned already.

    A column whose delimiter has no colon and whose filled cells are all numeric (see
    :func:`is_numeric_cell`) gets the delimiter ``---:``.
    """
    delimiters = list(table.delimiters)
    for column, delimiter in enumerate(delimiters):
        cells = [row[column] for row in table.rows if row[column]]
        if ":" not in delimiter and cells and all(map(is_numeric_cell, cells)):
            delimiters[column] = "---:"
    return replace(table, delimiters=tuple(delimiters))


def align_numeric_columns(text: str) -> str:
    """Return the text with its tables' numeric columns right-aligned.

    Each table :func:`align_numeric` changes gets a new delimiter row, so figures line
    up in any renderer; a table with nothing to align is left as written.
    """
    lines = text.splitlines()
    for table in tables_in(text):
        aligned = align_numeric(table)
        if aligned.delimiters != table.delimiters:
            lines[table.line + 1] = "| " + " | ".join(aligned.delimiters) + " |"
    result = "\n".join(lines)
    return result + "\n" if text.endswith("\n") else result


# --- Inline text --------------------------------------------------------------------


def plain_text(text: str) -> str:
    """Return the visible text of inline Markdown: link and image text, no markers."""
    text = IMAGE.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = re.sub(r"(\*\*|__|~~|`)", "", text)
    return re.sub(r"(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", text)


def strip_inline(text: str) -> str:
    """Drop Markdown emphasis and code markers from a short inline text, and trim it."""
    return re.sub(r"[*_`]", "", text).strip()
