"""The PDF report as a client reads it: cover, contents, page furniture, tables."""

import dataclasses
import functools
import re

import pytest
from reportlab.platypus import Paragraph

from aicmo_site.writing.markdown import align_numeric_columns
from delivery import artifacts
from delivery.pdf import document as pdf_document
from delivery.pdf import tables as pdf_tables
from delivery.pdf import text as pdf_text
from tests.delivery.pdftext import link_targets, page_sizes, page_texts
from tests.delivery.samples import campaign_package_input, package_input

AGENCY = "Northwind Creative"
PORTRAIT = (595.2756, 841.8898)
LANDSCAPE = (841.8898, 595.2756)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def render(package=None, *, agency=AGENCY):
    rendered = artifacts.render_package(
        package or campaign_package_input(),
        package_id="pkg_draft_01jsample0000000000000000_0123456789abcdef",
        prepared_by=agency,
    )
    return next(file.content for file in rendered.files if file.name == "report.pdf")


def strings(page):
    """Return the non-blank strings drawn on a page, with spaces normalised."""
    return [
        " ".join(text.replace("\xa0", " ").split()) for text in page if text.strip()
    ]


def contents_rows(pages):
    """Return the contents page's rows as (number, title, page)."""
    items = strings(pages[1])
    rows = items[items.index("Contents") + 1 :]
    assert len(rows) % 3 == 0, rows
    return [
        (rows[index], rows[index + 1], int(rows[index + 2]))
        for index in range(0, len(rows), 3)
    ]


def heading_page(pages, number, title):
    """Return the page (from 1) where the heading "NN  Title" is drawn."""
    for page_number, page in enumerate(pages[2:], start=3):
        items = strings(page)
        if any(
            items[index] == f"{number:02d}" and items[index + 1] == title
            for index in range(len(items) - 1)
        ):
            return page_number
    raise AssertionError(f"heading {number:02d} {title!r} not found")


def test_cover_is_a_page_of_its_own_with_client_pack_date_and_who_prepared_it():
    pages = page_texts(render())

    cover = strings(pages[0])
    assert cover == [
        AGENCY,
        "4 January 2027",
        "Office Coffee Campaign, Q1 2027",
        "Brightline Coffee Roasters",
        "STRATEGY CAMPAIGN STANDARD",
        "Prepared for Brightline Coffee Roasters",
        f"Prepared by {AGENCY}",
        "PACK",
        "DATE",
        "Strategy Campaign Standard",
        "4 January 2027",
    ]


@pytest.mark.parametrize(("passed", "score"), [(True, 92), (False, 64)])
def test_no_page_shows_the_qc_score_or_verdict(passed, score):
    package = dataclasses.replace(package_input(), qc_passed=passed, qc_score=score)

    text = "\n".join(item for page in page_texts(render(package)) for item in page)

    assert f"{score}/100" not in text
    assert "QUALITY CHECK" not in text.upper()


@pytest.mark.parametrize("make", [package_input, campaign_package_input])
def test_contents_page_lists_every_section_in_order_with_its_page(make):
    package = make()
    pages = page_texts(render(package))

    rows = contents_rows(pages)

    titles = [section.title for section in package.sections]
    assert [(number, title) for number, title, _ in rows] == [
        (f"{number:02d}", title) for number, title in enumerate(titles, start=1)
    ]
    assert [page for _, _, page in rows] == [
        heading_page(pages, number, title)
        for number, title in enumerate(titles, start=1)
    ]
    assert rows[0][2] == 3


def test_contents_entries_link_to_the_pages_of_their_sections():
    content = render()
    pages = page_texts(content)

    expected = [page for _, _, page in contents_rows(pages)]

    # Each row links its title and its page number.
    assert link_targets(content, 2) == [page for page in expected for _ in (1, 2)]


def test_every_page_after_the_cover_has_a_running_header_and_page_n_of_n():
    pages = page_texts(render())
    total = len(pages)

    assert total > 4
    assert not any(text.startswith("Page ") for text in strings(pages[0]))
    for number, page in enumerate(pages[1:], start=2):
        items = strings(page)
        assert items[:4] == [
            "Brightline Coffee Roasters · Office Coffee Campaign, Q1 2027",
            "Strategy Campaign Standard · 4 January 2027",
            f"Prepared by {AGENCY}",
            f"Page {number} of {total}",
        ]


def test_header_leaves_out_the_client_when_the_title_names_it():
    package = dataclasses.replace(
        package_input(), title="Brightline Coffee Roasters: Q1 social plan"
    )

    items = strings(page_texts(render(package))[1])

    assert items[0] == "Brightline Coffee Roasters: Q1 social plan"


