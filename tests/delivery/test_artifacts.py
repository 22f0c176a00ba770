"""Rendering: each format's content, determinism, and the manifest hash."""

import dataclasses
import datetime as dt
import gc
import hashlib
import io
import json
import re
import zipfile
from decimal import Decimal

import pytest

from aicmo_site.writing.markdown import table_column_counts
from delivery import artifacts
from delivery.pdf import tables as pdf_tables
from delivery.pdf import text as pdf_text
from tests.delivery.pdftext import page_texts
from tests.delivery.samples import campaign_package_input, package_input

PACKAGE_ID = "pkg_draft_01jsample0000000000000000_0123456789abcdef"


def render(package=None):
    return artifacts.render_package(
        package or package_input(), package_id=PACKAGE_ID, prepared_by="AICMO Agency"
    )


def by_name(rendered):
    return {file.name: file for file in rendered.files}


def page_count(pdf_bytes):
    return len(re.findall(rb"/Type /Page\b(?!s)", pdf_bytes))


def test_files_come_in_the_fixed_order_with_their_formats():
    rendered = render()

    assert [(file.name, file.format) for file in rendered.files] == [
        ("report.md", "markdown"),
        ("report.html", "html"),
        ("report.pdf", "pdf"),
        ("data.json", "json"),
        ("package.zip", "zip"),
    ]


def test_same_input_gives_the_same_bytes_and_manifest_hash():
    first, second = render(), render()

    assert [f.content for f in first.files] == [f.content for f in second.files]
    assert first.manifest_hash == second.manifest_hash


def test_the_campaign_sample_renders_to_the_same_bytes_twice():
    first = render(campaign_package_input())
    second = render(campaign_package_input())

    assert [f.content for f in first.files] == [f.content for f in second.files]


def test_a_changed_run_date_changes_only_the_dates():
    before = by_name(render(campaign_package_input()))
    after = by_name(
        render(
            campaign_package_input(
                generated_at=dt.datetime(2027, 2, 15, 14, 0, tzinfo=dt.UTC)
            )
        )
    )

    def moved(text):
        return text.replace("4 January 2027", "15 February 2027").replace(
            "2027-01-04T09:30:00Z", "2027-02-15T14:00:00Z"
        )

    for name in ("report.md", "report.html", "data.json"):
        assert before[name].content != after[name].content
        assert moved(before[name].content.decode()) == after[name].content.decode()
    old_pages = page_texts(before["report.pdf"].content)
    new_pages = page_texts(after["report.pdf"].content)
    assert [[moved(text) for text in page] for page in old_pages] == new_pages
    assert b"(D:20270215140000+00'00')" in after["report.pdf"].content
    assert b"D:20270104" not in after["report.pdf"].content


def test_a_different_input_changes_the_manifest_hash():
    changed = dataclasses.replace(package_input(), qc_score=91)

    assert render(changed).manifest_hash != render().manifest_hash


def test_manifest_hash_is_the_sha256_of_the_canonical_manifest_without_it():
    rendered = render()
    manifest = dict(rendered.manifest)
    manifest_hash = manifest.pop("manifest_hash")

    canonical = json.dumps(manifest, sort_keys=True, separators=(",", ":"))
    assert manifest_hash == rendered.manifest_hash
    assert manifest_hash == hashlib.sha256(canonical.encode()).hexdigest()


def test_manifest_lists_ids_client_pack_verdict_and_the_four_inner_files():
    rendered = render()
    files = by_name(rendered)

    manifest = rendered.manifest
    assert manifest["package_id"] == PACKAGE_ID
    assert manifest["draft_id"] == "draft_01jsample0000000000000000"
    assert manifest["client"] == "Brightline Coffee Roasters"
    assert manifest["pack"] == {
        "key": "quick_social_basic",
        "label": "Quick Social Basic",
    }
    assert manifest["generated_at"] == "2027-01-04T09:30:00Z"
    assert manifest["qc"] == {
        "result_id": "qc_01jsample0000000000000000",
        "passed": True,
        "score": 92,
    }
    assert manifest["artifacts"] == [
        {"name": name, "format": files[name].format, "size": files[name].size,
         "sha256": files[name].sha256}
        for name in ("report.md", "report.html", "report.pdf", "data.json")
    ]  # fmt: skip


def test_zip_holds_the_four_files_and_the_manifest_with_fixed_timestamps():
    rendered = render()
    files = by_name(rendered)

    with zipfile.ZipFile(io.BytesIO(files["package.zip"].content)) as archive:
        names = archive.namelist()
        contents = {name: archive.read(name) for name in names}
        stamps = {info.date_time for info in archive.infolist()}

    assert names == ["report.md", "report.html", "report.pdf", "data.json",
                     "manifest.json"]  # fmt: skip
    for name in names[:4]:
        assert contents[name] == files[name].content
    assert json.loads(contents["manifest.json"]) == rendered.manifest
    assert stamps == {(2027, 1, 4, 9, 30, 0)}


def test_markdown_report_has_title_header_block_and_sections_in_order():
    report = by_name(render())["report.md"].content.decode()

    assert report.startswith(
        "# 30-Day Social Content Plan\n\n"
        "- **Client:** Brightline Coffee Roasters\n"
        "- **Pack:** Quick Social Basic\n"
        "- **Date:** 4 January 2027\n\n"
        "## Overview\n\n**Brightline Coffee Roasters** roasts"
    )
    headings = re.findall(r"^## (.+)$", report, flags=re.MULTILINE)
    assert headings == [section.title for section in package_input().sections]


