"""The runner: drives one claimed run forward, step by step, or back, compensating.

Guarantees (SPEC §4, docs/decisions/0003-saga-engine.md):
- each step runs in one durable transaction that also renews the lease under the
  run's fence, records the step's outcome and outputs and appends its events;
- a worker that lost its lease cannot commit: the fenced run update changes no row;
- completed steps are compensated in reverse order, one transaction each;
- the in-memory run and steps change only after a commit succeeds.

Every write the runner makes is a :class:`Commit`: changes to the run, to one step
and the events they raise, written by :meth:`Runner._write` inside a transaction
and applied to memory by :meth:`Runner._applied` once it committed.
"""

import datetime as dt
import logging
import random
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from aicmo_site.kernel import events
from aicmo_site.kernel.errors import ApplicationError, TransientError
from orchestration.engine import faults, heartbeat, store
from orchestration.engine.definitions import (
    Step,
    StepContext,
    StepFailure,
    Workflow,
    workflow_get,
)
from orchestration.errors import LeaseLost
from orchestration.models import StepRun, WorkflowRun

logger = logging.getLogger("aicmo.orchestration")

RunS = WorkflowRun.Status
StepS = StepRun.Status
TRANSIENT_ERRORS = (TransientError, OperationalError, InterfaceError)
MAX_BACKOFF_SECONDS = 5.0


def lease_delta() -> dt.timedelta:
    """How long a claim or a commit keeps the run's lease (``AICMO_LEASE_SECONDS``)."""
    return dt.timedelta(seconds=float(settings.AICMO_LEASE_SECONDS))


def released(now: dt.datetime, status: str) -> dict[str, Any]:
    """The run changes that finish it in ``status`` and give its lease up."""
    return {
        "status": status,
        "finished_at": now,
        "lease_owner": "",
        "lease_expires_at": None,
    }


class _CancelRequested(Exception):
    """An operator asked to cancel the run while this worker held it."""


@dataclass(slots=True)
class Commit:
    """One fenced write: run changes, one step's changes, and the events raised."""

    now: dt.datetime
    run: dict[str, Any] = field(default_factory=dict)
    step: StepRun | None = None
    step_changes: dict[str, Any] = field(default_factory=dict)
    events: list[store.Event] = field(default_factory=list)
    # Going forward, a cancellation request stops the run at its next commit;
    # compensating and finishing commit whatever was asked meanwhile.
    check_cancel: bool = True

    def event(
        self, type_: str, step: str = "", payload: dict[str, Any] | None = None
    ) -> None:
        self.events.append(
            store.Event(
                type=type_, step=step, payload=payload or {}, occurred_at=self.now
            )
        )


