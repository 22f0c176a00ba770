"""The PDF report: a cover, a table of contents, then the sections.

The cover page names the client, the pack, the run date, who the report is prepared
for and by, and the QC verdict. The contents page lists every section with its page
number (and links to it); every later page has a running header and "Page n of N".
The document is built in two passes (reportlab's ``multiBuild``): the first learns
where each section starts and how many pages there are, the second prints them. The
first pass only lays the pages out, drawing nothing (see :func:`_canvas_maker`), and
each paragraph breaks its lines once per width for both passes (see
:class:`_Paragraph`); the bytes are the same as from two full passes.

Supported Markdown: headings, paragraphs, ``-``/``*``/``+`` and numbered lists (nested
by indentation), ``**bold**``, ``*italic*``, ``~~struck~~``, inline code, links,
block quotes, rules, fenced code and GitHub tables. Tables become real ``Table``
flowables with wrapped cells and a repeated header row; numeric columns are set
right-aligned; a section holding a wide table (five or more columns, such as the
posting calendar) is set on landscape pages, and a table still too wide for its page
is set in a smaller type.

Rendering uses reportlab's ``invariant`` mode and takes the PDF's creation date from
the report, so the same input gives the same bytes.
"""

import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    IndexingFlowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
    XPreformatted,
)
from reportlab.platypus.tableofcontents import TableOfContents

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5F6B7A")
PRIMARY = colors.HexColor("#1E3A5F")
ACCENT = colors.HexColor("#2F6DB5")
RULE = colors.HexColor("#D5DCE4")
ZEBRA = colors.HexColor("#F3F6F9")
QUOTE_BG = colors.HexColor("#F5F7FA")
COVER_SOFT = colors.HexColor("#C9D8EA")
COVER_KICKER = colors.HexColor("#8CB8E8")
PASSED = colors.HexColor("#1E7B4F")
NOT_PASSED = colors.HexColor("#B42318")

MARGIN = 18 * mm
TOP_MARGIN = 22 * mm
BOTTOM_MARGIN = 20 * mm
COVER_MARGIN = 25 * mm
WIDE_TABLE_COLUMNS = 5
# Table type shrinks step by step until the table's longest words fit its page.
TABLE_FONT_SIZES = (8.5, 8.0, 7.5, 7.0)
FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
FONT_ITALIC = "Helvetica-Oblique"
FONT_MONO = "Courier"


@dataclass(frozen=True, slots=True)
class PdfSection:
    """A section to render: its title and its Markdown body (no heading)."""

    title: str
    body: str


