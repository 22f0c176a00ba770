"""The PDF report: a Markdown subset rendered with reportlab's platypus.

Supported Markdown: headings, paragraphs, ``-``/``*``/``+`` and numbered lists (nested
by indentation), ``**bold**``, ``*italic*``, ``~~struck~~``, inline code, links,
block quotes, rules, fenced code and GitHub tables. Tables become real ``Table``
flowables with wrapped cells; a section holding a wide table (five or more columns,
such as the posting calendar) is set on landscape pages so the table fits.
Rendering uses reportlab's ``invariant`` mode, so the same input gives the same bytes.
"""

import io
import re
from collections.abc import Sequence
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

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5F6B7A")
PRIMARY = colors.HexColor("#1E3A5F")
ACCENT = colors.HexColor("#2F6DB5")
RULE = colors.HexColor("#D5DCE4")
ZEBRA = colors.HexColor("#F3F6F9")
QUOTE_BG = colors.HexColor("#F5F7FA")

MARGIN = 18 * mm
WIDE_TABLE_COLUMNS = 5
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
    """What the PDF shows: a title block, then every section in order."""

    title: str
    client_name: str
    pack_label: str
    date_label: str
    qc_label: str
    prepared_by: str
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
        "kicker": ParagraphStyle(
            "Kicker",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=9,
            leading=12,
            textColor=ACCENT,
            spaceAfter=6,
        ),
        "title": ParagraphStyle(
            "Title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=24,
            leading=29,
            textColor=PRIMARY,
            spaceAfter=6,
        ),
        "subtitle": ParagraphStyle(
            "Subtitle",
            parent=body,
            fontSize=12,
            leading=16,
            textColor=MUTED,
            spaceAfter=16,
        ),
        "meta_label": ParagraphStyle(
            "MetaLabel",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=7.5,
            leading=10,
            textColor=MUTED,
            spaceAfter=0,
        ),
        "meta_value": ParagraphStyle(
            "MetaValue", parent=body, fontSize=10.5, leading=13, spaceAfter=0
        ),
        "toc_heading": ParagraphStyle(
            "TocHeading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=13,
            leading=17,
            textColor=PRIMARY,
            spaceBefore=18,
            spaceAfter=6,
        ),
        "toc": ParagraphStyle(
            "Toc", parent=body, fontSize=10.5, leading=17, spaceAfter=0
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


def _printable(text: str) -> str:
    """Drop characters the base-14 PDF fonts cannot show (emoji, joiners)."""
    return "".join(
        char
        for char in text
        if ord(char) <= 0xFFFF and char not in "\ufe0e\ufe0f\u200d"
    )


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


def table_column_counts(body: str) -> list[int]:
    """Return the column count of every table in a Markdown body."""
    lines = body.splitlines()
    return [
        len(_split_row(lines[index]))
        for index in range(len(lines))
        if _is_table_start(lines, index)
    ]


class MarkdownFlowables:
    """Turn a Markdown body into platypus flowables for a frame of a given width."""

    def __init__(self, styles: dict[str, ParagraphStyle], width: float) -> None:
        self.styles = styles
        self.width = width

    def convert(self, body: str) -> list[Flowable]:
        """Return the flowables for ``body``."""
        lines = body.replace("\t", "    ").splitlines()
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
                flowables.append(Paragraph(inline_markup(heading.group(2)), style))
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
        out.append(Paragraph(markup, self.styles["body"]))
        return index

    def _quote(self, lines: list[str], index: int, out: list[Flowable]) -> int:
        parts: list[str] = []
        while index < len(lines) and (match := _QUOTE.match(lines[index])):
            parts.append(inline_markup(match.group(1).strip()))
            index += 1
        out.append(
            Paragraph(" ".join(part for part in parts if part), self.styles["quote"])
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
                Paragraph(inline_markup(text), self.styles["list"])
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
        widths = column_widths(
            [header, *rows], self.width, self.styles["cell"].fontSize
        )
        aligns = aligns[: len(header)] + [TA_LEFT] * (len(header) - len(aligns))
        data = [
            [self._cell(cell, "cell_head", aligns[i]) for i, cell in enumerate(header)]
        ]
        data += [
            [self._cell(cell, "cell", aligns[i]) for i, cell in enumerate(row)]
            for row in rows
        ]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        commands: list[tuple] = [
            ("BACKGROUND", (0, 0), (-1, 0), PRIMARY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ]
        for row in range(2, len(data), 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
        table.setStyle(TableStyle(commands))
        return table

    def _cell(self, text: str, style_name: str, alignment: int) -> Paragraph:
        """Return a table cell; a column's alignment lives in its paragraph style."""
        key = f"{style_name}:{alignment}"
        if key not in self.styles:
            base = self.styles[style_name]
            self.styles[key] = ParagraphStyle(
                f"{base.name}-{alignment}", parent=base, alignment=alignment
            )
        return Paragraph(inline_markup(text), self.styles[key])


def _cell_alignment(delimiter: str) -> int:
    """Return the alignment a table delimiter cell (``:---:``, ``---:``) asks for."""
    if delimiter.startswith(":") and delimiter.endswith(":"):
        return TA_CENTER
    return TA_RIGHT if delimiter.endswith(":") else TA_LEFT


def column_widths(
    rows: list[list[str]], available: float, font_size: float
) -> list[float]:
    """Share ``available`` points between columns the way browsers lay out tables.

    Each column gets at least its longest word and, when space allows, its longest
    line; the space left is shared in proportion to how much more each column wants.
    """
    padding = 12.0
    count = max(len(row) for row in rows)
    minimum = [padding] * count
    desired = [padding] * count
    for row_index, row in enumerate(rows):
        font = FONT_BOLD if row_index == 0 else FONT
        for column, cell in enumerate(row):
            text = plain_text(cell)
            words = text.split() or [""]
            longest = max(stringWidth(word, font, font_size) for word in words)
            minimum[column] = max(minimum[column], longest + padding)
            desired[column] = max(
                desired[column], stringWidth(text, font, font_size) + padding
            )
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


def _canvas_class(footer_left: str, header_text: str) -> type[Canvas]:
    """Return a canvas that writes "Page n of N" once the page count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's API
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._draw_furniture(total)
                super().showPage()
            super().save()

        def _draw_furniture(self, total: int) -> None:
            width, height = self._pagesize
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.6)
            self.line(MARGIN, 12 * mm, width - MARGIN, 12 * mm)
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, 8 * mm, footer_left)
            self.drawRightString(
                width - MARGIN, 8 * mm, f"Page {self._pageNumber} of {total}"
            )
            if self._pageNumber > 1:
                self.line(MARGIN, height - 12 * mm, width - MARGIN, height - 12 * mm)
                self.drawString(MARGIN, height - 10 * mm, header_text)
            self.restoreState()

    return NumberedCanvas


def _title_block(
    report: PdfReport, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    meta = [
        ("CLIENT", report.client_name),
        ("PACK", report.pack_label),
        ("DATE", report.date_label),
        ("QUALITY CHECK", report.qc_label),
    ]
    cells = [
        [Paragraph(escape_xml(label), styles["meta_label"]) for label, _ in meta],
        [
            Paragraph(escape_xml(_printable(value)), styles["meta_value"])
            for _, value in meta
        ],
    ]
    meta_table = Table(cells, colWidths=[width / len(meta)] * len(meta), hAlign="LEFT")
    meta_table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 2, PRIMARY),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ]
        )
    )
    contents = [
        Paragraph(
            f'<font color="#5F6B7A">{number:02d}</font>&nbsp;&nbsp;&nbsp;'
            f"{escape_xml(_printable(section.title))}",
            styles["toc"],
        )
        for number, section in enumerate(report.sections, start=1)
    ]
    return [
        Spacer(1, 30 * mm),
        Paragraph(escape_xml(_printable(report.pack_label)).upper(), styles["kicker"]),
        Paragraph(escape_xml(_printable(report.title)), styles["title"]),
        Paragraph(
            f"Prepared for {escape_xml(_printable(report.client_name))} by "
            f"{escape_xml(_printable(report.prepared_by))}",
            styles["subtitle"],
        ),
        meta_table,
        Paragraph("Contents", styles["toc_heading"]),
        *contents,
    ]


def render_pdf(report: PdfReport) -> bytes:
    """Render the report as PDF bytes (deterministic for a given report)."""
    styles = _styles()
    buffer = io.BytesIO()
    portrait_size, landscape_size = A4, landscape(A4)
    document = BaseDocTemplate(
        buffer,
        pagesize=portrait_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=report.title,
        author=report.prepared_by,
        subject=f"{report.pack_label} for {report.client_name}",
        creator="AICMO",
        invariant=1,
    )

    def frame(size: tuple[float, float], name: str) -> Frame:
        return Frame(
            MARGIN,
            MARGIN,
            size[0] - 2 * MARGIN,
            size[1] - 2 * MARGIN,
            id=name,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    document.addPageTemplates(
        [
            PageTemplate(
                id="portrait",
                frames=[frame(portrait_size, "p")],
                pagesize=portrait_size,
            ),
            PageTemplate(
                id="landscape",
                frames=[frame(landscape_size, "l")],
                pagesize=landscape_size,
            ),
        ]
    )
    portrait_width = portrait_size[0] - 2 * MARGIN
    landscape_width = landscape_size[0] - 2 * MARGIN

    story: list[Flowable] = _title_block(report, styles, portrait_width)
    orientation = "portrait"
    for number, section in enumerate(report.sections, start=1):
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
            story.append(Spacer(1, 16))
        width = landscape_width if wide else portrait_width
        heading = [
            Paragraph(
                f'<font color="#2F6DB5">{number:02d}</font>&nbsp;&nbsp;'
                f"{escape_xml(_printable(section.title))}",
                styles["h2"],
            ),
            HRFlowable(
                width="100%", thickness=1.2, color=ACCENT, spaceBefore=2, spaceAfter=10
            ),
        ]
        body = MarkdownFlowables(styles, width).convert(section.body)
        story.append(KeepTogether([*heading, *body[:1]]))
        story.extend(body[1:])

    footer = f"{_printable(report.client_name)} \u2014 {_printable(report.title)}"
    header = f"{_printable(report.pack_label)} \u00b7 {_printable(report.date_label)}"
    document.build(story, canvasmaker=_canvas_class(footer[:110], header[:110]))
    return buffer.getvalue()
