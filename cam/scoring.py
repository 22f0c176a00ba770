"""Lead scoring: fit score, conversion probability and grade, in exact decimals.

Rules (the product contract):

* fit = min(1, base_score + 0.2 if the budget is known + 0.1 if there is a timeline
  + 0.1 if pain points are stated);
* conversion probability = 0.7 x fit + 0.3 x engagement;
* grade A when fit >= 0.8 and probability >= 0.7, B when fit >= 0.6, C when
  fit >= 0.4, otherwise D.

Every value is a ``Decimal`` rounded half-up to four places, so a boundary such as a fit
of exactly 0.6 is never lost to binary floating point.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from cam.dto import LeadGrade

PLACES = Decimal("0.0001")
ZERO = Decimal("0")
ONE = Decimal("1")

BUDGET_BONUS = Decimal("0.2")
TIMELINE_BONUS = Decimal("0.1")
PAIN_POINTS_BONUS = Decimal("0.1")
FIT_WEIGHT = Decimal("0.7")
ENGAGEMENT_WEIGHT = Decimal("0.3")

GRADE_A_FIT = Decimal("0.8")
GRADE_A_PROBABILITY = Decimal("0.7")
GRADE_B_FIT = Decimal("0.6")
GRADE_C_FIT = Decimal("0.4")


@dataclass(frozen=True, slots=True, kw_only=True)
class LeadScore:
    """The derived scores of one lead."""

    fit_score: Decimal
    conversion_probability: Decimal
    grade: LeadGrade


def quantize(value: Decimal) -> Decimal:
    """Round ``value`` half-up to the four places that scores are stored with."""
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


def fit_score(
    *, base_score: Decimal, budget_known: bool, has_timeline: bool, pain_points: str
) -> Decimal:
    """Return the fit score, capped at 1."""
    fit = base_score
    if budget_known:
        fit += BUDGET_BONUS
    if has_timeline:
        fit += TIMELINE_BONUS
    if pain_points.strip():
        fit += PAIN_POINTS_BONUS
    return quantize(min(ONE, fit))


def conversion_probability(*, fit: Decimal, engagement: Decimal) -> Decimal:
    """Return the conversion probability from fit and engagement."""
    return quantize(FIT_WEIGHT * fit + ENGAGEMENT_WEIGHT * engagement)


def grade_for(*, fit: Decimal, probability: Decimal) -> LeadGrade:
    """Return the grade for a fit score and a conversion probability."""
    if fit >= GRADE_A_FIT and probability >= GRADE_A_PROBABILITY:
        return LeadGrade.A
    if fit >= GRADE_B_FIT:
        return LeadGrade.B
    if fit >= GRADE_C_FIT:
        return LeadGrade.C
    return LeadGrade.D


def score_lead(
    *,
    base_score: Decimal,
    budget_known: bool,
    has_timeline: bool,
    pain_points: str,
    engagement: Decimal,
) -> LeadScore:
    """Score a lead from its inputs."""
    fit = fit_score(
        base_score=base_score,
        budget_known=budget_known,
        has_timeline=has_timeline,
        pain_points=pain_points,
    )
    probability = conversion_probability(fit=fit, engagement=engagement)
    return LeadScore(
        fit_score=fit,
        conversion_probability=probability,
        grade=grade_for(fit=fit, probability=probability),
    )
