"""Schedule rules: deadlines on working days, KPI checkpoints inside the campaign.

The failing cases are the director's findings on the issue 12 briefs: next steps due
on a Saturday, a Sunday and New Year's Day, and a "Day 90" column in a 10-week
campaign.
"""

import datetime as dt

from qc import rules, schedule_rules
from qc.dto import CheckStatus, Severity
from tests.qc.conftest import make_brief, make_draft

TUTORING = make_brief(
    geography="Leeds, United Kingdom",
    start_date=dt.date(2027, 9, 6),
    duration_weeks=10,
)
STEPS_HEADER = (
    "Six steps start the campaign.\n\n"
    "**Next steps**\n\n"
    "| Step | Owner | Due | Success criterion |\n"
    "| --- | --- | --- | --- |\n"
)


def steps(*rows):
    """A next-steps table: one (step, due) per row."""
    return STEPS_HEADER + "\n".join(
        f"| {step} | Agency (campaign lead) | {due} | Done on time |"
        for step, due in rows
    )


def checks(rule_id, brief=TUTORING, **bodies):
    draft = make_draft(bodies=bodies)
    found = rules.run_rules(draft=draft, brief=brief, rules=schedule_rules.RULES)
    return [c for c in found if c.id == rule_id]


def check(rule_id, brief=TUTORING, **bodies):
    [found] = checks(rule_id, brief, **bodies)
    return found


# --- deadlines_on_working_days ----------------------------------------------------


def test_next_steps_due_on_a_weekend_fail_with_the_dates_and_days():
    # The tutoring package's next steps, as the old generator wrote them.
    summary = steps(
        ("Approve the plan and the first two weeks of posts", "3 September 2027"),
        ("Share brand assets and two learner stories", "4 September 2027"),
        ("Set up UTM links, conversion events and the dashboard", "5 September 2027"),
        ("Publish the first post on Facebook", "6 September 2027"),
        ("Answer every comment and message", "12 September 2027"),
        ("Hold the day-30 review", "6 October 2027"),
    )

    found = check("deadlines_on_working_days", final_summary=summary)

    assert (found.severity, found.status, found.section) == (
        Severity.MAJOR,
        CheckStatus.FAIL,
        "final_summary",
    )
    assert found.message == (
        "3 deadline(s) in 'Final Summary' fall on a weekend or a public holiday "
        "(GB-ENG): 'Share brand assets and two learner stories' due 4 September "
        "2027 (Saturday); 'Set up UTM links, conversion events and the dashboard' "
        "due 5 September 2027 (Sunday); 'Answer every comment and message' due 12 "
        "September 2027 (Sunday)."
    )
    assert "working day" in found.fix


def test_a_deadline_on_new_years_day_names_the_holiday():
    # The flu brief re-run to start on Monday 4 January 2027.
    summary = steps(
        ("Approve the plan and the first two weeks of posts", "1 January 2027"),
        ("Share brand assets", "31 December 2026"),
    )
    brief = make_brief(
        geography="Northbridge, United Kingdom", start_date=dt.date(2027, 1, 4)
    )

    found = check("deadlines_on_working_days", brief, final_summary=summary)

    assert found.status == CheckStatus.FAIL
    assert found.message.endswith(
        "(GB-ENG): 'Approve the plan and the first two weeks of posts' due "
        "1 January 2027 (Friday, New Year's Day)."
    )


def test_the_holidays_are_the_clients_countrys():
    summary = steps(("Hold the kick-off", "6 September 2027"))
    austin = make_brief(geography="Austin, Texas", start_date=dt.date(2027, 9, 13))

    in_texas = check("deadlines_on_working_days", austin, final_summary=summary)
    in_leeds = check("deadlines_on_working_days", final_summary=summary)

    assert in_texas.status == CheckStatus.FAIL
    assert "due 6 September 2027 (Monday, Labor Day)" in in_texas.message
    assert "(US-TX)" in in_texas.message
    assert in_leeds.status == CheckStatus.PASS


def test_a_dated_deadline_in_prose_counts():
    analysis = (
        "The campaign ends on 14 November 2027. The analysis follows on "
        "21 November 2027, built from the same sources as the KPI plan."
    )

    found = check("deadlines_on_working_days", final_summary=analysis)

    assert found.status == CheckStatus.FAIL
    assert found.message.endswith(
        "'The analysis follows on 21 November 2027' due 21 November 2027 (Sunday)."
    )


def test_without_a_known_country_only_weekends_are_off():
    summary = steps(("Approve the plan", "1 January 2027"))
    europe = make_brief(geography="Europe")

    found = check("deadlines_on_working_days", europe, final_summary=summary)

    assert found.status == CheckStatus.PASS
    assert found.message == (
        "The one dated deadline falls on working days (no country recognised; "
        "weekends only)."
    )


def test_deadlines_on_working_days_pass_and_post_dates_are_not_deadlines():
    # The calendar's posts fall on weekends too; they are not deadlines.
    summary = steps(
        ("Approve the plan and the first two weeks of posts", "1 September 2027"),
        ("Share brand assets and two learner stories", "2 September 2027"),
        ("Set up UTM links, conversion events and the dashboard", "3 September 2027"),
        ("Publish the first post on Facebook", "6 September 2027"),
        ("Answer every comment and message", "10 September 2027"),
        ("Hold the day-30 review", "6 October 2027"),
    )

    found = check("deadlines_on_working_days", final_summary=summary)

    assert (found.status, found.section) == (CheckStatus.PASS, "draft")
    assert found.message == "All 6 dated deadlines fall on working days (GB-ENG)."


