"""Amending a draft over the API, then re-delivering it as a new package."""

import pytest

from delivery import api as delivery_api
from production import api as production_api
from tests.orchestration.test_rest import operator, viewer  # noqa: F401 - fixtures

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


def test_an_amendment_creates_a_new_version(operator, start):  # noqa: F811
    draft_id = start().outputs["draft_id"]
    version = production_api.draft_get(draft_id=draft_id).version

    response = _amend(operator, draft_id, version)

    assert response.status_code == 200
    body = response.json()
    assert body["version"] == version + 1
    summary = next(s for s in body["sections"] if s["key"] == "final_summary")
    assert summary["body"] == NEW_SUMMARY


def test_a_stale_version_answers_409_and_changes_nothing(operator, start):  # noqa: F811
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


def test_a_viewer_cannot_amend(viewer, start):  # noqa: F811
    draft_id = start().outputs["draft_id"]
    before = production_api.draft_get(draft_id=draft_id)

    response = _amend(viewer, draft_id, before.version)

    assert response.status_code == 403
    assert production_api.draft_get(draft_id=draft_id).version == before.version


def test_redelivering_an_amended_draft_makes_a_new_package(operator, start):  # noqa: F811
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


def test_redelivering_an_undelivered_draft_is_409(operator, start):  # noqa: F811
    draft_id = start(force_fail="qc").outputs["draft_id"]

    response = operator.post(f"/api/v1/drafts/{draft_id}/redeliver/", {}, format="json")

    assert response.status_code == 409
    assert response.json()["error_code"] == "CONFLICT"
