"""The document build: page templates, the story and the two passes that print it.

The document is built in two passes (reportlab's ``multiBuild``): the first learns
where each section starts and how many pages there are, the second prints them. The
first pass only lays the pages out, drawing nothing (see :func:`_canvas_maker`), and
each paragraph breaks its lines once per width for both passes (see
:class:`~delivery.pdf.text.CachedParagraph`); the bytes are the same as from two full
passes.

Sections flow on from one another. Only a table too cramped for a portrait page (see
:func:`~delivery.pdf.tables.fitted_table`) gets landscape pages, with the short text
that opens its section; the text after it goes back to portrait. Each change of
orientation starts a page, so the blocks that close a run of pages are kept together
to fill :data:`~delivery.pdf.styles.MIN_PAGE_FILL` of its last page, and a run too
short for that is set landscape with its neighbours: no page is near-empty. Rendering
uses reportlab's ``invariant`` mode and takes the PDF's creation date from the report,
so the same input gives the same bytes.
"""

import datetime as dt
import functools
import io
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Table,
)

from aicmo_site.writing import markdown
from delivery.pdf import blocks
from delivery.pdf.flow import LeadIn, closing_group, height
from delivery.pdf.pages import (
    Anchor,
    Contents,
    Cover,
    PageTotal,
    page_furniture,
    section_key,
)
from delivery.pdf.report import PdfReport
from delivery.pdf.styles import (
    ACCENT,
    BOTTOM_MARGIN,
    LANDSCAPE_LEAD_SHARE,
    MARGIN,
    MIN_PAGE_FILL,
    TOP_MARGIN,
    report_styles,
)
from delivery.pdf.text import CachedParagraph, escape_xml, printable


class _ReportTemplate(BaseDocTemplate):
    """A document that tells its indexing flowables how many pages it has."""

    def afterPage(self) -> None:  # noqa: N802 - reportlab's API
        self.notify("PageCount", self.page)


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
    (:class:`~delivery.pdf.pages.PageTotal` is unsatisfied), so the PDF always comes
    from a drawn pass, and its bytes are the same as when every pass draws.
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
    drawing would cost as much again. An :class:`~delivery.pdf.pages.Anchor` is still
    drawn, as that is how the contents learn each section's page.
    """

    def _add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:  # noqa: N803 - reportlab's API
        if not getattr(canv, "layout_only", False) or isinstance(flowable, Anchor):
            return super()._add(flowable, canv, trySplit)
        # Shadow the flowable's drawOn for this one placement; Frame._add calls it
        # once it has found room, and nothing else in the placement depends on it.
        flowable.drawOn = _skip_draw
        try:
            return super()._add(flowable, canv, trySplit)
        finally:
            del flowable.drawOn

    add = _add


@dataclass(frozen=True, slots=True)
class _Page:
    """A page orientation's template id and the size of its frame."""

    template: str
    width: float
    height: float


def _story(
    report: PdfReport,
    styles: dict[str, ParagraphStyle],
    pages: PageTotal,
    portrait: _Page,
    landscape: _Page,
) -> list[Flowable]:
    titles = [printable(section.title) for section in report.sections]
    # The in-document anchors links may name, and where each leads in the PDF.
    anchors = {"contents": "contents"} | {
        section.anchor: section_key(number)
        for number, section in enumerate(report.sections, start=1)
        if section.anchor
    }
    contents = Contents(
        styles,
        [(section_key(n), title) for n, title in enumerate(titles, start=1)],
    )
    story: list[Flowable] = [
        pages,
        Cover(report, styles),
        NextPageTemplate("portrait"),
        PageBreak(),
        Anchor(key="contents", label="Contents", in_contents=False),
        CachedParagraph("Contents", styles["contents_title"]),
        HRFlowable(
            width="100%", thickness=1.2, color=ACCENT, spaceBefore=4, spaceAfter=8
        ),
        contents,
    ]
    units: list[blocks.Unit] = []
    for number, (section, title) in enumerate(
        zip(report.sections, titles, strict=True), start=1
    ):
        heading = [
            Anchor(key=section_key(number), label=title, in_contents=True),
            CachedParagraph(
                f'<font color="#2F6DB5">{number:02d}</font>&nbsp;&nbsp;'
                f"{escape_xml(title)}",
                styles["h2"],
            ),
            HRFlowable(
                width="100%", thickness=1.2, color=ACCENT, spaceBefore=2, spaceAfter=10
            ),
        ]
        # Tabs indent as four spaces, for list nesting and in code.
        parsed = markdown.parse_blocks(section.body.replace("\t", "    "))
        body = blocks.units(
            parsed,
            styles,
            (portrait.width, portrait.height),
            landscape.width,
            anchors,
        )
        body = _lead_into_landscape(body, heading, landscape)
        if body:
            body[0] = blocks.Unit(LeadIn(heading, body[0].flowable), body[0].landscape)
        else:
            body = [blocks.Unit(flowable) for flowable in heading]
        units += body
    # The sections flow on, each run of pages in one orientation starting a page.
    for run_landscape, run in _runs(units, portrait, landscape):
        page = landscape if run_landscape else portrait
        story += [NextPageTemplate(page.template), PageBreak()]
        story += closing_group(
            run, page.width, least=page.height * MIN_PAGE_FILL, most=page.height
        )
    return story


