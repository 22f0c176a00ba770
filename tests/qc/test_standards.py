"""Section standards: each dimension can fail, and real generated drafts pass."""

import json
from pathlib import Path

import pytest

from onboarding import api as onboarding_api
from orchestration.sagas import strategy_input
from production import api as production_api
from qc import api
from qc.dto import (
    CheckStatus,
    DraftInput,
    SectionBenchmarkData,
    SectionInput,
    SectionSpec,
    Severity,
)
from qc.standards import CLICHES, STANDARDS
from strategy import api as strategy_api
from tests.qc.conftest import GOOD_BODIES, make_brief, make_draft

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_BRIEFS = sorted(
    path.name for path in EXAMPLES.glob("*.json") if path.name != "invalid_brief.json"
)
PACKS = ("quick_social_basic", "strategy_campaign_standard")
BENCHMARK_RULES = (
    "benchmark_word_range",
    "benchmark_labels",
    "benchmark_table",
    "benchmark_phrases",
    "benchmark_repetition",
    "benchmark_sentence_length",
)
# Where a generator falls short of a benchmark, the gap is recorded here (pack ->
# {(rule, section): message}) rather than benchmarked away. None is open: the persona
# cards now carry Demographics, Pain points, Motivations, Objections and Preferred
# platforms, so every section of every example passes with no FAIL.
KNOWN_GENERATOR_GAPS: dict[str, dict[tuple[str, str], str]] = {}


def evaluate(draft, brief=None, key="run_1:qc_evaluate"):
    return api.result_evaluate(
        draft=draft, brief=brief or make_brief(), idempotency_key=key
    )


def problems(result):
    return [
        (check.id, check.severity, check.section, check.status)
        for check in result.checks
        if check.status != CheckStatus.PASS
    ]


def only_problem(result):
    [check] = [c for c in result.checks if c.status != CheckStatus.PASS]
    assert check.fix
    return check


# --- Each dimension can fail, alone -----------------------------------------------


@pytest.mark.parametrize(
    ("body", "message", "fix_start"),
    [
        (
            "Brightline has the proof office buyers need: fresher coffee and fair "
            "prices. This month puts that proof in front of office managers.\n\n"
            "**Next steps**\n\n"
            "1. Approve the calendar by Friday.\n"
            "2. Book the day-30 review.",
            "'Final Summary' has 35 words; the benchmark is 50–230.",
            "Expand 'Final Summary' to at least 50 words",
        ),
        (
            GOOD_BODIES["final_summary"]
            + "\n\n"
            + "\n\n".join(
                f"Week {n} adds one more post about freshness, origins and brewing "
                "for office managers in Leeds."
                for n in range(1, 14)
            ),
            "'Final Summary' has 275 words; the benchmark is 50–230.",
            "Cut 'Final Summary' to at most 230 words",
        ),
    ],
    ids=["too_short", "too_long"],
)
def test_word_range_fails_a_section_outside_its_range_as_minor(
    body, message, fix_start
):
    result = evaluate(make_draft(bodies={"final_summary": body}))

    assert problems(result) == [
        ("benchmark_word_range", Severity.MINOR, "final_summary", CheckStatus.FAIL)
    ]
    check = only_problem(result)
    assert check.message == message
    assert check.fix.startswith(fix_start)


def test_labels_fail_a_section_missing_a_required_heading_as_major():
    body = GOOD_BODIES["messaging_framework"].replace(
        "**Key messages**", "**Three things to say**"
    )

    result = evaluate(make_draft(bodies={"messaging_framework": body}))

    assert problems(result) == [
        ("benchmark_labels", Severity.MAJOR, "messaging_framework", CheckStatus.FAIL)
    ]
    check = only_problem(result)
    assert check.message == (
        "'Messaging Framework' lacks required labels: 'Key messages'."
    )
    assert "'**Key messages:** …'" in check.fix


def test_table_fails_a_section_whose_format_needs_one_as_major():
    body = (
        "Hashtags make Brightline findable in Leeds and connect each post to the "
        "topics office managers already follow.\n\n"
        "**Hashtags**\n\n"
        "- Branded: #BrightlineCoffee and #RoastedMonday on every post.\n"
        "- Local: #LeedsCoffee and #LeedsBusiness on posts that show a place.\n"
        "- Topic: #OfficeCoffee and #SpecialtyCoffee, two per post.\n\n"
        "**Per platform**\n\n"
        "- Instagram: five to eight tags in the last line of the caption.\n"
        "- LinkedIn: two or three tags worked into the copy."
    )

    result = evaluate(make_draft(bodies={"hashtag_strategy": body}))

    assert problems(result) == [
        ("benchmark_table", Severity.MAJOR, "hashtag_strategy", CheckStatus.FAIL)
    ]
    assert only_problem(result).message == (
        "'Hashtag Strategy' has no Markdown table; its format needs one."
    )


