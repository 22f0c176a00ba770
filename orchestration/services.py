"""The saga runner: start, claim, advance, compensate, retry, cancel, recover.

Guarantees (SPEC §4, docs/decisions/0003-saga-engine.md):
- each step runs in one durable transaction that also renews the lease under the
  run's fence, records the step's outcome and outputs and appends its events;
- a worker that lost its lease cannot commit: the fenced renewal changes no row;
- completed steps are compensated in reverse order, one transaction each;
- in-memory run and step state changes only after a commit succeeds.
"""

import datetime as dt
import logging
import os
import random
import socket
import time
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.db.models import F, Q
from django.utils import timezone

from aicmo_site.kernel import events
from aicmo_site.kernel.errors import ApplicationError, TransientError
from aicmo_site.kernel.ids import new_id
from orchestration import heartbeat, store
from orchestration.errors import (
    FaultInjectionDisabled,
    InvalidRunOptions,
    LeaseLost,
    RunNotCancellable,
    RunNotFound,
    RunNotRetryable,
    UnknownWorkflow,
)
from orchestration.models import ACTIVE_STATUSES, RunEvent, StepRun, WorkflowRun
from orchestration.sagas import WORKFLOWS, StepContext, StepFailure, Workflow

logger = logging.getLogger("aicmo.orchestration")

RunS = WorkflowRun.Status
StepS = StepRun.Status
TRANSIENT_ERRORS = (TransientError, OperationalError, InterfaceError)
CRASH_EXIT_CODE = 70
MAX_BACKOFF_SECONDS = 5.0


class _CancelRequested(Exception):
    """The run's cancellation was requested while this worker held it."""