def _lead_into_landscape(
    body: list[blocks.Unit], heading: list[Flowable], landscape: _Page
) -> list[blocks.Unit]:
    """Return ``body`` with a short opening set on its first landscape table's page.

    A section whose first landscape table follows only a little text (up to
    :data:`LANDSCAPE_LEAD_SHARE` of the page, with the heading) opens on the
    table's page, rather than leaving that text alone on a portrait page.
    """
    first = next((n for n, unit in enumerate(body) if unit.landscape), None)
    if not first:
        return body
    opening = [*heading, *(unit.flowable for unit in body[:first])]
    if any(_holds_table(flowable) for flowable in opening):
        return body
    if sum(height(f, landscape.width) for f in opening) > (
        landscape.height * LANDSCAPE_LEAD_SHARE
    ):
        return body
    return [blocks.Unit(unit.flowable, landscape=True) for unit in body[:first]] + (
        body[first:]
    )


def _holds_table(flowable: Flowable) -> bool:
    if isinstance(flowable, LeadIn):
        return _holds_table(flowable.following)
    return isinstance(flowable, Table)


def _runs(
    units: list[blocks.Unit], portrait: _Page, landscape: _Page
) -> list[tuple[bool, list[Flowable]]]:
    """Return the units as runs of one orientation: (landscape?, flowables).

    A run too short to fill :data:`MIN_PAGE_FILL` of its page would leave a
    near-empty page between two changes of orientation, so a short landscape run
    takes in the units after it (text reads well on either page, a landscape
    table does not fit a portrait one) and a short portrait run next to a
    landscape one is set landscape.
    """
    if not units:
        return []
    flags = [unit.landscape for unit in units]

    @functools.cache
    def size(index: int, page: _Page) -> float:
        return height(units[index].flowable, page.width)

    def spans() -> list[tuple[int, int]]:
        bounds = (
            [0]
            + [n for n in range(1, len(flags)) if flags[n] != flags[n - 1]]
            + [len(flags)]
        )
        return list(itertools.pairwise(bounds))

    changed = True
    while changed:
        changed = False
        for start, end in spans():
            page = landscape if flags[start] else portrait
            least = page.height * MIN_PAGE_FILL
            # Long runs are the rule: measure only until the run is long enough.
            filled = itertools.accumulate(size(n, page) for n in range(start, end))
            if any(total >= least for total in filled) or len(spans()) == 1:
                continue
            if flags[start] and end < len(flags):
                flags[end] = True
                changed = True
                break
            if not flags[start]:
                flags[start:end] = [True] * (end - start)
                changed = True
                break
    return [
        (flags[start], [unit.flowable for unit in units[start:end]])
        for start, end in spans()
    ]


def render_pdf(report: PdfReport) -> bytes:
    """Render the report as PDF bytes (deterministic for a given report)."""
    styles = report_styles()
    buffer = io.BytesIO()
    portrait_size, landscape_size = A4, landscape(A4)
    document = _ReportTemplate(
        buffer,
        pagesize=portrait_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=printable(report.title),
        author=printable(report.prepared_by),
        subject=f"{printable(report.pack_label)} for {printable(report.client_name)}",
        creator="AICMO",
        invariant=1,
    )
    pages = PageTotal()
    furniture = page_furniture(report, pages)

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
    portrait_page, landscape_page = (
        _Page(name, size[0] - 2 * MARGIN, size[1] - TOP_MARGIN - BOTTOM_MARGIN)
        for name, size in (("portrait", portrait_size), ("landscape", landscape_size))
    )
    document.multiBuild(
        _story(report, styles, pages, portrait_page, landscape_page),
        canvasmaker=_canvas_maker(_pdf_date(report.generated_at)),
    )
    return buffer.getvalue()
