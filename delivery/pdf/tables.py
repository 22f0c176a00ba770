"""Markdown tables as PDF tables: type size, column widths and the styled ``Table``.

A table is set in the largest of :data:`~delivery.pdf.styles.TABLE_FONT_SIZES` at which
every column's longest word fits; columns then share the width the way browsers share
it. Cells wrap, the header row repeats on every page, body rows are zebra-striped and
each column keeps the alignment its delimiter asks for.

A table splits between rows only, and never leaves fewer than
:data:`~delivery.pdf.styles.MIN_SPLIT_ROWS` body rows on either side of a page break.
:func:`needs_landscape` says when a table is too cramped for a portrait page.
"""

from collections.abc import Mapping, Sequence

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from aicmo_site.writing import markdown
from delivery.pdf.styles import (
    BOTTOM_MARGIN,
    FONT,
    FONT_BOLD,
    LANDSCAPE_TABLE_SAVING,
    LANDSCAPE_TABLE_STRETCH,
    MARGIN,
    MIN_SPLIT_ROWS,
    PRIMARY,
    RULE,
    TABLE_FONT_SIZES,
    TOP_MARGIN,
    ZEBRA,
    report_styles,
)
from delivery.pdf.text import CachedParagraph, inline_markup

_ALIGNMENTS = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
_CELL_PADDING = 12.0  # the cells' left and right padding, plus slack
_UNBOUNDED = 1e9


class ReportTable(Table):
    """A table that splits between rows, keeping enough rows on each side.

    Each piece of a split holds at least :data:`MIN_SPLIT_ROWS` body rows under the
    repeated header, and the last piece, when ``min_tail_height`` is set, at least
    that many points of rows: a table that ends a run of pages (before a change of
    orientation) then never leaves a near-empty last page. A table too short to
    split that way moves to the next page whole.
    """

    min_tail_height = 0.0

    def split(self, availWidth: float, availHeight: float) -> list[Table]:  # noqa: N803 - reportlab's API
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        header = self.repeatRows if isinstance(self.repeatRows, int) else 0
        last = len(heights) - MIN_SPLIT_ROWS
        while last > header and sum(heights[last:]) < self.min_tail_height:
            last -= 1
        pieces: list[Table] = []
        if last >= header + MIN_SPLIT_ROWS:
            # reportlab splits only at a row index in this range: the first piece
            # keeps the header and MIN_SPLIT_ROWS rows, the last piece rows from
            # ``last`` on.
            self._rowSplitRange = (header + MIN_SPLIT_ROWS, last)
            pieces = super().split(availWidth, availHeight)
        frame = getattr(self, "_frame", None)
        if not pieces and frame is not None and frame._atTop:
            # Rows so tall that two do not fit a whole page: split anywhere
            # between rows, rather than fail.
            self._rowSplitRange = (header + 1, len(heights) - 1)
            pieces = super().split(availWidth, availHeight)
        for piece in pieces:
            piece.min_tail_height = self.min_tail_height
        return pieces


def fitted_table(
    table: markdown.Table,
    styles: dict[str, ParagraphStyle],
    portrait: tuple[float, float],
    landscape_width: float,
    anchors: Mapping[str, str] | None = None,
) -> tuple[ReportTable, bool]:
    """Return ``table`` laid out for the page it needs, and whether that is landscape.

    ``portrait`` is the portrait frame's width and height. A table turns landscape
    when its columns do not fit a portrait page, or when a portrait page would wrap
    its cells into narrow, tall rows: at least :data:`LANDSCAPE_TABLE_STRETCH`
    times as tall as on a landscape page, and taller by
    :data:`LANDSCAPE_TABLE_SAVING` of a page or more. A calendar of hooks and calls
    to action is; a channel, KPI or budget table is not (a few of its rows grow a
    line or two).
    """
    portrait_width, page_height = portrait
    rows = [table.header, *table.rows]
    if sum(_column_needs(rows, TABLE_FONT_SIZES[-1])[0]) > portrait_width:
        return table_flowable(table, styles, landscape_width, anchors), True
    upright = table_flowable(table, styles, portrait_width, anchors)
    saving = page_height * LANDSCAPE_TABLE_SAVING
    _, tall = upright.wrap(portrait_width, _UNBOUNDED)
    if tall < saving:  # too short to save that much
        return upright, False
    landscape = table_flowable(table, styles, landscape_width, anchors)
    _, short = landscape.wrap(landscape_width, _UNBOUNDED)
    if tall >= short * LANDSCAPE_TABLE_STRETCH and tall - short >= saving:
        return landscape, True
    return upright, False


