"""REST endpoints of QC: list and retrieve QC results (SPEC §5)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qc import api
from tests.qc.factories import QcCheckFactory, QcResultFactory

pytestmark = pytest.mark.django_db


def _with_checks(**kwargs):
    result = QcResultFactory(**kwargs)
    QcCheckFactory.create_batch(3, result=result)
    return result


def test_a_result_is_retrieved_with_every_check(viewer, draft, brief):
    result = api.result_evaluate(
        draft=draft, brief=brief, idempotency_key="r:qc", inject_failure=True
    )

    response = viewer.get(f"/api/v1/qc-results/{result.id}/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "id",
        "draft_id",
        "passed",
        "score",
        "status",
        "checks",
        "created_at",
    }
    assert (body["id"], body["draft_id"], body["passed"], body["score"]) == (
        result.id,
        draft.draft_id,
        False,
        result.score,
    )
    assert body["status"] == "current"
    assert len(body["checks"]) == len(result.checks)
    for listed, check in zip(body["checks"], result.checks, strict=True):
        assert listed == {
            "id": check.id,
            "severity": check.severity.value,
            "status": check.status.value,
            "section": check.section,
            "message": check.message,
            "fix": check.fix,
        }
    assert {"id": "fault_injection", "status": "FAIL"}.items() <= next(
        c for c in body["checks"] if c["id"] == "fault_injection"
    ).items()


def test_an_unknown_result_is_not_found(viewer):
    response = viewer.get("/api/v1/qc-results/qc_nope/")

    assert response.status_code == 404
    assert response.json()["error_code"] == "NOT_FOUND"


def test_the_list_leaves_revoked_results_out_unless_asked(viewer):
    current = _with_checks(draft_id="draft_a")
    revoked = _with_checks(draft_id="draft_a", status="revoked")
    elsewhere = _with_checks(draft_id="draft_b")

    def ids(query: str) -> list[str]:
        response = viewer.get(f"/api/v1/qc-results/{query}")
        assert response.status_code == 200
        return [r["id"] for r in response.json()["results"]]

    assert ids("") == sorted([current.id, elsewhere.id])
    assert ids("?status=revoked") == [revoked.id]
    assert ids("?draft_id=draft_b") == [elsewhere.id]
    assert viewer.get(f"/api/v1/qc-results/{revoked.id}/").json()["status"] == (
        "revoked"
    )


def test_a_bad_status_filter_is_a_validation_error(viewer):
    response = viewer.get("/api/v1/qc-results/?status=passed")

    assert response.status_code == 400
    assert set(response.json()["details"]["fields"]) == {"status"}


def test_the_list_pages_with_next(viewer):
    results = sorted((_with_checks() for _ in range(3)), key=lambda r: r.id)

    first = viewer.get("/api/v1/qc-results/?limit=2").json()
    second = viewer.get(first["next"]).json()

    assert [r["id"] for r in first["results"]] == [r.id for r in results[:2]]
    assert [r["id"] for r in second["results"]] == [results[2].id]
    assert second["next"] is None


def test_the_list_runs_a_constant_number_of_queries(viewer, django_assert_num_queries):
    _with_checks()
    with CaptureQueriesContext(connection) as one:
        assert viewer.get("/api/v1/qc-results/").status_code == 200
    for _ in range(19):
        _with_checks()

    with django_assert_num_queries(len(one.captured_queries)):
        response = viewer.get("/api/v1/qc-results/")

    assert len(response.json()["results"]) == 20
    assert {len(r["checks"]) for r in response.json()["results"]} == {3}
