"""The engine's guarantees: leases, fencing, doorbells, cancellation, recovery."""

import datetime as dt

import pytest
from django.utils import timezone

from aicmo_site.kernel.errors import ValidationFailed
from orchestration import api as orchestration_api
from orchestration.engine import definitions, runs
from orchestration.engine.runner import Runner
from orchestration.errors import RunNotCancellable, RunNotFound, RunNotRetryable
from orchestration.models import StepRun, WorkflowRun
from strategy import api as strategy_api

pytestmark = pytest.mark.django_db


def _pending(brief_id, workflow="client_to_delivery", **options):
    definition = definitions.workflow_get(workflow)
    run, _, created = runs.run_start(
        workflow=definition,
        brief_id=brief_id,
        pack="quick_social_basic" if definition.needs_brief else "",
        options=options,
        idempotency_key=None,
    )
    assert created
    return run


def _expire(run_id):
    WorkflowRun.objects.filter(pk=run_id).update(
        lease_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )


def test_a_pending_run_is_claimed_by_one_worker_only(brief):
    run = _pending(brief.id)

    first = runs.run_claim(run_id=run.id, owner="worker-a")
    second = runs.run_claim(run_id=run.id, owner="worker-b")

    assert first is not None
    claimed, steps = first
    assert (claimed.lease_owner, claimed.fence, claimed.status) == (
        "worker-a",
        1,
        "running",
    )
    assert [s.name for s in steps][0] == "normalize_brief"
    assert second is None
    assert WorkflowRun.objects.get(pk=run.id).lease_owner == "worker-a"


def test_an_expired_lease_can_be_claimed_and_bumps_the_fence(brief):
    run = _pending(brief.id)
    runs.run_claim(run_id=run.id, owner="worker-a")
    _expire(run.id)

    claimed, _ = runs.run_claim(run_id=run.id, owner="worker-b")

    assert (claimed.lease_owner, claimed.fence) == ("worker-b", 2)


def test_a_zombie_whose_lease_was_taken_over_cannot_commit(brief):
    run = _pending(brief.id)
    zombie_run, zombie_steps = runs.run_claim(run_id=run.id, owner="worker-a")
    _expire(run.id)
    runs.run_claim(run_id=run.id, owner="worker-b")

    Runner(run=zombie_run, steps=zombie_steps, owner="worker-a").execute()

    assert list(
        StepRun.objects.filter(run_id=run.id).values_list("status", flat=True)
    ) == (["pending"] * 5)
    assert orchestration_api.run_internal_outputs(run_id=run.id) == {}
    stored = WorkflowRun.objects.get(pk=run.id)
    assert (stored.lease_owner, stored.fence, stored.outputs) == ("worker-b", 2, {})


def test_the_new_owner_finishes_after_a_zombie_is_fenced_off(brief):
    run = _pending(brief.id)
    zombie_run, zombie_steps = runs.run_claim(run_id=run.id, owner="worker-a")
    _expire(run.id)
    owner_run, owner_steps = runs.run_claim(run_id=run.id, owner="worker-b")

    Runner(run=zombie_run, steps=zombie_steps, owner="worker-a").execute()
    finished = Runner(run=owner_run, steps=owner_steps, owner="worker-b").execute()

    assert finished.status == "completed"
    assert len(strategy_api.strategy_list(brief_id=brief.id)) == 1


def test_the_same_doorbell_twice_runs_the_workflow_once(brief):
    run = _pending(brief.id)

    first = orchestration_api.run_advance(run_id=run.id)
    second = orchestration_api.run_advance(run_id=run.id)

    assert first.status == "completed"
    assert second is None
    assert len(strategy_api.strategy_list(brief_id=brief.id)) == 1
    assert [s.attempts for s in first.steps] == [1] * 5


def test_a_live_lease_is_left_alone_by_recovery(brief):
    run = _pending(brief.id)
    runs.run_claim(run_id=run.id, owner="worker-a")

    result = orchestration_api.runs_recover()

    assert result.resumed == ()
    assert result.still_leased == 1
    assert orchestration_api.run_get(run_id=run.id).status == "running"


def test_recovery_resumes_at_the_first_uncommitted_step(brief):
    run = _pending(brief.id)
    claimed, steps = runs.run_claim(run_id=run.id, owner="worker-a")
    runner = Runner(run=claimed, steps=steps, owner="worker-a")
    definitions = runner.workflow.steps
    for definition, step in zip(definitions[:2], steps[:2], strict=True):
        assert runner._run_step(definition, step, is_last=False)
    _expire(run.id)  # the worker "crashed" here, leaving its lease to expire

    result = orchestration_api.runs_recover()

    assert [r.id for r in result.resumed] == [run.id]
    recovered = result.resumed[0]
    assert recovered.status == "completed"
    assert [s.attempts for s in recovered.steps] == [1] * 5
    assert len(strategy_api.strategy_list(brief_id=brief.id)) == 1


