"""KPI checkpoints fit the campaign: day 30, a later review, and the last day."""

import datetime as dt
from decimal import Decimal

import pytest

from aicmo_site.writing import text
from aicmo_site.writing.kpis import (
    Span,
    checkpoint_days,
    horizon_days,
    kpi_family,
    kpi_path,
    number_value,
    timeframe_span,
)


@pytest.mark.parametrize(
    ("weeks", "days"),
    [
        (1, (2, 5, 7)),
        (2, (5, 9, 14)),
        (3, (7, 14, 21)),
        (4, (7, 21, 28)),
        (5, (14, 21, 35)),
        (6, (30, 35, 42)),
        (8, (30, 42, 56)),
        (9, (30, 49, 63)),
        (10, (30, 60, 70)),
        (12, (30, 60, 84)),
        (13, (30, 60, 91)),
        (16, (30, 60, 112)),
        (26, (30, 90, 182)),
        (52, (30, 180, 364)),
        (104, (30, 360, 728)),
    ],
)
def test_checkpoints_end_on_the_campaigns_last_day(weeks, days):
    assert checkpoint_days(weeks) == days


def test_a_ten_week_campaigns_leads_are_checked_on_day_30_60_and_70():
    # The tutoring brief: 49 leads over 70 days, no "day 90" past the end.
    path = kpi_path(
        name="Qualified enquiries", target=Decimal(49), unit="leads", weeks=10
    )

    assert (path.baseline, *path.checkpoints) == (0, 21, 42, 49)


def test_a_rate_closes_its_gap_by_the_campaigns_end_not_by_day_90():
    # 16 weeks: 70% of 5% is 3.5%; 30/112 and 60/112 of the gap, then the target.
    path = kpi_path(name="Engagement rate", target=Decimal(5), unit="%", weeks=16)

    assert (path.baseline, *path.checkpoints) == (
        Decimal("3.5"),
        Decimal("3.9"),
        Decimal("4.3"),
        Decimal(5),
    )


@pytest.mark.parametrize(
    ("timeframe", "span"),
    [
        ("per month", Span(period=30)),
        ("per month by the end of week 12", Span(period=30)),
        ("within three months", Span(window=91)),
        ("within 12 months", Span(window=365)),
        ("in 10 weeks", Span(window=70)),
        ("this quarter", Span(window=91)),
        ("by 31 January", Span(window=120)),
        ("by the end of week 12", Span(window=84)),
        ("this winter", Span()),
        ("campaign average", Span()),
    ],
)
def test_a_timeframe_reads_as_a_window_or_a_period_from_the_start(timeframe, span):
    # The flu campaign starts on 4 October 2027: 31 January is day 120.
    assert timeframe_span(timeframe, dt.date(2027, 10, 4)) == span


@pytest.mark.parametrize(
    ("timeframe", "due"),
    [
        ("within 12 months", 365),
        ("in 6 weeks", 42),
        # A quarter is the 12-week campaign itself, give or take two weeks.
        ("this quarter", None),
        ("by the end of week 12", None),
        ("per month", None),
    ],
)
def test_a_goal_is_due_on_the_campaigns_last_day_unless_its_window_differs(
    timeframe, due
):
    assert horizon_days(timeframe, dt.date(2027, 3, 1), 12) == due


def test_a_goal_due_after_the_campaign_is_part_way_there_at_its_end():
    path = kpi_path(
        name="Signed distributors",
        target=Decimal(12),
        unit="distributors",
        weeks=16,
        horizon_days=365,
    )

    assert (path.baseline, *path.checkpoints) == (0, 1, 2, 4)


def test_a_clients_baseline_replaces_the_estimate_and_counts_per_role_stay_whole():
    retention = kpi_path(
        name="Six-month retention",
        target=Decimal(70),
        unit="%",
        weeks=16,
        baseline=Decimal(58),
    )
    applicants = kpi_path(
        name="Qualified applicants per open role",
        target=Decimal(25),
        unit="qualified applicants",
        weeks=8,
    )

    assert (retention.baseline, retention.day_90) == (58, 70)
    assert (applicants.baseline, *applicants.checkpoints) == (18, 22, 23, 25)


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("Subscribers", "Conversion"),
        ("New email subscribers", "Engagement"),
        ("Subscribers still active after three bags", "Retention"),
        ("Increase in repeat orders", "Retention"),
        ("Pharmacy jabs given", "Conversion"),
        ("Time-to-hire", "Conversion"),
        ("Email list of home brewers", "Engagement"),
        ("Sign-ups from referral links", "Conversion"),
        ("Referrals from existing customers", "Retention"),
        ("Unique reach in Lisbon", "Awareness"),
    ],
)
def test_a_kpi_name_places_it_in_its_funnel_family(name, family):
    assert kpi_family(name) == family


def test_words_and_figures_read_as_numbers():
    assert number_value("1,500") == Decimal(1500)
    assert number_value("Eight") == Decimal(8)
    assert number_value("many") is None


# --- one noun in the singular ---------------------------------------------------


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("countries", "country"),
        ("European countries", "European country"),
        ("companies", "company"),
        ("boxes", "box"),
        ("classes", "class"),
        ("branches", "branch"),
        ("businesses", "business"),
        ("courses", "course"),
        ("signed distributors", "signed distributor"),
        ("people", "person"),
        ("movies", "movie"),
        ("Countries", "Country"),
        # Unchanged: the same in both numbers, or already singular.
        ("series", "series"),
        ("news", "news"),
        ("analysis", "analysis"),
        ("status", "status"),
        ("weeks ahead", "weeks ahead"),
        ("", ""),
    ],
)
def test_singular_turns_the_last_word_of_a_plural_into_its_singular(plural, single):
    assert text.singular(plural) == single
