"""Links in the reports: only http(s), mailto and in-document anchors survive.

A section body holding every kind of bad link and every good one (``tests.links``)
goes through the PDF and the HTML report; each keeps exactly the good targets and
every link's text.
"""

import dataclasses

import pytest

from delivery import artifacts
from delivery.pdf import text as pdf_text
from tests.delivery.pdftext import link_targets, link_uris, page_lines
from tests.delivery.samples import package_input
from tests.links import BODY, LINK_TEXTS, SAFE_LINKED, read_links

CONTENTS_PAGE, FIRST_SECTION_PAGE = 2, 3


def _files(body: str = BODY) -> dict[str, bytes]:
    package = package_input()
    first = package.sections[0]
    assert first.key == "overview"
    hostile = dataclasses.replace(
        package,
        sections=(dataclasses.replace(first, body=body), *package.sections[1:]),
    )
    rendered = artifacts.render_package(hostile, package_id="pkg", prepared_by="X")
    return {file.name: file.content for file in rendered.files}


def _section(page: str):
    return read_links(
        page,
        lambda tag, attributes: tag == "section" and attributes.get("id") == "overview",
    )


def test_the_html_report_keeps_only_safe_targets_and_every_link_text():
    page = _files()["report.html"].decode()

    section = _section(page)

    assert [href for href, _text in section.links] == [
        *SAFE_LINKED,
        "#contents",
        "#overview",
        "#nowhere",
    ]
    assert section.images == 0
    text = "".join(section.text)
    for label in LINK_TEXTS:
        assert f" {label} here." in text
    for needle in ("javascript", "vbscript", "data:", "file:", "//evil", "<img"):
        assert needle not in page.lower()


def test_the_pdf_keeps_only_safe_targets_known_anchors_and_every_link_text():
    pdf = _files()["report.pdf"]
    pages = range(1, len(page_lines(pdf)) + 1)

    uris = [uri for number in pages for uri in link_uris(pdf, number)]
    jumps = [
        target
        for number in pages
        if number > CONTENTS_PAGE
        for target in link_targets(pdf, number)
    ]

    assert uris == SAFE_LINKED
    # #contents and #overview lead to their pages; #nowhere leads nowhere: text.
    assert jumps == [CONTENTS_PAGE, FIRST_SECTION_PAGE]
    text = " ".join(page_lines(pdf))
    for label in LINK_TEXTS:
        assert label in text
    for action in (b"/GoToR", b"/Launch", b"/JavaScript", b"/JS "):
        assert action not in pdf


@pytest.mark.parametrize(
    ("markdown", "markup"),
    [
        ("[**bold** click](javascript:alert(1)) now", "<b>bold</b> click now"),
        ("[a < b](data:text/html,x)", "a &lt; b"),
        ("[see](#nowhere)", "see"),
        (
            "[see](#contents)",
            '<link href="#contents" color="#2F6DB5"><u>see</u></link>',
        ),
        (
            r"[site](https://x.test/a\_b)",
            '<link href="https://x.test/a_b" color="#2F6DB5"><u>site</u></link>',
        ),
        (
            "[site](&#104;ttps://x.test/?a=1&b=2)",
            '<link href="https://x.test/?a=1&amp;b=2" color="#2F6DB5">'
            "<u>site</u></link>",
        ),
    ],
)
def test_pdf_markup_links_safe_targets_and_leaves_the_rest_as_text(markdown, markup):
    assert pdf_text.inline_markup(markdown, {"contents": "contents"}) == markup


def test_links_in_table_cells_headings_lists_and_quotes_follow_the_same_rules():
    body = (
        "### [headlink](javascript:alert(1)) [headok](https://kiln.example/h)\n\n"
        "- [listlink](//evil.example) [listok](https://kiln.example/l)\n\n"
        "> [quotelink](file:///etc/passwd) [quoteok](mailto:q@kiln.example)\n\n"
        "| Where | Link |\n|---|---|\n"
        "| cell | [celllink](data:text/html,x) [cellok](https://kiln.example/c) |\n"
    )
    files = _files(body)
    pdf = files["report.pdf"]
    pages = range(1, len(page_lines(pdf)) + 1)

    section = _section(files["report.html"].decode())

    expected = [
        "https://kiln.example/h",
        "https://kiln.example/l",
        "mailto:q@kiln.example",
        "https://kiln.example/c",
    ]
    assert [uri for number in pages for uri in link_uris(pdf, number)] == expected
    assert [href for href, _text in section.links] == expected
    text = " ".join(page_lines(pdf))
    for label in ("headlink", "listlink", "quotelink", "celllink"):
        assert label in text
        assert label in "".join(section.text)
