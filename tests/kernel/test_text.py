"""The one character check of every input boundary (aicmo_site.kernel.text)."""

import json

import pytest

from aicmo_site.kernel import text

REFUSED = [
    ("\x00", "a control character (U+0000)"),
    ("\x07", "a control character (U+0007)"),
    ("\x0b", "a control character (U+000B)"),
    ("\x1b", "a control character (U+001B)"),
    ("\x7f", "a control character (U+007F)"),
    ("\x85", "a control character (U+0085)"),
    ("\x9f", "a control character (U+009F)"),
    ("\ud800", "a lone surrogate (U+D800)"),
    ("\udfff", "a lone surrogate (U+DFFF)"),
    ("\ufffe", "a noncharacter (U+FFFE)"),
    ("\uffff", "a noncharacter (U+FFFF)"),
]
ALLOWED = [
    "tab\there",
    "two\nlines",
    "windows\r\nline",
    "café, Zürich, 東京",
    "family \U0001f468\u200d\U0001f469\u200d\U0001f467",  # zero-width joiners
    "\u200fשלום",  # a right-to-left mark
    "\u2028 line separator",
    "\ue000 private use",
    "\u00a0no-break space",
]


@pytest.mark.parametrize(("char", "named"), REFUSED)
def test_a_forbidden_character_is_named_with_its_position(char, named):
    problem = text.text_problem(f"ab{char}c")

    assert problem == (
        f"Contains {named} at position 2; control characters (other than tab and "
        "line breaks) and lone surrogates are not allowed."
    )


@pytest.mark.parametrize("value", ALLOWED)
def test_real_text_is_allowed(value):
    assert text.text_problem(value) is None


def test_printable_escapes_only_forbidden_characters():
    assert text.printable("café\x00\ud800") == "café\\u0000\\ud800"
    assert text.strip_forbidden("café\x00\ud800") == "café"


def test_data_problems_name_every_bad_value_and_key_by_path():
    data = json.loads(
        '{"tone": "\\ud800", "client": {"name": "a\\u0000b", "ok": "fine"},'
        ' "pain_points": ["fine", "\\u001b[31m"], "\\udc00": 1,'
        ' "budget": {"amount": 1e999}, "weeks": 100000000000000000000}'
    )

    problems = text.data_problems(data)

    assert sorted(problems) == [
        "\\udc00",
        "budget.amount",
        "client.name",
        "pain_points[1]",
        "tone",
        "weeks",
    ]
    assert problems["tone"][0].startswith("Contains a lone surrogate (U+D800)")
    assert problems["client.name"][0].startswith(
        "Contains a control character (U+0000)"
    )
    assert problems["\\udc00"][0].startswith(
        "The field name contains a lone surrogate (U+DC00)"
    )
    assert problems["budget.amount"] == ["Must be a finite number."]
    assert problems["weeks"] == [
        "Must be a whole number from -9007199254740991 to 9007199254740991."
    ]


def test_data_problems_refuse_deep_nesting_without_recursing():
    deep: list = []
    for _ in range(100_000):  # far past the interpreter's recursion limit
        deep = [deep]

    problems = text.data_problems({"x": deep})

    path = "x" + "[0]" * (text.MAX_DEPTH - 1)
    assert problems == {path: ["Nested too deeply: at most 20 levels."]}


def test_data_problems_stop_after_naming_the_first_fifty():
    problems = text.data_problems(["\x00"] * 10_000)

    assert len(problems) == text.MAX_PROBLEMS + 1
    assert problems[text.ROOT] == [
        "More fields have problems; only the first 50 are named."
    ]
    assert "[0]" in problems
    assert "[49]" in problems


def test_clean_data_has_no_problems():
    data = {"a": [1, 2.5, True, None, "text\n"], "b": {"c": -(2**53 - 1)}}

    assert text.data_problems(data) == {}