@dataclass(frozen=True, slots=True)
class PdfReport:
    """What the PDF shows: a cover, the contents, then every section in order.

    ``generated_at`` (aware) becomes the PDF's creation date; ``date_label`` is the
    same moment as shown on the pages.
    """

    title: str
    client_name: str
    pack_label: str
    date_label: str
    qc_label: str
    qc_passed: bool
    prepared_by: str
    generated_at: dt.datetime
    sections: tuple[PdfSection, ...]


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "Body",
        fontName=FONT,
        fontSize=10,
        leading=14.5,
        textColor=INK,
        spaceAfter=6,
        alignment=TA_LEFT,
    )
    return {
        "body": body,
        "cover_agency": ParagraphStyle(
            "CoverAgency",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            textColor=COVER_SOFT,
            spaceAfter=0,
        ),
        "cover_kicker": ParagraphStyle(
            "CoverKicker",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            textColor=COVER_KICKER,
            spaceAfter=0,
        ),
        "cover_client": ParagraphStyle(
            "CoverClient",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=34,
            leading=39,
            textColor=colors.white,
            spaceAfter=0,
        ),
        "cover_title": ParagraphStyle(
            "CoverTitle",
            parent=body,
            fontSize=16,
            leading=21,
            textColor=COVER_SOFT,
            spaceAfter=0,
        ),
        "cover_for": ParagraphStyle(
            "CoverFor",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=15,
            leading=20,
            textColor=PRIMARY,
            spaceAfter=0,
        ),
        "cover_by": ParagraphStyle(
            "CoverBy",
            parent=body,
            fontSize=12,
            leading=16,
            textColor=MUTED,
            spaceAfter=0,
        ),
        "meta_label": ParagraphStyle(
            "MetaLabel",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=7.5,
            leading=10,
            textColor=MUTED,
            spaceAfter=2,
        ),
        "meta_value": ParagraphStyle(
            "MetaValue", parent=body, fontSize=11, leading=14, spaceAfter=0
        ),
        "contents_title": ParagraphStyle(
            "ContentsTitle",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=22,
            leading=27,
            textColor=PRIMARY,
            spaceAfter=2,
        ),
        "toc_number": ParagraphStyle(
            "TocNumber",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=15,
            textColor=ACCENT,
            spaceAfter=0,
        ),
        "toc_entry": ParagraphStyle(
            "TocEntry", parent=body, fontSize=11, leading=15, spaceAfter=0
        ),
        "toc_page": ParagraphStyle(
            "TocPage",
            parent=body,
            fontSize=11,
            leading=15,
            alignment=TA_RIGHT,
            spaceAfter=0,
        ),
        "h2": ParagraphStyle(
            "H2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=17,
            leading=21,
            textColor=PRIMARY,
            spaceBefore=4,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "H3",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=PRIMARY,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h4": ParagraphStyle(
            "H4",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            textColor=INK,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "list": ParagraphStyle("List", parent=body, spaceAfter=2),
        "quote": ParagraphStyle(
            "Quote",
            parent=body,
            fontName=FONT_ITALIC,
            textColor=MUTED,
            leftIndent=10,
            borderPadding=(6, 8, 6, 8),
            backColor=QUOTE_BG,
            spaceBefore=4,
            spaceAfter=10,
        ),
        "code": ParagraphStyle(
            "Code",
            parent=body,
            fontName=FONT_MONO,
            fontSize=8.5,
            leading=11,
            backColor=QUOTE_BG,
            borderPadding=6,
            spaceBefore=4,
            spaceAfter=10,
        ),
        "cell": ParagraphStyle(
            "Cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0
        ),
        "cell_head": ParagraphStyle(
            "CellHead",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=11,
            textColor=colors.white,
            spaceAfter=0,
        ),
    }


# --- Inline Markdown ----------------------------------------------------------------

_CODE_SPAN = re.compile(r"`([^`]+)`")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_TOKEN = "\x00{}\x00"
_TOKEN_RE = re.compile("\x00(\\d+)\x00")


def escape_xml(text: str) -> str:
    """Escape the characters reportlab's paragraph markup treats as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Characters beyond the Basic Multilingual Plane (emoji), variation selectors, joiners.
_UNPRINTABLE = re.compile("[\U00010000-\U0010ffff\ufe0e\ufe0f\u200d]")


def _printable(text: str) -> str:
    """Drop characters the base-14 PDF fonts cannot show (emoji, joiners)."""
    return _UNPRINTABLE.sub("", text)


def inline_markup(text: str) -> str:
    """Convert inline Markdown to reportlab paragraph markup; escape the rest."""
    protected: list[str] = []

    def protect(markup: str) -> str:
        protected.append(markup)
        return _TOKEN.format(len(protected) - 1)

    text = _printable(text)
    text = _ESCAPED.sub(lambda match: protect(escape_xml(match.group(1))), text)
    text = _CODE_SPAN.sub(
        lambda match: protect(
            f'<font face="{FONT_MONO}">{escape_xml(match.group(1))}</font>'
        ),
        text,
    )
    text = _IMAGE.sub(lambda match: match.group(1), text)
    text = _LINK.sub(
        lambda match: protect(
            f'<link href="{escape_xml(match.group(2)).replace(chr(34), "%22")}" '
            f'color="#2F6DB5"><u>{_emphasis(escape_xml(match.group(1)))}</u></link>'
        ),
        text,
    )
    text = _emphasis(escape_xml(text))
    while _TOKEN_RE.search(text):
        text = _TOKEN_RE.sub(lambda match: protected[int(match.group(1))], text)
    return text


def _emphasis(text: str) -> str:
    text = _BOLD.sub(r"<b>\2</b>", text)
    text = _ITALIC_STAR.sub(r"<i>\1</i>", text)
    text = _ITALIC_UNDERSCORE.sub(r"<i>\1</i>", text)
    return _STRIKE.sub(r"<strike>\1</strike>", text)


def plain_text(text: str) -> str:
    """Return the visible text of inline Markdown (for measuring column widths)."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = re.sub(r"(\*\*|__|~~|`)", "", text)
    return re.sub(r"(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", text)


# --- Block Markdown -----------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")


def _split_row(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", text)]


def _is_table_start(lines: Sequence[str], index: int) -> bool:
    # As in GitHub Markdown: a header row, then a delimiter row with as many cells.
    return (
        index + 1 < len(lines)
        and "|" in lines[index]
        and "|" in lines[index + 1]
        and bool(_TABLE_DELIMITER.match(lines[index + 1]))
        and len(_split_row(lines[index])) == len(_split_row(lines[index + 1]))
    )


def _is_block_start(lines: Sequence[str], index: int) -> bool:
    line = lines[index]
    return bool(
        _HEADING.match(line)
        or _RULE.match(line)
        or _FENCE.match(line)
        or _LIST_ITEM.match(line)
        or _QUOTE.match(line)
        or _is_table_start(lines, index)
    )


_NUMERIC_CELL = re.compile(
    r"^(?:[A-Z]{3}\s?)?[~≈<>+\-−]?\s?[$€£¥]?\s?\d[\d,.\s]*"
    r"(?:\s?(?:%|[kKmMbB]|x|×|pp|pts?))?(?:\s?[A-Z]{3})?$"
)


def _is_numeric(cell: str) -> bool:
    return bool(_NUMERIC_CELL.match(plain_text(cell).strip()))


def align_numeric_columns(body: str) -> str:
    """Right-align table columns that hold only numbers, unless already aligned.

    A column whose delimiter has no colon and whose cells are all amounts, shares or
    counts (``120``, ``1.8%``, ``GBP 4,300``) gets a ``---:`` delimiter, so figures
    line up in both the PDF and the HTML report.
    """
    lines = body.splitlines()
    index = 0
    while index < len(lines):
        if not _is_table_start(lines, index):
            index += 1
            continue
        delimiters = _split_row(lines[index + 1])
        end = index + 2
        while end < len(lines) and "|" in lines[end] and lines[end].strip():
            end += 1
        rows = [_split_row(line) for line in lines[index + 2 : end]]
        changed = False
        for column, delimiter in enumerate(delimiters):
            cells = [row[column] for row in rows if column < len(row) and row[column]]
            if ":" not in delimiter and cells and all(map(_is_numeric, cells)):
                delimiters[column] = "---:"
                changed = True
        if changed:
            lines[index + 1] = "| " + " | ".join(delimiters) + " |"
        index = end
    text = "\n".join(lines)
    return text + "\n" if body.endswith("\n") else text


def table_column_counts(body: str) -> list[int]:
    """Return the column count of every table in a Markdown body."""
    lines = body.splitlines()
    return [
        len(_split_row(lines[index]))
        for index in range(len(lines))
        if _is_table_start(lines, index)
    ]


# What Paragraph.wrap (and the breakLines it calls) leaves on the paragraph.
_LAYOUT_ATTRIBUTES = (
    "width",
    "height",
    "_wrapWidths",
    "blPara",
    "_width_max",
    "_splitLongWordCount",
    "_hyphenations",
)


class _Paragraph(Paragraph):
    """A paragraph that breaks its lines once per width, however often it is wrapped.

    Laying out the report wraps most paragraphs several times at the same width: a
    ``KeepTogether`` measures its content before the frame places it, a table wraps
    its cells to size its rows, again for each part when it splits across pages and
    again to draw them, and ``multiBuild`` repeats all of it in every pass. Line
    breaking is the costliest step of the build and depends only on the text, the
    style and the width, so the first wrap at a width keeps what it set on the
    paragraph and later wraps at that width put it back. The memo lives on the
    paragraph, so it goes when the story does.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._layouts: dict[float, dict[str, object]] = {}

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's API
        layout = self._layouts.get(availWidth)
        if layout is not None:
            self.__dict__.update(layout)
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        # Too narrow a width returns early, having laid nothing out: keep nothing.
        if size[0] == availWidth:
            self._layouts[availWidth] = {
                name: self.__dict__[name]
                for name in _LAYOUT_ATTRIBUTES
                if name in self.__dict__
            }
        return size


class MarkdownFlowables:
    """Turn a Markdown body into platypus flowables for a frame of a given width."""

    def __init__(self, styles: dict[str, ParagraphStyle], width: float) -> None:
        self.styles = styles
        self.width = width

    def convert(self, body: str) -> list[Flowable]:
        """Return the flowables for ``body``."""
        lines = align_numeric_columns(body).replace("\t", "    ").splitlines()
        flowables: list[Flowable] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            if not line.strip():
                index += 1
            elif _FENCE.match(line):
                index = self._code(lines, index, flowables)
            elif heading := _HEADING.match(line):
                level = len(heading.group(1))
                style = self.styles["h3"] if level <= 3 else self.styles["h4"]
                flowables.append(_Paragraph(inline_markup(heading.group(2)), style))
                index += 1
            elif _RULE.match(line):
                flowables.append(
                    HRFlowable(
                        width="100%",
                        thickness=0.6,
                        color=RULE,
                        spaceBefore=4,
                        spaceAfter=8,
                    )
                )
                index += 1
            elif _is_table_start(lines, index):
                index = self._table(lines, index, flowables)
            elif _LIST_ITEM.match(line):
                index = self._list(lines, index, flowables)
            elif _QUOTE.match(line):
                index = self._quote(lines, index, flowables)
            else:
                index = self._paragraph(lines, index, flowables)
        return flowables

    def _paragraph(self, lines: list[str], index: int, out: list[Flowable]) -> int:
        parts: list[str] = []
        while index < len(lines) and lines[index].strip():
            if parts and _is_block_start(lines, index):
                break
            line = lines[index]
            hard_break = line.endswith("  ") or line.endswith("\\")
            parts.append(inline_markup(line.strip().rstrip("\\")))
            if hard_break:
                parts.append("<br/>")
            index += 1
        markup = " ".join(parts).replace(" <br/> ", "<br/>")
        out.append(_Paragraph(markup, self.styles["body"]))
        return index

    def _quote(self, lines: list[str], index: int, out: list[Flowable]) -> int:
        parts: list[str] = []
        while index < len(lines) and (match := _QUOTE.match(lines[index])):
            parts.append(inline_markup(match.group(1).strip()))
            index += 1
        out.append(
            _Paragraph(" ".join(part for part in parts if part), self.styles["quote"])
        )
        return index

    def _code(self, lines: list[str], index: int, out: list[Flowable]) -> int:
        fence = _FENCE.match(lines[index])
        marker = fence.group(1) if fence else "```"
        index += 1
        code: list[str] = []
        while index < len(lines) and not lines[index].strip().startswith(marker):
            code.append(lines[index])
            index += 1
        text = escape_xml(_printable("\n".join(code)))
        out.append(XPreformatted(text, self.styles["code"]))
        return index + 1

    def _list(self, lines: list[str], index: int, out: list[Flowable]) -> int:
        items: list[tuple[int, bool, str]] = []
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
                and not (_is_block_start(lines, index))
            ):
                indent, ordered, text = items[-1]
                items[-1] = (indent, ordered, f"{text} {line.strip()}")
            else:
                break
            index += 1
        out.append(self._list_flowable(items))
        out.append(Spacer(1, 4))
        return index

    def _list_flowable(self, items: list[tuple[int, bool, str]]) -> ListFlowable:
        base = items[0][0]
        ordered = items[0][1]
        entries: list[ListItem] = []
        position = 0
        while position < len(items):
            indent, _ordered, text = items[position]
            children = []
            position += 1
            while position < len(items) and items[position][0] > base:
                children.append(items[position])
                position += 1
            content: list[Flowable] = [
                _Paragraph(inline_markup(text), self.styles["list"])
            ]
            if children:
                content.append(self._list_flowable(children))
            entries.append(ListItem(content))
        if ordered:
            return ListFlowable(
                entries,
                bulletType="1",
                bulletFormat="%s.",
                bulletFontName=FONT,
                bulletFontSize=10,
                leftIndent=18,
                bulletColor=INK,
            )
        return ListFlowable(
            entries,
            bulletType="bullet",
            start="\u2022",
            bulletFontSize=9,
            leftIndent=14,
            bulletColor=ACCENT,
        )

    def _table(self, lines: list[str], index: int, out: list[Flowable]) -> int:
        header = _split_row(lines[index])
        aligns = [_cell_alignment(cell) for cell in _split_row(lines[index + 1])]
        index += 2
        rows: list[list[str]] = []
        while index < len(lines) and "|" in lines[index] and lines[index].strip():
            cells = _split_row(lines[index])
            cells += [""] * (len(header) - len(cells))
            rows.append(cells[: len(header)])
            index += 1
        out.append(self._table_flowable(header, rows, aligns))
        out.append(Spacer(1, 10))
        return index

    def _table_flowable(
        self, header: list[str], rows: list[list[str]], aligns: list[int]
    ) -> Table:
        size, needs = _font_size_and_needs([header, *rows], self.width)
        widths = _share_width(needs, self.width)
        aligns = aligns[: len(header)] + [TA_LEFT] * (len(header) - len(aligns))
        data = [
            [
                self._cell(cell, "cell_head", aligns[i], size)
                for i, cell in enumerate(header)
            ]
        ]
        data += [
            [self._cell(cell, "cell", aligns[i], size) for i, cell in enumerate(row)]
            for row in rows
        ]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        commands: list[tuple] = [
            ("BACKGROUND", (0, 0), (-1, 0), PRIMARY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ]
        for row in range(2, len(data), 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
        table.setStyle(TableStyle(commands))
        return table

    def _cell(
        self, text: str, style_name: str, alignment: int, size: float
    ) -> Paragraph:
        """Return a table cell; alignment and type size live in its paragraph style."""
        key = f"{style_name}:{alignment}:{size}"
        if key not in self.styles:
            base = self.styles[style_name]
            self.styles[key] = ParagraphStyle(
                f"{base.name}-{alignment}-{size}",
                parent=base,
                alignment=alignment,
                fontSize=size,
                leading=round(size * 1.3, 1),
            )
        return _Paragraph(inline_markup(text), self.styles[key])


def _cell_alignment(delimiter: str) -> int:
    """Return the alignment a table delimiter cell (``:---:``, ``---:``) asks for."""
    if delimiter.startswith(":") and delimiter.endswith(":"):
        return TA_CENTER
    return TA_RIGHT if delimiter.endswith(":") else TA_LEFT


_CELL_PADDING = 12.0  # the cells' left and right padding, plus slack


def _column_needs(
    rows: list[list[str]], font_size: float
) -> tuple[list[float], list[float]]:
    """Return each column's minimum (longest word) and desired (longest line) width."""
    count = max(len(row) for row in rows)
    minimum = [_CELL_PADDING] * count
    desired = [_CELL_PADDING] * count
    for row_index, row in enumerate(rows):
        font = FONT_BOLD if row_index == 0 else FONT
        for column, cell in enumerate(row):
            text = plain_text(cell)
            words = text.split() or [""]
            longest = max(stringWidth(word, font, font_size) for word in words)
            minimum[column] = max(minimum[column], longest + _CELL_PADDING)
            desired[column] = max(
                desired[column], stringWidth(text, font, font_size) + _CELL_PADDING
            )
    return minimum, desired


def _font_size_and_needs(
    rows: list[list[str]], available: float
) -> tuple[float, tuple[list[float], list[float]]]:
    """Return :func:`table_font_size` and the column needs at that size."""
    for size in TABLE_FONT_SIZES:
        needs = _column_needs(rows, size)
        if sum(needs[0]) <= available:
            return size, needs
    return TABLE_FONT_SIZES[-1], needs


def table_font_size(rows: list[list[str]], available: float) -> float:
    """Return the largest table type size at which every column's longest word fits."""
    return _font_size_and_needs(rows, available)[0]


def column_widths(
    rows: list[list[str]], available: float, font_size: float
) -> list[float]:
    """Share ``available`` points between columns the way browsers lay out tables.

    Each column gets at least its longest word and, when space allows, its longest
    line; the space left is shared in proportion to how much more each column wants.
    """
    return _share_width(_column_needs(rows, font_size), available)


def _share_width(
    needs: tuple[list[float], list[float]], available: float
) -> list[float]:
    """Return :func:`column_widths` from the columns' minimum and desired widths."""
    minimum, desired = needs
    count = len(minimum)
    # Very long unbroken strings (URLs) must not starve the other columns.
    cap = available * 0.4
    minimum = [min(width, cap) for width in minimum]
    desired = [max(want, low) for want, low in zip(desired, minimum, strict=True)]
    if sum(minimum) >= available:
        scale = available / sum(minimum)
        return [width * scale for width in minimum]
    if sum(desired) <= available:
        spare = (available - sum(desired)) / count
        return [width + spare for width in desired]
    extra = available - sum(minimum)
    wants = [want - low for want, low in zip(desired, minimum, strict=True)]
    total_want = sum(wants) or 1.0
    return [
        low + extra * want / total_want
        for low, want in zip(minimum, wants, strict=True)
    ]


# --- Document -----------------------------------------------------------------------


def _pdf_date(moment: dt.datetime) -> str:
    """Return ``moment`` as a PDF date string in UTC (``D:20270104093000+00'00'``)."""
    return moment.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


class _ReportCanvas(Canvas):
    """A canvas that stamps the report's own date and opens on the outline.

    ``layout_only`` marks the canvas of a pass that only lays the story out: frames
    place flowables on it without drawing them (see :class:`_Frame`).
    """

    def __init__(self, *args, creation_date: str, layout_only: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.layout_only = layout_only
        # Invariant mode would stamp 2000-01-01; the run's date is the true one.
        self.setDateFormatter(lambda *_parts: creation_date)
        self.showOutline()


def _canvas_maker(creation_date: str) -> Callable[..., Canvas]:
    """Return ``multiBuild``'s canvasmaker: a layout-only canvas first, real ones after.

    ``multiBuild`` lays the whole story out once per pass, until the contents and the
    page total stop changing; the last pass is the one saved. Neither changes the
    layout (the contents rows are the same size in every pass, "Page n of N" sits in
    the page furniture), so the first pass has only to learn them, and its canvas is
    layout-only: nothing is drawn but the anchors that report where sections start.
    That pass is never the saved one, since the page total is unknown before it
    (:class:`_PageTotal` is unsatisfied), so the PDF always comes from a drawn pass,
    and its bytes are the same as when every pass draws.
    """
    passes = 0

    def make(*args, **kwargs) -> Canvas:
        nonlocal passes
        passes += 1
        return _ReportCanvas(
            *args, creation_date=creation_date, layout_only=passes == 1, **kwargs
        )

    return make


def _skip_draw(*_args, **_kwargs) -> None:
    return


class _Frame(Frame):
    """A frame that, on a layout-only canvas, places flowables without drawing them.

    Placing (wrapping, splitting, moving down the page) is all a layout pass needs;
    drawing would cost as much again. An :class:`_Anchor` is still drawn, as that is
    how the contents learn each section's page.
    """

    def _add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:  # noqa: N803 - reportlab's API
        if not getattr(canv, "layout_only", False) or isinstance(flowable, _Anchor):
            return super()._add(flowable, canv, trySplit)
        # Shadow the flowable's drawOn for this one placement; Frame._add calls it
        # once it has found room, and nothing else in the placement depends on it.
        flowable.drawOn = _skip_draw
        try:
            return super()._add(flowable, canv, trySplit)
        finally:
            del flowable.drawOn

    add = _add


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Return ``text``, cut with an ellipsis when it is wider than ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(f"{text}\u2026", font, size) > width:
        text = text[:-1]
    return f"{text.rstrip()}\u2026"


class _PageTotal(IndexingFlowable):
    """Learn the page count during one pass, so the next can print "Page n of N"."""

    def __init__(self) -> None:
        super().__init__()
        self.total = 0
        self._counted = 0
        self._satisfied = False

    def notify(self, kind: str, stuff: object) -> None:
        if kind == "PageCount" and isinstance(stuff, int):
            self._counted = stuff

    def beforeBuild(self) -> None:  # noqa: N802 - reportlab's API
        self._counted = 0

    def afterBuild(self) -> None:  # noqa: N802 - reportlab's API
        self._satisfied = self._counted == self.total
        self.total = self._counted

    def isSatisfied(self) -> bool:  # noqa: N802 - reportlab's API
        return self._satisfied

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        return


class _Anchor(Flowable):
    """Mark where a heading lands: a link target, an outline entry, a TOC entry."""

    _ZEROSIZE = True

    def __init__(self, *, key: str, label: str, in_contents: bool) -> None:
        super().__init__()
        self.key = key
        self.label = label
        self.in_contents = in_contents

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        _, top = canvas.absolutePosition(0, 0)
        canvas.bookmarkPage(self.key, fit="XYZ", left=0, top=top + 12, zoom=0)
        canvas.addOutlineEntry(self.label, self.key, level=0)
        if self.in_contents:
            canvas._doctemplate.notify(
                "TOCEntry", (0, self.label, canvas.getPageNumber(), self.key)
            )


class _Contents(TableOfContents):
    """The table of contents: number, linked title and page of every section.

    Rows are laid out from the known titles, so the page is the same size in every
    pass; only the page numbers, learnt in the previous pass, fill in.
    """

    def __init__(
        self, styles: dict[str, ParagraphStyle], entries: Sequence[tuple[str, str]]
    ) -> None:
        super().__init__(dotsMinLevel=-1)
        self._styles = styles
        self._known = tuple(entries)

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        pages = {key: page for _level, _text, page, key in self._lastEntries}
        rows = []
        for number, (key, title) in enumerate(self._known, start=1):
            page = pages.get(key)
            link = f'<a href="#{key}">'
            rows.append(
                [
                    Paragraph(f"{number:02d}", self._styles["toc_number"]),
                    Paragraph(
                        f"{link}{escape_xml(title)}</a>", self._styles["toc_entry"]
                    ),
                    Paragraph(
                        f"{link}{page}</a>" if page else "", self._styles["toc_page"]
                    ),
                ]
            )
        number_width, page_width = 30.0, 44.0
        self._table = Table(
            rows,
            colWidths=(
                number_width,
                width - number_width - page_width,
                page_width,
            ),
            hAlign="LEFT",
        )
        self._table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 7),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ]
            )
        )
        self.width, self.height = self._table.wrapOn(self.canv, width, height)
        return self.width, self.height


