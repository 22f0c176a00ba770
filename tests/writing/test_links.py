"""Which link targets survive into a report: safe_href and the python-markdown rules."""

import markdown
import pytest

from aicmo_site.writing.links import SafeLinks, safe_href
from aicmo_site.writing.markdown import LINK, plain_text
from tests.links import BODY, LINK_TEXTS, SAFE, SAFE_LINKED, UNSAFE, read_links


@pytest.mark.parametrize(
    "url",
    [
        *(target for _text, target in UNSAFE),
        "JAVASCRIPT:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "  javascript:alert(1)",
        "\x00javascript:alert(1)",
        "\x1fjavascript:alert(1)",
        " \x0b\x0c javascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105"
        "&#0000112&#0000116&#0000058alert(1)",
        "&amp;amp;amp;amp;amp;#106;avascript:alert(1)",
        "\\\\evil.example/x",
        "\u200bjavascript:alert(1)",
        "ＨＴＴＰＳ://evil.example/",  # fullwidth letters are not a scheme
        "https://kiln.example/\x07bell",
        "livescript:alert(1)",
        "about:blank",
        "blob:https://kiln.example/1",
        "intent://scan/#Intent;scheme=zxing;end",
        "page.html",
        "?q=1",
        "",
        "   ",
    ],
)
def test_unsafe_targets_are_refused(url):
    assert safe_href(url) is None


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        *((target, linked) for _text, target, linked in SAFE),
        ("https://kiln.example/", "https://kiln.example/"),
        ("  https://kiln.example/  ", "https://kiln.example/"),
        ("ht\ttps://kiln.example/", "https://kiln.example/"),
        ("MailTo:Hello@Kiln.Example", "MailTo:Hello@Kiln.Example"),
        ("#overview", "#overview"),
        ("#", "#"),
        ("#javascript:alert(1)", "#javascript:alert(1)"),  # a fragment runs nothing
        ("https://kiln.example/?q=a&amp;b", "https://kiln.example/?q=a&b"),
        ("https://kiln.example/caf\u00e9", "https://kiln.example/caf\u00e9"),
    ],
)
def test_http_mailto_and_anchors_survive_decoded(url, linked):
    assert safe_href(url) == linked


def _render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", SafeLinks()])


def _whole(page: str):
    return read_links(f"<div>{page}</div>", lambda tag, _attributes: tag == "div")


def test_python_markdown_keeps_exactly_the_safe_links_and_every_link_text():
    reader = _whole(_render(BODY))

    assert [href for href, _text in reader.links] == [
        *SAFE_LINKED,
        "#contents",
        "#overview",
        "#nowhere",
    ]
    assert reader.images == 0
    text = "".join(reader.text)
    for label in LINK_TEXTS:
        assert f" {label} here." in text


def test_a_dropped_link_keeps_its_emphasis_and_its_place():
    page = _render(
        "Before [**bold** and *it*](javascript:x) after, "
        "[ok](https://kiln.example/) end."
    )

    assert page == (
        "<p>Before <strong>bold</strong> and <em>it</em> after, "
        '<a href="https://kiln.example/">ok</a> end.</p>'
    )


def test_an_image_becomes_its_alt_text_inside_a_kept_or_dropped_link():
    page = _render(
        "[![logo](https://kiln.example/l.png)](https://kiln.example/) and "
        "[![mark](https://kiln.example/m.png) tail](javascript:x)."
    )

    assert page == '<p><a href="https://kiln.example/">logo</a> and mark tail.</p>'


def test_reference_links_and_autolinks_follow_the_same_rules():
    page = _render(
        "[one][a] [two][b] <ftp://files.example/x> <https://kiln.example/>\n\n"
        "[a]: javascript:alert(1)\n[b]: https://kiln.example/b\n"
    )

    assert _whole(page).links == [
        ("https://kiln.example/b", "two"),
        ("https://kiln.example/", "https://kiln.example/"),
    ]
    assert "one" in page
    assert "ftp://files.example/x" in page


def test_the_markdown_reader_takes_a_target_with_parentheses_whole():
    text = (
        "See [Mocha](https://en.wikipedia.org/wiki/Mocha_(coffee)) "
        "[x](javascript:f(1))."
    )

    assert plain_text(text) == "See Mocha x."
    assert [match.group(2) for match in LINK.finditer(text)] == [
        "https://en.wikipedia.org/wiki/Mocha_(coffee)",
        "javascript:f(1)",
    ]


def test_a_reference_split_by_a_tab_is_decoded_before_the_check():
    assert safe_href("&#1\t06;avascript:alert(1)") is None
    assert safe_href("https://kiln.example/&#1\t06;") == "https://kiln.example/j"
