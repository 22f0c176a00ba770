"""The one Markdown parser: blocks, GitHub tables and inline text, as exact values."""

import pytest

from aicmo_site.writing.markdown import (
    Code,
    Heading,
    HorizontalRule,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Table,
    TextLine,
    align_numeric,
    is_table_start,
    parse_blocks,
    plain_text,
    split_row,
    strip_inline,
    tables_in,
)


def test_a_table_keeps_its_header_delimiters_rows_and_alignments():
    body = "Intro\n\n| KPI | Target | Rate |\n|:--|:-:|--:|\n| Leads | 120 | 1.8% |\n"

    [table] = tables_in(body)

    assert table == Table(
        header=("KPI", "Target", "Rate"),
        delimiters=(":--", ":-:", "--:"),
        rows=(("Leads", "120", "1.8%"),),
        line=2,
    )
    assert table.alignments == ("left", "center", "right")


def test_an_escaped_pipe_stays_inside_its_cell():
    [table] = tables_in("| Hook | CTA |\n|---|---|\n| Before \\| after | Book |")

    assert table.rows == (("Before | after", "Book"),)
    assert split_row("| a \\| b | c |") == ["a | b", "c"]


def test_short_rows_are_padded_and_long_rows_cut_to_the_header():
    [table] = tables_in("A | B\n--|--\n| 1 |\n1 | 2 | 3\n\n| not | a row |")

    assert table.rows == (("1", ""), ("1", "2"))


@pytest.mark.parametrize(
    ("line", "following", "expected"),
    [
        ("| A | B |", "| --- | ---: |", True),
        ("A | B", "--|--", True),
        ("| A | B |", "|---|", False),
        ("| A | B |", "| not | a delimiter |", False),
        ("Intro line", "---", False),
    ],
)
def test_a_table_starts_with_a_header_and_a_delimiter_row_as_wide(
    line, following, expected
):
    assert is_table_start(line, following) is expected


def test_tables_in_fenced_code_or_after_a_heading_marker_are_not_tables():
    body = "```\n| A | B |\n|---|---|\n```\n\n# A | B\n|---|---|\n| 1 | 2 |"

    assert tables_in(body) == []


def test_a_column_is_found_by_its_name_without_emphasis():
    [table] = tables_in("| **Date** | `Hook` |\n|---|---|\n| 2027-01-11 | Hi |")

    assert table.column("hook") == 1
    assert table.column("CTA") is None


def test_numeric_columns_are_right_aligned_unless_aligned_already():
    [table] = tables_in(
        "| Channel | Share | Total |\n|---|:--|---|\n| Email | 40% | GBP 4,800 |"
    )

    assert align_numeric(table).delimiters == ("---", ":--", "---:")


def test_headings_paragraphs_quotes_code_and_rules_are_blocks():
    body = (
        "## Budget ##\n"
        "First line  \n"
        "second line\\\n"
        "third line\n"
        "\n"
        "> Quoted\n"
        ">\n"
        "> on\n"
        "\n"
        "~~~\n"
        "| A | B |\n"
        "~~~\n"
        "***\n"
        "#### Notes"
    )

    assert parse_blocks(body) == [
        Heading(level=2, text="Budget"),
        Paragraph(
            lines=(
                TextLine(text="First line", hard_break=True),
                TextLine(text="second line", hard_break=True),
                TextLine(text="third line", hard_break=False),
            )
        ),
        Quote(lines=("Quoted", "", "on")),
        Code(text="| A | B |"),
        HorizontalRule(),
        Heading(level=4, text="Notes"),
    ]


def test_a_table_ends_the_paragraph_before_it():
    blocks = parse_blocks("Budget by channel:\n| A | B |\n|---|---|\n| 1 | 2 |")

    assert [type(block) for block in blocks] == [Paragraph, Table]


def test_bullet_lists_nest_by_indentation():
    body = "- Roast\n  - Monday\n  - Ship in *48h*\n- Brew"

    assert parse_blocks(body) == [
        ListBlock(
            ordered=False,
            items=(
                ListItem(
                    text="Roast",
                    children=ListBlock(
                        ordered=False,
                        items=(ListItem(text="Monday"), ListItem(text="Ship in *48h*")),
                    ),
                ),
                ListItem(text="Brew"),
            ),
        )
    ]


def test_numbered_list_items_take_their_continuation_lines():
    body = "1. One\n2) Two\n   still two\n\nAfter"

    assert parse_blocks(body) == [
        ListBlock(
            ordered=True,
            items=(ListItem(text="One"), ListItem(text="Two still two")),
        ),
        Paragraph(lines=(TextLine(text="After", hard_break=False),)),
    ]


def test_an_unclosed_fence_runs_to_the_end():
    assert parse_blocks("```python\nx = 1\n\ny = 2") == [Code(text="x = 1\n\ny = 2")]


@pytest.mark.parametrize(
    ("text", "plain", "stripped"),
    [
        ("**Bold** and *it*", "Bold and it", "Bold and it"),
        (
            "[site](https://x.test) ~~old~~",
            "site old",
            "[site](https://x.test) ~~old~~",
        ),
        ("`GBP 4,300`", "GBP 4,300", "GBP 4,300"),
        ("snake_case", "snake_case", "snakecase"),
    ],
)
def test_inline_markers_are_dropped_for_plain_text(text, plain, stripped):
    assert plain_text(text) == plain
    assert strip_inline(text) == stripped
