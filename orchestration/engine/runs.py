"""A run's life outside the runner: start, claim, advance, retry and cancel.

:func:`run_launch` is the one way a run starts: it replays an idempotency key,
inserts the run with its steps, and has the configured executor drive it (inline,
the run is created already claimed, which saves the claim's commit).

A key belongs to an owner (``"user:<id>"``, ``"cli"``, ``""``): the same key of
two owners starts two runs. A keyed run stores the fingerprint of the request that
started it, and a replay with another request is refused, as Stripe and the IETF
Idempotency-Key draft do.
"""

import hashlib
import json
import os
import socket
import uuid
from typing import Any, NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone

from aicmo_site.kernel.ids import new_id
from orchestration.engine import executors, store
from orchestration.engine.definitions import Workflow
from orchestration.engine.runner import Runner, lease_delta
from orchestration.errors import (
    IdempotencyKeyReused,
    RunNotCancellable,
    RunNotFound,
    RunNotRetryable,
)
from orchestration.models import StepRun, WorkflowRun

RunS = WorkflowRun.Status
StepS = StepRun.Status


class Launched(NamedTuple):
    """A run just started (or replayed), with its steps in position order."""

    run: WorkflowRun
    steps: list[StepRun]
    created: bool


def new_worker_id() -> str:
    """Return a worker identity: host, process and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def steps_of(run_id: str) -> list[StepRun]:
    """Return the run's steps in position order."""
    return list(StepRun.objects.filter(run_id=run_id).order_by("position"))


