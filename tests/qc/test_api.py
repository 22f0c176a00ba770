"""QC's public API: recording verdicts, supersede, revoke, idempotency, lists."""

import dataclasses

import pytest
from django.db import IntegrityError, transaction

from aicmo_site.kernel import events
from qc import api, services
from qc.dto import CheckStatus, QcResultData, ResultStatus, Severity
from qc.errors import QcInputInvalid, QcResultNotFound
from qc.models import QcCheck, QcResult
from tests.qc.conftest import GOOD_BODIES, make_draft
from tests.qc.factories import QcResultFactory

pytestmark = pytest.mark.django_db


def evaluate(draft, brief, key="run_1:qc_evaluate", **kwargs):
    return api.result_evaluate(draft=draft, brief=brief, idempotency_key=key, **kwargs)


def test_evaluate_records_a_passing_result_with_every_check(draft, brief):
    with events.recording() as recorded:
        result = evaluate(draft, brief)

    assert isinstance(result, QcResultData)
    assert result.id.startswith("qc_")
    assert (result.draft_id, result.passed, result.score, result.status) == (
        draft.draft_id,
        True,
        100,
        ResultStatus.CURRENT,
    )
    # One check per rule, in report order: the base rules, the section benchmarks,
    # then the rules added since (issue 12's schedule rules among them).
    assert [check.id for check in result.checks] == [r.id for r in services.QC_RULES]
    assert [check.id for check in result.checks][10:18] == [
        "benchmark_word_range",
        "benchmark_labels",
        "benchmark_table",
        "benchmark_phrases",
        "benchmark_repetition",
        "benchmark_sentence_length",
        "deadlines_on_working_days",
        "checkpoints_within_campaign",
    ]
    assert all(check.status == CheckStatus.PASS for check in result.checks)
    assert QcCheck.objects.filter(result_id=result.id).count() == len(result.checks)
    assert api.result_get(result_id=result.id) == result
    assert [(e.type, e.payload) for e in recorded] == [
        (
            "qc.evaluated",
            {"result_id": result.id, "draft_id": draft.draft_id, "passed": True,
             "score": 100},
        )
    ]  # fmt: skip


def test_evaluate_records_a_failing_result_with_all_its_checks(brief):
    draft = make_draft(
        bodies={"overview": "TBD. " + GOOD_BODIES["overview"],
                "hashtag_strategy": None}
    )  # fmt: skip

    result = evaluate(draft, brief)

    assert (result.passed, result.score) == (False, 30)
    failed = [(c.id, c.section) for c in result.checks if c.status == CheckStatus.FAIL]
    assert failed == [
        ("sections_present", "hashtag_strategy"),
        ("placeholders", "overview"),
        ("benchmark_phrases", "overview"),
    ]
    stored = QcResult.objects.get(id=result.id)
    assert (stored.passed, stored.score) == (False, 30)
    assert stored.checks.count() == len(services.QC_RULES)
    assert api.result_get(result_id=result.id).checks == result.checks


def test_inject_failure_adds_a_failed_blocker_so_the_result_does_not_pass(draft, brief):
    result = evaluate(draft, brief, inject_failure=True)

    assert (result.passed, result.score) == (False, 70)
    last = result.checks[-1]
    assert (last.id, last.severity, last.status, last.message) == (
        "fault_injection",
        Severity.BLOCKER,
        CheckStatus.FAIL,
        "Fault injection: QC forced to fail.",
    )


def test_evaluate_is_idempotent_on_its_key(draft, brief):
    first = evaluate(draft, brief)
    changed = dataclasses.replace(draft, sections=draft.sections[:2])

    with events.recording() as recorded:
        again = evaluate(changed, brief)

    assert again == first
    assert QcResult.objects.count() == 1
    assert QcCheck.objects.count() == len(services.QC_RULES)
    assert recorded == []


def test_a_new_evaluation_supersedes_the_current_result(draft, brief):
    first = evaluate(draft, brief, key="run_1:qc_evaluate")
    second = evaluate(draft, brief, key="run_2:qc_evaluate")

    assert api.result_get(result_id=first.id).status == ResultStatus.SUPERSEDED
    assert second.status == ResultStatus.CURRENT
    assert (
        QcResult.objects.filter(
            draft_id=draft.draft_id, status=QcResult.Status.CURRENT
        ).count()
        == 1
    )