class _Cover(Flowable):
    """The cover page: a band with the client and title, then who and when."""

    def __init__(self, report: PdfReport, styles: dict[str, ParagraphStyle]) -> None:
        super().__init__()
        self.report = report
        self.styles = styles

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        self.width, self.height = width, height
        return width, height

    def _client(self, width: float) -> Paragraph:
        # A long client name steps down in size rather than running past three lines.
        markup = escape_xml(_printable(self.report.client_name))
        base = self.styles["cover_client"]
        for size in (34, 30, 26, 22):
            style = ParagraphStyle(
                f"CoverClient{size}", parent=base, fontSize=size, leading=size * 1.15
            )
            paragraph = Paragraph(markup, style)
            paragraph.wrap(width, self.height)
            if len(paragraph.blPara.lines) <= 3:
                return paragraph
        return paragraph

    def draw(self) -> None:
        canvas, report, styles = self.canv, self.report, self.styles
        page_width, page_height = self.width, self.height
        left = COVER_MARGIN
        width = page_width - 2 * left
        band_bottom = page_height * 0.5

        canvas.saveState()
        canvas.setFillColor(PRIMARY)
        canvas.rect(0, band_bottom, page_width, page_height - band_bottom, 0, 1)
        canvas.setFillColor(ACCENT)
        canvas.rect(0, band_bottom - 4, page_width, 4, 0, 1)
        canvas.setFillColor(COVER_SOFT)
        canvas.setFont(FONT_BOLD, 10)
        canvas.drawString(
            left,
            page_height - 22 * mm,
            _fit(_printable(report.prepared_by), FONT_BOLD, 10, width * 0.6),
        )
        canvas.setFont(FONT, 10)
        canvas.drawRightString(left + width, page_height - 22 * mm, report.date_label)
        canvas.restoreState()

        # In the band, from the bottom up: title, client name, pack label.
        y = band_bottom + 18 * mm
        for paragraph, gap in (
            (Paragraph(escape_xml(_printable(report.title)), styles["cover_title"]), 0),
            (self._client(width), 5 * mm),
            (
                Paragraph(
                    escape_xml(_printable(report.pack_label)).upper(),
                    styles["cover_kicker"],
                ),
                4 * mm,
            ),
        ):
            y += gap
            _, height = paragraph.wrap(width, page_height)
            paragraph.drawOn(canvas, left, y)
            y += height

        # Below the band, from the top down: who it is for and by, then the facts.
        y = band_bottom - 20 * mm
        for paragraph, gap in (
            (
                Paragraph(
                    f"Prepared for {escape_xml(_printable(report.client_name))}",
                    styles["cover_for"],
                ),
                0,
            ),
            (
                Paragraph(
                    f"Prepared by {escape_xml(_printable(report.prepared_by))}",
                    styles["cover_by"],
                ),
                2 * mm,
            ),
        ):
            _, height = paragraph.wrap(width, page_height)
            y -= height + gap
            paragraph.drawOn(canvas, left, y)

        verdict = ParagraphStyle(
            "CoverVerdict",
            parent=styles["meta_value"],
            fontName=FONT_BOLD,
            textColor=PASSED if report.qc_passed else NOT_PASSED,
        )
        facts = [
            ("PACK", report.pack_label, styles["meta_value"]),
            ("DATE", report.date_label, styles["meta_value"]),
            ("QUALITY CHECK", report.qc_label, verdict),
        ]
        table = Table(
            [
                [Paragraph(label, styles["meta_label"]) for label, _, _ in facts],
                [
                    Paragraph(escape_xml(_printable(value)), style)
                    for _, value, style in facts
                ],
            ],
            colWidths=[width * 0.4, width * 0.3, width * 0.3],
        )
        table.setStyle(
            TableStyle(
                [
                    ("LINEABOVE", (0, 0), (-1, 0), 1.5, PRIMARY),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, 0), 10),
                    ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
                    ("TOPPADDING", (0, -1), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 12),
                ]
            )
        )
        _, height = table.wrap(width, page_height)
        table.drawOn(canvas, left, y - 14 * mm - height)