def new_worker_id() -> str:
    """Return a worker identity: host, process and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def workflow_get(name: str) -> Workflow:
    workflow = WORKFLOWS.get(name)
    if workflow is None:
        raise UnknownWorkflow({"workflow": [f"Unknown workflow '{name}'."]})
    return workflow


def _lease_delta() -> dt.timedelta:
    return dt.timedelta(seconds=float(settings.AICMO_LEASE_SECONDS))


def options_validate(workflow: Workflow, options: dict[str, Any]) -> dict[str, Any]:
    """Check fault-injection options; raise naming every bad one."""
    clean: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    force_fail = options.get("force_fail")
    if force_fail not in (None, ""):
        if force_fail not in workflow.fault_points:
            allowed = ", ".join(sorted(workflow.fault_points)) or "none"
            errors["force_fail"] = [f"Must be one of: {allowed}."]
        else:
            clean["force_fail"] = force_fail
    for name in ("crash_after", "stall_in"):
        value = options.get(name)
        if value in (None, ""):
            continue
        if value not in workflow.step_names:
            errors[name] = [f"Must be one of: {', '.join(workflow.step_names)}."]
        else:
            clean[name] = value
    if errors:
        raise InvalidRunOptions(errors)
    if clean and not settings.AICMO_ALLOW_FAULT_INJECTION:
        raise FaultInjectionDisabled()
    return clean


def run_start(
    *,
    workflow: Workflow,
    brief_id: str,
    pack: str,
    options: dict[str, Any],
    idempotency_key: str | None,
    trace_id: str = "",
    claim_owner: str | None = None,
    outputs: dict[str, Any] | None = None,
    queued: bool = False,
) -> tuple[WorkflowRun, list[StepRun], bool]:
    """Create a run with its steps in one commit; replay an idempotency key.

    With ``claim_owner`` the run is created already claimed by that worker (the
    inline executor), which saves the separate claim commit. ``queued`` records that
    its doorbell is being rung (a queued executor), for the sweeper's grace.
    Returns the run, its steps, and whether it was created now.
    """
    if idempotency_key:
        existing = WorkflowRun.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing, _steps_of(existing.id), False
    now = timezone.now()
    run = WorkflowRun(
        id=new_id("run"),
        workflow=workflow.name,
        definition_version=workflow.version,
        brief_id=brief_id,
        pack=pack,
        options=options,
        idempotency_key=idempotency_key,
        trace_id=trace_id,
        outputs=dict(outputs or {}),
        event_count=1,
        created_at=now,
        updated_at=now,
    )
    if queued:
        run.rung_at = now
    if claim_owner:
        run.status = RunS.RUNNING
        run.lease_owner = claim_owner
        run.lease_expires_at = now + _lease_delta()
        run.fence = 1
    steps = [
        StepRun(run=run, name=step.name, position=index)
        for index, step in enumerate(workflow.steps)
    ]
    created = store.Event(
        type="run.created",
        step="",
        occurred_at=now,
        seq=1,
        payload={
            "brief_id": brief_id,
            "pack": pack,
            "options": options,
            "idempotency_key": idempotency_key,
            "trace_id": trace_id,
        },
    )
    try:
        with transaction.atomic(durable=True):
            store.run_insert(run, steps, created)
    except IntegrityError:
        if not idempotency_key:
            raise
        existing = WorkflowRun.objects.get(idempotency_key=idempotency_key)
        return existing, _steps_of(existing.id), False
    run._state.adding = False
    for step in steps:
        step._state.adding = False
    return run, steps, True


def _steps_of(run_id: str) -> list[StepRun]:
    return list(StepRun.objects.filter(run_id=run_id).order_by("position"))


def run_claim(*, run_id: str, owner: str) -> tuple[WorkflowRun, list[StepRun]] | None:
    """Claim the run's lease if it is active and free or expired; bump its fence.

    One conditional UPDATE decides: zero rows means another worker owns the run.
    """
    now = timezone.now()
    with transaction.atomic(durable=True):
        claimed = store.run_claim(run_id, owner, now, now + _lease_delta())
        if claimed is None:
            return None
        fence, seq = claimed
        store.events_insert(
            run_id,
            [
                store.Event(
                    type="run.claimed",
                    step="",
                    occurred_at=now,
                    seq=seq,
                    payload={"worker": owner, "fence": fence},
                )
            ],
        )
        run = WorkflowRun.objects.get(pk=run_id)
    return run, _steps_of(run_id)


def run_advance(*, run_id: str, owner: str | None = None) -> WorkflowRun | None:
    """Claim the run and drive it as far as it goes; None if another worker owns it."""
    owner = owner or new_worker_id()
    claimed = run_claim(run_id=run_id, owner=owner)
    if claimed is None:
        return None
    run, steps = claimed
    return Runner(run=run, steps=steps, owner=owner).execute()


class Runner:
    """Drives one claimed run. Holds the run and its steps in memory (cost budget)."""

    def __init__(self, *, run: WorkflowRun, steps: list[StepRun], owner: str) -> None:
        self.run = run
        self.steps = steps
        self.owner = owner
        self.fence = run.fence
        self.workflow = workflow_get(run.workflow)
        self.max_attempts = int(settings.AICMO_STEP_MAX_ATTEMPTS)
        self.max_compensations = int(settings.AICMO_COMPENSATION_MAX_ATTEMPTS)

    # -- plumbing ------------------------------------------------------------

    def _lease_problem(self, *, check_cancel: bool) -> Exception:
        """Explain why the fenced run update changed no row."""
        current = (
            WorkflowRun.objects.filter(pk=self.run.pk)
            .values("fence", "cancel_requested_at", "event_count")
            .first()
        )
        if (
            check_cancel
            and current
            and current["fence"] == self.fence
            and current["cancel_requested_at"]
        ):
            # The operator's request appended an event: continue its sequence.
            self.run.cancel_requested_at = current["cancel_requested_at"]
            self.run.event_count = current["event_count"]
            return _CancelRequested()
        return LeaseLost(
            f"{self.owner} lost the lease on {self.run.pk} (fence {self.fence})"
        )

    def _event(
        self,
        type_: str,
        now: dt.datetime,
        step: str = "",
        payload: dict[str, Any] | None = None,
    ) -> store.Event:
        return store.Event(
            type=type_, step=step, payload=payload or {}, occurred_at=now
        )

    def _commit(
        self,
        now: dt.datetime,
        *,
        step: StepRun | None,
        step_changes: dict[str, Any],
        run_changes: dict[str, Any],
        new_events: list[store.Event],
        check_cancel: bool = True,
    ) -> None:
        """Write the run's, the step's and the events' changes, under the fence.

        Called last inside the step's transaction. The run update is conditional on
        this worker's fence (and, going forward, on no cancellation request) and also
        renews the lease. If it changes no row, the worker lost its lease: raising
        rolls back the whole step, so a zombie can never commit. The update holds the
        run's row lock (PostgreSQL) or the database write lock (SQLite, taken at
        BEGIN IMMEDIATE) until the commit, so no claim can slip in between.
        """
        seq = self.run.event_count
        for event in new_events:
            seq += 1
            event.seq = seq
        run_changes = {**run_changes, "event_count": seq, "updated_at": now}
        run_changes.setdefault("lease_expires_at", now + _lease_delta())
        if not store.run_update_fenced(
            self.run.pk, self.fence, run_changes, not_cancelled=check_cancel
        ):
            raise self._lease_problem(check_cancel=check_cancel)
        if step is not None and step_changes:
            store.step_update(self.run.pk, step.position, step_changes)
        store.events_insert(self.run.pk, new_events)
        heartbeat.renewed(self.run.pk)

    @staticmethod
    def _apply(obj: Any, changes: dict[str, Any]) -> None:
        for name, value in changes.items():
            setattr(obj, name, value)

    def _context(self, step_name: str) -> StepContext:
        # A run may start from ids another run produced (re-delivering an amended
        # draft); its own steps' outputs come after and win.
        outputs: dict[str, Any] = dict((self.run.options or {}).get("seed", {}))
        for step in self.steps:
            outputs.update(step.output or {})
        return StepContext(
            run_id=self.run.pk,
            brief_id=self.run.brief_id,
            pack=self.run.pack,
            options=self.run.options or {},
            key=f"{self.run.pk}:{step_name}",
            outputs=outputs,
            run_created_at=self.run.created_at,
        )

    def _released(self, now: dt.datetime, status: str) -> dict[str, Any]:
        return {
            "status": status,
            "finished_at": now,
            "lease_owner": "",
            "lease_expires_at": None,
        }

    def _backoff(self, attempt: int) -> None:
        base = float(settings.AICMO_RETRY_BASE_SECONDS)
        if base <= 0:
            return
        delay = min(MAX_BACKOFF_SECONDS, base * (2 ** (attempt - 1)))
        time.sleep(delay + random.uniform(0, delay / 2))  # noqa: S311 - jitter only

    def _stall(self, step_name: str) -> None:
        """Drill: hold the step's transaction open, its writes made, uncommitted.

        Only on the run's first claim, so the worker that takes the run over after
        a kill or a freeze finishes it.
        """
        seconds = float(settings.AICMO_STALL_SECONDS)
        logger.warning(
            "stall drill: %s holds %s of %s for %.1fs before its commit",
            self.owner,
            step_name,
            self.run.pk,
            seconds,
        )
        time.sleep(seconds)

    # -- the loop ------------------------------------------------------------

    def execute(self) -> WorkflowRun:
        if not heartbeat.wanted():
            return self._execute()
        heartbeat.hold(self.run.pk, self.fence)
        try:
            return self._execute()
        finally:
            heartbeat.release(self.run.pk)

    def _execute(self) -> WorkflowRun:
        try:
            if self.run.cancel_requested_at and self.run.status in (
                RunS.PENDING,
                RunS.RUNNING,
            ):
                self._begin_cancel()
            if self.run.status in (RunS.PENDING, RunS.RUNNING):
                self._forward()
            if self.run.status == RunS.COMPENSATING:
                self._compensate()
        except _CancelRequested:
            self._begin_cancel()
            if self.run.status == RunS.COMPENSATING:
                self._compensate()
        except LeaseLost as exc:
            logger.warning("%s", exc)
        return self.run

    def _forward(self) -> None:
        last = len(self.workflow.steps) - 1
        for index, (definition, step) in enumerate(
            zip(self.workflow.steps, self.steps, strict=True)
        ):
            if step.status == StepS.COMPLETED:
                continue
            if not self._run_step(definition, step, is_last=index == last):
                return
            if (self.run.options or {}).get("crash_after") == step.name:
                logger.warning("crash drill: exiting after %s committed", step.name)
                os._exit(CRASH_EXIT_CODE)

    def _run_step(self, definition: Any, step: StepRun, *, is_last: bool) -> bool:
        """Run one step to completion or failure; True when it completed."""
        max_attempts = definition.max_attempts or self.max_attempts
        ctx = self._context(step.name)
        started_at = step.started_at or timezone.now()
        while True:
            attempt = step.attempts + 1
            try:
                with transaction.atomic(durable=True):
                    with events.recording() as recorded:
                        outcome = definition.action(ctx)
                    if self.fence == 1 and ctx.options.get("stall_in") == step.name:
                        self._stall(step.name)
                    now = timezone.now()
                    public = {
                        k: v
                        for k, v in outcome.output.items()
                        if k in self.workflow.public_outputs
                    }
                    step_changes: dict[str, Any] = {
                        "attempts": attempt,
                        "started_at": started_at,
                        "finished_at": now,
                        "output": outcome.output,
                    }
                    run_changes: dict[str, Any] = {
                        "outputs": {**self.run.outputs, **public},
                        "status": RunS.RUNNING,
                    }
                    new_events = [
                        self._event(e.type, now, step.name, e.payload) for e in recorded
                    ]
                    if outcome.failure is None:
                        step_changes.update(status=StepS.COMPLETED, error=None)
                        new_events.insert(
                            0,
                            self._event(
                                "step.completed",
                                now,
                                step.name,
                                {"attempt": attempt, "output": outcome.output},
                            ),
                        )
                        if is_last:
                            run_changes.update(self._released(now, RunS.COMPLETED))
                            new_events.append(self._event("run.completed", now))
                    else:
                        self._failure_changes(
                            step,
                            outcome.failure,
                            now,
                            step_changes,
                            run_changes,
                            new_events,
                            attempt,
                        )
                    self._commit(
                        now,
                        step=step,
                        step_changes=step_changes,
                        run_changes=run_changes,
                        new_events=new_events,
                    )
            except (LeaseLost, _CancelRequested):
                raise
            except ApplicationError as exc:
                self._fail_step(
                    definition,
                    step,
                    ctx,
                    StepFailure(code=exc.code, message=exc.message, details=exc.extra),
                    attempt,
                    started_at,
                )
                return False
            except Exception as exc:
                transient = isinstance(exc, TRANSIENT_ERRORS)
                if not transient:
                    logger.exception("step %s of %s raised", step.name, self.run.pk)
                code = "TRANSIENT_ERROR" if transient else "INTERNAL_ERROR"
                failure = StepFailure(code=code, message=f"{type(exc).__name__}: {exc}")
                if attempt < max_attempts:
                    self._record_retry(step, failure, attempt, started_at)
                    self._backoff(attempt)
                    continue
                self._fail_step(
                    definition,
                    step,
                    ctx,
                    StepFailure(
                        code=code,
                        message=f"{failure.message} (gave up after {attempt} attempts)",
                    ),
                    attempt,
                    started_at,
                )
                return False
            self._apply(step, step_changes)
            self._apply(self.run, run_changes)
            self.run.event_count += len(new_events)
            return outcome.failure is None

    def _failure_changes(
        self,
        step: StepRun,
        failure: StepFailure,
        now: dt.datetime,
        step_changes: dict[str, Any],
        run_changes: dict[str, Any],
        new_events: list[store.Event],
        attempt: int,
    ) -> None:
        error = {"step": step.name, "code": failure.code, "message": failure.message}
        step_changes.update(
            status=StepS.FAILED,
            finished_at=now,
            error={
                "code": failure.code,
                "message": failure.message,
                "details": failure.details,
            },
        )
        has_work = any(s.status == StepS.COMPLETED for s in self.steps)
        if has_work:
            run_changes.update(status=RunS.COMPENSATING, error=error)
        else:
            run_changes.update(self._released(now, RunS.FAILED))
            run_changes["error"] = error
        new_events.append(
            self._event(
                "step.failed",
                now,
                step.name,
                {"attempt": attempt, **error, "details": failure.details},
            )
        )
        new_events.append(
            self._event("run.compensating" if has_work else "run.failed", now)
        )

    def _fail_step(
        self,
        definition: Any,
        step: StepRun,
        ctx: StepContext,
        failure: StepFailure,
        attempt: int,
        started_at: dt.datetime,
    ) -> None:
        """Record a step that failed for good, in its own small fenced transaction."""
        now = timezone.now()
        step_changes: dict[str, Any] = {"attempts": attempt, "started_at": started_at}
        run_changes: dict[str, Any] = {}
        new_events: list[store.Event] = []
        self._failure_changes(
            step, failure, now, step_changes, run_changes, new_events, attempt
        )
        with transaction.atomic(durable=True):
            self._commit(
                now,
                step=step,
                step_changes=step_changes,
                run_changes=run_changes,
                new_events=new_events,
            )
        self._apply(step, step_changes)
        self._apply(self.run, run_changes)
        self.run.event_count += len(new_events)
        if definition.abandon is not None:
            try:
                definition.abandon(ctx)
            except Exception:  # cleanup is best effort; the failure is already recorded
                logger.exception(
                    "cleanup after %s failed on %s", step.name, self.run.pk
                )

    def _record_retry(
        self, step: StepRun, failure: StepFailure, attempt: int, started_at: dt.datetime
    ) -> None:
        now = timezone.now()
        step_changes = {
            "attempts": attempt,
            "started_at": started_at,
            "error": {"code": failure.code, "message": failure.message},
        }
        new_events = [
            self._event(
                "step.retrying",
                now,
                step.name,
                {"attempt": attempt, "code": failure.code, "message": failure.message},
            )
        ]
        with transaction.atomic(durable=True):
            self._commit(
                now,
                step=step,
                step_changes=step_changes,
                run_changes={},
                new_events=new_events,
            )
        self._apply(step, step_changes)
        self.run.event_count += len(new_events)

    # -- compensation --------------------------------------------------------

    def _begin_cancel(self) -> None:
        now = timezone.now()
        has_work = any(s.status == StepS.COMPLETED for s in self.steps)
        run_changes: dict[str, Any] = (
            {"status": RunS.COMPENSATING}
            if has_work
            else self._released(now, RunS.CANCELLED)
        )
        run_changes["error"] = {
            "step": None,
            "code": "CANCELLED",
            "message": "The run was cancelled by an operator.",
        }
        new_events = [
            self._event("run.cancelling" if has_work else "run.cancelled", now)
        ]
        with transaction.atomic(durable=True):
            self._commit(
                now,
                step=None,
                step_changes={},
                run_changes=run_changes,
                new_events=new_events,
                check_cancel=False,
            )
        self._apply(self.run, run_changes)
        self.run.event_count += len(new_events)

    def _compensate(self) -> None:
        pairs = list(zip(self.workflow.steps, self.steps, strict=True))
        for definition, step in reversed(pairs):
            if step.status != StepS.COMPLETED:
                continue
            if definition.compensate is None:
                continue
            if not self._compensate_step(definition, step):
                return
        now = timezone.now()
        final = RunS.CANCELLED if self.run.cancel_requested_at else RunS.COMPENSATED
        run_changes = self._released(now, final)
        new_events = [self._event(f"run.{final}", now)]
        with transaction.atomic(durable=True):
            self._commit(
                now,
                step=None,
                step_changes={},
                run_changes=run_changes,
                new_events=new_events,
                check_cancel=False,
            )
        self._apply(self.run, run_changes)
        self.run.event_count += len(new_events)

    def _compensate_step(self, definition: Any, step: StepRun) -> bool:
        ctx = self._context(step.name)
        while True:
            attempt = step.compensation_attempts + 1
            try:
                with transaction.atomic(durable=True):
                    now = timezone.now()
                    with events.recording() as recorded:
                        definition.compensate(ctx)
                    now = timezone.now()
                    step_changes = {
                        "status": StepS.COMPENSATED,
                        "compensated_at": now,
                        "compensation_attempts": attempt,
                    }
                    run_changes = {
                        "compensated_steps": [*self.run.compensated_steps, step.name]
                    }
                    new_events = [
                        self._event(
                            "step.compensated", now, step.name, {"attempt": attempt}
                        )
                    ]
                    new_events += [
                        self._event(e.type, now, step.name, e.payload) for e in recorded
                    ]
                    self._commit(
                        now,
                        step=step,
                        step_changes=step_changes,
                        run_changes=run_changes,
                        new_events=new_events,
                        check_cancel=False,
                    )
            except LeaseLost:
                raise
            except Exception as exc:
                logger.warning(
                    "compensation of %s on %s failed (attempt %s): %s",
                    step.name,
                    self.run.pk,
                    attempt,
                    exc,
                )
                code = getattr(exc, "code", None) or (
                    "TRANSIENT_ERROR"
                    if isinstance(exc, TRANSIENT_ERRORS)
                    else "INTERNAL_ERROR"
                )
                error = {"code": code, "message": f"{type(exc).__name__}: {exc}"}
                retryable = not isinstance(exc, ApplicationError)
                if retryable and attempt < self.max_compensations:
                    self._record_compensation_retry(step, error, attempt)
                    self._backoff(attempt)
                    continue
                self._compensation_failed(step, error, attempt)
                return False
            self._apply(step, step_changes)
            self._apply(self.run, run_changes)
            self.run.event_count += len(new_events)
            return True

    def _record_compensation_retry(
        self, step: StepRun, error: dict[str, Any], attempt: int
    ) -> None:
        now = timezone.now()
        step_changes = {
            "compensation_attempts": attempt,
            "error": {**(step.error or {}), "compensation": error},
        }
        new_events = [
            self._event(
                "step.compensation_retrying",
                now,
                step.name,
                {"attempt": attempt, **error},
            )
        ]
        with transaction.atomic(durable=True):
            self._commit(
                now,
                step=step,
                step_changes=step_changes,
                run_changes={},
                new_events=new_events,
                check_cancel=False,
            )
        self._apply(step, step_changes)
        self.run.event_count += len(new_events)

    def _compensation_failed(
        self, step: StepRun, error: dict[str, Any], attempt: int
    ) -> None:
        now = timezone.now()
        step_changes = {
            "status": StepS.COMPENSATION_FAILED,
            "compensation_attempts": attempt,
            "error": {**(step.error or {}), "compensation": error},
        }
        run_changes = {
            "status": RunS.COMPENSATION_FAILED,
            "lease_owner": "",
            "lease_expires_at": None,
        }
        new_events = [
            self._event(
                "step.compensation_failed",
                now,
                step.name,
                {"attempt": attempt, **error},
            ),
            self._event("run.compensation_failed", now),
        ]
        with transaction.atomic(durable=True):
            self._commit(
                now,
                step=step,
                step_changes=step_changes,
                run_changes=run_changes,
                new_events=new_events,
                check_cancel=False,
            )
        self._apply(step, step_changes)
        self._apply(self.run, run_changes)
        self.run.event_count += len(new_events)


# --- operator actions ---------------------------------------------------------


def run_retry(*, run_id: str) -> WorkflowRun:
    """Put a ``compensation_failed`` run back to ``compensating``, fresh attempts."""
    now = timezone.now()
    with transaction.atomic():
        run = WorkflowRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None:
            raise RunNotFound(f"Run '{run_id}' not found.")
        if run.status != RunS.COMPENSATION_FAILED:
            raise RunNotRetryable(
                f"Run '{run_id}' is {run.status}; "
                "only a compensation_failed run can be "
                "retried.",
                extra={"status": run.status},
            )
        StepRun.objects.filter(run=run, status=StepS.COMPENSATION_FAILED).update(
            status=StepS.COMPLETED, compensation_attempts=0
        )
        run.status = RunS.COMPENSATING
        run.event_count += 1
        run.save(update_fields=["status", "event_count", "updated_at"])
        RunEvent.objects.create(
            run=run, seq=run.event_count, type="run.retry_requested", occurred_at=now
        )
    return run


def run_cancel(*, run_id: str) -> WorkflowRun:
    """Ask an active run to stop: its completed steps are compensated first."""
    now = timezone.now()
    with transaction.atomic():
        run = WorkflowRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None:
            raise RunNotFound(f"Run '{run_id}' not found.")
        if run.status not in (RunS.PENDING, RunS.RUNNING):
            raise RunNotCancellable(
                f"Run '{run_id}' is {run.status}; only a pending or running run can be "
                "cancelled.",
                extra={"status": run.status},
            )
        if run.cancel_requested_at is None:
            run.cancel_requested_at = now
            run.event_count += 1
            run.save(update_fields=["cancel_requested_at", "event_count", "updated_at"])
            RunEvent.objects.create(
                run=run,
                seq=run.event_count,
                type="run.cancel_requested",
                occurred_at=now,
            )
    return run


def runs_due(*, limit: int = 100, run_ids: Iterable[str] | None = None) -> list[str]:
    """Return ids of active runs whose lease is free or expired, oldest first."""
    now = timezone.now()
    queryset = WorkflowRun.objects.filter(status__in=ACTIVE_STATUSES).filter(
        Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lt=now)
    )
    if run_ids is not None:
        queryset = queryset.filter(pk__in=list(run_ids))
    return list(queryset.order_by("created_at").values_list("id", flat=True)[:limit])


MAX_DOORBELL_DOUBLINGS = 6


def _doorbell_wait(grace: dt.timedelta, doorbells: int) -> dt.timedelta:
    return grace * (2 ** min(doorbells, MAX_DOORBELL_DOUBLINGS))


def runs_to_ring(*, limit: int = 500) -> list[str]:
    """Pick active runs nobody drives whose last doorbell is old; mark them rung.

    Due: the lease is free or expired, and the last doorbell (if any) is older than
    ``AICMO_DOORBELL_GRACE_SECONDS``, doubled for every doorbell the sweeper rang
    since the run was last claimed (at most 64 times the grace). A run whose worker
    died is rung at once (its claim reset the count); a run waiting in a long queue
    is rung again after 1, 2, 4 ... graces, not at every sweep, so a backlog does
    not flood the broker with doorbells. On PostgreSQL two sweepers never pick the
    same run: rows are taken with ``FOR UPDATE SKIP LOCKED``.
    """
    now = timezone.now()
    grace = dt.timedelta(seconds=float(settings.AICMO_DOORBELL_GRACE_SECONDS))
    with transaction.atomic(durable=True):
        queryset = (
            WorkflowRun.objects.filter(status__in=ACTIVE_STATUSES)
            .filter(Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lt=now))
            .filter(Q(rung_at__isnull=True) | Q(rung_at__lt=now - grace))
            .order_by("created_at")
        )
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        candidates = queryset.values_list("id", "rung_at", "doorbells")[: limit * 10]
        run_ids = [
            run_id
            for run_id, rung_at, doorbells in candidates
            if rung_at is None or rung_at < now - _doorbell_wait(grace, doorbells)
        ][:limit]
        if run_ids:
            WorkflowRun.objects.filter(pk__in=run_ids).update(
                rung_at=now, doorbells=F("doorbells") + 1
            )
    return run_ids


def runs_unring(run_ids: Iterable[str]) -> None:
    """Forget doorbells that could not be sent: the next sweep rings these runs."""
    WorkflowRun.objects.filter(pk__in=list(run_ids)).update(rung_at=None)


def runs_leased_count() -> int:
    """Count active runs whose lease is still live."""
    return WorkflowRun.objects.filter(
        status__in=ACTIVE_STATUSES, lease_expires_at__gte=timezone.now()
    ).count()


def runs_next_lease_expiry() -> dt.datetime | None:
    return (
        WorkflowRun.objects.filter(
            status__in=ACTIVE_STATUSES, lease_expires_at__gte=timezone.now()
        )
        .order_by("lease_expires_at")
        .values_list("lease_expires_at", flat=True)
        .first()
    )
