"""The selling specifics of a brief, found exactly as the client wrote them (issue 12).

The director found "first bag 50% off", "£28 per session", "PN 160" and "no
appointment needed" in no post. These tests pin what ``specifics`` finds in the
briefs that showed it, and what it must not take for a specific.
"""

import pytest

from aicmo_site.writing import specifics

COFFEE = (
    "Roaster's Choice Subscription: first bag 50% off, then £9.50 per bag, cancel "
    "anytime"
)
TUTORING = (
    "Free 45-minute GCSE diagnostic assessment plus a personalised study plan; "
    "sessions £28 per session"
)
VALVES = (
    "PN 160 rated forged ball valves (DN 15-300), ISO 9001 certified, built to DIN "
    "and ANSI standards, for distributors with protected territories and 30% trade "
    "margin"
)
FLU = "Free flu jab at any city pharmacy, no appointment needed"


def found(phrase: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in specifics.specifics(phrase)]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (
            COFFEE,
            ("Roaster's Choice Subscription", "first bag 50% off", "then £9.50 per bag")
            + ("cancel anytime",),
        ),
        (FLU, ("Free flu jab at any city pharmacy", "no appointment needed")),
        (
            VALVES,
            (
                "PN 160 rated forged ball valves",
                "DN 15-300, ISO 9001 certified, built to DIN and ANSI standards",
                "for distributors with protected territories and 30% trade margin",
            ),
        ),
        # A list stays one clause: its commas sit inside "Pause, skip or cancel".
        (
            "Pause, skip or cancel in two clicks",
            ("Pause, skip or cancel in two clicks",),
        ),
    ],
)
def test_clauses_split_at_colons_commas_and_brackets_but_keep_lists_whole(
    phrase, expected
):
    assert specifics.clauses(phrase) == expected


def test_parts_also_split_where_plus_joins_two_things():
    assert specifics.parts(TUTORING) == (
        "Free 45-minute GCSE diagnostic assessment",
        "a personalised study plan",
        "sessions £28 per session",
    )


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (
            COFFEE,
            [
                ("percent", "50% off"),
                ("price", "£9.50 per bag"),
                ("term", "cancel anytime"),
            ],
        ),
        (
            TUTORING,
            [
                ("term", "Free"),
                ("duration", "45-minute"),
                ("price", "£28 per session"),
            ],
        ),
        (
            VALVES,
            [
                ("standard", "PN 160"),
                ("standard", "DN 15-300"),
                ("standard", "ISO 9001"),
                ("standard", "DIN and ANSI standards"),
                ("term", "protected territories"),
                ("percent", "30% trade margin"),
            ],
        ),
        (FLU, [("term", "Free"), ("term", "no appointment needed")]),
        (
            "Classes from 6am to 8pm with free rebooking",
            [("time", "6am to 8pm"), ("term", "free rebooking")],
        ),
        ("Letterbox-friendly 250 g bags", [("quantity", "250 g")]),
        (
            "No appointment needed at 48 city pharmacies",
            [("term", "No appointment needed"), ("quantity", "48 city pharmacies")],
        ),
        ("Six-week lead time on standard sizes", [("duration", "Six-week lead time")]),
        (
            "Roasted to order in Bristol and posted within 48 hours",
            [
                ("duration", "within 48 hours"),
            ],
        ),
        ("EUR 250,000 in first stocking orders", [("price", "EUR 250,000")]),
    ],
)
def test_specifics_are_found_whole_and_exactly_as_written(phrase, expected):
    assert found(phrase) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        # Names, grades and ages are not selling specifics.
        "Parents of Year 10 and Year 11 students in Leeds",
        "Qualified teachers who mark real past papers",
        "GCSE tutoring",
        "Sedation options for anxious patients",
    ],
)
def test_plain_phrases_hold_no_specific(phrase):
    assert found(phrase) == []


def test_each_specific_keeps_its_clause_and_where_it_came_from():
    result = specifics.offer_specifics(
        FLU,
        (
            "No appointment needed at 48 city pharmacies",
            "Nasal spray for children, not an injection",
        ),
    )

    assert [(s.text, s.source, s.index, s.clause) for s in result] == [
        ("Free", "offer", 0, "Free flu jab at any city pharmacy"),
        ("no appointment needed", "offer", 0, "no appointment needed"),
        (
            "48 city pharmacies",
            "differentiator",
            0,
            "No appointment needed at 48 city pharmacies",
        ),
    ]


def test_a_linked_clause_sells_without_its_linking_word():
    [price] = [s for s in specifics.specifics(COFFEE) if s.kind == "price"]

    assert price.clause == "then £9.50 per bag"
    assert price.selling_line == "£9.50 per bag"


def test_selling_leaves_out_a_lone_free_and_puts_the_offer_first():
    result = specifics.selling(
        specifics.offer_specifics(TUTORING, ("A report every four weeks",))
    )

    assert [s.text for s in result] == [
        "£28 per session",
        "45-minute",
        "every four weeks",
    ]


@pytest.mark.parametrize(
    ("offer", "named"),
    [(COFFEE, True), (TUTORING, False), (VALVES, False), ("Plan: A; B", True)],
)
def test_a_product_name_before_a_colon_is_recognised(offer, named):
    assert bool(specifics.PRODUCT_NAME.match(offer)) is named


def test_a_part_opening_with_for_says_who_it_is_made_for():
    assert specifics.parts(VALVES) == (
        "PN 160 rated forged ball valves",
        "DN 15-300, ISO 9001 certified, built to DIN and ANSI standards",
        "made for distributors with protected territories and 30% trade margin",
    )


def test_a_part_opening_with_to_joins_the_part_before_it():
    assert specifics.standalone(
        ["Free check-up", "to keep teeth healthy", "for new patients"]
    ) == ("Free check-up, to keep teeth healthy", "made for new patients")
    # The first part is the client's own opening, left as written.
    assert specifics.standalone(["For new patients", "free check-up"]) == (
        "For new patients",
        "free check-up",
    )


def test_specifics_of_a_rephrased_part_keep_their_order_in_the_offer():
    assert [s.text for s in specifics.specifics(VALVES)] == [
        "PN 160",
        "DN 15-300",
        "ISO 9001",
        "DIN and ANSI standards",
        "protected territories",
        "30% trade margin",
    ]