def test_phrases_fail_a_section_using_a_cliche_as_major():
    body = "Content is king, and Brightline has it. " + GOOD_BODIES["final_summary"]

    result = evaluate(make_draft(bodies={"final_summary": body}))

    assert problems(result) == [
        ("benchmark_phrases", Severity.MAJOR, "final_summary", CheckStatus.FAIL)
    ]
    assert only_problem(result).message == (
        "'Final Summary' uses forbidden phrases: 'content is king'."
    )


def test_repetition_fails_a_section_that_repeats_its_lines_as_minor():
    body = (
        GOOD_BODIES["final_summary"].split("**Next steps**")[0] + "**Next steps**\n\n"
        "1. Approve the calendar by Friday 8 January 2027.\n"
        "2. Approve the calendar by Friday 8 January 2027.\n"
        "3. Approve the calendar by Friday 8 January 2027.\n"
        "4. Book the day-30 review for 10 February 2027."
    )

    result = evaluate(make_draft(bodies={"final_summary": body}))

    assert problems(result) == [
        ("benchmark_repetition", Severity.MINOR, "final_summary", CheckStatus.FAIL)
    ]
    check = only_problem(result)
    assert check.message == (
        "'Final Summary' repeats 2 of 5 prose lines (40%); the benchmark allows at "
        "most 20%."
    )
    assert "'Approve the calendar by Friday 8 January 2027.'" in check.fix


def test_sentence_length_fails_run_on_prose_as_minor():
    body = (
        "Brightline already has the proof that office buyers need to hear about, "
        "from fresher coffee roasted every Monday in Leeds to fair prices paid to "
        "growers and flexible plans that pause whenever the office is closed, and "
        "this month of content puts all of that proof in front of the people who "
        "choose the office coffee, one carefully planned post at a time across "
        "Instagram and LinkedIn.\n\n"
        "**Next steps**\n\n"
        "- Approve the calendar\n"
        "- Book the day-30 review"
    )

    result = evaluate(make_draft(bodies={"final_summary": body}))

    assert problems(result) == [
        (
            "benchmark_sentence_length",
            Severity.MINOR,
            "final_summary",
            CheckStatus.FAIL,
        )
    ]
    check = only_problem(result)
    assert check.message == (
        "'Final Summary' averages 67.0 words per sentence over 1 sentence(s); the "
        "benchmark is at most 28."
    )
    assert check.fix.startswith("Split the longest sentences (the longest has 67")


# --- How the dimensions measure ---------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "found"),
    [
        ("In today’s digital age, coffee matters.", "in today's digital age"),
        ("A real game changer for offices.", "game-changer"),
        ("World Class beans, every week.", "world-class"),
        ("Budget: TBD.", "TBD"),
        ("Dear [CLIENT NAME], welcome.", "[CLIENT NAME]"),
    ],
)
def test_phrases_match_case_hyphen_and_apostrophe_variants(phrase, found):
    draft = make_draft(
        bodies={"final_summary": phrase + " " + GOOD_BODIES["final_summary"]}
    )

    [summary] = [r for r in api.section_benchmark(draft=draft) if not r.passed]

    assert summary.failures == (f"'Final Summary' uses forbidden phrases: '{found}'.",)


def test_the_shared_cliche_list_holds_the_issue_examples():
    assert {"in today's digital age", "content is king", "synergy"} <= set(CLICHES)
    assert all(
        "content is king" in standard.forbidden_phrases
        and "TBD" in standard.forbidden_phrases
        for sections in STANDARDS.values()
        for standard in sections.values()
    )


@pytest.mark.parametrize(
    "label",
    [
        "### Key message",
        "**KEY MESSAGES:**",
        "**Key messages: three to use everywhere**",
        "Key messages:",
    ],
)
def test_labels_match_headings_bold_and_lead_ins_in_any_case_or_number(label):
    body = GOOD_BODIES["messaging_framework"].replace("**Key messages**", label)

    results = api.section_benchmark(
        draft=make_draft(bodies={"messaging_framework": body})
    )

    assert all(result.passed for result in results)


def test_sentence_length_ignores_tables_headings_and_list_fragments():
    long_cell = " ".join(["word"] * 60)
    body = (
        GOOD_BODIES["kpi_plan_light"]
        + f"\n\n| Note | Detail |\n| --- | --- |\n| Long | {long_cell} |\n\n"
        + f"### {long_cell}\n\n- **Label:** {long_cell}"
    )

    results = api.section_benchmark(draft=make_draft(bodies={"kpi_plan_light": body}))

    assert all(result.passed for result in results)


# --- The public API -----------------------------------------------------------------