class _ReportTemplate(BaseDocTemplate):
    """A document that tells its indexing flowables how many pages it has."""

    def afterPage(self) -> None:  # noqa: N802 - reportlab's API
        self.notify("PageCount", self.page)


def _page_furniture(
    report: PdfReport, pages: _PageTotal
) -> Callable[[Canvas, BaseDocTemplate], None]:
    """Return the onPage hook: a running header and "Page n of N" in the footer."""
    header_left = _printable(report.title)
    # A title that already names the client ("Ledgerly: …") is not repeated.
    if report.client_name.casefold() not in report.title.casefold():
        header_left = f"{_printable(report.client_name)} \u00b7 {header_left}"
    header_right = f"{_printable(report.pack_label)} \u00b7 {report.date_label}"
    footer_left = f"Prepared by {_printable(report.prepared_by)}"

    def draw(canvas: Canvas, document: BaseDocTemplate) -> None:
        if getattr(canvas, "layout_only", False):
            return
        width, height = canvas._pagesize
        right = width - MARGIN
        page = f"Page {document.page} of {max(pages.total, document.page)}"
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, height - 14.5 * mm, right, height - 14.5 * mm)
        canvas.line(MARGIN, 14 * mm, right, 14 * mm)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(MUTED)
        room = right - MARGIN - stringWidth(header_right, FONT, 8) - 24
        canvas.drawString(MARGIN, height - 12 * mm, _fit(header_left, FONT, 8, room))
        canvas.drawRightString(right, height - 12 * mm, header_right)
        room = right - MARGIN - stringWidth(page, FONT, 8) - 24
        canvas.drawString(MARGIN, 9.5 * mm, _fit(footer_left, FONT, 8, room))
        canvas.setFont(FONT_BOLD, 8)
        canvas.setFillColor(INK)
        canvas.drawRightString(right, 9.5 * mm, page)
        canvas.restoreState()

    return draw


