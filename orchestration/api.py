"""Orchestration's public API: submit briefs, start, watch, retry and cancel runs.

Runs are durable sagas (SPEC §4). Starting is idempotent on an idempotency key; the
configured executor drives the run inline or through Celery workers.

An idempotency key belongs to an owner: :func:`key_owner_of_user` for an API user,
:data:`CLI_KEY_OWNER` for ``run_workflow``, ``""`` for other internal callers. The same
key of two owners starts two runs; the same owner's key replays its run only for the
same request, and answers :class:`~orchestration.errors.IdempotencyKeyReused` (409
``CONFLICT``) for another one.

Every read of a run and every action on one takes the caller's account-team ``scope``
(:mod:`aicmo_site.kernel.scope`; default every client, for internal callers): a run
of a brief outside it, or of no brief, is not found, exactly as an unknown id.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from aicmo_site.kernel import paging
from aicmo_site.kernel.scope import ALL, Scope
from onboarding import api as onboarding_api
from onboarding.dto import BriefData
from orchestration import selectors, services, subscribers
from orchestration.dto import (
    DispatchSummary,
    EventData,
    RecoveryData,
    RunData,
    RunStatus,
    StepData,
    StepStatus,
)
from orchestration.engine import executors, runs, sweeper
from orchestration.errors import RunNotFound
from orchestration.models import WorkflowRun

DEFAULT_WORKFLOW = services.DEFAULT_WORKFLOW
# The owner of the keys given to run_workflow (operators on a shell share it).
CLI_KEY_OWNER = "cli"


@dataclass(frozen=True, slots=True, kw_only=True)
class RunStartData:
    """A started (or replayed) run and whether this call created it."""

    run: RunData
    created: bool


logger = logging.getLogger("aicmo.orchestration")


def _to_start_data(launched: runs.Launched) -> RunStartData:
    return RunStartData(
        run=_to_run_data(launched.run, launched.steps), created=launched.created
    )


def _to_run_data(run: WorkflowRun, steps: list[Any] | None = None) -> RunData:
    steps = steps if steps is not None else list(run.steps.all())
    return RunData(
        id=run.id,
        workflow=run.workflow,
        status=RunStatus(run.status),
        brief_id=run.brief_id,
        pack=run.pack,
        idempotency_key=run.idempotency_key,
        options=dict(run.options or {}),
        trace_id=run.trace_id,
        created_at=run.created_at,
        finished_at=run.finished_at,
        outputs=dict(run.outputs or {}),
        steps=tuple(
            StepData(
                name=s.name,
                position=s.position,
                status=StepStatus(s.status),
                attempts=s.attempts,
                started_at=s.started_at,
                finished_at=s.finished_at,
                error=s.error,
                compensation_attempts=s.compensation_attempts,
                compensated_at=s.compensated_at,
            )
            for s in sorted(steps, key=lambda s: s.position)
        ),
        compensated_steps=tuple(run.compensated_steps or ()),
        error=run.error,
    )


def pack_keys() -> list[str]:
    """Return the keys of the packs production can generate."""
    return services.pack_keys()


def brief_submit(*, data: Any, scope: Scope = ALL) -> BriefData:
    """Validate a raw brief against SPEC §5 and the known packs, and store it.

    A limited ``scope`` may submit only for its own clients.

    Raises:
        InvalidBrief: naming every bad field (``client`` for a client outside
            ``scope``); nothing is stored.
    """
    return onboarding_api.brief_submit(data=data, known_packs=pack_keys(), scope=scope)


def brief_check(*, data: Any, scope: Scope = ALL) -> None:
    """Validate a raw brief without storing anything.

    Raises:
        InvalidBrief: naming every bad field (``client`` for a client outside
            ``scope``).
    """
    onboarding_api.brief_check(data=data, known_packs=pack_keys(), scope=scope)


def run_options_check(
    *,
    pack: str | None = None,
    force_fail: str | None = None,
    crash_after: str | None = None,
    workflow: str = DEFAULT_WORKFLOW,
    stall_in: str | None = None,
) -> dict[str, Any]:
    """Validate run options before anything is stored; return the clean options.

    Raises:
        InvalidRunOptions: naming every bad option (``pack`` included).
        FaultInjectionDisabled: fault injection was asked for while it is off.
    """
    return services.run_options_check(
        pack=pack,
        force_fail=force_fail,
        crash_after=crash_after,
        workflow=workflow,
        stall_in=stall_in,
    )


def key_owner_of_user(*, user_id: int | str) -> str:
    """Return the owner of the idempotency keys a user sends (``user:<id>``)."""
    return f"user:{user_id}"


def request_fingerprint(*, request: dict[str, Any]) -> str:
    """Return the fingerprint of a request: the SHA-256 of its canonical JSON.

    For a caller whose request is more than :func:`workflow_start`'s arguments (the
    brief file of ``run_workflow``), to pass as its ``fingerprint``.
    """
    return runs.request_fingerprint(request)


def workflow_start(
    *,
    brief_id: str,
    pack: str | None = None,
    force_fail: str | None = None,
    crash_after: str | None = None,
    idempotency_key: str | None = None,
    key_owner: str = "",
    fingerprint: str | None = None,
    trace_id: str = "",
    workflow: str = DEFAULT_WORKFLOW,
    stall_in: str | None = None,
    scope: Scope = ALL,
) -> RunStartData:
    """Start a workflow run for a brief, or return the run an idempotency key started.

    With the inline executor the run has finished when this returns; with a queued
    executor it is ``pending`` and a worker picks it up.

    The key is ``key_owner``'s. It replays its run only for the same request: the
    same arguments as given, or the same ``fingerprint`` (:func:`request_fingerprint`)
    when the caller passes one.

    Raises:
        IdempotencyKeyReused: the owner's key started a run for another request;
            nothing is started.
        BriefNotFound: no brief has this id, or ``scope`` does not include it (also
            when the key replays a run of such a brief); nothing is started.
        InvalidRunOptions: an unknown pack or fault option.
        FaultInjectionDisabled: ``force_fail``/``crash_after``/``stall_in`` while the
            setting is off. ``stall_in`` (a drill) holds that step open for
            ``AICMO_STALL_SECONDS`` before its commit, on the run's first claim.
    """
    return _to_start_data(
        services.workflow_launch(
            brief_id=brief_id,
            pack=pack,
            force_fail=force_fail,
            crash_after=crash_after,
            idempotency_key=idempotency_key,
            key_owner=key_owner,
            fingerprint=fingerprint,
            trace_id=trace_id,
            workflow=workflow,
            stall_in=stall_in,
            scope=scope,
        )
    )


def draft_redeliver(
    *,
    draft_id: str,
    force_fail: str | None = None,
    idempotency_key: str | None = None,
    key_owner: str = "",
    trace_id: str = "",
    scope: Scope = ALL,
) -> RunStartData:
    """Re-run QC and packaging on a draft (after an amendment): a new package.

    The previous package stays, for history. The run is a ``draft_redelivery`` saga
    with the steps ``qc_evaluate`` and ``create_package``. The key is
    ``key_owner``'s and replays its run only for the same draft and options.

    Raises:
        IdempotencyKeyReused: the owner's key started a run for another request.
        DraftNotRedeliverable: no completed run delivered this draft, or ``scope``
            does not include its brief; nothing is started.
        InvalidRunOptions: an unknown fault option.
        FaultInjectionDisabled: ``force_fail`` while the setting is off.
    """
    return _to_start_data(
        services.draft_redeliver(
            draft_id=draft_id,
            force_fail=force_fail,
            idempotency_key=idempotency_key,
            key_owner=key_owner,
            trace_id=trace_id,
            scope=scope,
        )
    )


def _run_find(run_id: str, scope: Scope) -> WorkflowRun:
    """Return the run if ``scope`` includes it.

    Raises:
        RunNotFound: no run has this id, or ``scope`` does not include it.
    """
    run = selectors.run_find(run_id=run_id, scope=scope)
    if run is None:
        raise RunNotFound(f"Run '{run_id}' not found.")
    return run


def run_get(*, run_id: str, scope: Scope = ALL) -> RunData:
    """Return a run with its steps.

    Raises:
        RunNotFound: no run has this id, or ``scope`` does not include it.
    """
    return _to_run_data(_run_find(run_id, scope))


def run_find_by_key(
    *, idempotency_key: str, key_owner: str, fingerprint: str
) -> RunData | None:
    """Return the run the owner's key started for this request, or None.

    Raises:
        IdempotencyKeyReused: the key started a run for another request.
    """
    replayed = runs.run_replay(
        idempotency_key=idempotency_key, key_owner=key_owner, fingerprint=fingerprint
    )
    return _to_run_data(replayed.run, replayed.steps) if replayed is not None else None


def run_list(
    *,
    status: str | None = None,
    workflow: str | None = None,
    brief_id: str | None = None,
    created_after: dt.datetime | None = None,
    created_before: dt.datetime | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[RunData]:
    """Return runs in ``scope``, newest first, by status, workflow, brief or creation.

    A limited ``scope`` lists only runs of its briefs (never runs of no brief).

    ``created_after`` is inclusive, ``created_before`` exclusive; ``after_id``
    continues a previous page after that id.

    Raises:
        ValidationFailed: ``limit`` is not from 1 to 200.
    """
    paging.check_limit(limit)
    return [
        _to_run_data(run)
        for run in selectors.run_list(
            status=status,
            workflow=workflow,
            brief_id=brief_id,
            created_after=created_after,
            created_before=created_before,
            limit=limit,
            after_id=after_id,
            scope=scope,
        )
    ]


def run_events(*, run_id: str, scope: Scope = ALL) -> list[EventData]:
    """Return the run's event history in order.

    Raises:
        RunNotFound: no run has this id, or ``scope`` does not include it.
    """
    _run_find(run_id, scope)
    return [
        EventData(
            seq=e.seq,
            type=e.type,
            step=e.step,
            payload=e.payload,
            occurred_at=e.occurred_at,
        )
        for e in selectors.run_events(run_id=run_id)
    ]


def run_internal_outputs(*, run_id: str, scope: Scope = ALL) -> dict[str, Any]:
    """Return every id the run's completed steps produced, internal ones included.

    ``outputs`` in the run JSON holds the public ids; this adds the engagement's
    normalized brief and project ids, for operators and tests.

    Raises:
        RunNotFound: no run has this id, or ``scope`` does not include it.
    """
    return selectors.run_produced(run=_run_find(run_id, scope))


def run_advance(*, run_id: str) -> RunData | None:
    """Claim the run if its lease is free or expired and drive it (a worker's job).

    Returns None when another worker holds the run or it is not active.
    """
    run = runs.run_advance(run_id=run_id)
    return _to_run_data(run) if run is not None else None


def run_retry(*, run_id: str, scope: Scope = ALL) -> RunData:
    """Retry the compensations of a ``compensation_failed`` run.

    Raises:
        RunNotFound: no run has this id, or ``scope`` does not include it; the run
            is left as it is.
        RunNotRetryable: the run is not in ``compensation_failed``.
    """
    if not scope.is_all:
        _run_find(run_id, scope)
    runs.run_retry(run_id=run_id)
    executors.executor_get().submit(run_id)
    return run_get(run_id=run_id)


def run_cancel(*, run_id: str, scope: Scope = ALL) -> RunData:
    """Cancel a pending or running run; completed steps are compensated first.

    Raises:
        RunNotFound: no run has this id, or ``scope`` does not include it; the run
            is left as it is.
        RunNotCancellable: the run has already finished.
    """
    if not scope.is_all:
        _run_find(run_id, scope)
    runs.run_cancel(run_id=run_id)
    executors.executor_get().submit(run_id)
    return run_get(run_id=run_id)


def runs_recover(*, limit: int = 100) -> RecoveryData:
    """Finish every active run whose lease expired (or was never taken), here and now.

    Each run resumes at its first uncommitted step, or at its next compensation.
    """
    resumed = services.runs_recover(limit=limit)
    return RecoveryData(
        resumed=tuple(_to_run_data(run) for run in resumed),
        still_leased=selectors.runs_leased_count(),
    )


def events_dispatch_pending(*, limit: int = 100) -> DispatchSummary:
    """Deliver domain events still waiting in the outbox (such as ``ClientSigned``).

    Each is delivered once per subscriber, however often this runs.
    """
    return subscribers.events_dispatch_pending(limit=limit)


def runs_sweep(*, limit: int = 500) -> RecoveryData:
    """The periodic sweep: get every active run that nobody drives going again.

    It also delivers the outbox events whose delivery after their commit failed.

    Inline, this is :func:`runs_recover`. With a queued executor it rings a
    doorbell for each active run whose lease is free or expired and whose last
    doorbell is older than ``AICMO_DOORBELL_GRACE_SECONDS``: runs whose worker died,
    and runs started while the broker was down. The workers' claims decide.
    """
    summary = subscribers.events_dispatch_pending(limit=limit)
    if summary.failed:
        logger.warning("%s outbox event(s) still fail; see the admin", summary.failed)
    executor = executors.executor_get()
    if executor.inline:
        return runs_recover(limit=limit)
    rung = services.runs_ring(sweeper.runs_to_ring(limit=limit))
    return RecoveryData(
        resumed=(), still_leased=selectors.runs_leased_count(), rung=tuple(rung)
    )


def runs_next_lease_expiry() -> dt.datetime | None:
    """Return when the soonest live lease of an active run expires, or None."""
    return selectors.runs_next_lease_expiry()


def executor_name() -> str:
    """Return the configured executor's name: ``inline`` or ``celery``."""
    return executors.executor_get().name


def executor_is_queued() -> bool:
    """Return whether workers drive runs, so a run just started is still pending."""
    return not executors.executor_get().inline
