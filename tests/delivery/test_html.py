"""The HTML report: cover, linked contents, print layout and self-containment."""

import dataclasses
import re
from html.parser import HTMLParser

import pytest

from delivery import artifacts
from tests.delivery.samples import campaign_package_input, package_input

AGENCY = "Northwind Creative"


class Outline(HTMLParser):
    """Collect the contents links, the sections' ids and every id on the page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.sections: list[str] = []
        self.ids: list[str] = []
        self._in_toc = False
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "nav" and "toc" in (attributes.get("class") or ""):
            self._in_toc = True
        elif tag == "section":
            self.sections.append(attributes["id"])
        elif tag == "a" and self._in_toc:
            self._href, self._text = attributes["href"], []

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_toc = False
        elif tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text)))
            self._href = None

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)


def render(package=None, *, agency=AGENCY):
    return artifacts.render_html(
        package or campaign_package_input(), prepared_by=agency
    )


def outline(html):
    parser = Outline()
    parser.feed(html)
    return parser


def test_cover_names_client_pack_date_and_who_prepared_it_but_no_qc_verdict():
    html = render()

    cover = html[html.index('<header class="cover"') : html.index("</header>")]
    assert f'<span class="agency">{AGENCY}</span>' in cover
    assert '<p class="kicker">Strategy Campaign Standard</p>' in cover
    assert "<h1>Brightline Coffee Roasters</h1>" in cover
    assert '<p class="doc-title">Office Coffee Campaign, Q1 2027</p>' in cover
    assert (
        '<p class="prepared-for">Prepared for Brightline Coffee Roasters</p>' in cover
    )
    assert f'<p class="prepared-by">Prepared by {AGENCY}</p>' in cover
    assert "<dt>Date</dt><dd>4 January 2027</dd>" in cover
    assert "<dt>Pack</dt><dd>Strategy Campaign Standard</dd>" in cover
    assert "92/100" not in html
    assert "quality check" not in html.casefold()


@pytest.mark.parametrize("make", [package_input, campaign_package_input])
def test_contents_links_every_section_in_order(make):
    package = make()

    parsed = outline(render(package))

    assert parsed.sections == [section.key for section in package.sections]
    assert parsed.links == [
        (f"#{section.key}", f"{number:02d}{section.title}")
        for number, section in enumerate(package.sections, start=1)
    ]
    assert len(parsed.ids) == len(set(parsed.ids))


def test_each_section_opens_with_its_numbered_heading():
    html = render()

    headings = re.findall(r'<section id="[^"]+"[^>]*>\n<h2>(.*?)</h2>', html)

    assert headings == [
        f'<span class="num">{number:02d}</span>{section.title}'
        for number, section in enumerate(campaign_package_input().sections, start=1)
    ]


def test_section_keys_that_are_not_safe_anchors_get_unique_ids():
    assert artifacts.section_anchors(
        ["overview", "a b", "a-b", "contents", "!!", "a b"]
    ) == ["overview", "a-b", "a-b-2", "contents-2", "section", "a-b-3"]


def test_print_layout_gives_cover_and_contents_a_page_and_turns_only_wide_tables():
    html = render()

    print_css = html[html.index("@media print") :]
    assert ".cover {" in print_css
    assert "break-after:page" in print_css
    assert "nav.toc { break-after:page; }" in print_css
    assert "break-before:page" not in print_css
    assert "@page wide { size:A4 landscape; }" in html
    assert ".table-wrap.wide { page:wide; }" in print_css
    assert 'content:"Page " counter(page) " of " counter(pages)' in html
    assert "@page :first { @top-left { content:none; }" in html
    # Only the calendar is too cramped for a portrait page; its section is not.
    assert re.findall(r'<div class="table-wrap[^"]*">', html) == [
        '<div class="table-wrap wide">',
        '<div class="table-wrap">',
        '<div class="table-wrap">',
        '<div class="table-wrap">',
    ]
    assert '<section id="detailed_30_day_calendar">' in html


def test_running_header_text_is_escaped_inside_the_style_sheet():
    package = dataclasses.replace(
        package_input(), client_name='Evil "</style><script>alert(1)</script>'
    )

    html = render(package)

    style = html[html.index("<style>") : html.index("</style>") + len("</style>")]
    assert html.count("</style>") == 1
    assert "<script>" not in html
    assert "Evil \\000022\\00003c/style\\00003e" in style


def test_html_is_standalone():
    html = render()

    head = html[: html.index("</head>")]
    for needle in ("<link", "<script", "src=", "@import", "url(", "http:", "https:"):
        assert needle not in head


def test_numeric_table_columns_are_right_aligned():
    html = render()

    assert '<td style="text-align: right;">GBP 4,800</td>' in html
    assert '<th style="text-align: right;">Share</th>' in html
    assert "<td>2027-01-11</td>" in html


def test_post_copy_keeps_its_lines_and_its_hashtags_stay_text():
    package = package_input()
    post = dataclasses.replace(
        package.sections[0],
        body="**Sun 12 Sep · Email · Newsletter** (Choosing the plan)\n\n"
        "> Subject line: Day one to day seven\n"
        "> Preview text: The plan, week by week.\n"
        ">\n"
        "> Order now at example.com.\n"
        ">\n"
        "> #Coffee #ShopLocal",
    )

    html = render(dataclasses.replace(package, sections=(post,)))

    assert (
        "<blockquote>\n"
        "<p>Subject line: Day one to day seven<br>"
        "Preview text: The plan, week by week.</p>\n"
        "<p>Order now at example.com.</p>\n"
        "<p>#Coffee #ShopLocal</p>\n"
        "</blockquote>"
    ) in html
