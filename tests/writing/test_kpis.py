"""KPI checkpoints fit the campaign: day 30, a later review, and the last day."""

from decimal import Decimal

import pytest

from aicmo_site.writing.kpis import checkpoint_days, kpi_path


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