# --- checkpoints_within_campaign --------------------------------------------------

KPI_INTRO = "Eight KPIs measure the campaign across the funnel, every week.\n\n"


def kpi_table(header, row):
    return (
        KPI_INTRO
        + "| "
        + " | ".join(header)
        + " |\n"
        + "|"
        + " --- |" * len(header)
        + "\n| "
        + " | ".join(row)
        + " |"
    )


def test_a_day_90_column_in_a_ten_week_campaign_fails():
    # The tutoring package's KPI table and its alternative intro.
    body = kpi_table(
        ("KPI", "Family", "Baseline", "Day 30", "Day 60", "Day 90", "Target"),
        ("Qualified enquiries", "Conversion", "0", "21", "42", "49", "49"),
    ) + (
        "\n\nThe funnel, top to bottom: each family's KPIs, where they start and "
        "where they should stand on day 30, 60 and 90."
    )

    found = check("checkpoints_within_campaign", kpi_plan_light=body)

    assert (found.severity, found.status, found.section) == (
        Severity.MAJOR,
        CheckStatus.FAIL,
        "kpi_plan_light",
    )
    assert found.message == (
        "KPI checkpoints in 'KPI Plan (Light)' do not fit the 10-week campaign "
        "(days 1 to 70): column 'Day 90' is past day 70; 'on day 30, 60 and 90' "
        "is past day 70."
    )
    assert found.fix == (
        "Derive the checkpoints from the campaign's length and end them on its last "
        "day, for example 'Day 30 | Day 60 | Target (day 70, the end)'; name no "
        "checkpoint after the campaign ends."
    )


def test_checkpoints_that_stop_before_the_end_fail():
    body = kpi_table(
        ("KPI", "Day 30", "Day 60", "Day 90"), ("Qualified enquiries", "9", "18", "27")
    )
    sixteen_weeks = make_brief(duration_weeks=16)

    found = check("checkpoints_within_campaign", sixteen_weeks, kpi_plan_light=body)

    assert found.status == CheckStatus.FAIL
    assert found.message.endswith(
        "the last checkpoint column, 'Day 90', stops before day 112, the "
        "campaign's end."
    )


def test_a_day_30_review_in_a_four_week_campaign_fails():
    roadmap = (
        "The month runs as four working weeks, each with one goal and an owner.\n\n"
        "- Write the day-30 report and the next 30-day calendar from what worked"
    )
    four_weeks = make_brief(duration_weeks=4)

    found = checks("checkpoints_within_campaign", four_weeks, execution_roadmap=roadmap)

    # The sample draft's own "day-30" checkpoint and review fail there too.
    assert [(c.section, c.status) for c in found] == [
        ("kpi_plan_light", CheckStatus.FAIL),
        ("execution_roadmap", CheckStatus.FAIL),
        ("final_summary", CheckStatus.FAIL),
    ]
    assert "'day-30 report' is past day 28" in found[1].message
    assert "'Day 7 | Day 21 | Target (day 28, the end)'" in found[1].fix


def test_checkpoints_ending_on_the_last_day_or_at_a_target_column_pass():
    derived = kpi_table(
        ("KPI", "Family", "Baseline", "Day 30", "Day 60", "Target (day 70, the end)"),
        ("Qualified enquiries", "Conversion", "0", "21", "42", "49"),
    )
    with_target = kpi_table(
        ("KPI", "Day 30", "Day 60", "Day 90", "Target"),
        ("Qualified enquiries", "9", "18", "27", "33"),
    )

    ten_weeks = check("checkpoints_within_campaign", kpi_plan_light=derived)
    sixteen_weeks = check(
        "checkpoints_within_campaign",
        make_brief(duration_weeks=16),
        kpi_plan_light=with_target,
    )

    assert (ten_weeks.status, ten_weeks.message) == (
        CheckStatus.PASS,
        "KPI checkpoints (days 30, 60, 70) fit the 10-week campaign, which ends on "
        "day 70.",
    )
    assert sixteen_weeks.status == CheckStatus.PASS


def test_a_value_due_by_a_day_after_the_end_fails_in_any_sentence():
    # The overview's "Tracked first through" line, for a 4-week campaign.
    overview = (
        make_draft().sections[0].body
        + "\n\n- Unique reach in Lisbon: 4,500 people by day 30, 18,000 people by "
        "the end of week 4"
    )
    four_weeks = make_brief(duration_weeks=4)

    found = checks("checkpoints_within_campaign", four_weeks, overview=overview)

    assert (found[0].section, found[0].status) == ("overview", CheckStatus.FAIL)
    assert found[0].message == (
        "KPI checkpoints in 'Overview' do not fit the 4-week campaign (days 1 to "
        "28): 'by day 30' is past day 28."
    )


def test_a_count_after_a_checkpoint_is_not_another_checkpoint():
    # The overview's "Tracked first through" line in a 16-week campaign.
    overview = (
        make_draft().sections[0].body
        + "\n\n- Partner meetings held: 80 meetings by day 30, 230 meetings by the "
        "end of week 16, the campaign target"
    )

    found = check(
        "checkpoints_within_campaign",
        make_brief(duration_weeks=16),
        overview=overview,
    )

    assert found.status == CheckStatus.PASS


def test_a_day_number_in_post_copy_is_not_a_checkpoint():
    # "Day 100" in a post's copy is the audience's story, not a KPI checkpoint.
    calendar = make_draft().sections[2].body + (
        "\n\n> Day 100 of the challenge: by day 100 you will know your target pace."
    )

    found = check("checkpoints_within_campaign", detailed_30_day_calendar=calendar)

    assert found.status == CheckStatus.PASS