def test_html_report_is_a_standalone_document_with_real_tables():
    html = by_name(render())["report.html"].content.decode()

    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert (
        "<title>30-Day Social Content Plan — Brightline Coffee Roasters</title>" in html
    )
    assert "<style>" in html
    assert html.count("<table>") == 3
    assert "<th>Hook</th>" in html
    calendar = html[html.index('<section id="detailed_30_day_calendar">') :]
    assert calendar.index('<div class="table-wrap wide"><table>') < calendar.index(
        "</section>"
    )


def test_html_report_escapes_raw_html_and_script_urls():
    package = package_input()
    hostile = dataclasses.replace(
        package,
        client_name="Tom & <Jerry>",
        sections=(
            dataclasses.replace(
                package.sections[0],
                body="<script>alert(1)</script>\n\n[click](javascript:alert(1)) "
                "<b>bold</b>",
            ),
        ),
    )

    html = artifacts.render_html(hostile, prepared_by="AICMO Agency")

    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "Tom &amp; &lt;Jerry&gt;" in html


def test_data_json_holds_ids_sections_and_the_callers_data():
    package = package_input(data={"budget": Decimal("1500.00"), "posts": 16})

    data = json.loads(by_name(render(package))["data.json"].content)

    assert data["package_id"] == PACKAGE_ID
    assert data["qc"] == {"passed": True, "score": 92}
    assert [s["key"] for s in data["sections"]] == [s.key for s in package.sections]
    assert data["data"] == {"budget": "1500.00", "posts": 16}


def test_data_that_cannot_be_json_raises_type_error():
    with pytest.raises(TypeError):
        render(package_input(data={"bad": object()}))


def test_pdf_is_a_pdf_and_a_long_calendar_spans_several_pages():
    short = by_name(render(package_input(calendar_rows=7)))["report.pdf"].content
    long = by_name(render(package_input(calendar_rows=40)))["report.pdf"].content

    assert long.startswith(b"%PDF-")
    assert long.rstrip().endswith(b"%%EOF")
    assert page_count(long) > page_count(short) > 1


def test_pdf_has_the_document_title_in_its_metadata():
    content = by_name(render())["report.pdf"].content

    assert b"/Title (30-Day Social Content Plan)" in content


def test_zip_timestamps_are_clamped_to_1980_for_older_dates():
    stamp = artifacts._zip_timestamp(dt.datetime(1970, 1, 1, tzinfo=dt.UTC))

    assert stamp == (1980, 1, 1, 0, 0, 0)


@pytest.mark.parametrize(
    ("markdown", "markup"),
    [
        ("**bold** and *italic*", "<b>bold</b> and <i>italic</i>"),
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("`x < y`", '<font face="Courier">x &lt; y</font>'),
        ("snake_case_name stays", "snake_case_name stays"),
        (
            "[site](https://x.test/?a=1&b=2)",
            '<link href="https://x.test/?a=1&amp;b=2" color="#2F6DB5">'
            "<u>site</u></link>",
        ),
        (r"\*not italic\*", "*not italic*"),
        ("~~old~~ new", "<strike>old</strike> new"),
        ("coffee \u2615\ufe0f time", "coffee \u2615 time"),
        ("rocket \U0001f680 launch", "rocket  launch"),
    ],
)
def test_inline_markdown_becomes_escaped_reportlab_markup(markdown, markup):
    assert pdf_text.inline_markup(markdown) == markup


def test_column_widths_fill_the_available_width():
    rows = [["Date", "Hook", "CTA"], ["2027-01-11", "A long hook " * 10, "Book"]]

    widths = pdf_tables.column_widths(rows, 500.0, 8.5)

    assert sum(widths) == pytest.approx(500.0)
    assert widths[1] > widths[0] > 0


@pytest.mark.parametrize(
    ("body", "counts"),
    [
        ("| A | B |\n|:-|-:|\n| 1 | 2 |", [2]),
        ("| A | B | C |\n|---|---|---|", [3]),
        ("A | B\n--|--\n1 | 2", [2]),
        ("| A | B |\n|---|", []),
        ("Intro line\n---\n| not | a table |", []),
    ],
)
def test_tables_need_a_delimiter_row_matching_the_header(body, counts):
    assert table_column_counts(body) == counts


def test_the_garbage_collector_is_paused_while_rendering_and_then_resumed(
    monkeypatch,
):
    seen = []
    render_pdf = artifacts.render_pdf

    def recording_render_pdf(report):
        seen.append(gc.isenabled())
        return render_pdf(report)

    monkeypatch.setattr(artifacts, "render_pdf", recording_render_pdf)

    render()

    assert seen == [False]
    assert gc.isenabled()


def test_the_garbage_collector_is_resumed_when_rendering_fails():
    with pytest.raises(TypeError):
        render(package_input(data={"bad": object()}))

    assert gc.isenabled()


def test_a_garbage_collector_paused_by_the_caller_stays_paused():
    gc.disable()
    try:
        render()

        assert not gc.isenabled()
    finally:
        gc.enable()
