"""goals_in_kpi_plan, funded_channels_have_content and budget_table_complete.

The failing cases are the director's findings on the coffee brief: the client asked
for 400 subscribers at under £35 and the plan targets 170 orders; WhatsApp and
Google Ads are funded with no content; the creator budget is not in the table.
"""

import time
from decimal import Decimal

import pytest

from qc import plan_rules, rules, services
from qc.dto import CheckStatus, Severity
from tests.qc.conftest import GOOD_BODIES, make_brief, make_draft

STRATEGY_SECTIONS = (
    ("overview", "Overview"),
    ("channel_plan", "Channel Plan"),
    ("influencer_strategy", "Influencer Strategy"),
    ("detailed_30_day_calendar", "30-Day Content Calendar"),
    ("email_and_crm_flows", "Email and CRM Flows"),
    ("ad_concepts", "Ad Concepts"),
    ("kpi_and_budget_plan", "KPIs and Budget Plan"),
)
COFFEE = make_brief(
    brand="Roaster's Choice",
    desired_outcomes=(
        "400 subscribers at under £35 cost per acquisition",
        "70% of subscribers still active after three bags",
        "Email list of 3,000 home brewers",
        "A brand people recommend",
    ),
    channels=("Instagram", "Email", "WhatsApp", "Google Ads"),
    budget_amount=Decimal("12000"),
    budget_currency="GBP",
    pack="strategy_campaign_standard",
)
CHANNEL_PLAN = (
    "The budget is split across four channels.\n\n"
    "| Channel | Share | Volume |\n"
    "| --- | --- | --- |\n"
    "| Instagram | 28% (GBP 3,360) | 13 posts |\n"
    "| Email | 15% (GBP 1,800) | 4 emails |\n"
    "| WhatsApp | 21% (GBP 2,520) | Broadcasts |\n"
    "| Google Ads | 36% (GBP 4,320) | Always-on ads |"
)
INFLUENCERS = (
    "Creators carry the message further.\n\n"
    "**Budget**\n\n"
    "Set aside about 10% of the budget (GBP 1,200) for creator fees and product; "
    "pay per result where creators agree."
)
ADS = (
    "### Concept 1: Fresh beans\n\n"
    "- **Platform and format:** Instagram, Reel\n"
    "- **Headline:** Roasted Monday, in your letterbox Wednesday"
)
EMAIL = "Four flows run from day one: welcome, nurture, conversion and win-back."
KPI_ONLY = (
    "Eight KPIs measure the campaign.\n\n"
    "| KPI | Baseline | Day 30 | Target (day 84, the end) |\n"
    "| --- | --- | --- | --- |\n"
    "| Subscription orders | 0 orders | 61 orders | 170 orders |\n"
    "| Cost per acquisition | GBP 78 | GBP 70 | GBP 56 |\n"
    "| Repeat-purchase rate | 14% | 16% | 20% |"
)
KPI_TODAY = (
    KPI_ONLY + "\n\n**Budget**\n\n"
    "| Channel | Share | Total | Per week |\n"
    "| --- | --- | --- | --- |\n"
    "| Instagram | 28% | GBP 3,360 | GBP 280 |\n"
    "| Email | 15% | GBP 1,800 | GBP 150 |\n"
    "| WhatsApp | 21% | GBP 2,520 | GBP 210 |\n"
    "| Google Ads | 36% | GBP 4,320 | GBP 360 |\n\n"
    "Total: GBP 12,000 over 12 weeks."
)
KPI_FIXED = (
    "Each of the client's goals is a target.\n\n"
    "| KPI | Baseline | Day 30 | Target (day 84, the end) |\n"
    "| --- | --- | --- | --- |\n"
    "| Subscribers | 0 | 140 | 400 |\n"
    "| Cost per acquisition | GBP 78 | GBP 45 | under £35 |\n"
    "| Active after three bags | – | 65% | 70% |\n"
    "| Email list | 800 | 1,600 | 3k |\n\n"
    "**Budget**\n\n"
    "| Line of spend | Total |\n"
    "| --- | --- |\n"
    "| Instagram | GBP 3,000 |\n"
    "| Email | GBP 1,500 |\n"
    "| WhatsApp | GBP 2,300 |\n"
    "| Google Ads | GBP 4,000 |\n"
    "| Creator fees and product | GBP 1,200 |\n"
    "| Total | GBP 12,000 |"
)
CALENDAR = (
    "Posts on Instagram and Email.\n\n"
    "| Date | Platform | Hook | CTA |\n"
    "| --- | --- | --- | --- |\n"
    "| 2027-09-06 | Instagram | Fresh beans weekly | Order now |\n"
    "| 2027-09-07 | Email | Your first bag, half price | Order now |"
)
KITS = (
    "\n\n### Google Ads kit\n\n"
    "- **Keywords:** coffee subscription uk, fresh coffee beans delivered\n"
    "- **Headlines:** Roasted To Order In Bristol | First Bag 50% Off\n\n"
    "### WhatsApp broadcasts\n\n"
    "- Week 1: a welcome message with the roast date of the first bag"
)


