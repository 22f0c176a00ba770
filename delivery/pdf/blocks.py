"""Markdown blocks as platypus flowables, grouped into the units a page keeps whole.

:func:`aicmo_site.writing.markdown.parse_blocks` reads a section body; this module
sets what it found: headings, paragraphs, nested lists, block quotes, fenced code,
rules and tables (their numeric columns right-aligned, as in the HTML report).

A block quote is post copy: each of its parts (hook, body, call to action, hashtags)
is set apart from the next, and each line of a part (an email's subject and preview
lines) starts a line of its own. A paragraph that introduces a quote (a post's
date, platform and format) is kept on one page with it; headings and paragraphs that
introduce what follows (a bold label, a line ending in a colon, the paragraph just
above a table) never end a page (see :class:`~delivery.pdf.flow.LeadIn`). Each table
is set for the page it needs (see :func:`~delivery.pdf.tables.fitted_table`).
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    ListFlowable,
    ListItem,
    XPreformatted,
)

from aicmo_site.writing import markdown
from delivery.pdf import tables
from delivery.pdf.flow import Keep, LeadIn
from delivery.pdf.styles import ACCENT, FONT, INK, RULE
from delivery.pdf.text import CachedParagraph, escape_xml, inline_markup, printable

_LABEL = re.compile(r"(\*\*|__)[^*_]+\1:?|.*:")
_HASHTAGS = re.compile(r"#\w+(?:\s+#\w+)*")


class _List(ListFlowable):
    """A list with a little space below it, as between paragraphs."""

    def getSpaceAfter(self, content: Sequence[Flowable] | None = None) -> float:  # noqa: N802 - reportlab's API
        return max(super().getSpaceAfter(content), 6.0)


@dataclass(frozen=True, slots=True)
class Unit:
    """A flowable the layout places as one, and the orientation its page needs."""

    flowable: Flowable
    landscape: bool = False


def units(
    blocks: Sequence[markdown.Block],
    styles: dict[str, ParagraphStyle],
    portrait: tuple[float, float],
    landscape_width: float,
    anchors: Mapping[str, str] | None = None,
) -> list[Unit]:
    """Return the units that set ``blocks``, in order.

    ``portrait`` is the portrait frame's width and height; ``landscape_width`` the
    landscape frame's width. ``anchors`` maps the in-document anchors links may
    name to the PDF's destinations (see :func:`~delivery.pdf.text.inline_markup`).
    """
    anchors = anchors or {}
    out: list[Unit] = []
    lead: list[Flowable] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        index += 1
        landscape = False
        match block:
            case markdown.Heading(level=level, text=text):
                style = styles["h3"] if level <= 3 else styles["h4"]
                lead.append(CachedParagraph(inline_markup(text, anchors), style))
                continue
            case markdown.Paragraph(lines=lines) if isinstance(
                following, markdown.Quote
            ):
                index += 1
                flowable: Flowable = Keep(
                    [
                        CachedParagraph(
                            _paragraph_markup(lines, anchors), styles["body"]
                        ),
                        _quote(following, styles, anchors),
                    ]
                )
            case markdown.Paragraph(lines=lines):
                paragraph = CachedParagraph(
                    _paragraph_markup(lines, anchors), styles["body"]
                )
                if isinstance(following, markdown.Table) or (
                    following is not None and _introduces(lines)
                ):
                    lead.append(paragraph)
                    continue
                flowable = paragraph
            case markdown.ListBlock():
                flowable = _list_flowable(block, styles, anchors)
            case markdown.Quote():
                flowable = _quote(block, styles, anchors)
            case markdown.Code(text=text):
                flowable = XPreformatted(escape_xml(printable(text)), styles["code"])
            case markdown.HorizontalRule():
                flowable = HRFlowable(
                    width="100%", thickness=0.6, color=RULE, spaceBefore=4, spaceAfter=8
                )
            case markdown.Table():
                flowable, landscape = tables.fitted_table(
                    markdown.align_numeric(block),
                    styles,
                    portrait,
                    landscape_width,
                    anchors,
                )
        if lead:
            flowable, lead = LeadIn(lead, flowable), []
        out.append(Unit(flowable, landscape))
    out += [Unit(flowable) for flowable in lead]
    return out


def _introduces(lines: Sequence[markdown.TextLine]) -> bool:
    """Return whether a paragraph reads as a label for what follows it.

    A label is all bold ("**Budget**") or ends in a colon ("Do:", "Three things get
    in the way:").
    """
    text = " ".join(line.text for line in lines).strip()
    return bool(_LABEL.fullmatch(text))


def _quote(
    block: markdown.Quote,
    styles: dict[str, ParagraphStyle],
    anchors: Mapping[str, str],
) -> CachedParagraph:
    """Return a block quote as one boxed paragraph that keeps its parts apart.

    Parts (separated by blank lines in the quote) are a blank line apart; within a
    part every line starts a line, as it would in the post. A part made only of
    hashtags is set in the accent colour.
    """
    parts: list[list[str]] = [[]]
    for line in block.lines:
        if line:
            parts[-1].append(line)
        elif parts[-1]:
            parts.append([])
    marked = []
    for part in (part for part in parts if part):
        markup = "<br/>".join(inline_markup(line, anchors) for line in part)
        if _HASHTAGS.fullmatch(" ".join(part)):
            markup = f'<font color="#{ACCENT.hexval()[2:]}">{markup}</font>'
        marked.append(markup)
    return CachedParagraph("<br/><br/>".join(marked), styles["quote"])


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
    *,
    nested: bool = False,
) -> ListFlowable:
    kind = ListFlowable if nested else _List
    entries: list[ListItem] = []
    for item in block.items:
        content: list[Flowable] = [
            CachedParagraph(inline_markup(item.text, anchors), styles["list"])
        ]
        if item.children:
            content.append(_list_flowable(item.children, styles, anchors, nested=True))
        entries.append(ListItem(content))
    if block.ordered:
        return kind(
            entries,
            bulletType="1",
            bulletFormat="%s.",
            bulletFontName=FONT,
            bulletFontSize=10,
            leftIndent=18,
            bulletColor=INK,
        )
    return kind(
        entries,
        bulletType="bullet",
        start="\u2022",
        bulletFontSize=9,
        leftIndent=14,
        bulletColor=ACCENT,
    )
