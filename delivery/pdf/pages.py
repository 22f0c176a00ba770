"""The pages around the sections: the cover, the contents and the page furniture.

The cover names the client, the pack, the run date and who the report is prepared for
and by. It shows no QC score or verdict: that is the agency's own check, shown in the
admin, not part of what the client reads. The contents list every section with its
page number and link to it; an :class:`Anchor` above each section heading tells them
where it landed. Every page after the cover carries a running header and "Page n of
N", the total learnt by :class:`PageTotal` in the previous pass.
"""

from collections.abc import Callable, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    IndexingFlowable,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from delivery.pdf.report import PdfReport
from delivery.pdf.styles import (
    ACCENT,
    COVER_MARGIN,
    COVER_SOFT,
    FONT,
    FONT_BOLD,
    INK,
    MARGIN,
    MUTED,
    PRIMARY,
    RULE,
)
from delivery.pdf.text import escape_xml, fit, printable


class PageTotal(IndexingFlowable):
    """Learn the page count during one pass, so the next can print "Page n of N".

    The document template notifies ``PageCount`` after every page it finishes.
    """

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


class Anchor(Flowable):
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


class Contents(TableOfContents):
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


class Cover(Flowable):
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
        markup = escape_xml(printable(self.report.client_name))
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
            fit(printable(report.prepared_by), FONT_BOLD, 10, width * 0.6),
        )
        canvas.setFont(FONT, 10)
        canvas.drawRightString(left + width, page_height - 22 * mm, report.date_label)
        canvas.restoreState()

        # In the band, from the bottom up: title, client name, pack label.
        y = band_bottom + 18 * mm
        for paragraph, gap in (
            (Paragraph(escape_xml(printable(report.title)), styles["cover_title"]), 0),
            (self._client(width), 5 * mm),
            (
                Paragraph(
                    escape_xml(printable(report.pack_label)).upper(),
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
                    f"Prepared for {escape_xml(printable(report.client_name))}",
                    styles["cover_for"],
                ),
                0,
            ),
            (
                Paragraph(
                    f"Prepared by {escape_xml(printable(report.prepared_by))}",
                    styles["cover_by"],
                ),
                2 * mm,
            ),
        ):
            _, height = paragraph.wrap(width, page_height)
            y -= height + gap
            paragraph.drawOn(canvas, left, y)

        facts = [("PACK", report.pack_label), ("DATE", report.date_label)]
        table = Table(
            [
                [Paragraph(label, styles["meta_label"]) for label, _ in facts],
                [
                    Paragraph(escape_xml(printable(value)), styles["meta_value"])
                    for _, value in facts
                ],
            ],
            colWidths=[width * 0.6, width * 0.4],
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


def page_furniture(
    report: PdfReport, pages: PageTotal
) -> Callable[[Canvas, BaseDocTemplate], None]:
    """Return the onPage hook: a running header and "Page n of N" in the footer."""
    header_left = printable(report.title)
    # A title that already names the client ("Ledgerly: …") is not repeated.
    if report.client_name.casefold() not in report.title.casefold():
        header_left = f"{printable(report.client_name)} \u00b7 {header_left}"
    header_right = f"{printable(report.pack_label)} \u00b7 {report.date_label}"
    footer_left = f"Prepared by {printable(report.prepared_by)}"

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
        canvas.drawString(MARGIN, height - 12 * mm, fit(header_left, FONT, 8, room))
        canvas.drawRightString(right, height - 12 * mm, header_right)
        room = right - MARGIN - stringWidth(page, FONT, 8) - 24
        canvas.drawString(MARGIN, 9.5 * mm, fit(footer_left, FONT, 8, room))
        canvas.setFont(FONT_BOLD, 8)
        canvas.setFillColor(INK)
        canvas.drawRightString(right, 9.5 * mm, page)
        canvas.restoreState()

    return draw


def section_key(number: int) -> str:
    """Return the link and outline key of section ``number`` (from 1)."""
    return f"section-{number:02d}"
