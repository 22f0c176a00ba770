"""The budget in both KPI sections: every line of spend, and what it buys.

One table lists each funded channel, the creator pool (in the pack that has an
influencer strategy) and production and tools, adding up to the brief's budget; each
funded line states its rates and turns spend into reach or clicks, visits and the
lead measure. A verdict says plainly what the budget reaches against the goal.
"""

import dataclasses
import datetime as dt
import re
from decimal import Decimal

import pytest

from aicmo_site.writing import budget
from aicmo_site.writing.facts import facts_from
from aicmo_site.writing.kpis import kpi_path
from production.dto import KpiInput
from production.generation import kpi_text
from production.generation.base import finalize
from production.generation.template import TemplateGenerator
from production.packs import QUICK_SOCIAL_BASIC, STRATEGY_CAMPAIGN_STANDARD
from tests.briefs import BAKERY, make_brief
from tests.production.conftest import BAKERY_STRATEGY, body

QUICK, CAMPAIGN = "quick_social_basic", "strategy_campaign_standard"
SECTION = {QUICK: "kpi_plan_light", CAMPAIGN: "kpi_and_budget_plan"}
PACK = {QUICK: QUICK_SOCIAL_BASIC, CAMPAIGN: STRATEGY_CAMPAIGN_STANDARD}
SHARES = (("Instagram", 40), ("Facebook", 40), ("Email", 20))


def plan(pack=CAMPAIGN, brief=BAKERY, strategy=BAKERY_STRATEGY, variant=0):
    draft = TemplateGenerator().generate(
        brief=brief,
        strategy=strategy,
        pack=PACK[pack],
        variants={SECTION[pack]: variant},
    )
    return body(finalize(draft, brief, PACK[pack]), SECTION[pack])


def table_rows(text: str, first_header: str) -> list[list[str]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first_header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


# --- lines of spend -------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "creators", "expected"),
    [
        # 10% creators and 15% production come off the top; 40/40/20 of the rest.
        ("6000", True, ["1800", "1800", "900", "600", "900"]),
        ("6000", False, ["2040", "2040", "1020", "900"]),
        # Odd budgets still add up exactly: the remainder goes to the largest part.
        ("3333", True, ["1000", "1000", "500", "333", "500"]),
        ("12000.50", False, ["4080.17", "4080.17", "2040.08", "1800.08"]),
    ],
)
def test_the_lines_of_spend_add_up_to_the_budget_exactly(amount, creators, expected):
    f = facts_from(make_brief(budget_amount=Decimal(amount)))

    lines = budget.budget_lines(f, SHARES, creators=creators)

    assert [str(line.amount) for line in lines] == expected
    assert sum(line.amount for line in lines) == Decimal(amount)
    names = [line.name for line in lines]
    assert ("Creator pool" in names) is creators
    assert names[-1] == "Production and tools"


def test_the_creator_pool_is_a_tenth_of_the_budget_and_none_without_one():
    assert budget.creator_pool(facts_from(BAKERY)) == Decimal(600)
    assert budget.creator_pool(facts_from(make_brief(budget_amount=None))) is None
    assert budget.budget_lines(facts_from(make_brief(budget_amount=None)), SHARES,
                               creators=True) == ()  # fmt: skip


@pytest.mark.parametrize(
    ("channel", "key", "buys"),
    [
        ("Google Ads", "search", "clicks"),
        ("WhatsApp", "messaging", "follow-ups"),
        ("text messages", "sms", "follow-ups"),
        ("Events", "events", "attendees"),
        ("trade fairs", "events", "attendees"),
        ("Print", "print", "copies"),
        ("Podcast", "podcast", "impressions"),
        ("Nextdoor", "nextdoor", "impressions"),
    ],
)
def test_channels_without_posts_have_stated_rates(channel, key, buys):
    assert budget.channel_key(channel) == key
    assert budget.channel_rates(channel).buys == buys


# --- the table in both packs ----------------------------------------------------


def test_the_campaign_budget_table_lists_every_line_with_its_rates_and_the_total():
    rows = table_rows(plan(), "| Line | Spend |")

    # Instagram: GBP 1,800 at a GBP 6.30 CPM is 285,714 impressions, 95,238 people
    # at three each; 0.9% click (2,571 visits) and 2.5% of those order (64.3).
    assert rows == [
        ["Instagram", "GBP 1,800", "CPM GBP 6.30, CTR 0.9%, CVR 2.5%",
         "95,000 people", "64", "GBP 28"],
        ["Facebook", "GBP 1,800", "CPM GBP 7.09, CTR 1.1%, CVR 2.5%",
         "85,000 people", "70", "GBP 26"],
        ["Email", "GBP 900", "5% of visitors join, CVR 7.5%", "270 sign-ups", "20",
         "GBP 44"],
        ["Creator pool", "GBP 600", "CPM GBP 19.69, CTR 0.8%, CVR 2.5%",
         "10,000 people", "6", "GBP 98"],
        ["Production and tools", "GBP 900", "Design, video, copy and tracking", "",
         "", ""],
        ["Total", "GBP 6,000", "", "", "160", "GBP 37 all in"],
    ]  # fmt: skip