def draft(**bodies):
    values = {
        "overview": GOOD_BODIES["overview"],
        "channel_plan": CHANNEL_PLAN,
        "influencer_strategy": INFLUENCERS,
        "detailed_30_day_calendar": CALENDAR,
        "email_and_crm_flows": EMAIL,
        "ad_concepts": ADS,
        "kpi_and_budget_plan": KPI_TODAY,
    }
    values.update(bodies)
    return make_draft(
        pack="strategy_campaign_standard", bodies=values, expected=STRATEGY_SECTIONS
    )


def check(rule_id, brief=COFFEE, **bodies):
    found = rules.run_rules(draft=draft(**bodies), brief=brief, rules=plan_rules.RULES)
    [result] = [c for c in found if c.id == rule_id]
    return result


def test_the_rules_are_major_and_run_in_every_qc_result():
    assert [(r.id, r.severity) for r in plan_rules.RULES] == [
        ("goals_in_kpi_plan", Severity.MAJOR),
        ("funded_channels_have_content", Severity.MAJOR),
        ("budget_table_complete", Severity.MAJOR),
    ]
    assert set(plan_rules.RULES) <= set(services.QC_RULES)


# --- goals_in_kpi_plan ------------------------------------------------------------


def test_goals_missing_from_the_targets_fail_with_each_number():
    found = check("goals_in_kpi_plan")

    assert (found.severity, found.status, found.section) == (
        Severity.MAJOR,
        CheckStatus.FAIL,
        "kpi_and_budget_plan",
    )
    assert found.message == (
        "3 of the client's 3 numeric goals are missing from the targets in 'KPIs "
        "and Budget Plan': '400 subscribers at under £35 cost per acquisition' "
        "(400, £35 not a target); '70% of subscribers still active after three "
        "bags' (70% not a target); 'Email list of 3,000 home brewers' (3,000 not a "
        "target)."
    )
    assert found.fix.startswith("Make each numeric desired outcome a KPI row")


def test_goals_pass_when_each_number_is_a_target_in_any_format():
    found = check("goals_in_kpi_plan", kpi_and_budget_plan=KPI_FIXED)

    assert (found.status, found.message) == (
        CheckStatus.PASS,
        "All 3 numeric goals are targets in 'KPIs and Budget Plan'.",
    )


@pytest.mark.parametrize(
    ("outcome", "numbers"),
    [
        ("150 diagnostic assessments booked in 10 weeks", ["150"]),
        ("Six-month retention from 58% to 70%", ["70%"]),
        (
            "12 signed distributors in 6 European countries within 12 months",
            ["12", "6"],
        ),
        ("75% flu vaccine uptake among over-65s by 31 January", ["75%"]),
        ("50% uptake among children aged 2-3", ["50%"]),
        ("Time-to-hire under 21 days", ["21"]),
        ("Eight new corporate partners this year", ["Eight"]),
        ("First stocking orders worth EUR 250,000", ["EUR 250,000"]),
        ("Double Instagram reach in Lisbon within three months", []),
    ],
)
def test_a_goal_sets_its_counts_and_shares_not_its_deadline_or_ages(outcome, numbers):
    assert [a.text for a in plan_rules.goal_numbers(outcome)] == numbers


# --- funded_channels_have_content -------------------------------------------------


def test_funded_channels_without_content_fail():
    found = check("funded_channels_have_content")

    assert (found.severity, found.status, found.section) == (
        Severity.MAJOR,
        CheckStatus.FAIL,
        "draft",
    )
    assert found.message == (
        "2 of 4 funded channels have no content: WhatsApp (Channel Plan: 21% (GBP "
        "2,520)); Google Ads (Channel Plan: 36% (GBP 4,320))."
    )


def test_a_share_of_budget_in_the_overview_funds_a_channel_too():
    overview = GOOD_BODIES["overview"].replace(
        "- **Channels:** Instagram and LinkedIn",
        "- **Channels:** Instagram (60% of budget) and WhatsApp (40% of budget)",
    )

    found = check(
        "funded_channels_have_content",
        overview=overview,
        channel_plan=None,
        kpi_and_budget_plan=KPI_ONLY,
    )

    assert found.message == (
        "1 of 2 funded channels has no content: WhatsApp (Overview: 40%)."
    )


