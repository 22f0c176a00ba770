"""End-to-end runs of client_to_delivery across the real apps."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError

from aicmo_site.kernel.errors import ApplicationError, TransientError
from delivery import api as delivery_api
from onboarding import api as onboarding_api
from onboarding.dto import ProjectState, ProjectStatus
from orchestration import api as orchestration_api
from orchestration import sagas
from orchestration.errors import FaultInjectionDisabled, RunNotRetryable
from production import api as production_api
from qc import api as qc_api
from strategy import api as strategy_api

pytestmark = pytest.mark.django_db

STEPS = [
    "normalize_brief",
    "generate_strategy",
    "generate_draft",
    "qc_evaluate",
    "create_package",
]


def _project(run):
    project_id = orchestration_api.run_internal_outputs(run_id=run.id)["project_id"]
    return onboarding_api.project_get(project_id=project_id)


def _normalized(run):
    normalized_id = orchestration_api.run_internal_outputs(run_id=run.id)[
        "normalized_brief_id"
    ]
    return onboarding_api.normalized_brief_get(normalized_brief_id=normalized_id)


def test_a_run_completes_every_step_once_and_delivers_the_package(start, brief):
    run = start()

    assert run.status == "completed"
    assert [s.name for s in run.steps] == STEPS
    assert [(s.status, s.attempts, s.error) for s in run.steps] == [
        ("completed", 1, None)
    ] * 5
    assert run.error is None
    assert run.compensated_steps == ()
    assert set(run.outputs) == {
        "brief_id",
        "strategy_id",
        "draft_id",
        "qc_result_id",
        "package_id",
    }
    assert run.outputs["brief_id"] == brief.id
    assert run.outputs["package_id"].startswith(f"pkg_{run.outputs['draft_id']}_")
    package = delivery_api.package_get(package_id=run.outputs["package_id"])
    assert [a.format for a in package.artifacts] == [
        "markdown",
        "html",
        "pdf",
        "json",
        "zip",
    ]
    for artifact in package.artifacts:
        assert (
            Path(settings.MEDIA_ROOT) / artifact.path
        ).stat().st_size == artifact.size
    assert strategy_api.strategy_get(strategy_id=run.outputs["strategy_id"]).status == (
        "approved"
    )
    assert qc_api.result_get(result_id=run.outputs["qc_result_id"]).passed is True
    assert _project(run).state == ProjectState.DELIVERED
    assert run.finished_at is not None


def test_the_run_json_has_the_spec_shape(start):
    body = start().as_json()

    assert list(body) == [
        "id",
        "workflow",
        "status",
        "brief_id",
        "pack",
        "idempotency_key",
        "created_at",
        "finished_at",
        "outputs",
        "steps",
        "compensated_steps",
        "error",
    ]
    assert body["workflow"] == "client_to_delivery"
    assert body["pack"] == "quick_social_basic"
    assert list(body["steps"][0]) == [
        "name",
        "status",
        "attempts",
        "started_at",
        "finished_at",
        "error",
    ]


def test_each_step_commits_its_events_in_order(start):
    run = start()

    types = [(e.type, e.step) for e in orchestration_api.run_events(run_id=run.id)]

    assert types[0] == ("run.created", "")
    assert types[-1] == ("run.completed", "")
    completed = [step for kind, step in types if kind == "step.completed"]
    assert completed == STEPS
    assert ("strategy.generated", "generate_strategy") in types
    assert ("package.created", "create_package") in types
    seqs = [e.seq for e in orchestration_api.run_events(run_id=run.id)]
    assert seqs == list(range(1, len(seqs) + 1))


def test_force_fail_qc_records_the_result_and_compensates_in_reverse(start, brief):
    run = start(force_fail="qc")

    assert run.status == "compensated"
    assert run.compensated_steps == (
        "generate_draft",
        "generate_strategy",
        "normalize_brief",
    )
    assert run.error["step"] == "qc_evaluate"
    assert run.error["code"] == "QC_FAILED"
    assert [s.status for s in run.steps] == [
        "compensated",
        "compensated",
        "compensated",
        "failed",
        "pending",
    ]
    result = qc_api.result_get(result_id=run.outputs["qc_result_id"])
    assert result.passed is False
    assert result.status == "revoked"
    assert "fault_injection" in [c.id for c in result.checks if c.status == "FAIL"]
    assert qc_api.result_list(draft_id=run.outputs["draft_id"]) == []
    assert strategy_api.strategy_get(strategy_id=run.outputs["strategy_id"]).status == (
        "discarded"
    )
    assert (
        production_api.draft_get(draft_id=run.outputs["draft_id"]).status == "discarded"
    )
    assert "package_id" not in run.outputs
    assert _normalized(run).status == "discarded"
    project = _project(run)
    assert (project.state, project.status) == (
        ProjectState.CREATED,
        ProjectStatus.DISCARDED,
    )
    assert strategy_api.strategy_list(brief_id=brief.id) == []
    assert production_api.draft_list(brief_id=brief.id) == []
    assert delivery_api.package_list(draft_id=run.outputs["draft_id"]) == []


def test_force_fail_delivery_revokes_qc_and_leaves_no_files(start, brief):
    run = start(force_fail="delivery")

    assert run.status == "compensated"
    assert run.compensated_steps == (
        "qc_evaluate",
        "generate_draft",
        "generate_strategy",
        "normalize_brief",
    )
    assert run.error == {
        "step": "create_package",
        "code": "DELIVERY_UNAVAILABLE",
        "message": "Delivery system unavailable",
    }
    assert qc_api.result_get(result_id=run.outputs["qc_result_id"]).status == "revoked"
    assert qc_api.result_list(draft_id=run.outputs["draft_id"]) == []
    assert (
        delivery_api.package_list(draft_id=run.outputs["draft_id"], status=None) == []
    )
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or [p for p in media.rglob("*") if p.is_file()] == []
    assert _project(run).status == ProjectStatus.DISCARDED


def test_fault_injection_is_refused_when_the_setting_is_off(settings, brief):
    settings.AICMO_ALLOW_FAULT_INJECTION = False

    with pytest.raises(FaultInjectionDisabled) as caught:
        orchestration_api.workflow_start(brief_id=brief.id, force_fail="qc")

    assert caught.value.code == "FAULT_INJECTION_DISABLED"
    assert orchestration_api.run_list() == []


def test_a_transient_error_is_retried_and_the_step_runs_once(start, brief, monkeypatch):
    calls = []
    real = production_api.draft_generate

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(**kwargs)

    monkeypatch.setattr(sagas.production_api, "draft_generate", flaky)

    run = start()

    assert run.status == "completed"
    draft_step = run.steps[2]
    assert (draft_step.name, draft_step.attempts, draft_step.error) == (
        "generate_draft",
        2,
        None,
    )
    assert len(production_api.draft_list(brief_id=brief.id)) == 1
    events = [e.type for e in orchestration_api.run_events(run_id=run.id)]
    assert events.count("step.retrying") == 1


def test_a_transient_error_that_persists_fails_the_step_and_compensates(
    start, brief, monkeypatch
):
    def broken(**kwargs):
        raise TransientError("storage offline")

    monkeypatch.setattr(sagas.production_api, "draft_generate", broken)

    run = start()

    assert run.status == "compensated"
    step = run.steps[2]
    assert (step.status, step.attempts, step.error["code"]) == (
        "failed",
        3,
        "TRANSIENT_ERROR",
    )
    assert run.compensated_steps == ("generate_strategy", "normalize_brief")
    assert production_api.draft_list(brief_id=brief.id) == []


def test_a_business_error_fails_at_once_without_retry(start, monkeypatch):
    class Refused(ApplicationError):
        code = "STRATEGY_REFUSED"

    def refuse(**kwargs):
        raise Refused("no strategy for you")

    monkeypatch.setattr(sagas.strategy_api, "strategy_generate", refuse)

    run = start()

    assert run.status == "compensated"
    assert run.steps[1].attempts == 1
    assert run.error == {
        "step": "generate_strategy",
        "code": "STRATEGY_REFUSED",
        "message": "no strategy for you",
    }
    assert run.compensated_steps == ("normalize_brief",)


def test_a_first_step_failure_is_failed_with_nothing_to_undo(start, monkeypatch):
    class Broken(ApplicationError):
        code = "VALIDATION_ERROR"

    def refuse(**kwargs):
        raise Broken("intake no longer valid")

    monkeypatch.setattr(sagas.onboarding_api, "brief_normalize", refuse)

    run = start()

    assert run.status == "failed"
    assert run.compensated_steps == ()
    assert run.error["step"] == "normalize_brief"
    assert [s.status for s in run.steps] == ["failed"] + ["pending"] * 4


def test_a_compensation_that_keeps_failing_waits_for_an_operator_retry(
    start, brief, monkeypatch
):
    def broken(**kwargs):
        raise TransientError("strategy store offline")

    monkeypatch.setattr(sagas.strategy_api, "strategy_discard", broken)

    run = start(force_fail="qc")

    assert run.status == "compensation_failed"
    assert run.compensated_steps == ("generate_draft",)
    step = run.steps[1]
    assert (step.status, step.compensation_attempts) == ("compensation_failed", 3)
    assert (
        step.error["compensation"]["message"]
        == "TransientError: strategy store offline"
    )
    assert strategy_api.strategy_get(strategy_id=run.outputs["strategy_id"]).status == (
        "approved"
    )

    monkeypatch.undo()
    retried = orchestration_api.run_retry(run_id=run.id)

    assert retried.status == "compensated"
    assert retried.compensated_steps == (
        "generate_draft",
        "generate_strategy",
        "normalize_brief",
    )
    assert strategy_api.strategy_list(brief_id=brief.id) == []


def test_only_a_compensation_failed_run_can_be_retried(start):
    run = start()

    with pytest.raises(RunNotRetryable) as caught:
        orchestration_api.run_retry(run_id=run.id)

    assert caught.value.code == "CONFLICT"
    assert orchestration_api.run_get(run_id=run.id).status == "completed"


def test_an_idempotency_key_replay_returns_the_same_run(brief):
    first = orchestration_api.workflow_start(brief_id=brief.id, idempotency_key="k-1")
    second = orchestration_api.workflow_start(brief_id=brief.id, idempotency_key="k-1")

    assert first.created is True
    assert second.created is False
    assert second.run.id == first.run.id
    assert second.run.status == "completed"
    assert len(orchestration_api.run_list()) == 1
    assert len(strategy_api.strategy_list(brief_id=brief.id)) == 1


def test_the_pack_option_is_validated_before_anything_is_stored(brief):
    with pytest.raises(ApplicationError) as caught:
        orchestration_api.workflow_start(brief_id=brief.id, pack="nope")

    assert caught.value.code == "VALIDATION_ERROR"
    assert list(caught.value.extra["fields"]) == ["pack"]
    assert orchestration_api.run_list() == []