def request_fingerprint(arguments: dict[str, Any]) -> str:
    """Return the SHA-256 of the canonical JSON of a start's arguments.

    Keys sorted, no spaces, ASCII only (so even a lone surrogate hashes); values
    JSON cannot hold (a UUID, a date) are hashed as their text.
    """
    canonical = json.dumps(
        arguments, sort_keys=True, separators=(",", ":"), ensure_ascii=True, default=str
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def run_replay(
    *, idempotency_key: str | None, key_owner: str, fingerprint: str
) -> Launched | None:
    """Return the run the owner's key started, or None when the key is new.

    A run keyed before fingerprints were stored (``""``) replays for any request.

    Raises:
        IdempotencyKeyReused: the key started a run for a different request.
    """
    if not idempotency_key:
        return None
    existing = WorkflowRun.objects.filter(
        idempotency_owner=key_owner, idempotency_key=idempotency_key
    ).first()
    if existing is None:
        return None
    if existing.request_fingerprint and existing.request_fingerprint != fingerprint:
        raise IdempotencyKeyReused(
            f"Idempotency key '{idempotency_key}' already started run {existing.id} "
            "with a different request; use a new key for a new request.",
            extra={"idempotency_key": idempotency_key, "run_id": existing.id},
        )
    return Launched(existing, steps_of(existing.id), False)


def run_start(
    *,
    workflow: Workflow,
    brief_id: str,
    pack: str,
    options: dict[str, Any],
    idempotency_key: str | None,
    key_owner: str = "",
    fingerprint: str = "",
    trace_id: str = "",
    claim_owner: str | None = None,
    outputs: dict[str, Any] | None = None,
    queued: bool = False,
) -> Launched:
    """Create a run with its steps in one commit; replay an idempotency key.

    The key is ``key_owner``'s; ``fingerprint`` (:func:`request_fingerprint`) is the
    request's, stored with the key and compared on a replay. With ``claim_owner``
    the run is created already claimed by that worker (the inline executor), which
    saves the separate claim commit. ``queued`` records that its doorbell is being
    rung (a queued executor), for the sweeper's grace.

    Raises:
        IdempotencyKeyReused: the owner's key started a run for another request
            (also when a concurrent start with that key committed first).
    """
    replayed = run_replay(
        idempotency_key=idempotency_key, key_owner=key_owner, fingerprint=fingerprint
    )
    if replayed is not None:
        return replayed
    now = timezone.now()
    run = WorkflowRun(
        id=new_id("run"),
        workflow=workflow.name,
        definition_version=workflow.version,
        brief_id=brief_id,
        pack=pack,
        options=options,
        idempotency_key=idempotency_key or None,
        idempotency_owner=key_owner if idempotency_key else "",
        request_fingerprint=fingerprint if idempotency_key else "",
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
        run.lease_expires_at = now + lease_delta()
        run.fence = 1
    steps = [
        StepRun(run=run, name=step.name, position=index)
        for index, step in enumerate(workflow.steps)
    ]
    created = store.Event(
        type="run.created",
        step="",
        occurred_at=now,
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
            store.run_insert(run, steps, [created])
    except IntegrityError:
        # A concurrent start with the same owner and key committed first: its run
        # is the answer (or a conflict, if it was started for another request).
        replayed = run_replay(
            idempotency_key=idempotency_key,
            key_owner=key_owner,
            fingerprint=fingerprint,
        )
        if replayed is None:
            raise
        return replayed
    run._state.adding = False
    for step in steps:
        step._state.adding = False
    return Launched(run, steps, True)


def run_launch(
    *,
    workflow: Workflow,
    brief_id: str,
    pack: str,
    options: dict[str, Any],
    idempotency_key: str | None,
    key_owner: str = "",
    fingerprint: str = "",
    trace_id: str = "",
    outputs: dict[str, Any] | None = None,
) -> Launched:
    """Start a run and hand it to the configured executor.

    Inline, the run has finished (or stopped at a failure) when this returns; with
    a queued executor it is ``pending`` and its doorbell rings after the commit.

    Raises:
        IdempotencyKeyReused: the owner's key started a run for another request.
    """
    executor = executors.executor_get()
    owner = new_worker_id() if executor.inline else None
    launched = run_start(
        workflow=workflow,
        brief_id=brief_id,
        pack=pack,
        options=options,
        idempotency_key=idempotency_key,
        key_owner=key_owner,
        fingerprint=fingerprint,
        trace_id=trace_id,
        claim_owner=owner,
        outputs=outputs,
        queued=not executor.inline,
    )
    if not launched.created:
        return launched
    if owner is not None:
        run = Runner(run=launched.run, steps=launched.steps, owner=owner).execute()
        return Launched(run, launched.steps, True)
    executor.submit(
        launched.run.id, step=launched.steps[0].name, attempt=launched.run.fence
    )
    return launched


def run_claim(*, run_id: str, owner: str) -> tuple[WorkflowRun, list[StepRun]] | None:
    """Claim the run's lease if it is active and free or expired; bump its fence.

    One conditional UPDATE decides: None means another worker owns the run, or it
    is not active.
    """
    now = timezone.now()
    with transaction.atomic(durable=True):
        fence = store.run_claim(run_id, owner, now, now + lease_delta())
        if fence is None:
            return None
        run = WorkflowRun.objects.get(pk=run_id)
    return run, steps_of(run_id)


def run_advance(*, run_id: str, owner: str | None = None) -> WorkflowRun | None:
    """Claim the run and drive it as far as it goes; None if it was not claimed."""
    owner = owner or new_worker_id()
    claimed = run_claim(run_id=run_id, owner=owner)
    if claimed is None:
        return None
    run, steps = claimed
    return Runner(run=run, steps=steps, owner=owner).execute()


def _refused(run_id: str) -> WorkflowRun:
    """Return the run a conditional update refused, or raise that it does not exist."""
    run = WorkflowRun.objects.filter(pk=run_id).first()
    if run is None:
        raise RunNotFound(f"Run '{run_id}' not found.")
    return run


def run_retry(*, run_id: str) -> None:
    """Put a ``compensation_failed`` run back to ``compensating``, fresh attempts.

    Raises:
        RunNotFound: no run has this id.
        RunNotRetryable: the run is not in ``compensation_failed``.
    """
    now = timezone.now()
    retry = store.Event(type="run.retry_requested", step="", occurred_at=now)
    with transaction.atomic():
        changed = store.run_update(
            run_id,
            {"status": RunS.COMPENSATING, "updated_at": now},
            [retry],
            statuses=(RunS.COMPENSATION_FAILED,),
        )
        if changed is None:
            run = _refused(run_id)
            raise RunNotRetryable(
                f"Run '{run_id}' is {run.status}; only a compensation_failed run can "
                "be retried.",
                extra={"status": run.status},
            )
        StepRun.objects.filter(run_id=run_id, status=StepS.COMPENSATION_FAILED).update(
            status=StepS.COMPLETED, compensation_attempts=0
        )


def run_cancel(*, run_id: str) -> None:
    """Ask an active run to stop: its completed steps are compensated first.

    Asking again while the request is pending changes nothing.

    Raises:
        RunNotFound: no run has this id.
        RunNotCancellable: the run is neither pending nor running.
    """
    now = timezone.now()
    requested = store.Event(type="run.cancel_requested", step="", occurred_at=now)
    with transaction.atomic():
        changed = store.run_update(
            run_id,
            {"cancel_requested_at": now, "updated_at": now},
            [requested],
            not_cancelled=True,
            statuses=(RunS.PENDING, RunS.RUNNING),
        )
        if changed is not None:
            return
        run = _refused(run_id)
        if run.status not in (RunS.PENDING, RunS.RUNNING):
            raise RunNotCancellable(
                f"Run '{run_id}' is {run.status}; only a pending or running run can "
                "be cancelled.",
                extra={"status": run.status},
            )
