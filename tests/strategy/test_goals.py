"""The client's numeric desired outcomes, read as goals and made the plan's targets."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from qc.plan_rules import goal_numbers
from strategy.generation.base import finalize
from strategy.generation.goals import Comparator, Goal, GoalKind, parse_goals
from strategy.generation.template import TemplateStrategyGenerator
from tests.briefs import BAKERY, make_brief

COUNT, MONEY, PERCENT = GoalKind.COUNT, GoalKind.MONEY, GoalKind.PERCENT
CHANGE, MULTIPLE, DURATION = GoalKind.CHANGE, GoalKind.MULTIPLE, GoalKind.DURATION
AT_LEAST, ABOVE, UNDER, AT_MOST = (
    Comparator.AT_LEAST,
    Comparator.ABOVE,
    Comparator.UNDER,
    Comparator.AT_MOST,
)
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BRIEFS = tuple(
    sorted(p for p in EXAMPLES.glob("*.json") if p.name != "invalid_brief.json")
)


def G(name, kind, quantity, unit, comparator, timeframe="", baseline=None, **more):
    """A goal as the parser should read it (the source is filled in by the test)."""
    return dict(
        name=name,
        kind=kind,
        quantity=Decimal(quantity),
        unit=unit,
        comparator=comparator,
        timeframe=timeframe,
        baseline=Decimal(baseline) if baseline is not None else None,
        rising=more.get("rising", True),
    )


def parsed(outcome: str, currency: str) -> list[dict]:
    return [
        dict(
            name=g.name,
            kind=g.kind,
            quantity=g.quantity,
            unit=g.unit,
            comparator=g.comparator,
            timeframe=g.timeframe,
            baseline=g.baseline,
            rising=g.rising,
        )
        for g in parse_goals(outcome, currency)
    ]


# Every desired outcome of the ten example briefs (examples/*.json), with its
# brief's currency and the exact goals it holds.
BRIEF_OUTCOMES = [
    # brightpath_gcse_tutoring.json
    ("150 diagnostic assessments booked in 10 weeks", "GBP", [
        G("Diagnostic assessments booked", COUNT, "150", "diagnostic assessments",
          AT_LEAST, timeframe="in 10 weeks"),
    ]),
    ("45 families signed up to weekly sessions", "GBP", [
        G("Families signed up to weekly sessions", COUNT, "45", "families", AT_LEAST),
    ]),
    ("Cost per booked assessment under £20", "GBP", [
        G("Cost per booked assessment", MONEY, "20", "GBP", UNDER),
    ]),
    # brightsmile_dental.json
    ("60 booked new-patient consultations per month", "USD", [
        G("Booked new-patient consultations", COUNT, "60", "consultations", AT_LEAST,
          timeframe="per month"),
    ]),
    ("Lower cost per booked appointment", "USD", []),
    ("A trusted local brand for anxious patients", "USD", []),
    # city_flu_vaccination.json
    ("75% flu vaccine uptake among over-65s by 31 January", "GBP", [
        G("Flu vaccine uptake among over-65s", PERCENT, "75", "%", AT_LEAST,
          timeframe="by 31 January"),
    ]),
    ("50% uptake among children aged 2-3", "GBP", [
        G("Uptake among children aged 2-3", PERCENT, "50", "%", AT_LEAST),
    ]),
    ("20,000 pharmacy jabs given this winter", "GBP", [
        G("Pharmacy jabs given", COUNT, "20000", "pharmacy jabs", AT_LEAST,
          timeframe="this winter"),
    ]),
    # harvest_table_restaurant.json
    ("Double Instagram reach in Lisbon within three months", "EUR", [
        G("Instagram reach in Lisbon", MULTIPLE, "2", "x", AT_LEAST,
          timeframe="within three months"),
    ]),
    ("Be named in two local food guides", "EUR", [
        G("Named in local food guides", COUNT, "2", "guides", AT_LEAST),
    ]),
    ("Weekend tables fully booked two weeks ahead", "EUR", [
        G("Weekend tables fully booked", DURATION, "2", "weeks ahead", AT_LEAST),
    ]),
    # ledgerly_saas_sales.json
    ("120 new paying workspaces this quarter", "GBP", [
        G("New paying workspaces", COUNT, "120", "workspaces", AT_LEAST,
          timeframe="this quarter"),
    ]),
    ("Trial-to-paid conversion above 25%", "GBP", [
        G("Trial-to-paid conversion", PERCENT, "25", "%", ABOVE),
    ]),
    ("Shorter sales cycle for agency accounts", "GBP", []),
    # northwind_logistics_hiring.json
    ("25 qualified applicants per open role", "EUR", [
        G("Qualified applicants per open role", COUNT, "25", "qualified applicants",
          AT_LEAST),
    ]),
    ("Time-to-hire under 21 days", "EUR", [
        G("Time-to-hire", DURATION, "21", "days", UNDER),
    ]),
    ("Employer brand known for fair rosters", "EUR", []),
    # open_shelter_nonprofit.json
    ("Eight new corporate partners this year", "USD", [
        G("New corporate partners", COUNT, "8", "partners", AT_LEAST,
          timeframe="this year"),
    ]),
    ("300 employee volunteer hours per quarter", "USD", [
        G("Employee volunteer hours", COUNT, "300", "hours", AT_LEAST,
          timeframe="per quarter"),
    ]),
    ("A shared impact report for each partner", "USD", []),
    # peakform_fitness_retention.json
    ("Six-month retention from 58% to 70%", "AUD", [
        G("Six-month retention", PERCENT, "70", "%", AT_LEAST, baseline="58"),
    ]),
    ("Average of 2.5 classes per member per week", "AUD", [
        G("Average classes per member per week", COUNT, "2.5", "classes", AT_LEAST),
    ]),
    ("More member referrals", "AUD", []),
    # roasters_choice_coffee.json
    ("400 subscribers at under £35 cost per acquisition", "GBP", [
        G("Subscribers", COUNT, "400", "subscribers", AT_LEAST),
        G("Cost per acquisition", MONEY, "35", "GBP", UNDER),
    ]),
    ("70% of subscribers still active after three bags", "GBP", [
        G("Subscribers still active after three bags", PERCENT, "70", "%", AT_LEAST),
    ]),
    ("Email list of 3,000 home brewers", "GBP", [
        G("Email list of home brewers", COUNT, "3000", "home brewers", AT_LEAST),
    ]),
    # hartmann_valves_distributors.json
    ("12 signed distributors in 6 European countries within 12 months", "EUR", [
        G("Signed distributors", COUNT, "12", "signed distributors", AT_LEAST,
          timeframe="within 12 months"),
        G("European countries with signed distributors", COUNT, "6",
          "European countries", AT_LEAST, timeframe="within 12 months"),
    ]),
    ("40 qualified distributor meetings this campaign", "EUR", [
        G("Qualified distributor meetings", COUNT, "40", "meetings", AT_LEAST,
          timeframe="this campaign"),
    ]),
    ("First stocking orders worth EUR 250,000", "EUR", [
        G("First stocking orders", MONEY, "250000", "EUR", AT_LEAST),
    ]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("outcome", "currency", "expected"),
    BRIEF_OUTCOMES,
    ids=[outcome[:40] for outcome, _, _ in BRIEF_OUTCOMES],
)
def test_each_brief_outcome_parses_into_its_exact_goals(outcome, currency, expected):
    assert parsed(outcome, currency) == expected


def test_the_table_holds_every_outcome_of_the_ten_briefs():
    listed = {(outcome, currency) for outcome, currency, _ in BRIEF_OUTCOMES}
    found = set()
    for path in BRIEFS:
        data = json.loads(path.read_text())
        currency = data["budget"]["currency"]
        found |= {(outcome, currency) for outcome in data["desired_outcomes"]}

    assert len(BRIEFS) == 10
    assert found == listed


@pytest.mark.parametrize(
    ("outcome", "currency"),
    [(outcome, currency) for outcome, currency, _ in BRIEF_OUTCOMES],
)
def test_every_number_qc_reads_as_a_goal_is_a_parsed_quantity(outcome, currency):
    # QC's goals_in_kpi_plan holds the plan to these numbers; the parser must find
    # each of them (a multiplier word such as "double" is the parser's alone).
    qc_numbers = {n.value for n in goal_numbers(outcome)}

    assert qc_numbers <= {g.quantity for g in parse_goals(outcome, currency)}


UNIT_CASES = [
    ("400 new subscribers", "USD", [
        G("New subscribers", COUNT, "400", "new subscribers", AT_LEAST),
    ]),
    ("CAC under $35", "USD", [G("CAC", MONEY, "35", "USD", UNDER)]),
    ("CAC under $35", "AUD", [G("CAC", MONEY, "35", "AUD", UNDER)]),
    ("20% more repeat orders", "GBP", [
        G("Repeat orders", CHANGE, "20", "%", AT_LEAST),
    ]),
    ("Cut churn by 15%", "GBP", [
        G("Churn", CHANGE, "15", "%", AT_LEAST, rising=False),
    ]),
    ("Increase demo bookings by 40%", "USD", [
        G("Demo bookings", CHANGE, "40", "%", AT_LEAST),
    ]),
    ("1,500 vaccinations", "GBP", [
        G("Vaccinations", COUNT, "1500", "vaccinations", AT_LEAST),
    ]),
    ("12 signed distributors", "EUR", [
        G("Signed distributors", COUNT, "12", "signed distributors", AT_LEAST),
    ]),
    ("30 enquiries per month", "GBP", [
        G("Enquiries", COUNT, "30", "enquiries", AT_LEAST, timeframe="per month"),
    ]),
    ("400 subscribers at £35 each", "GBP", [
        G("Subscribers", COUNT, "400", "subscribers", AT_LEAST),
        G("Cost per subscriber", MONEY, "35", "GBP", AT_MOST),
    ]),
    ("Revenue of £250k", "GBP", [G("Revenue", MONEY, "250000", "GBP", AT_LEAST)]),
    ("Reply to every enquiry within 24 hours", "GBP", [
        G("Reply to every enquiry", DURATION, "24", "hours", AT_MOST),
    ]),
    ("Over 500 reviews by March 2028", "GBP", [
        G("Reviews", COUNT, "500", "reviews", ABOVE, timeframe="by March 2028"),
    ]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("outcome", "currency", "expected"), UNIT_CASES, ids=[c[0] for c in UNIT_CASES]
)
def test_a_numeric_outcome_parses_into_a_structured_goal(outcome, currency, expected):
    assert parsed(outcome, currency) == expected


@pytest.mark.parametrize(
    "outcome",
    [
        "Fresh bread delivered every week",
        "Open the new studio by 31 January 2028",
        "Parents of children aged 5-11 feel informed",
        "A six-month waiting list cleared",
        "Be top of mind for over-65s in 2027",
    ],
)
def test_dates_ages_and_deadlines_alone_are_not_goals(outcome):
    assert parse_goals(outcome, "GBP") == ()


def test_a_goal_keeps_the_clients_words_as_its_source():
    goal = parse_goals("400 subscribers at under £35 cost per acquisition", "GBP")[1]

    assert isinstance(goal, Goal)
    assert goal.source == "400 subscribers at under £35 cost per acquisition"
    assert goal.lower_is_better is True


# --- the goals are the plan's targets -------------------------------------------


COFFEE = make_brief(
    BAKERY,
    brand="Roaster's Choice",
    industry="Specialty coffee subscription",
    geography="United Kingdom",
    primary_offer="Roaster's Choice Subscription: first bag 50% off, then £9.50 a bag",
    desired_outcomes=(
        "400 subscribers at under £35 cost per acquisition",
        "70% of subscribers still active after three bags",
        "Email list of 3,000 home brewers",
    ),
    channels=("Instagram", "Email", "WhatsApp", "Google Ads"),
    budget_amount=Decimal("12000"),
    pack="strategy_campaign_standard",
)


def kpis_of(brief):
    content = TemplateStrategyGenerator().generate(brief)
    return finalize(content, brief).kpis


def test_every_numeric_goal_is_a_kpi_named_in_the_clients_words():
    kpis = kpis_of(COFFEE)

    assert [(k.name, k.target, k.unit, k.timeframe) for k in kpis[:4]] == [
        ("Subscribers", Decimal(400), "subscribers", "by the end of week 12"),
        ("Cost per acquisition", Decimal(35), "GBP", "or less, campaign average"),
        ("Subscribers still active after three bags", Decimal(70), "%",
         "by the end of week 12"),
        ("Email list of home brewers", Decimal(3000), "home brewers",
         "by the end of week 12"),
    ]  # fmt: skip
    # The client's goal replaces the objective's own orders and cost per acquisition.
    names = [k.name for k in kpis]
    assert not any(name.endswith(" orders") for name in names)
    assert names.count("Cost per acquisition") == 1


def test_the_summary_says_plainly_when_the_budget_cannot_reach_the_goal():
    summary = finalize(TemplateStrategyGenerator().generate(COFFEE), COFFEE)

    assert (
        "The budget reaches about 260 subscribers at GBP 46 each, all in. The target "
        "of 400 needs about GBP 18,000, or a conversion rate of 3.8% instead of 2.5%. "
        "That is above the GBP 35 ceiling, which needs conversion rates 1.3 times "
        "those stated."
    ) in summary.executive_summary


def test_a_goal_due_after_the_campaign_is_part_way_there_at_its_end():
    brief = make_brief(
        COFFEE,
        objective="Partnerships",
        desired_outcomes=("12 signed distributors within 12 months",),
        duration_weeks=16,
    )

    lead = kpis_of(brief)[0]

    assert (lead.name, lead.target, lead.timeframe) == (
        "Signed distributors",
        Decimal(12),
        "within 12 months",
    )
    # 112 of 365 days: 30, 60 and 112 days' share of 12, rounded up.
    assert (lead.target_30d, lead.target_60d, lead.target_90d) == (1, 2, 4)


def test_a_monthly_goal_is_a_rate_in_whole_units_reached_by_the_end():
    brief = make_brief(
        COFFEE,
        objective="Leads",
        desired_outcomes=("60 booked new-patient consultations per month",),
    )

    lead = kpis_of(brief)[0]

    assert lead.timeframe == "per month by the end of week 12"
    assert (lead.baseline, lead.target_30d, lead.target_60d, lead.target_90d) == (
        42,
        48,
        55,
        60,
    )


def test_a_clients_baseline_replaces_the_planning_estimate():
    brief = make_brief(
        COFFEE,
        objective="Retention",
        desired_outcomes=("Six-month retention from 58% to 70%",),
    )

    retention = next(k for k in kpis_of(brief) if k.name == "Six-month retention")

    assert (retention.baseline, retention.target_90d) == (58, 70)
    assert retention.family == "Retention"


def test_without_numeric_outcomes_the_objective_leads_as_before():
    kpis = kpis_of(BAKERY)

    assert kpis[0].name == "Weekly sourdough subscription orders"
    assert not any(k.timeframe.startswith("or less") for k in kpis)


# --- levels, verbs and conditions (review of odd briefs) ------------------------

READING_CASES = [
    # "to N%" after cut/reduce/lower is a level to stay under; "by N%" a change.
    ("Cut churn to 3% per month", [G("Churn", PERCENT, 3, "%", AT_MOST, "per month")]),
    ("Reduce returns to 5%", [G("Returns", PERCENT, 5, "%", AT_MOST)]),
    ("Cut churn by 15%", [G("Churn", CHANGE, 15, "%", AT_LEAST, rising=False)]),
    # Leading verbs and joining words stay out of the name.
    ("Reach 5,000 people in Leeds",
     [G("People in Leeds", COUNT, 5000, "people", AT_LEAST)]),
    ("Get 300 sign-ups for the trial",
     [G("Sign-ups for the trial", COUNT, 300, "sign-ups", AT_LEAST)]),
    ("NPS to 60", [G("NPS", COUNT, 60, "NPS", AT_LEAST)]),
    ("EUR 2m in new revenue", [G("New revenue", MONEY, 2000000, "EUR", AT_LEAST)]),
    ("Increase bookings 20% year on year",
     [G("Bookings", CHANGE, 20, "%", AT_LEAST, "year on year")]),
    # A position: third place or better.
    ("Top 3 ranking for 'valves'",
     [G("Top ranking for 'valves'", COUNT, 3, "ranking", AT_MOST)]),
    # "with at least 4 stars" is a condition of the reviews, not a second goal.
    ("50 reviews with at least 4 stars",
     [G("Reviews with at least 4 stars", COUNT, 50, "reviews", AT_LEAST)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("outcome", "expected"), READING_CASES, ids=[c[0] for c in READING_CASES]
)
def test_levels_verbs_and_conditions_read_as_the_client_means(outcome, expected):
    assert parsed(outcome, "EUR") == expected


def test_a_scaled_number_is_a_whole_number_not_a_decimal_with_a_point():
    (goal,) = parse_goals("1.5m impressions")

    assert str(goal.quantity) == "1500000"
    assert str(parse_goals("2.5k followers")[0].quantity) == "2500"
    assert str(parse_goals("1.25k followers")[0].quantity) == "1250"


def test_a_cost_each_is_per_result_in_the_singular():
    goals = parse_goals("40 new companies at EUR 90 each", "EUR")

    assert goals[1].name == "Cost per new company"