def test_funded_channels_pass_when_kits_name_them():
    found = check("funded_channels_have_content", ad_concepts=ADS + KITS)

    assert (found.status, found.message) == (
        CheckStatus.PASS,
        "All 4 funded channels have content: Instagram in posts in '30-Day Content "
        "Calendar', Email in posts in '30-Day Content Calendar', WhatsApp in 'Ad "
        "Concepts', Google Ads in 'Ad Concepts'.",
    )


@pytest.mark.parametrize(
    "named",
    [
        # A roadmap row names the channels; it gives them no copy.
        "| Week | Channel | Focus |\n| --- | --- | --- |\n"
        "| 1-2 | WhatsApp | Launch |\n| 3-4 | Google Ads | Always-on |",
        # Bare headings name them too.
        "### WhatsApp\n\nRuns from week 3.\n\n### Google Ads\n\nAlways on.",
    ],
)
def test_a_channel_only_named_has_no_content(named):
    found = check("funded_channels_have_content", ad_concepts=ADS + "\n\n" + named)

    assert found.message == (
        "2 of 4 funded channels have no content: WhatsApp (Channel Plan: 21% (GBP "
        "2,520)); Google Ads (Channel Plan: 36% (GBP 4,320))."
    )


def test_a_heading_with_quoted_copy_or_a_copy_table_is_a_kit():
    kits = (
        "\n\n### WhatsApp\n\n> Your beans were roasted this morning.\n\n"
        "| Platform | Headline |\n| --- | --- |\n"
        "| Google Ads | Fresh Coffee, Roasted To Order |"
    )

    found = check("funded_channels_have_content", ad_concepts=ADS + kits)

    assert found.status == CheckStatus.PASS


def test_a_long_goal_is_read_in_linear_time():
    outcome = "400 subscribers " + "and 5 more " * 5000

    started = time.perf_counter()
    numbers = plan_rules.goal_numbers(outcome)
    assert time.perf_counter() - started < 2
    assert numbers[0].value == 400


# --- budget_table_complete --------------------------------------------------------


def test_spend_named_elsewhere_without_a_row_fails():
    found = check("budget_table_complete")

    assert (found.severity, found.status, found.section) == (
        Severity.MAJOR,
        CheckStatus.FAIL,
        "kpi_and_budget_plan",
    )
    assert found.message == (
        "The budget table in 'KPIs and Budget Plan' is incomplete: 'Influencer "
        "Strategy' spends on creator fees and product ('Set aside about 10% of the "
        "budget (GBP 1,200) for creator fees and product; pay per resul…'), which "
        "has no row."
    )
    assert found.fix.startswith("List every line of spend as a row")


def test_a_share_of_channel_spend_is_not_a_line_of_spend():
    plan = CHANNEL_PLAN + (
        "\n\n- **Google Ads:** With the largest share (36% of channel spend), it "
        "carries the sales objective for the subscription."
    )

    found = check(
        "budget_table_complete", channel_plan=plan, kpi_and_budget_plan=KPI_FIXED
    )

    assert found.status == CheckStatus.PASS


def test_rows_that_do_not_add_up_fail_against_the_total_and_the_brief():
    short = KPI_FIXED.replace("| WhatsApp | GBP 2,300 |\n", "")

    found = check("budget_table_complete", kpi_and_budget_plan=short)

    assert found.message == (
        "The budget table in 'KPIs and Budget Plan' is incomplete: its 4 rows add "
        "up to GBP 9,700, not its stated total of GBP 12,000; its 4 rows add up to "
        "GBP 9,700, not the brief's budget of GBP 12,000."
    )


def test_a_complete_budget_table_passes():
    found = check("budget_table_complete", kpi_and_budget_plan=KPI_FIXED)

    assert (found.status, found.section, found.message) == (
        CheckStatus.PASS,
        "kpi_and_budget_plan",
        "The budget table's 5 rows add up to GBP 12,000 and hold every line of spend.",
    )


@pytest.mark.parametrize("label", ["Grand total", "Subtotal", "Sub-total"])
def test_total_rows_are_not_lines_of_spend(label):
    table = KPI_FIXED.replace(
        "| Creator fees and product | GBP 1,200 |",
        f"| {label} | GBP 10,800 |\n| Creator fees and product | GBP 1,200 |"
        if label != "Grand total"
        else "| Creator fees and product | GBP 1,200 |",
    ).replace("| Total | GBP 12,000 |", "| Grand total | GBP 12,000 |")

    found = check("budget_table_complete", kpi_and_budget_plan=table)

    assert (found.status, found.message) == (
        CheckStatus.PASS,
        "The budget table's 5 rows add up to GBP 12,000 and hold every line of spend.",
    )


def test_a_draft_without_a_budget_table_has_nothing_to_add_up():
    found = check("budget_table_complete", kpi_and_budget_plan=KPI_ONLY)

    assert (found.status, found.message) == (
        CheckStatus.PASS,
        "The draft has no budget table to add up.",
    )