def _section_key(number: int) -> str:
    return f"section-{number:02d}"


def _story(
    report: PdfReport,
    styles: dict[str, ParagraphStyle],
    pages: _PageTotal,
    widths: dict[str, float],
) -> list[Flowable]:
    titles = [_printable(section.title) for section in report.sections]
    contents = _Contents(
        styles,
        [(_section_key(n), title) for n, title in enumerate(titles, start=1)],
    )
    story: list[Flowable] = [
        pages,
        _Cover(report, styles),
        NextPageTemplate("portrait"),
        PageBreak(),
        _Anchor(key="contents", label="Contents", in_contents=False),
        _Paragraph("Contents", styles["contents_title"]),
        HRFlowable(
            width="100%", thickness=1.2, color=ACCENT, spaceBefore=4, spaceAfter=8
        ),
        contents,
    ]
    orientation = "portrait"
    for number, (section, title) in enumerate(
        zip(report.sections, titles, strict=True), start=1
    ):
        wide = any(
            count >= WIDE_TABLE_COLUMNS for count in table_column_counts(section.body)
        )
        wanted = "landscape" if wide else "portrait"
        # Sections flow on; a change of orientation (wide tables get landscape
        # pages) and the first section after the contents start a fresh page.
        if wanted != orientation:
            story.append(NextPageTemplate(wanted))
            orientation = wanted
            story.append(PageBreak())
        elif number == 1:
            story.append(PageBreak())
        else:
            story.append(Spacer(1, 18))
        heading = [
            _Anchor(key=_section_key(number), label=title, in_contents=True),
            _Paragraph(
                f'<font color="#2F6DB5">{number:02d}</font>&nbsp;&nbsp;'
                f"{escape_xml(title)}",
                styles["h2"],
            ),
            HRFlowable(
                width="100%", thickness=1.2, color=ACCENT, spaceBefore=2, spaceAfter=10
            ),
        ]
        body = MarkdownFlowables(styles, widths[orientation]).convert(section.body)
        story.append(KeepTogether([*heading, *body[:1]]))
        story.extend(body[1:])
    return story