class Runner:
    """Drives one claimed run. Holds the run and its steps in memory (cost budget)."""

    def __init__(self, *, run: WorkflowRun, steps: list[StepRun], owner: str) -> None:
        self.run = run
        self.steps = steps
        self.owner = owner
        self.fence = run.fence
        self.workflow: Workflow = workflow_get(run.workflow)
        self.max_attempts = int(settings.AICMO_STEP_MAX_ATTEMPTS)
        self.max_compensations = int(settings.AICMO_COMPENSATION_MAX_ATTEMPTS)

    # -- writing -------------------------------------------------------------

    def _write(self, commit: Commit) -> None:
        """Write ``commit`` under the fence; call it last inside the transaction.

        The run update is conditional on this worker's fence (and, going forward, on
        no cancellation request) and also renews the lease. If it changes no row,
        the worker lost its lease: raising rolls back the whole step, so a zombie
        can never commit. The update holds the run's row lock (PostgreSQL) or the
        database write lock (SQLite, taken at BEGIN IMMEDIATE) until the commit, so
        no claim can slip in between.
        """
        commit.run.setdefault("lease_expires_at", commit.now + lease_delta())
        commit.run["updated_at"] = commit.now
        event_count = store.run_update(
            self.run.pk,
            commit.run,
            commit.events,
            fence=self.fence,
            not_cancelled=commit.check_cancel,
        )
        if event_count is None:
            raise self._lease_problem(check_cancel=commit.check_cancel)
        commit.run["event_count"] = event_count
        if commit.step is not None and commit.step_changes:
            store.step_update(self.run.pk, commit.step.position, commit.step_changes)
        heartbeat.renewed(self.run.pk)

    def _applied(self, commit: Commit) -> None:
        """Bring the in-memory run and step up to date with a committed write."""
        for name, value in commit.run.items():
            setattr(self.run, name, value)
        if commit.step is not None:
            for name, value in commit.step_changes.items():
                setattr(commit.step, name, value)

    def _commit(self, commit: Commit) -> None:
        """Write ``commit`` in its own durable transaction, then apply it."""
        with transaction.atomic(durable=True):
            self._write(commit)
        self._applied(commit)

    def _lease_problem(self, *, check_cancel: bool) -> Exception:
        """Explain why the fenced run update changed no row."""
        current = (
            WorkflowRun.objects.filter(pk=self.run.pk)
            .values("fence", "cancel_requested_at")
            .first()
        )
        if (
            check_cancel
            and current
            and current["fence"] == self.fence
            and current["cancel_requested_at"]
        ):
            self.run.cancel_requested_at = current["cancel_requested_at"]
            return _CancelRequested()
        return LeaseLost(
            f"{self.owner} lost the lease on {self.run.pk} (fence {self.fence})"
        )

    # -- helpers -------------------------------------------------------------

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

    def _has_work(self) -> bool:
        return any(s.status == StepS.COMPLETED for s in self.steps)

    @staticmethod
    def _backoff(attempt: int) -> None:
        base = float(settings.AICMO_RETRY_BASE_SECONDS)
        if base <= 0:
            return
        delay = min(MAX_BACKOFF_SECONDS, base * (2 ** (attempt - 1)))
        time.sleep(delay + random.uniform(0, delay / 2))  # noqa: S311 - jitter only

    # -- the loop ------------------------------------------------------------

    def execute(self) -> WorkflowRun:
        """Drive the run as far as it goes; return it in its latest state."""
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
            faults.crash_if_asked(self.run.options or {}, step.name)

    def _run_step(self, definition: Step, step: StepRun, *, is_last: bool) -> bool:
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
                    faults.stall_if_asked(
                        ctx.options,
                        step.name,
                        fence=self.fence,
                        owner=self.owner,
                        run_id=self.run.pk,
                    )
                    commit = Commit(now=timezone.now(), step=step)
                    public = {
                        k: v
                        for k, v in outcome.output.items()
                        if k in self.workflow.public_outputs
                    }
                    commit.step_changes = {
                        "attempts": attempt,
                        "started_at": started_at,
                        "finished_at": commit.now,
                        "output": outcome.output,
                    }
                    commit.run = {
                        "outputs": {**self.run.outputs, **public},
                        "status": RunS.RUNNING,
                    }
                    if outcome.failure is None:
                        commit.step_changes.update(status=StepS.COMPLETED, error=None)
                        commit.event(
                            "step.completed",
                            step.name,
                            {"attempt": attempt, "output": outcome.output},
                        )
                        self._recorded(commit, step.name, recorded)
                        if is_last:
                            commit.run.update(released(commit.now, RunS.COMPLETED))
                            commit.event("run.completed")
                    else:
                        self._recorded(commit, step.name, recorded)
                        self._fail(commit, step, outcome.failure, attempt)
                    self._write(commit)
            except (LeaseLost, _CancelRequested):
                raise
            except ApplicationError as exc:
                failure = StepFailure(
                    code=exc.code, message=exc.message, details=exc.extra
                )
                self._fail_step(definition, step, ctx, failure, attempt, started_at)
                return False
            except Exception as exc:
                transient = isinstance(exc, TRANSIENT_ERRORS)
                if not transient:
                    logger.exception("step %s of %s raised", step.name, self.run.pk)
                code = "TRANSIENT_ERROR" if transient else "INTERNAL_ERROR"
                message = f"{type(exc).__name__}: {exc}"
                if attempt < max_attempts:
                    self._record_retry(step, code, message, attempt, started_at)
                    self._backoff(attempt)
                    continue
                failure = StepFailure(
                    code=code, message=f"{message} (gave up after {attempt} attempts)"
                )
                self._fail_step(definition, step, ctx, failure, attempt, started_at)
                return False
            self._applied(commit)
            return outcome.failure is None

    @staticmethod
    def _recorded(
        commit: Commit, step_name: str, recorded: list[events.DomainEvent]
    ) -> None:
        for event in recorded:
            commit.event(event.type, step_name, event.payload)

    def _fail(
        self, commit: Commit, step: StepRun, failure: StepFailure, attempt: int
    ) -> None:
        """Add to ``commit`` what a step failed for good changes.

        With completed steps to undo, the run goes on compensating; otherwise it
        finishes ``failed``.
        """
        error = {"step": step.name, "code": failure.code, "message": failure.message}
        commit.step_changes.update(
            status=StepS.FAILED,
            finished_at=commit.now,
            error={
                "code": failure.code,
                "message": failure.message,
                "details": failure.details,
            },
        )
        has_work = self._has_work()
        if has_work:
            commit.run.update(status=RunS.COMPENSATING, error=error)
        else:
            commit.run.update(released(commit.now, RunS.FAILED), error=error)
        commit.event(
            "step.failed",
            step.name,
            {"attempt": attempt, **error, "details": failure.details},
        )
        commit.event("run.compensating" if has_work else "run.failed")

    def _fail_step(
        self,
        definition: Step,
        step: StepRun,
        ctx: StepContext,
        failure: StepFailure,
        attempt: int,
        started_at: dt.datetime,
    ) -> None:
        """Record a step that failed for good, in its own small fenced transaction."""
        commit = Commit(
            now=timezone.now(),
            step=step,
            step_changes={"attempts": attempt, "started_at": started_at},
        )
        self._fail(commit, step, failure, attempt)
        self._commit(commit)
        if definition.abandon is not None:
            try:
                definition.abandon(ctx)
            except Exception:  # cleanup is best effort; the failure is already recorded
                logger.exception(
                    "cleanup after %s failed on %s", step.name, self.run.pk
                )

    def _record_retry(
        self,
        step: StepRun,
        code: str,
        message: str,
        attempt: int,
        started_at: dt.datetime,
    ) -> None:
        commit = Commit(
            now=timezone.now(),
            step=step,
            step_changes={
                "attempts": attempt,
                "started_at": started_at,
                "error": {"code": code, "message": message},
            },
        )
        commit.event(
            "step.retrying",
            step.name,
            {"attempt": attempt, "code": code, "message": message},
        )
        self._commit(commit)

    # -- compensation --------------------------------------------------------

    def _begin_cancel(self) -> None:
        commit = Commit(now=timezone.now(), check_cancel=False)
        has_work = self._has_work()
        commit.run = (
            {"status": RunS.COMPENSATING}
            if has_work
            else released(commit.now, RunS.CANCELLED)
        )
        commit.run["error"] = {
            "step": None,
            "code": "CANCELLED",
            "message": "The run was cancelled by an operator.",
        }
        commit.event("run.cancelling" if has_work else "run.cancelled")
        self._commit(commit)

    def _compensate(self) -> None:
        pairs = list(zip(self.workflow.steps, self.steps, strict=True))
        for definition, step in reversed(pairs):
            if step.status != StepS.COMPLETED or definition.compensate is None:
                continue
            if not self._compensate_step(definition, step):
                return
        commit = Commit(now=timezone.now(), check_cancel=False)
        final = RunS.CANCELLED if self.run.cancel_requested_at else RunS.COMPENSATED
        commit.run = released(commit.now, final)
        commit.event(f"run.{final}")
        self._commit(commit)

    def _compensate_step(self, definition: Step, step: StepRun) -> bool:
        """Undo one completed step; False when its compensation failed for good."""
        assert definition.compensate is not None
        ctx = self._context(step.name)
        while True:
            attempt = step.compensation_attempts + 1
            try:
                with transaction.atomic(durable=True):
                    with events.recording() as recorded:
                        definition.compensate(ctx)
                    commit = Commit(now=timezone.now(), step=step, check_cancel=False)
                    commit.step_changes = {
                        "status": StepS.COMPENSATED,
                        "compensated_at": commit.now,
                        "compensation_attempts": attempt,
                    }
                    commit.run = {
                        "compensated_steps": [*self.run.compensated_steps, step.name]
                    }
                    commit.event("step.compensated", step.name, {"attempt": attempt})
                    self._recorded(commit, step.name, recorded)
                    self._write(commit)
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
                    self._compensation_retry(step, error, attempt)
                    self._backoff(attempt)
                    continue
                self._compensation_failed(step, error, attempt)
                return False
            self._applied(commit)
            return True

    def _compensation_retry(
        self, step: StepRun, error: dict[str, Any], attempt: int
    ) -> None:
        commit = Commit(
            now=timezone.now(),
            step=step,
            step_changes={
                "compensation_attempts": attempt,
                "error": {**(step.error or {}), "compensation": error},
            },
            check_cancel=False,
        )
        commit.event(
            "step.compensation_retrying", step.name, {"attempt": attempt, **error}
        )
        self._commit(commit)

    def _compensation_failed(
        self, step: StepRun, error: dict[str, Any], attempt: int
    ) -> None:
        commit = Commit(
            now=timezone.now(),
            step=step,
            step_changes={
                "status": StepS.COMPENSATION_FAILED,
                "compensation_attempts": attempt,
                "error": {**(step.error or {}), "compensation": error},
            },
            run={
                "status": RunS.COMPENSATION_FAILED,
                "lease_owner": "",
                "lease_expires_at": None,
            },
            check_cancel=False,
        )
        commit.event(
            "step.compensation_failed", step.name, {"attempt": attempt, **error}
        )
        commit.event("run.compensation_failed")
        self._commit(commit)
