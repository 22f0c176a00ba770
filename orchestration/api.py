"""Orchestration's public API: submit briefs, start, watch, retry and cancel runs.

Runs are durable sagas (SPEC §4). Starting is idempotent on an idempotency key; the
configured executor drives the run inline or through Celery workers.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from onboarding import api as onboarding_api
from onboarding.dto import BriefData
from orchestration import executors, selectors, services, subscribers
from orchestration.dto import (
    DispatchSummary,
    EventData,
    RecoveryData,
    RunData,
    RunStatus,
    StepData,
    StepStatus,
)
from orchestration.errors import DraftNotRedeliverable, InvalidRunOptions, RunNotFound
from orchestration.models import WorkflowRun
from production import api as production_api

DEFAULT_WORKFLOW = "client_to_delivery"


@dataclass(frozen=True, slots=True, kw_only=True)
class RunStartData:
    """A started (or replayed) run and whether this call created it."""

    run: RunData
    created: bool


logger = logging.getLogger("aicmo.orchestration")


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
    return [pack.key for pack in production_api.pack_list()]


def brief_submit(*, data: Any) -> BriefData:
    """Validate a raw brief against SPEC §5 and the known packs, and store it.

    Raises:
        InvalidBrief: naming every bad field; nothing is stored.
    """
    return onboarding_api.brief_submit(data=data, known_packs=pack_keys())


def brief_check(*, data: Any) -> None:
    """Validate a raw brief without storing anything.

    Raises:
        InvalidBrief: naming every bad field.
    """
    onboarding_api.brief_check(data=data, known_packs=pack_keys())


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
    definition = services.workflow_get(workflow)
    errors: dict[str, list[str]] = {}
    if pack and definition.needs_brief and pack not in pack_keys():
        errors["pack"] = [
            f"Unknown pack '{pack}'. Known packs: {', '.join(pack_keys())}."
        ]
    try:
        clean = services.options_validate(
            definition,
            {
                "force_fail": force_fail,
                "crash_after": crash_after,
                "stall_in": stall_in,
            },
        )
    except InvalidRunOptions as exc:
        errors.update(exc.fields)
        clean = {}
    if errors:
        raise InvalidRunOptions(errors)
    return clean


def workflow_start(
    *,
    brief_id: str,
    pack: str | None = None,
    force_fail: str | None = None,
    crash_after: str | None = None,
    idempotency_key: str | None = None,
    trace_id: str = "",
    workflow: str = DEFAULT_WORKFLOW,
    stall_in: str | None = None,
) -> RunStartData:
    """Start a workflow run for a brief, or return the run an idempotency key started.

    With the inline executor the run has finished when this returns; with a queued
    executor it is ``pending`` and a worker picks it up.

    Raises:
        BriefNotFound: no brief has this id.
        InvalidRunOptions: an unknown pack or fault option.
        FaultInjectionDisabled: ``force_fail``/``crash_after``/``stall_in`` while the
            setting is off. ``stall_in`` (a drill) holds that step open for
            ``AICMO_STALL_SECONDS`` before its commit, on the run's first claim.
    """
    if idempotency_key:
        existing = selectors.run_find_by_key(idempotency_key=idempotency_key)
        if existing is not None:
            return RunStartData(run=_to_run_data(existing), created=False)
    definition = services.workflow_get(workflow)
    if definition.needs_brief:
        brief = onboarding_api.brief_get(brief_id=brief_id)
        brief_id, pack = brief.id, pack or brief.pack
    options = run_options_check(
        pack=pack,
        force_fail=force_fail,
        crash_after=crash_after,
        workflow=workflow,
        stall_in=stall_in,
    )
    executor = executors.executor_get()
    owner = services.new_worker_id() if executor.inline else None
    run, steps, created = services.run_start(
        workflow=definition,
        brief_id=brief_id,
        pack=pack or "",
        options=options,
        idempotency_key=idempotency_key,
        trace_id=trace_id,
        claim_owner=owner,
        queued=not executor.inline,
    )
    if created and owner is not None:
        run = services.Runner(run=run, steps=steps, owner=owner).execute()
    elif created:
        executor.submit(run.id, step=steps[0].name, attempt=run.fence)
    return RunStartData(run=_to_run_data(run, steps), created=created)


REDELIVERY_WORKFLOW = "draft_redelivery"
# The ids a re-delivery carries over from the run that produced the draft; the project
# stays with that engagement (see sagas._advance).
REDELIVERY_SEED = ("brief_id", "normalized_brief_id", "strategy_id", "draft_id")


def draft_redeliver(
    *,
    draft_id: str,
    force_fail: str | None = None,
    idempotency_key: str | None = None,
    trace_id: str = "",
) -> RunStartData:
    """Re-run QC and packaging on a draft (after an amendment): a new package.

    The previous package stays, for history. The run is a ``draft_redelivery`` saga
    with the steps ``qc_evaluate`` and ``create_package``.

    Raises:
        DraftNotRedeliverable: no completed run delivered this draft.
        InvalidRunOptions: an unknown fault option.
        FaultInjectionDisabled: ``force_fail`` while the setting is off.
    """
    if idempotency_key:
        existing = selectors.run_find_by_key(idempotency_key=idempotency_key)
        if existing is not None:
            return RunStartData(run=_to_run_data(existing), created=False)
    producer = selectors.run_find_producer(draft_id=draft_id)
    if producer is None:
        raise DraftNotRedeliverable(
            f"Draft '{draft_id}' was not delivered by a completed run.",
            extra={"draft_id": draft_id},
        )
    produced: dict[str, Any] = {}
    for step in producer.steps.all():
        produced.update(step.output or {})
    seed = {key: produced[key] for key in REDELIVERY_SEED if key in produced}
    options = run_options_check(force_fail=force_fail, workflow=REDELIVERY_WORKFLOW)
    definition = services.workflow_get(REDELIVERY_WORKFLOW)
    executor = executors.executor_get()
    owner = services.new_worker_id() if executor.inline else None
    run, steps, created = services.run_start(
        workflow=definition,
        brief_id=producer.brief_id,
        pack=producer.pack,
        options={**options, "seed": seed, "source_run_id": producer.id},
        idempotency_key=idempotency_key,
        trace_id=trace_id,
        claim_owner=owner,
        queued=not executor.inline,
        outputs={k: v for k, v in seed.items() if k in definition.public_outputs},
    )
    if created and owner is not None:
        run = services.Runner(run=run, steps=steps, owner=owner).execute()
    elif created:
        executor.submit(run.id, step=steps[0].name, attempt=run.fence)
    return RunStartData(run=_to_run_data(run, steps), created=created)


def run_get(*, run_id: str) -> RunData:
    """Return a run with its steps.

    Raises:
        RunNotFound: no run has this id.
    """
    run = selectors.run_find(run_id=run_id)
    if run is None:
        raise RunNotFound(f"Run '{run_id}' not found.")
    return _to_run_data(run)


def run_find_by_key(*, idempotency_key: str) -> RunData | None:
    """Return the run an idempotency key started, or None."""
    run = selectors.run_find_by_key(idempotency_key=idempotency_key)
    return _to_run_data(run) if run is not None else None


def run_list(
    *,
    status: str | None = None,
    workflow: str | None = None,
    brief_id: str | None = None,
    created_after: dt.datetime | None = None,
    created_before: dt.datetime | None = None,
    limit: int = 50,
    after_id: str | None = None,
) -> list[RunData]:
    """Return runs, newest first, filtered by status, workflow, brief or creation.

    ``created_after`` is inclusive, ``created_before`` exclusive; ``after_id``
    continues a previous page after that id.
    """
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
        )
    ]


def run_events(*, run_id: str) -> list[EventData]:
    """Return the run's event history in order.

    Raises:
        RunNotFound: no run has this id.
    """
    if selectors.run_find(run_id=run_id) is None:
        raise RunNotFound(f"Run '{run_id}' not found.")
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


def run_internal_outputs(*, run_id: str) -> dict[str, Any]:
    """Return every id the run's completed steps produced, internal ones included.

    ``outputs`` in the run JSON holds the public ids; this adds the engagement's
    normalized brief and project ids, for operators and tests.

    Raises:
        RunNotFound: no run has this id.
    """
    run = selectors.run_find(run_id=run_id)
    if run is None:
        raise RunNotFound(f"Run '{run_id}' not found.")
    merged: dict[str, Any] = {}
    for step in run.steps.all():
        merged.update(step.output or {})
    return merged


def run_advance(*, run_id: str) -> RunData | None:
    """Claim the run if its lease is free or expired and drive it (a worker's job).

    Returns None when another worker holds the run or it is not active.
    """
    run = services.run_advance(run_id=run_id)
    return _to_run_data(run) if run is not None else None


def run_retry(*, run_id: str) -> RunData:
    """Retry the compensations of a ``compensation_failed`` run.

    Raises:
        RunNotFound: no run has this id.
        RunNotRetryable: the run is not in ``compensation_failed``.
    """
    services.run_retry(run_id=run_id)
    executors.executor_get().submit(run_id)
    return run_get(run_id=run_id)


def run_cancel(*, run_id: str) -> RunData:
    """Cancel a pending or running run; completed steps are compensated first.

    Raises:
        RunNotFound: no run has this id.
        RunNotCancellable: the run has already finished.
    """
    services.run_cancel(run_id=run_id)
    executors.executor_get().submit(run_id)
    return run_get(run_id=run_id)


def runs_recover(*, limit: int = 100) -> RecoveryData:
    """Finish every active run whose lease expired (or was never taken), here and now.

    Each run resumes at its first uncommitted step, or at its next compensation.
    """
    resumed = []
    for run_id in services.runs_due(limit=limit):
        run = services.run_advance(run_id=run_id)
        if run is not None:
            resumed.append(_to_run_data(run))
    return RecoveryData(
        resumed=tuple(resumed), still_leased=services.runs_leased_count()
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
    due = services.runs_to_ring(limit=limit)
    rung: list[str] = []
    for index, run_id in enumerate(due):
        if not executors.ring(run_id):
            # The broker is down: do not wait out a timeout per run. The rest are
            # rung by the next sweep.
            services.runs_unring(due[index:])
            break
        rung.append(run_id)
    return RecoveryData(
        resumed=(), still_leased=services.runs_leased_count(), rung=tuple(rung)
    )


def runs_next_lease_expiry() -> Any:
    """Return when the soonest live lease of an active run expires, or None."""
    return services.runs_next_lease_expiry()


def executor_name() -> str:
    """Return the configured executor's name: ``inline`` or ``celery``."""
    return executors.executor_get().name


def executor_is_queued() -> bool:
    """Return whether workers drive runs, so a run just started is still pending."""
    return not executors.executor_get().inline


def fault_injection_allowed() -> bool:
    """Return whether ``force_fail`` and ``crash_after`` are allowed here."""
    return bool(settings.AICMO_ALLOW_FAULT_INJECTION)