def test_the_quick_pack_shows_the_arithmetic_without_a_creator_pool():
    text = plan(QUICK)
    rows = table_rows(text, "| Line | Spend |")

    assert [row[:2] for row in rows] == [
        ["Instagram", "GBP 2,040"],
        ["Facebook", "GBP 2,040"],
        ["Email", "GBP 1,020"],
        ["Production and tools", "GBP 900"],
        ["Total", "GBP 6,000"],
    ]
    assert text.endswith(
        "The budget reaches about 170 orders at GBP 34 each, all in, which meets the "
        "target of 110."
    )


@pytest.mark.parametrize("pack", [QUICK, CAMPAIGN])
@pytest.mark.parametrize("variant", [0, 1])
def test_both_variants_of_both_packs_carry_the_budget(pack, variant):
    text = plan(pack, variant=variant)

    assert "**Budget**" in text
    assert "| Line | Spend | Stated rates | Reach or clicks | Orders | Cost each |" in (
        text
    )
    assert "| Total | GBP 6,000 |" in text


def _short_of(target: str, ceiling: str | None = None):
    kpis = [
        dataclasses.replace(BAKERY_STRATEGY.kpis[0], target=Decimal(target)),
        *BAKERY_STRATEGY.kpis[1:],
    ]
    if ceiling is not None:
        kpis[2] = KpiInput(
            name="Cost per acquisition",
            target=Decimal(ceiling),
            unit="GBP",
            timeframe="or less, campaign average",
        )
    return dataclasses.replace(BAKERY_STRATEGY, kpis=tuple(kpis))


def test_the_verdict_says_plainly_when_the_budget_falls_short():
    text = plan(strategy=_short_of("400", ceiling="20"))

    assert text.endswith(
        "The budget reaches about 160 orders at GBP 37 each, all in. The target of "
        "400 needs about GBP 15,000, or a conversion rate of 6.2% instead of 2.5%. "
        "That is above the GBP 20 ceiling, which needs conversion rates 1.9 times "
        "those stated."
    )


def test_the_verdict_says_when_the_cost_stays_under_the_ceiling():
    text = plan(strategy=_short_of("110", ceiling="40"))

    assert text.endswith("which meets the target of 110. That is under the GBP 40 "
                         "ceiling.")  # fmt: skip


def test_a_goal_due_after_the_campaign_is_read_pro_rata():
    # As the strategy stores it: the path reaches 84/365 of the goal at the end.
    path = kpi_path(
        name="Orders", target=Decimal(500), unit="orders", weeks=12, horizon_days=365
    )
    strategy = dataclasses.replace(
        BAKERY_STRATEGY,
        kpis=(
            KpiInput(
                name="Orders",
                target=Decimal(500),
                unit="orders",
                timeframe="within 12 months",
                family=path.family,
                baseline=path.baseline,
                target_30d=path.day_30,
                target_60d=path.day_60,
                target_90d=path.day_90,
            ),
            *BAKERY_STRATEGY.kpis[1:],
        ),
    )

    text = plan(strategy=strategy)

    # 84 of 365 days is about 120 of the 500 orders; the budget reaches 160.
    assert text.endswith(
        "which meets the target of 500 within 12 months (about 120 in the "
        "campaign's 12 weeks)."
    )
    orders = table_rows(text, "| KPI |")[0]
    assert orders[5] == "116 orders, on the way to 500 orders within 12 months"


def test_without_a_budget_there_is_no_table_of_spend():
    brief = make_brief(budget_amount=None, budget_currency=None)

    text = plan(brief=brief)

    assert "| Line | Spend |" not in text
    assert "No paid budget is set." in text
    assert "| Line | Spend |" not in plan(QUICK, brief=brief)


# --- checkpoints fit the campaign -----------------------------------------------


@pytest.mark.parametrize("pack", [QUICK, CAMPAIGN])
@pytest.mark.parametrize("variant", [0, 1])
def test_a_ten_week_campaign_has_no_day_90_column(pack, variant):
    brief = make_brief(duration_weeks=10, start_date=dt.date(2027, 1, 11))

    text = plan(pack, brief=brief, variant=variant)

    assert not re.search(r"\bday[ -]90\b", text, re.IGNORECASE)
    assert re.search(r"\bday[ -]70\b", text, re.IGNORECASE) or "Day-30" in text


# --- closing outcomes and plain verdicts (review of odd briefs) -----------------

DISTRIBUTORS = KpiInput(
    name="Signed distributors",
    target=Decimal(12),
    unit="signed distributors",
    timeframe="within 12 months",
)


