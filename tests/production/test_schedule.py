"""Dates a director checks (issue 12): deadlines on working days, checkpoints in time.

The findings were on the example briefs: the tutoring plan's next steps were due on
Saturday 4 and Sunday 5 September 2027, the flu plan re-run from 4 January 2027 had
its sign-off due on New Year's Day, and the 10-week tutoring campaign had a "Day 90"
column. Each is read here from the Markdown the client gets.
"""

import re

import pytest

from onboarding import api as onboarding_api
from orchestration.sagas import strategy_input
from production import api as production_api
from qc import rules, schedule_rules
from qc.dto import CheckStatus, DraftInput, SectionInput, SectionSpec
from strategy import api as strategy_api
from tests.production.conftest import CAMPAIGN, body, draft_for
from tests.production.examples import EXAMPLE_BRIEFS, PACKS, Example, load

pytestmark = pytest.mark.django_db

TUTORING = "brightpath_gcse_tutoring.json"
FLU = "city_flu_vaccination.json"


def example(name, pack=CAMPAIGN, **changes):
    """An example brief with ``changes``, taken through onboarding and strategy."""
    data = {**load(name), **changes}
    key = f"schedule:{name}:{pack}:{sorted(changes.items())}"
    known = tuple(p.key for p in production_api.pack_list())
    submitted = onboarding_api.brief_submit(data=data, known_packs=known)
    normalized = onboarding_api.brief_normalize(
        brief_id=submitted.id, engagement_ref=key, idempotency_key=key, pack=pack
    )
    brief = onboarding_api.brief_context_get(normalized_brief_id=normalized.id)
    strategy = strategy_api.strategy_generate(brief=brief, idempotency_key=key)
    return Example(name=name, data=data, brief=brief, strategy=strategy_input(strategy))


def next_steps(draft):
    """The next steps' (step, due) pairs, in order."""
    lines = body(draft, "final_summary").splitlines()
    start = lines.index("| Step | Owner | Due | Success criterion |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append((cells[0], cells[2]))
    return rows


@pytest.mark.parametrize("pack", PACKS)
def test_the_tutoring_plans_next_steps_fall_on_working_days_before_launch(pack):
    ex = example(TUTORING, pack)

    steps = next_steps(draft_for(ex, pack, 0))

    # Launch is Monday 6 September 2027; the weekend before it is not a deadline.
    assert [due for _, due in steps] == [
        "1 September 2027",  # Wednesday
        "2 September 2027",  # Thursday
        "3 September 2027",  # Friday
        "6 September 2027",  # Monday, the first post
        "10 September 2027",  # Friday, the end of week 1
        "6 October 2027",  # Wednesday, the day after day 30
    ]


def test_the_flu_plan_from_4_january_keeps_its_deadlines_off_the_bank_holidays():
    ex = example(FLU, start_date="2027-01-04")

    draft = draft_for(ex, CAMPAIGN, 0)

    # 1 January is New Year's Day and 28 December 2026 Boxing Day in lieu; the
    # deadlines before launch stay before it, one working day apart.
    assert next_steps(draft) == [
        ("Approve the plan and the first two weeks of posts", "29 December 2026"),
        (
            "Share brand assets and two resident stories, with consent",
            "30 December 2026",
        ),
        ("Set up UTM links, conversion events and the dashboard", "31 December 2026"),
        ("Publish the first post on YouTube", "4 January 2027"),
        ("Answer every comment and message within one working day", "8 January 2027"),
        ("Hold the day-30 review", "3 February 2027"),
    ]
    regenerated = next_steps(draft_for(ex, CAMPAIGN, 1))
    assert [due for _, due in regenerated] == [
        "24 December 2026",  # back past Boxing Day in lieu, the weekend, Christmas
        "29 December 2026",
        "30 December 2026",
        "31 December 2026",
        "18 January 2027",
        "3 February 2027",
    ]


def test_a_launch_on_a_saturday_is_scheduled_on_the_friday_before():
    ex = example(TUTORING, start_date="2027-09-04")

    steps = next_steps(draft_for(ex, CAMPAIGN, 0))

    assert steps[2:4] == [
        ("Set up UTM links, conversion events and the dashboard", "3 September 2027"),
        (
            "Schedule the first post on Facebook to go live on Saturday 4 September "
            "2027",
            "3 September 2027",
        ),
    ]


@pytest.mark.parametrize("variant", [0, 1])
def test_the_ten_week_campaign_is_checked_on_day_30_60_and_its_last_day(variant):
    ex = example(TUTORING)

    draft = draft_for(ex, CAMPAIGN, variant)

    kpis = body(draft, "kpi_and_budget_plan")
    assert re.search(
        r"^\| (?:KPI \| Family|Family \| KPI) \| Baseline \| Day 30 \| Day 60 "
        r"\| Target \(day 70, the end\) \| How it is measured \|$",
        kpis,
        re.MULTILINE,
    )
    assert not re.search(r"\bday[ -]90\b", draft.markdown, re.IGNORECASE)


def test_the_analysis_follows_on_a_working_day():
    ex = example(TUTORING)

    analysis = body(draft_for(ex, CAMPAIGN, 0), "post_campaign_analysis")

    # The campaign ends on Sunday 14 November 2027; a week later is a Sunday too.
    assert analysis.startswith(
        "The campaign ends on 14 November 2027. The analysis follows on "
        "22 November 2027,"
    )


@pytest.mark.parametrize("variant", [0, 1])
@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("name", EXAMPLE_BRIEFS)
def test_every_example_passes_the_schedule_rules(name, pack, variant):
    ex = example(name, pack)
    draft = draft_for(ex, pack, variant)
    qc_draft = DraftInput(
        draft_id=draft.id,
        pack=pack,
        expected_sections=tuple(
            SectionSpec(key=s.key, title=s.title) for s in draft.sections
        ),
        sections=tuple(
            SectionInput(key=s.key, title=s.title, body=s.body) for s in draft.sections
        ),
    )

    checks = rules.run_rules(draft=qc_draft, brief=ex.brief, rules=schedule_rules.RULES)

    assert [(c.id, c.status) for c in checks] == [
        ("deadlines_on_working_days", CheckStatus.PASS),
        ("checkpoints_within_campaign", CheckStatus.PASS),
    ], [c.message for c in checks]
    deadlines = [
        day
        for section in qc_draft.sections
        for _, _, day in schedule_rules.deadlines_in(section)
    ]
    assert len(deadlines) >= 6