def test_a_long_calendar_is_set_landscape_with_its_header_row_on_every_page():
    package = package_input(calendar_rows=40)
    content = render(package)
    pages, sizes = page_texts(content), page_sizes(content)

    calendar_pages = [
        index
        for index, page in enumerate(pages)
        if any(ISO_DATE.fullmatch(text) for text in strings(page))
    ]

    assert len(calendar_pages) >= 3
    header = ["Date", "Channel", "Pillar", "Format", "Hook", "Caption", "CTA"]
    for index in calendar_pages:
        assert sizes[index] == LANDSCAPE
        items = strings(pages[index])
        start = items.index("Date")
        assert items[start : start + len(header)] == header
    assert sizes[0] == sizes[1] == PORTRAIT


def test_kpi_and_budget_tables_keep_every_cell():
    pages = page_texts(render())

    text = [item for page in pages for item in strings(page)]

    start = text.index("Channel", text.index("Budget"))
    assert text[start : start + 8] == [
        "Channel", "Share", "Total", "Per week",
        "Instagram", "40%", "GBP 4,800", "GBP 400",
    ]  # fmt: skip


def test_pdf_dates_come_from_the_run():
    content = render()

    assert b"/CreationDate (D:20270104093000+00'00')" in content
    assert b"/ModDate (D:20270104093000+00'00')" in content
    assert b"D:2000" not in content


def test_sections_are_bookmarked_in_the_outline():
    content = render()

    assert b"/Outlines" in content
    assert b"/PageMode /UseOutlines" in content


def test_table_type_shrinks_only_when_the_longest_words_do_not_fit():
    narrow = [["KPI", "Target"], ["Qualified leads", "120"]]
    wide = [[f"Measurement{column}" for column in range(16)]] * 2

    assert pdf_tables.table_font_size(narrow, 500.0) == 8.5
    assert pdf_tables.table_font_size(wide, 800.0) < 8.5


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "| KPI | Target | Rate |\n| --- | --- | --- |\n| Leads | 120 | 1.8% |",
            "| KPI | Target | Rate |\n| --- | ---: | ---: |\n| Leads | 120 | 1.8% |",
        ),
        (
            "| Channel | Total |\n|---|---|\n| Email | GBP 1,200 |\n| Ads | £300 |",
            "| Channel | Total |\n| --- | ---: |\n"
            "| Email | GBP 1,200 |\n| Ads | £300 |",
        ),
        (
            "| Date | Hook |\n|---|---|\n| 2027-01-11 | Fresh |",
            "| Date | Hook |\n|---|---|\n| 2027-01-11 | Fresh |",
        ),
        (
            "| KPI | Target |\n|:--|:-:|\n| Leads | 120 |",
            "| KPI | Target |\n|:--|:-:|\n| Leads | 120 |",
        ),
        ("Text 120\n\n- 5", "Text 120\n\n- 5"),
    ],
)
def test_numeric_columns_are_right_aligned_unless_aligned_already(body, expected):
    assert align_numeric_columns(body) == expected


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(campaign_package_input, id="campaign"),
        pytest.param(lambda: package_input(calendar_rows=40), id="long-calendar"),
    ],
)
def test_the_fast_build_gives_the_bytes_of_two_full_passes(make, monkeypatch):
    fast = render(make())

    # Draw in every pass, and break every paragraph's lines at every wrap.
    monkeypatch.setattr(
        pdf_document,
        "_canvas_maker",
        lambda date: functools.partial(
            pdf_document._ReportCanvas, creation_date=date, layout_only=False
        ),
    )
    monkeypatch.setattr(pdf_text.CachedParagraph, "wrap", Paragraph.wrap)

    assert render(make()) == fast


def test_only_the_last_pass_draws_paragraphs(monkeypatch):
    canvases = []
    draw = pdf_text.CachedParagraph.draw

    def recording_draw(paragraph):
        canvases.append(paragraph.canv)
        draw(paragraph)

    monkeypatch.setattr(pdf_text.CachedParagraph, "draw", recording_draw)

    render()

    assert canvases
    assert len(set(canvases)) == 1
    assert not canvases[0].layout_only


def test_a_paragraph_breaks_its_lines_once_per_width(monkeypatch):
    paragraph = pdf_text.CachedParagraph("Fresh <b>beans</b>, roasted on Monday. " * 12)
    widths = []
    break_lines = Paragraph.breakLines

    def recording_break_lines(self, width):
        widths.append(list(width))
        return break_lines(self, width)

    monkeypatch.setattr(Paragraph, "breakLines", recording_break_lines)

    narrow = paragraph.wrap(200, 1000)
    lines = paragraph.blPara.lines
    wide = paragraph.wrap(400, 1000)

    assert paragraph.wrap(200, 50) == narrow
    assert paragraph.blPara.lines is lines
    assert paragraph.wrap(400, 50) == wide
    assert narrow[1] > wide[1]
    assert widths == [[200, 200], [400, 400]]