def test_cancelling_a_pending_run_runs_no_step(brief):
    run = _pending(brief.id)

    cancelled = orchestration_api.run_cancel(run_id=run.id)

    assert cancelled.status == "cancelled"
    assert [s.status for s in cancelled.steps] == ["pending"] * 5
    assert cancelled.error["code"] == "CANCELLED"
    assert strategy_api.strategy_list(brief_id=brief.id) == []


def test_cancelling_mid_run_compensates_what_was_done(brief):
    run = _pending(brief.id)
    claimed, steps = runs.run_claim(run_id=run.id, owner="worker-a")
    runner = Runner(run=claimed, steps=steps, owner="worker-a")
    for definition, step in zip(runner.workflow.steps[:2], steps[:2], strict=True):
        runner._run_step(definition, step, is_last=False)

    orchestration_api.run_cancel(run_id=run.id)  # the lease is live: only a request
    finished = runner.execute()  # the owner sees the request at its next step

    assert finished.status == "cancelled"
    assert finished.compensated_steps == ["generate_strategy", "normalize_brief"]
    assert strategy_api.strategy_list(brief_id=brief.id) == []


def test_a_finished_run_cannot_be_cancelled(brief):
    run = orchestration_api.workflow_start(brief_id=brief.id).run

    with pytest.raises(RunNotCancellable) as caught:
        orchestration_api.run_cancel(run_id=run.id)

    assert caught.value.code == "CONFLICT"
    assert orchestration_api.run_get(run_id=run.id).status == "completed"


def test_the_noop_saga_runs_on_the_same_engine():
    run = orchestration_api.workflow_start(brief_id="", workflow="noop_five").run

    assert run.status == "completed"
    assert [s.name for s in run.steps] == [f"noop_{i}" for i in range(1, 6)]
    assert run.outputs == {}


def _event_types(run_id: str) -> list[tuple[int, str]]:
    return [(e.seq, e.type) for e in orchestration_api.run_events(run_id=run_id)]


def test_every_writer_numbers_events_from_the_run_row(brief):
    """The claim, the steps, an operator's cancel: one sequence, no gap, no clash."""
    run = _pending(brief.id)
    claimed, steps = runs.run_claim(run_id=run.id, owner="worker-a")
    runner = Runner(run=claimed, steps=steps, owner="worker-a")
    definition, step = runner.workflow.steps[0], steps[0]
    assert runner._run_step(definition, step, is_last=False)

    orchestration_api.run_cancel(run_id=run.id)  # appended while worker-a holds it
    orchestration_api.run_cancel(run_id=run.id)  # a second request appends nothing
    finished = runner.execute()

    assert finished.status == "cancelled"
    assert _event_types(run.id) == [
        (1, "run.created"),
        (2, "run.claimed"),
        (3, "step.completed"),
        (4, "brief.normalized"),
        (5, "run.cancel_requested"),
        (6, "run.cancelling"),
        (7, "step.compensated"),
        (8, "brief.normalization_discarded"),
        (9, "run.cancelled"),
    ]
    assert WorkflowRun.objects.get(pk=run.id).event_count == 9


def test_a_retry_appends_its_event_after_the_last_and_resets_the_failed_step(brief):
    run = _pending(brief.id)
    WorkflowRun.objects.filter(pk=run.id).update(
        status="compensation_failed", event_count=1
    )
    StepRun.objects.filter(run_id=run.id, position=0).update(
        status="compensation_failed", compensation_attempts=3
    )

    runs.run_retry(run_id=run.id)

    assert _event_types(run.id) == [(1, "run.created"), (2, "run.retry_requested")]
    stored = WorkflowRun.objects.get(pk=run.id)
    assert (stored.status, stored.event_count) == ("compensating", 2)
    step = StepRun.objects.get(run_id=run.id, position=0)
    assert (step.status, step.compensation_attempts) == ("completed", 0)


def test_a_refused_operator_action_appends_no_event(brief):
    run = orchestration_api.workflow_start(brief_id=brief.id).run
    before = _event_types(run.id)

    with pytest.raises(RunNotRetryable):
        runs.run_retry(run_id=run.id)
    with pytest.raises(RunNotCancellable):
        runs.run_cancel(run_id=run.id)
    with pytest.raises(RunNotFound):
        runs.run_cancel(run_id="run_missing")

    assert _event_types(run.id) == before
    assert WorkflowRun.objects.get(pk=run.id).event_count == len(before)


@pytest.mark.parametrize("limit", [0, 201])
def test_the_run_list_rejects_a_limit_outside_1_to_200(limit):
    with pytest.raises(ValidationFailed) as caught:
        orchestration_api.run_list(limit=limit)

    assert caught.value.fields == {"limit": ["Must be a whole number from 1 to 200."]}
