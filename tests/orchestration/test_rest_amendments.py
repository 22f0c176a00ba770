"""Amending a draft over the API, then re-delivering it as a new package."""

import pytest

from delivery import api as delivery_api
from orchestration import api as orchestration_api
from production import api as production_api
from qc import api as qc_api

pytestmark = pytest.mark.django_db

NEW_SUMMARY = (
    "BrightSmile Dental starts the quarter with one clear promise to busy Austin "
    "professionals: a free first check-up at a time that suits them, and a price "
    "agreed before any work. Next step: approve the calendar by Friday."
)


def _amend(client, draft_id, version, body=NEW_SUMMARY):
    return client.put(
        f"/api/v1/drafts/{draft_id}/sections/final_summary/",
        {"body": body, "expected_version": version},
        format="json",
    )


def test_an_amendment_creates_a_new_version(operator, start):
    draft_id = start().outputs["draft_id"]
    version = production_api.draft_get(draft_id=draft_id).version

    response = _amend(operator, draft_id, version)

    assert response.status_code == 200
    body = response.json()
    assert body["version"] == version + 1
    summary = next(s for s in body["sections"] if s["key"] == "final_summary")
    assert summary["body"] == NEW_SUMMARY


def test_a_stale_version_answers_409_and_changes_nothing(operator, start):
    draft_id = start().outputs["draft_id"]
    before = production_api.draft_get(draft_id=draft_id)
    assert _amend(operator, draft_id, before.version).status_code == 200

    response = _amend(operator, draft_id, before.version, body="A competing edit.")

    assert response.status_code == 409
    assert response.json()["error_code"] == "CONFLICT"
    assert response.json()["details"]["current_version"] == before.version + 1
    after = production_api.draft_get(draft_id=draft_id)
    assert after.version == before.version + 1
    assert "A competing edit." not in after.markdown


def test_a_viewer_cannot_amend(viewer, start):
    draft_id = start().outputs["draft_id"]
    before = production_api.draft_get(draft_id=draft_id)

    response = _amend(viewer, draft_id, before.version)

    assert response.status_code == 403
    assert production_api.draft_get(draft_id=draft_id).version == before.version


def test_redelivering_an_amended_draft_makes_a_new_package(operator, start):
    first = start()
    draft_id = first.outputs["draft_id"]
    version = production_api.draft_get(draft_id=draft_id).version
    _amend(operator, draft_id, version)

    response = operator.post(f"/api/v1/drafts/{draft_id}/redeliver/", {}, format="json")

    assert response.status_code == 201
    run = response.json()
    assert (run["workflow"], run["status"]) == ("draft_redelivery", "completed")
    assert run["outputs"]["package_id"] != first.outputs["package_id"]
    old = delivery_api.package_get(package_id=first.outputs["package_id"])
    assert old.status == "active"
    download = operator.get(
        f"/api/v1/packages/{run['outputs']['package_id']}/artifacts/report.md/"
    )
    assert NEW_SUMMARY in b"".join(download.streaming_content).decode()


def test_redelivering_an_undelivered_draft_is_409(operator, start):
    draft_id = start(force_fail="qc").outputs["draft_id"]

    response = operator.post(f"/api/v1/drafts/{draft_id}/redeliver/", {}, format="json")

    assert response.status_code == 409
    assert response.json()["error_code"] == "CONFLICT"


def test_a_redelivery_answers_like_a_start_location_and_key_checks_alike(
    operator, start
):
    first = start()
    draft_id = first.outputs["draft_id"]

    response = operator.post(
        f"/api/v1/drafts/{draft_id}/redeliver/",
        {},
        format="json",
        HTTP_IDEMPOTENCY_KEY="redeliver-1",
    )
    replay = operator.post(
        f"/api/v1/drafts/{draft_id}/redeliver/",
        {},
        format="json",
        HTTP_IDEMPOTENCY_KEY="redeliver-1",
    )

    assert response.status_code == 201
    run_id = response.json()["id"]
    assert response["Location"].endswith(f"/api/v1/runs/{run_id}/")
    assert replay.status_code == 200
    assert replay.json()["id"] == run_id
    assert replay["Location"].endswith(f"/api/v1/runs/{run_id}/")


def test_an_overlong_key_on_a_redelivery_is_refused_as_on_a_start(operator, start):
    draft_id = start().outputs["draft_id"]
    before = len(orchestration_api.run_list())

    responses = [
        operator.post(path, body, format="json", HTTP_IDEMPOTENCY_KEY="k" * 256)
        for path, body in (
            (f"/api/v1/drafts/{draft_id}/redeliver/", {}),
            ("/api/v1/runs/", {"brief_id": orchestration_api.run_list()[0].brief_id}),
        )
    ]

    assert [r.status_code for r in responses] == [400, 400]
    assert [r.json()["details"]["fields"] for r in responses] == [
        {"Idempotency-Key": ["Ensure this header has no more than 255 characters."]}
    ] * 2
    assert len(orchestration_api.run_list()) == before


# Three reasons announced, one given.
BROKEN_PROMISE = (
    "Three reasons to book a check-up with BrightSmile Dental this month:\n\n"
    "- A free first check-up at a time that suits you."
)


def test_an_amended_section_that_breaks_a_promise_fails_qc_on_redelivery(
    operator, start
):
    first = start()
    draft_id = first.outputs["draft_id"]
    draft = production_api.draft_get(draft_id=draft_id)
    summary = next(s.body for s in draft.sections if s.key == "final_summary")
    amended = f"{summary}\n\n{BROKEN_PROMISE}"
    assert _amend(operator, draft_id, draft.version, body=amended).status_code == 200

    response = operator.post(f"/api/v1/drafts/{draft_id}/redeliver/", {}, format="json")

    assert response.status_code == 201
    run = response.json()
    assert (run["workflow"], run["status"]) == ("draft_redelivery", "failed")
    assert run["error"]["code"] == "QC_FAILED"
    assert run["error"]["step"] == "qc_evaluate"
    assert run["compensated_steps"] == []
    result = qc_api.result_get(result_id=run["outputs"]["qc_result_id"])
    # The draft as amended fails: that verdict is its current one.
    assert (result.passed, result.status) == (False, "current")
    failed = [c for c in result.checks if c.status == "FAIL"]
    assert [(c.id, c.severity, c.section) for c in failed] == [
        ("promised_content_delivered", "BLOCKER", "final_summary")
    ]
    assert "Three reasons" in failed[0].message
    # Nothing new reaches the client: no package, and the delivered one stays.
    assert "package_id" not in run["outputs"]
    old = delivery_api.package_get(package_id=first.outputs["package_id"])
    assert old.status == "active"
    assert [p.id for p in delivery_api.package_list()] == [first.outputs["package_id"]]
