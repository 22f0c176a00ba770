"""List fields of a brief must be JSON lists; CSV cells keep their ``;`` convention."""

import pytest

from onboarding import intake
from orchestration.resources import brief_from_row
from tests.onboarding.conftest import PACKS
from tests.onboarding.intake_cases import (
    LIST_FIELDS,
    OPTIONAL_LISTS,
    REQUIRED_LISTS,
    WRONG_TYPES,
)


def _validate(raw_brief: dict, **fields) -> intake.IntakeResult:
    return intake.validate_intake(raw_brief | fields, known_packs=PACKS)


@pytest.mark.parametrize("field", LIST_FIELDS)
@pytest.mark.parametrize(("value", "kind"), WRONG_TYPES)
def test_a_list_field_of_another_type_is_named_and_refused(
    field, value, kind, raw_brief
):
    result = _validate(raw_brief, **{field: value})

    assert result.errors == {field: [f"Expected a list, not {kind}."]}


@pytest.mark.parametrize(
    ("alias", "field"),
    [
        ("pains", "pain_points"),
        ("problems", "pain_points"),
        ("outcomes", "desired_outcomes"),
        ("goals", "desired_outcomes"),
        ("platforms", "channels"),
        ("avoid_words", "banned_words"),
        ("forbidden_words", "banned_words"),
        ("usps", "differentiators"),
    ],
)
def test_a_string_under_an_alias_is_named_by_its_field(alias, field, raw_brief):
    raw_brief.pop(field, None)

    result = _validate(raw_brief, **{alias: "one; two"})

    assert result.errors == {field: ["Expected a list, not a string."]}


def test_every_list_field_of_a_wrong_type_is_named_in_one_pass(raw_brief):
    result = _validate(raw_brief, **dict.fromkeys(LIST_FIELDS, "one; two"))

    assert set(result.errors) == set(LIST_FIELDS)


@pytest.mark.parametrize("field", REQUIRED_LISTS)
def test_null_for_a_required_list_is_a_missing_field(field, raw_brief):
    result = _validate(raw_brief, **{field: None})

    assert result.errors == {field: ["This field is required: give at least one item."]}


@pytest.mark.parametrize("field", OPTIONAL_LISTS)
def test_null_for_an_optional_list_is_not_given(field, raw_brief):
    result = _validate(raw_brief, **{field: None})

    assert result.errors == {}
    if field == "channels":
        assert result.data["channels"] == ["LinkedIn", "Email", "Instagram"]
    else:
        assert result.data[field] == []


@pytest.mark.parametrize("field", LIST_FIELDS)
def test_an_item_that_is_not_a_string_is_named_by_its_index(field, raw_brief):
    result = _validate(raw_brief, **{field: ["Instagram", 7]})

    assert result.errors == {f"{field}[1]": ["Must be a non-empty string."]}


def test_csv_cells_are_split_on_semicolons_into_lists(raw_brief):
    row = {
        "client_name": "Kiln & Crumb",
        "client_website": "kilnandcrumb.example",
        "client_industry": "Bakery",
        "client_geography": "Leeds, UK",
        "primary_offer": "Sourdough subscription",
        "objective": "Sales",
        "target_audience": "Households in Leeds",
        "pain_points": "No time to queue; Supermarket bread goes stale",
        "desired_outcomes": "Fresh bread every week\nSupport local makers",
        "channels": "linked-in; IG ; E_Mail",
        "banned_words": "cheap",
        "competitors": "Greggs",
        "differentiators": "48-hour fermentation",
    }

    data = brief_from_row(row)
    result = intake.validate_intake(data, known_packs=PACKS)

    assert {name: data[name] for name in LIST_FIELDS} == {
        "pain_points": ["No time to queue", "Supermarket bread goes stale"],
        "desired_outcomes": ["Fresh bread every week", "Support local makers"],
        "channels": ["linked-in", "IG", "E_Mail"],
        "banned_words": ["cheap"],
        "competitors": ["Greggs"],
        "differentiators": ["48-hour fermentation"],
    }
    assert result.errors == {}
    assert result.data["channels"] == ["LinkedIn", "Instagram", "Email"]
