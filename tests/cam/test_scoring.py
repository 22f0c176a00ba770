from decimal import Decimal

import pytest

from cam import scoring
from cam.dto import LeadGrade

D = Decimal


@pytest.mark.parametrize(
    ("fit", "probability", "grade"),
    [
        ("0.8", "0.7", LeadGrade.A),
        ("0.8", "0.6999", LeadGrade.B),
        ("1", "0.7", LeadGrade.A),
        ("0.7999", "0.9", LeadGrade.B),
        ("0.6", "0", LeadGrade.B),
        ("0.5999", "1", LeadGrade.C),
        ("0.4", "0", LeadGrade.C),
        ("0.3999", "1", LeadGrade.D),
        ("0", "0", LeadGrade.D),
    ],
)
def test_grade_boundaries_are_exact(fit, probability, grade):
    assert scoring.grade_for(fit=D(fit), probability=D(probability)) is grade


@pytest.mark.parametrize(
    ("base", "budget", "timeline", "pain", "expected"),
    [
        ("0.5", False, False, "", "0.5000"),
        ("0.5", True, False, "", "0.7000"),
        ("0.5", False, True, "", "0.6000"),
        ("0.5", False, False, "Slow bookings", "0.6000"),
        ("0.5", False, False, "   ", "0.5000"),
        ("0.2", True, True, "Slow bookings", "0.6000"),
        ("0.7", False, True, "", "0.8000"),
        ("0.6", True, True, "Churn", "1.0000"),
        ("0.9", True, True, "Churn", "1.0000"),
        ("1", True, False, "", "1.0000"),
    ],
)
def test_fit_score_adds_bonuses_and_caps_at_one(base, budget, timeline, pain, expected):
    fit = scoring.fit_score(
        base_score=D(base), budget_known=budget, has_timeline=timeline, pain_points=pain
    )

    assert fit == D(expected)
    assert str(fit) == expected


@pytest.mark.parametrize(
    ("fit", "engagement", "expected"),
    [
        ("1", "0", "0.7000"),
        ("0.8", "0.4667", "0.7000"),  # 0.70001 rounds down to 0.7000
        ("0.8", "0.4663", "0.6999"),  # 0.69989 rounds up to 0.6999
        ("0.0015", "0", "0.0011"),  # 0.00105 rounds half-up, not half-even
        ("1", "1", "1.0000"),
    ],
)
def test_conversion_probability_is_rounded_half_up_to_four_places(
    fit, engagement, expected
):
    probability = scoring.conversion_probability(fit=D(fit), engagement=D(engagement))

    assert str(probability) == expected