def render_pdf(report: PdfReport) -> bytes:
    """Render the report as PDF bytes (deterministic for a given report)."""
    styles = _styles()
    buffer = io.BytesIO()
    portrait_size, landscape_size = A4, landscape(A4)
    document = _ReportTemplate(
        buffer,
        pagesize=portrait_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=_printable(report.title),
        author=_printable(report.prepared_by),
        subject=f"{_printable(report.pack_label)} for {_printable(report.client_name)}",
        creator="AICMO",
        invariant=1,
    )
    pages = _PageTotal()
    furniture = _page_furniture(report, pages)

    def frame(size: tuple[float, float], name: str) -> Frame:
        return _Frame(
            MARGIN,
            BOTTOM_MARGIN,
            size[0] - 2 * MARGIN,
            size[1] - TOP_MARGIN - BOTTOM_MARGIN,
            id=name,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    cover_frame = _Frame(
        0,
        0,
        portrait_size[0],
        portrait_size[1],
        id="cover",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates(
        [
            PageTemplate(id="cover", frames=[cover_frame], pagesize=portrait_size),
            PageTemplate(
                id="portrait",
                frames=[frame(portrait_size, "p")],
                pagesize=portrait_size,
                onPage=furniture,
            ),
            PageTemplate(
                id="landscape",
                frames=[frame(landscape_size, "l")],
                pagesize=landscape_size,
                onPage=furniture,
            ),
        ]
    )
    widths = {
        "portrait": portrait_size[0] - 2 * MARGIN,
        "landscape": landscape_size[0] - 2 * MARGIN,
    }
    document.multiBuild(
        _story(report, styles, pages, widths),
        canvasmaker=_canvas_maker(_pdf_date(report.generated_at)),
    )
    return buffer.getvalue()