def test_results_of_other_drafts_stay_current(draft, brief):
    other = evaluate(make_draft(draft_id="draft_other"), brief, key="other")
    evaluate(draft, brief)

    assert api.result_get(result_id=other.id).status == ResultStatus.CURRENT


def test_database_allows_only_one_current_result_per_draft():
    QcResultFactory(draft_id="draft_x")

    with pytest.raises(IntegrityError), transaction.atomic():
        QcResultFactory(draft_id="draft_x")

    QcResultFactory(draft_id="draft_x", status=QcResult.Status.SUPERSEDED)
    QcResultFactory(draft_id="draft_x", status=QcResult.Status.REVOKED)
    assert QcResult.objects.filter(draft_id="draft_x").count() == 3


@pytest.mark.parametrize(
    ("field", "value", "error_field"),
    [
        ("draft_id", "  ", "draft.draft_id"),
        ("pack", "", "draft.pack"),
        ("expected_sections", (), "draft.expected_sections"),
    ],
)
def test_evaluate_rejects_invalid_drafts_and_stores_nothing(
    draft, brief, field, value, error_field
):
    bad = dataclasses.replace(draft, **{field: value})

    with pytest.raises(QcInputInvalid) as error:
        evaluate(bad, brief)

    assert error.value.code == "VALIDATION_ERROR"
    assert list(error.value.fields) == [error_field]
    assert QcResult.objects.count() == 0


def test_evaluate_rejects_an_empty_key(draft, brief):
    with pytest.raises(QcInputInvalid) as error:
        evaluate(draft, brief, key=" ")

    assert list(error.value.fields) == ["idempotency_key"]
    assert QcResult.objects.count() == 0


def test_revoke_keeps_the_row_and_is_idempotent(draft, brief):
    result = evaluate(draft, brief)

    with events.recording() as recorded:
        revoked = api.result_revoke(result_id=result.id)
        again = api.result_revoke(result_id=result.id)

    assert revoked.status == ResultStatus.REVOKED
    assert again == revoked
    assert revoked.checks == result.checks
    assert QcResult.objects.filter(id=result.id).exists()
    assert [(e.type, e.payload) for e in recorded] == [
        ("qc.revoked", {"result_id": result.id, "draft_id": draft.draft_id})
    ]


def test_revoking_lets_the_draft_get_a_new_current_result(draft, brief):
    first = evaluate(draft, brief, key="a")
    api.result_revoke(result_id=first.id)

    second = evaluate(draft, brief, key="b")

    assert api.result_get(result_id=first.id).status == ResultStatus.REVOKED
    assert second.status == ResultStatus.CURRENT


def test_get_and_revoke_of_an_unknown_result_raise_not_found():
    with pytest.raises(QcResultNotFound) as get_error:
        api.result_get(result_id="qc_missing")
    with pytest.raises(QcResultNotFound) as revoke_error:
        api.result_revoke(result_id="qc_missing")

    assert get_error.value.code == revoke_error.value.code == "NOT_FOUND"
    assert get_error.value.http_status == 404


def test_list_leaves_revoked_results_out_unless_asked():
    current = QcResultFactory()
    superseded = QcResultFactory(status=QcResult.Status.SUPERSEDED)
    revoked = QcResultFactory(status=QcResult.Status.REVOKED)

    assert [r.id for r in api.result_list()] == sorted([current.id, superseded.id])
    assert [r.id for r in api.result_list(status=ResultStatus.REVOKED)] == [revoked.id]
    assert [r.id for r in api.result_list(status="current")] == [current.id]


def test_list_filters_by_draft_and_pages_by_id():
    results = sorted(
        (QcResultFactory(draft_id="draft_a", status=QcResult.Status.SUPERSEDED)
         for _ in range(3)),
        key=lambda r: r.id,
    )  # fmt: skip
    QcResultFactory(draft_id="draft_b")

    page_one = api.result_list(draft_id="draft_a", limit=2)
    page_two = api.result_list(draft_id="draft_a", limit=2, after_id=page_one[-1].id)

    assert [r.id for r in page_one] == [results[0].id, results[1].id]
    assert [r.id for r in page_two] == [results[2].id]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 501}, "limit"),
        ({"status": "gone"}, "status"),
    ],
)
def test_list_rejects_bad_arguments(kwargs, field):
    with pytest.raises(QcInputInvalid) as error:
        api.result_list(**kwargs)

    assert list(error.value.fields) == [field]
