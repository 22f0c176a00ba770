"""Re-running QC and packaging on a delivered (or amended) draft."""

import pytest
from django.core.files.storage import default_storage

from delivery import api as delivery_api
from onboarding import api as onboarding_api
from onboarding.dto import ProjectState
from orchestration import api as orchestration_api
from orchestration.errors import DraftNotRedeliverable
from qc import api as qc_api

pytestmark = pytest.mark.django_db


def _files(package):
    return [a.path for a in package.artifacts if default_storage.exists(a.path)]


def test_redelivery_makes_a_new_package_and_keeps_the_old_one(start):
    first = start()
    draft_id = first.outputs["draft_id"]

    second = orchestration_api.draft_redeliver(draft_id=draft_id).run

    assert second.workflow == "draft_redelivery"
    assert second.status == "completed"
    assert [s.name for s in second.steps] == ["qc_evaluate", "create_package"]
    assert second.outputs["draft_id"] == draft_id
    assert second.outputs["strategy_id"] == first.outputs["strategy_id"]
    assert second.outputs["package_id"] != first.outputs["package_id"]
    assert second.outputs["package_id"].startswith(f"pkg_{draft_id}_")
    old = delivery_api.package_get(package_id=first.outputs["package_id"])
    new = delivery_api.package_get(package_id=second.outputs["package_id"])
    assert (old.status, new.status) == ("active", "active")
    assert len(_files(old)) == len(_files(new)) == 5
    assert qc_api.result_get(result_id=first.outputs["qc_result_id"]).status == (
        "superseded"
    )
    assert qc_api.result_get(result_id=second.outputs["qc_result_id"]).status == (
        "current"
    )
    internal = orchestration_api.run_internal_outputs(run_id=first.id)
    project = onboarding_api.project_get(project_id=internal["project_id"])
    assert project.state == ProjectState.DELIVERED


def test_a_failed_redelivery_compensates_only_its_own_steps(start):
    first = start()

    second = orchestration_api.draft_redeliver(
        draft_id=first.outputs["draft_id"], force_fail="delivery"
    ).run

    assert second.status == "compensated"
    assert second.compensated_steps == ("qc_evaluate",)
    assert qc_api.result_get(result_id=second.outputs["qc_result_id"]).status == (
        "revoked"
    )
    old = delivery_api.package_get(package_id=first.outputs["package_id"])
    assert old.status == "active"
    assert len(_files(old)) == 5


def test_a_draft_no_completed_run_delivered_cannot_be_redelivered(start):
    compensated = start(force_fail="qc")

    with pytest.raises(DraftNotRedeliverable) as caught:
        orchestration_api.draft_redeliver(draft_id=compensated.outputs["draft_id"])

    assert caught.value.code == "CONFLICT"
    assert [r.workflow for r in orchestration_api.run_list()] == ["client_to_delivery"]


def test_a_redelivery_idempotency_key_replays_the_run(start):
    first = start()

    one = orchestration_api.draft_redeliver(
        draft_id=first.outputs["draft_id"], idempotency_key="redo-1"
    )
    two = orchestration_api.draft_redeliver(
        draft_id=first.outputs["draft_id"], idempotency_key="redo-1"
    )

    assert (one.created, two.created) == (True, False)
    assert one.run.id == two.run.id
    assert len(orchestration_api.run_list(workflow="draft_redelivery")) == 1