def needs_landscape(table: markdown.Table) -> bool:
    """Return whether the PDF sets ``table`` on landscape pages (see ``fitted_table``).

    The HTML report prints the same tables landscape.
    """
    portrait = (A4[0] - 2 * MARGIN, A4[1] - TOP_MARGIN - BOTTOM_MARGIN)
    landscape_width = A4[1] - 2 * MARGIN
    return fitted_table(table, report_styles(), portrait, landscape_width)[1]


def table_flowable(
    table: markdown.Table,
    styles: dict[str, ParagraphStyle],
    width: float,
    anchors: Mapping[str, str] | None = None,
) -> ReportTable:
    """Return ``table`` as a reportlab table that fits ``width`` points.

    ``anchors`` maps the in-document anchors links may name to the PDF's
    destinations (see :func:`~delivery.pdf.text.inline_markup`).
    """
    anchors = anchors or {}
    size, needs = _font_size_and_needs([table.header, *table.rows], width)
    widths = _share_width(needs, width)
    aligns = [_ALIGNMENTS[alignment] for alignment in table.alignments]
    data = [
        [
            _cell(cell, styles, "cell_head", aligns[i], size, anchors)
            for i, cell in enumerate(table.header)
        ]
    ]
    data += [
        [
            _cell(cell, styles, "cell", aligns[i], size, anchors)
            for i, cell in enumerate(row)
        ]
        for row in table.rows
    ]
    flowable = ReportTable(
        data, colWidths=widths, repeatRows=1, hAlign="LEFT", spaceAfter=10
    )
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
    flowable.setStyle(TableStyle(commands))
    return flowable


def _cell(
    text: str,
    styles: dict[str, ParagraphStyle],
    style_name: str,
    alignment: int,
    size: float,
    anchors: Mapping[str, str],
) -> CachedParagraph:
    """Return a table cell; alignment and type size live in its paragraph style.

    Each variant is made once per report and kept in ``styles`` beside its base.
    """
    key = f"{style_name}:{alignment}:{size}"
    if key not in styles:
        base = styles[style_name]
        styles[key] = ParagraphStyle(
            f"{base.name}-{alignment}-{size}",
            parent=base,
            alignment=alignment,
            fontSize=size,
            leading=round(size * 1.3, 1),
        )
    return CachedParagraph(inline_markup(text, anchors), styles[key])


def _column_needs(
    rows: Sequence[Sequence[str]], font_size: float
) -> tuple[list[float], list[float]]:
    """Return each column's minimum (longest word) and desired (longest line) width."""
    count = max(len(row) for row in rows)
    minimum = [_CELL_PADDING] * count
    desired = [_CELL_PADDING] * count
    for row_index, row in enumerate(rows):
        font = FONT_BOLD if row_index == 0 else FONT
        for column, cell in enumerate(row):
            text = markdown.plain_text(cell)
            words = text.split() or [""]
            longest = max(stringWidth(word, font, font_size) for word in words)
            minimum[column] = max(minimum[column], longest + _CELL_PADDING)
            desired[column] = max(
                desired[column], stringWidth(text, font, font_size) + _CELL_PADDING
            )
    return minimum, desired


def _font_size_and_needs(
    rows: Sequence[Sequence[str]], available: float
) -> tuple[float, tuple[list[float], list[float]]]:
    """Return :func:`table_font_size` and the column needs at that size."""
    for size in TABLE_FONT_SIZES:
        needs = _column_needs(rows, size)
        if sum(needs[0]) <= available:
            return size, needs
    return TABLE_FONT_SIZES[-1], needs


def table_font_size(rows: Sequence[Sequence[str]], available: float) -> float:
    """Return the largest table type size at which every column's longest word fits."""
    return _font_size_and_needs(rows, available)[0]


def column_widths(
    rows: Sequence[Sequence[str]], available: float, font_size: float
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
