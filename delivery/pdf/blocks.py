"""Markdown blocks as platypus flowables, for a frame of a given width.

:func:`aicmo_site.writing.markdown.parse_blocks` reads a section body; this module
sets what it found: headings, paragraphs, nested lists, block quotes, fenced code,
rules and tables (their numeric columns right-aligned, as in the HTML report).
"""

from collections.abc import Mapping, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    ListFlowable,
    ListItem,
    Spacer,
    XPreformatted,
)

from aicmo_site.writing import markdown
from delivery.pdf import tables
from delivery.pdf.styles import ACCENT, FONT, INK, RULE
from delivery.pdf.text import CachedParagraph, escape_xml, inline_markup, printable


def flowables(
    blocks: Sequence[markdown.Block],
    styles: dict[str, ParagraphStyle],
    width: float,
    anchors: Mapping[str, str] | None = None,
) -> list[Flowable]:
    """Return the flowables for ``blocks``, in order.

    ``anchors`` maps the in-document anchors links may name to the PDF's
    destinations (see :func:`~delivery.pdf.text.inline_markup`).
    """
    anchors = anchors or {}
    out: list[Flowable] = []
    for block in blocks:
        match block:
            case markdown.Heading(level=level, text=text):
                style = styles["h3"] if level <= 3 else styles["h4"]
                out.append(CachedParagraph(inline_markup(text, anchors), style))
            case markdown.Paragraph(lines=lines):
                markup = _paragraph_markup(lines, anchors)
                out.append(CachedParagraph(markup, styles["body"]))
            case markdown.ListBlock():
                out += [_list_flowable(block, styles, anchors), Spacer(1, 4)]
            case markdown.Quote(lines=lines):
                parts = (inline_markup(line, anchors) for line in lines)
                markup = " ".join(part for part in parts if part)
                out.append(CachedParagraph(markup, styles["quote"]))
            case markdown.Code(text=text):
                out.append(XPreformatted(escape_xml(printable(text)), styles["code"]))
            case markdown.HorizontalRule():
                out.append(
                    HRFlowable(
                        width="100%",
                        thickness=0.6,
                        color=RULE,
                        spaceBefore=4,
                        spaceAfter=8,
                    )
                )
            case markdown.Table():
                table = markdown.align_numeric(block)
                flowable = tables.table_flowable(table, styles, width, anchors)
                out += [flowable, Spacer(1, 10)]
    return out


def _paragraph_markup(
    lines: Sequence[markdown.TextLine], anchors: Mapping[str, str]
) -> str:
    parts: list[str] = []
    for line in lines:
        parts.append(inline_markup(line.text, anchors))
        if line.hard_break:
            parts.append("<br/>")
    return " ".join(parts).replace(" <br/> ", "<br/>")


def _list_flowable(
    block: markdown.ListBlock,
    styles: dict[str, ParagraphStyle],
    anchors: Mapping[str, str],
) -> ListFlowable:
    entries: list[ListItem] = []
    for item in block.items:
        content: list[Flowable] = [
            CachedParagraph(inline_markup(item.text, anchors), styles["list"])
        ]
        if item.children:
            content.append(_list_flowable(item.children, styles, anchors))
        entries.append(ListItem(content))
    if block.ordered:
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
