"""The one placeholder vocabulary that QC and the generators share."""

import pytest

from aicmo_site.writing import placeholders


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Budget TBD, dates tbc.", ["TBD", "tbc"]),
        ("FIXME then TODO, XXX.", ["FIXME", "TODO", "XXX"]),
        ("Lorem  Ipsum and lorem-ipsum.", ["Lorem  Ipsum", "lorem-ipsum"]),
        ("Dear [CLIENT NAME], see [the guide](https://x.example).", ["[CLIENT NAME]"]),
        ("- [ ] Confirm dates", []),
        ("Mastodon todos and XXXL sizes, TBDs aside.", []),
    ],
)
def test_find_returns_each_placeholder_as_written(line, found):
    assert placeholders.find(line) == found


def test_remove_words_takes_every_word_and_the_stock_filler_out():
    text = "Offer TBC: lorem ipsum dolor sit amet free check-up FIXME"

    assert placeholders.remove_words(text) == "Offer :  free check-up "


def test_remove_words_leaves_brackets_to_the_caller():
    assert placeholders.remove_words("[CLIENT] TODO") == "[CLIENT] "
