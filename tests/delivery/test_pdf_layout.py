"""The PDF's layout as a designer would check it, on the director's four briefs.

Post copy keeps its parts on lines of their own, a post never breaks across pages,
tables split between rows with more than one row on each side, only a cramped table
turns landscape, no page is near-empty, and no client-facing file shows the QC score.
"""

import datetime as dt
import functools
import json
import re
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from aicmo_site.writing.markdown import plain_text
from delivery import api as delivery_api
from delivery.pdf import PdfReport, PdfSection, render_pdf
from delivery.pdf.styles import BOTTOM_MARGIN, TOP_MARGIN
from orchestration import api as orchestration_api
from qc import api as qc_api
from tests.delivery.pdftext import page_placed_strings, page_sizes, page_texts

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BRIEFS = [
    "roasters_choice_coffee.json",
    "brightpath_gcse_tutoring.json",
    "hartmann_valves_distributors.json",
    "city_flu_vaccination.json",
]
PACKS = ["quick_social_basic", "strategy_campaign_standard"]
# A page whose text ends above this share of its frame reads as near-empty.
NEAR_EMPTY = 0.15
PORTRAIT = (595.2756, 841.8898)
LANDSCAPE = (841.8898, 595.2756)
# "**Mon 6 Sep · Instagram · Carousel** (Pillar)", then the post's quoted copy.
POST = re.compile(r"^\*\*(.+?)\*\* \(.+\)\n\n((?:>.*\n?)+)", re.MULTILINE)


@functools.cache
def package_files(brief_file, pack):
    """Run the brief through the workflow; return its files' bytes and QC score.

    Cached: each brief and pack runs once per session, in the first test that asks
    (its rows roll back with that test; the bytes are kept).
    """
    data = json.loads((EXAMPLES / brief_file).read_text())
    brief = orchestration_api.brief_submit(data=data)
    run = orchestration_api.workflow_start(brief_id=brief.id, pack=pack).run
    assert run.status == "completed", run.error
    package = delivery_api.package_get(package_id=run.outputs["package_id"])
    files = {}
    for artifact in package.artifacts:
        with default_storage.open(artifact.path, "rb") as handle:
            files[artifact.name] = handle.read()
    score = qc_api.result_get(result_id=run.outputs["qc_result_id"]).score
    return files, score


def strings(page):
    """Return the non-blank strings drawn on a page, spaces normalised."""
    texts = (" ".join(text.replace("\xa0", " ").split()) for text in page)
    return [text for text in texts if text]


def posts(markdown_report):
    """Return each post as (heading, parts), a part being the list of its lines."""
    found = []
    for match in POST.finditer(markdown_report):
        parts, lines = [], []
        for line in match.group(2).splitlines():
            text = line.removeprefix(">").strip()
            if text:
                lines.append(plain_text(text))
            elif lines:
                parts.append(lines)
                lines = []
        if lines:
            parts.append(lines)
        found.append((match.group(1), parts))
    return found


def post_blocks(pages, headings):
    """Return, per post heading in order, where it is drawn and what follows it.

    Each entry is (page, drawn): the page (from 0) the heading is on, and
    (page, string) for each string drawn from the heading to the next post's
    heading (or the next section), over any pages.
    """
    drawn = [(n, text) for n, page in enumerate(pages) for text in strings(page)]
    starts, cursor = [], 0
    for heading in headings:
        cursor = next(k for k in range(cursor, len(drawn)) if drawn[k][1] == heading)
        starts.append(cursor)
        cursor += 1
    # The last post ends where the next section starts, at its number ("04").
    section = next(
        (
            k
            for k in range(starts[-1], len(drawn))
            if re.fullmatch(r"\d\d", drawn[k][1])
        ),
        len(drawn),
    )
    ends = [*starts[1:], section]
    return [
        (drawn[start][0], drawn[start:end])
        for start, end in zip(starts, ends, strict=True)
    ]


def opens(line):
    """Return the first words of a line of copy, as a drawn line would start."""
    return " ".join(line.split()[:4])


def fills(pdf):
    """Return, per page after the cover, the share of its frame that text fills.

    A page is filled from the top of its frame down to its lowest line of text; the
    running header and footer sit outside the frame and do not count.
    """
    shares = []
    for (_, height), placed in list(
        zip(page_sizes(pdf), page_placed_strings(pdf), strict=True)
    )[1:]:
        top, bottom = height - TOP_MARGIN, BOTTOM_MARGIN
        baselines = [y for _, y, text in placed if bottom <= y <= top and text.strip()]
        shares.append((top - min(baselines)) / (top - bottom) if baselines else 0.0)
    return shares


EXAMPLE_PACKAGES = pytest.mark.parametrize(
    ("brief_file", "pack"), [(brief, pack) for brief in BRIEFS for pack in PACKS]
)


@EXAMPLE_PACKAGES
def test_each_post_keeps_its_parts_on_lines_of_their_own(brief_file, pack):
    files, _ = package_files(brief_file, pack)
    found = posts(files["report.md"].decode())
    blocks = post_blocks(
        page_texts(files["report.pdf"]), [heading for heading, _ in found]
    )

    assert len(found) >= 15
    for (heading, parts), (_, drawn) in zip(found, blocks, strict=True):
        lines = [text for _, text in drawn]
        # The hook, the body, the call to action, the hashtags, and each of an
        # email's subject and preview lines start a line of their own.
        for part in parts:
            for line in part:
                assert any(text.startswith(opens(line)) for text in lines), (
                    heading,
                    line,
                )
        if parts[-1][0].startswith("#"):
            tagged = [text for text in lines if "#" in text]
            assert tagged, heading
            assert all(
                word.startswith("#") for text in tagged for word in text.split()
            ), (heading, tagged)