def _verdict(objective, kpi, *, weeks=12, amount="6000", ceiling=None):
    f = facts_from(
        make_brief(
            objective=objective, duration_weeks=weeks, budget_amount=Decimal(amount)
        )
    )
    outcome = budget.lead_outcome(f, kpi)
    fun = budget.funnel(f, budget.budget_lines(f, SHARES, creators=False), outcome)
    return outcome, fun, budget.verdict(f, fun, kpi, ceiling)


@pytest.mark.parametrize("objective", ["Sales", "Hiring", "Awareness", "Leads"])
def test_a_signature_converts_at_the_close_rate_whatever_the_objective(objective):
    f = facts_from(make_brief(objective=objective))
    consumer, _ = budget.VISIT_RATE[objective]

    outcome, _, _ = _verdict(objective, DISTRIBUTORS)

    # Reaching someone is never a signature: a share of visits, then a close.
    assert outcome.basis == "visits"
    assert outcome.rate == consumer * budget.CLOSE_RATE
    assert not f.b2b


def test_an_awareness_plan_still_counts_a_consumer_action_on_the_people_reached():
    bookings = KpiInput(
        name="Bookings", target=Decimal(400), unit="bookings", timeframe=""
    )

    outcome, _, _ = _verdict("Awareness", bookings)

    assert outcome.basis == "act"


def test_fewer_than_one_result_meets_no_target_and_needs_a_first_one():
    _, _, text = _verdict("Leads", DISTRIBUTORS, weeks=1, amount="30")

    assert text == (
        "The budget reaches fewer than one signed distributor at GBP 91 each, all "
        "in. The target of 12 within 12 months (fewer than one in the campaign's 1 "
        "week) starts with a first signed distributor, which needs about GBP 91 at "
        "the stated rates."
    )


def test_a_share_under_one_is_said_in_words_not_as_zero():
    _, _, text = _verdict("Leads", DISTRIBUTORS, weeks=2, amount="3000")

    assert text.endswith(
        "which meets the target of 12 within 12 months (fewer than one in the "
        "campaign's 2 weeks)."
    )


def test_a_weekly_goal_is_read_a_week_at_a_time():
    orders = KpiInput(
        name="Orders", target=Decimal(60), unit="orders", timeframe="per week"
    )

    _, _, text = _verdict("Sales", orders, weeks=4)

    assert text == (
        "The budget reaches about 44 orders a week at GBP 34 each, all in. The "
        "target of 60 a week needs about GBP 8,300, or a conversion rate of 3.4% "
        "instead of 2.5%."
    )


def test_a_far_off_target_gets_only_the_budget_it_needs():
    orders = KpiInput(name="Orders", target=Decimal(5000), unit="orders", timeframe="")

    _, _, text = _verdict("Sales", orders, weeks=4)

    assert text.endswith(
        "The target of 5,000 needs about GBP 170,000 at the stated rates."
    )
    assert "conversion rate" not in text


def test_a_whole_multiple_of_the_ceiling_has_no_decimal_point():
    orders = KpiInput(name="Orders", target=Decimal(100), unit="orders", timeframe="")
    _, fun, _ = _verdict("Sales", orders)
    ceiling = KpiInput(
        name="Cost per order",
        target=fun.cost_each / 13,
        unit="GBP",
        timeframe="or less, campaign average",
    )

    _, _, text = _verdict("Sales", orders, ceiling=ceiling)

    assert text.endswith("which needs conversion rates 13 times those stated.")


def test_one_of_a_plural_unit_is_singular():
    assert kpi_text.value_text(Decimal(1), "European countries") == (
        "1 European country"
    )
    assert kpi_text.value_text(Decimal(6), "European countries") == (
        "6 European countries"
    )
    assert kpi_text.value_text(Decimal(1), "classes") == "1 class"


def _sections(brief, variant):
    draft = TemplateGenerator().generate(
        brief=brief,
        strategy=BAKERY_STRATEGY,
        pack=STRATEGY_CAMPAIGN_STANDARD,
        variants={"audience_segments": variant, "ad_concepts": variant},
    )
    final = finalize(draft, brief, STRATEGY_CAMPAIGN_STANDARD)
    return body(final, "audience_segments") + body(final, "ad_concepts")


@pytest.mark.parametrize("variant", [0, 1])
def test_without_a_budget_no_section_spends_one(variant):
    brief = make_brief(budget_amount=None, budget_currency=None)

    text = _sections(brief, variant)

    for spending in ("paid spend", "takes the budget", "pays to show"):
        assert spending not in text
    if variant == 0:
        assert "most posts and follow-up go to 'Ready now'" in text
        assert "ready to run as paid ads once a budget is set" in text


def test_with_a_budget_the_paid_lines_stay():
    text = _sections(BAKERY, 0)

    assert "most paid spend goes to 'Ready now'" in text
    assert "the winner takes the budget for the rest of the campaign's 12 weeks" in (
        text
    )