def test_section_benchmark_lists_written_sections_in_pack_order_with_failures():
    draft = make_draft(
        bodies={
            "hashtag_strategy": None,
            "final_summary": "Content is king. " + GOOD_BODIES["final_summary"],
            "messaging_framework": "",
        }
    )

    results = api.section_benchmark(draft=draft)

    assert [r.section for r in results] == [
        "overview",
        "detailed_30_day_calendar",
        "content_buckets",
        "kpi_plan_light",
        "execution_roadmap",
        "final_summary",
    ]
    assert all(isinstance(r, SectionBenchmarkData) for r in results)
    assert results[-1] == SectionBenchmarkData(
        section="final_summary",
        passed=False,
        failures=("'Final Summary' uses forbidden phrases: 'content is king'.",),
    )
    assert all(r.passed and r.failures == () for r in results[:-1])


def test_section_benchmark_lists_every_failed_dimension_of_a_section():
    body = "TBD TBD TBD\nTBD TBD TBD\nTBD TBD TBD"

    results = api.section_benchmark(draft=make_draft(bodies={"kpi_plan_light": body}))

    kpi = next(r for r in results if r.section == "kpi_plan_light")
    assert kpi.failures == (
        "'KPI Plan (Light)' has 9 words; the benchmark is 75–360.",
        "'KPI Plan (Light)' lacks required labels: 'KPI', 'Campaign target', "
        "'How it is measured', 'Reporting rhythm'.",
        "'KPI Plan (Light)' has no Markdown table; its format needs one.",
        "'KPI Plan (Light)' uses forbidden phrases: 'TBD'.",
        "'KPI Plan (Light)' repeats 2 of 3 prose lines (67%); the benchmark allows "
        "at most 20%.",
    )


def test_section_benchmark_writes_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        api.section_benchmark(draft=make_draft())


def test_an_unknown_pack_has_no_benchmarks_and_warns_once():
    draft = make_draft(pack="bespoke_pack")

    result = evaluate(draft)

    assert api.section_benchmark(draft=draft) == ()
    benchmark_checks = [c for c in result.checks if c.id.startswith("benchmark_")]
    assert [(c.id, c.status) for c in benchmark_checks] == [
        ("benchmark_word_range", CheckStatus.WARN),
        *[(rule, CheckStatus.PASS) for rule in BENCHMARK_RULES[1:]],
    ]
    assert benchmark_checks[0].message.startswith(
        "Pack 'bespoke_pack' has no benchmark for 'overview', "
    )


def test_every_pack_section_has_a_standard():
    packs = {
        pack.key: [s.key for s in pack.sections] for pack in production_api.pack_list()
    }

    assert {key: list(STANDARDS[key]) for key in packs} == packs
    assert [len(STANDARDS[key]) for key in PACKS] == [8, 17]


def test_every_standard_is_coherent():
    for sections in STANDARDS.values():
        for standard in sections.values():
            assert 25 <= standard.min_words < standard.max_words
            assert 0 < standard.max_repeated_line_ratio < 1
            assert standard.max_avg_sentence_words > 10


# --- Real generated drafts pass -----------------------------------------------------


def generated(brief_file, pack):
    """Write a real draft for an example brief: onboarding, strategy, production."""
    data = json.loads((EXAMPLES / brief_file).read_text())
    brief = onboarding_api.brief_submit(data=data, known_packs=PACKS)
    normalized = onboarding_api.brief_normalize(
        brief_id=brief.id,
        engagement_ref="run_bench",
        idempotency_key="bench",
        pack=pack,
    )
    context = onboarding_api.brief_context_get(normalized_brief_id=normalized.id)
    strategy = strategy_api.strategy_generate(brief=context, idempotency_key="bench")
    draft = production_api.draft_generate(
        brief=context,
        strategy=strategy_input(strategy),
        pack=pack,
        idempotency_key="bench",
    )
    pack_data = production_api.pack_get(key=pack)
    return context, DraftInput(
        draft_id=draft.id,
        pack=pack,
        expected_sections=tuple(
            SectionSpec(key=s.key, title=s.title) for s in pack_data.sections
        ),
        sections=tuple(
            SectionInput(key=s.key, title=s.title, body=s.body) for s in draft.sections
        ),
    )


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("brief_file", EXAMPLE_BRIEFS)
def test_generated_drafts_pass_every_section_benchmark(brief_file, pack):
    _, draft = generated(brief_file, pack)
    gaps = KNOWN_GENERATOR_GAPS.get(pack, {})

    results = api.section_benchmark(draft=draft)

    assert [r.section for r in results] == [s.key for s in draft.expected_sections]
    failed = {r.section: r.failures for r in results if not r.passed}
    assert failed == {section: (message,) for (_, section), message in gaps.items()}


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("brief_file", EXAMPLE_BRIEFS)
def test_generated_drafts_score_at_least_90_without_failures(brief_file, pack):
    brief, draft = generated(brief_file, pack)
    gaps = KNOWN_GENERATOR_GAPS.get(pack, {})

    result = evaluate(draft, brief)

    assert result.passed is True
    assert result.score == (90 if gaps else 100)
    assert {
        (c.id, c.section) for c in result.checks if c.status != CheckStatus.PASS
    } == set(gaps)
    assert {c.id for c in result.checks} >= set(BENCHMARK_RULES)