@EXAMPLE_PACKAGES
def test_no_post_is_split_across_pages(brief_file, pack):
    files, _ = package_files(brief_file, pack)
    found = posts(files["report.md"].decode())
    blocks = post_blocks(
        page_texts(files["report.pdf"]), [heading for heading, _ in found]
    )

    for (heading, parts), (page, drawn) in zip(found, blocks, strict=True):
        # The post's last line (its hashtags, or an email's call to action) is on
        # the page its heading is on.
        last = opens(parts[-1][-1])
        assert any(n == page and text.startswith(last) for n, text in drawn), heading


@EXAMPLE_PACKAGES
def test_no_page_is_near_empty_and_the_last_page_has_text(brief_file, pack):
    files, _ = package_files(brief_file, pack)

    shares = fills(files["report.pdf"])

    near_empty = [
        (page, round(share, 2))
        for page, share in enumerate(shares, start=2)
        if share < NEAR_EMPTY
    ]
    assert near_empty == []
    assert shares[-1] >= NEAR_EMPTY


@EXAMPLE_PACKAGES
def test_only_the_calendar_table_turns_landscape(brief_file, pack):
    files, _ = package_files(brief_file, pack)
    content = files["report.pdf"]
    pages, sizes = page_texts(content), page_sizes(content)

    landscape = [n for n, size in enumerate(sizes) if size == LANDSCAPE]
    first_post = next(n for n, page in enumerate(pages) if "Post copy" in strings(page))

    # The calendar's pages are landscape; its post copy, and everything else, is
    # portrait: a KPI or channel table fits a portrait page.
    assert landscape
    assert landscape == list(range(landscape[0], landscape[-1] + 1))
    assert first_post == landscape[-1] + 1
    assert all(
        "Date" in strings(pages[n]) and "Hook" in strings(pages[n]) for n in landscape
    )
    assert sizes[first_post:] == [PORTRAIT] * (len(sizes) - first_post)


@EXAMPLE_PACKAGES
def test_no_client_facing_file_shows_the_qc_score_or_verdict(brief_file, pack):
    files, score = package_files(brief_file, pack)
    pdf_text = "\n".join("\n".join(page) for page in page_texts(files["report.pdf"]))

    for name, text in (
        ("report.pdf", pdf_text),
        ("report.html", files["report.html"].decode()),
        ("report.md", files["report.md"].decode()),
    ):
        assert f"{score}/100" not in text, name
        assert "QC score" not in text, name
        assert "QUALITY CHECK" not in text, name
        assert ">Quality check<" not in text, name
    # The agency's records keep it.
    assert json.loads(files["data.json"])["qc"]["score"] == score


def render(*bodies):
    report = PdfReport(
        title="Plan",
        client_name="Client",
        pack_label="Pack",
        date_label="4 January 2027",
        prepared_by="Agency",
        generated_at=dt.datetime(2027, 1, 4, 9, 30, tzinfo=dt.UTC),
        sections=tuple(
            PdfSection(title=f"Section {n}", body=body)
            for n, body in enumerate(bodies, start=1)
        ),
    )
    return render_pdf(report)


def test_a_post_quote_sets_each_part_and_each_line_apart():
    body = (
        "**Sun 12 Sep · Email · Newsletter** (Choosing the plan)\n\n"
        "> Subject line: Day one to day seven\n"
        "> Preview text: The plan, week by week.\n"
        ">\n"
        "> A real week with the plan.\n"
        ">\n"
        "> Order now at example.com.\n"
        ">\n"
        "> #Coffee #ShopLocal"
    )

    page = strings(page_texts(render(body))[2])

    start = page.index("Sun 12 Sep · Email · Newsletter")
    assert page[start : start + 7] == [
        "Sun 12 Sep · Email · Newsletter",
        "(Choosing the plan)",
        "Subject line: Day one to day seven",
        "Preview text: The plan, week by week.",
        "A real week with the plan.",
        "Order now at example.com.",
        "#Coffee #ShopLocal",
    ]


def test_a_table_never_leaves_a_single_row_alone_on_a_page():
    filler = "\n\n".join(
        f"Paragraph {n}: " + "steady words for the layout " * 12 for n in range(8)
    )
    rows = "\n".join(f"| Row {n} | {n * 10} |" for n in range(1, 9))
    table = f"| Item | Value |\n| --- | --- |\n{rows}"
    splits = set()

    # Each added line moves the table further down, past the foot of a page.
    for lines in range(40):
        padding = "\n\n".join(f"Line {n}." for n in range(lines))
        content = render(filler, f"{padding}\n\nThe figures:\n\n{table}", filler)
        counts = [
            sum(1 for text in strings(page) if text.startswith("Row "))
            for page in page_texts(content)
        ]
        counts = [count for count in counts if count]
        assert sum(counts) == 8
        assert min(counts) >= 2, (lines, counts)
        splits.add(tuple(counts))

    assert {(2, 6), (3, 5), (4, 4), (5, 3), (6, 2)} <= splits
