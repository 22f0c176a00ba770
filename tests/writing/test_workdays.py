"""Working days: where a brief's geography puts the client, and which days are off."""

import datetime as dt

import pytest

from aicmo_site.writing.workdays import (
    Place,
    WorkCalendar,
    calendar_for,
    day_off,
    is_working_day,
    working_day_in_week,
    working_day_on_or_after,
    working_day_on_or_before,
    working_days_before,
)

LEEDS = calendar_for("Leeds, United Kingdom")
AUSTIN = calendar_for("Austin, Texas")
NOWHERE = calendar_for("Europe")


@pytest.mark.parametrize(
    ("geography", "places"),
    [
        # The examples' geographies.
        ("Austin, Texas", (Place("US", "TX"),)),
        ("Leeds, United Kingdom", (Place("GB", "ENG"),)),
        ("Northbridge, United Kingdom", (Place("GB", "ENG"),)),
        ("United Kingdom", (Place("GB", "ENG"),)),
        ("Lisbon, Portugal", (Place("PT"),)),
        ("Rotterdam, Netherlands", (Place("NL"),)),
        ("Denver, Colorado", (Place("US", "CO"),)),
        ("Melbourne, Australia", (Place("AU"),)),
        ("Europe", ()),
        # Aliases, codes, nations and states.
        ("Leeds, UK", (Place("GB", "ENG"),)),
        ("Edinburgh, Scotland, U.K.", (Place("GB", "SCT"),)),
        ("Cardiff, Wales", (Place("GB", "WLS"),)),
        ("Belfast, Northern Ireland", (Place("GB", "NIR"),)),
        ("Dublin, Ireland", (Place("IE"),)),
        ("Austin, TX", (Place("US", "TX"),)),
        ("Washington, DC", (Place("US", "DC"),)),
        ("Kansas City, MO", (Place("US", "MO"),)),
        ("Newark, New Jersey", (Place("US", "NJ"),)),
        ("St Helier, Jersey", (Place("JE"),)),
        ("Atlanta, Georgia, USA", (Place("US", "GA"),)),
        ("Sydney, New South Wales, Australia", (Place("AU", "NSW"),)),
        # The library knows Brazil's states, so the city's state counts too.
        ("São Paulo, Brazil", (Place("BR", "SP"),)),
        ("UK and Ireland", (Place("GB", "ENG"), Place("IE"))),
        ("Texas and Oklahoma", (Place("US", "TX"), Place("US", "OK"))),
        ("North America", ()),
        ("", ()),
    ],
)
def test_the_geography_names_the_country_and_region_whose_holidays_count(
    geography, places
):
    assert calendar_for(geography) == WorkCalendar(places)


def test_weekends_and_public_holidays_are_days_off_by_name():
    assert day_off(dt.date(2027, 9, 4), LEEDS) == "Saturday"
    assert day_off(dt.date(2027, 9, 5), LEEDS) == "Sunday"
    assert day_off(dt.date(2027, 1, 1), LEEDS) == "New Year's Day"
    assert day_off(dt.date(2027, 8, 30), LEEDS) == "Late Summer Bank Holiday"
    assert day_off(dt.date(2027, 9, 6), LEEDS) is None
    assert is_working_day(dt.date(2027, 9, 3), LEEDS)


def test_the_holidays_are_the_clients_country_and_region():
    labor_day = dt.date(2027, 9, 6)
    st_andrews_day = dt.date(2027, 11, 30)

    assert day_off(labor_day, AUSTIN) == "Labor Day"
    assert day_off(labor_day, LEEDS) is None
    assert day_off(st_andrews_day, calendar_for("Glasgow, Scotland")) == (
        "Saint Andrew's Day"
    )
    assert day_off(st_andrews_day, LEEDS) is None


def test_holiday_names_are_in_english_where_the_library_has_them():
    assert day_off(dt.date(2027, 6, 10), calendar_for("Lisbon, Portugal")) == (
        "Day of Portugal, Camões, and the Portuguese Communities"
    )


def test_a_country_with_another_weekend_keeps_its_own():
    tel_aviv = calendar_for("Tel Aviv, Israel")

    assert day_off(dt.date(2027, 1, 8), tel_aviv) == "Friday"
    assert day_off(dt.date(2027, 1, 10), tel_aviv) is None


def test_an_unknown_geography_has_weekends_off_and_no_holidays():
    assert not NOWHERE.known
    assert NOWHERE.label == "no country recognised; weekends only"
    assert day_off(dt.date(2027, 1, 1), NOWHERE) is None
    assert day_off(dt.date(2027, 1, 2), NOWHERE) == "Saturday"


def test_a_deadline_moves_to_the_working_day_before_or_after():
    assert working_day_on_or_before(dt.date(2027, 9, 5), LEEDS) == dt.date(2027, 9, 3)
    assert working_day_on_or_before(dt.date(2027, 9, 3), LEEDS) == dt.date(2027, 9, 3)
    # Christmas Day is a Saturday in 2027: Monday and Tuesday are the days in lieu.
    assert working_day_on_or_after(dt.date(2027, 12, 25), LEEDS) == dt.date(
        2027, 12, 29
    )


def test_working_days_before_a_launch_skip_weekends_and_holidays():
    monday = dt.date(2027, 9, 6)
    after_new_year = dt.date(2027, 1, 4)

    assert [working_days_before(monday, n, LEEDS) for n in (1, 2, 3)] == [
        dt.date(2027, 9, 3),
        dt.date(2027, 9, 2),
        dt.date(2027, 9, 1),
    ]
    # Friday 1 January and Monday 28 December (Boxing Day in lieu) are off.
    assert [working_days_before(after_new_year, n, LEEDS) for n in (1, 2, 3)] == [
        dt.date(2026, 12, 31),
        dt.date(2026, 12, 30),
        dt.date(2026, 12, 29),
    ]


def test_a_weeks_first_working_day():
    assert working_day_in_week(dt.date(2027, 3, 29), LEEDS) == dt.date(2027, 3, 30)
    assert working_day_in_week(dt.date(2027, 9, 4), AUSTIN) == dt.date(2027, 9, 7)
    assert working_day_in_week(dt.date(2027, 9, 7), AUSTIN) == dt.date(2027, 9, 7)
