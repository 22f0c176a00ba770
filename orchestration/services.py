"""Orchestration's use cases on the engine: start a workflow, re-deliver a draft.

The engine itself (runner, store, executors, heartbeat, sweeper) is in
:mod:`orchestration.engine`; the workflows it runs are in :mod:`orchestration.sagas`.
"""

from typing import Any

from aicmo_site.kernel.scope import ALL, Scope
from onboarding import api as onboarding_api
from onboarding.errors import BriefNotFound
from orchestration import selectors
from orchestration.engine import executors, faults, runs, sweeper
from orchestration.engine.definitions import workflow_get
from orchestration.errors import DraftNotRedeliverable, InvalidRunOptions
from orchestration.models import WorkflowRun
from production import api as production_api

DEFAULT_WORKFLOW = "client_to_delivery"
REDELIVERY_WORKFLOW = "draft_redelivery"
# The ids a re-delivery carries over from the run that produced the draft; the project
# stays with that engagement (see sagas._advance).
REDELIVERY_SEED = ("brief_id", "normalized_brief_id", "strategy_id", "draft_id")


def pack_keys() -> list[str]:
    """Return the keys of the packs production can generate."""
    return [pack.key for pack in production_api.pack_list()]


def run_options_check(
    *,
    pack: str | None = None,
    force_fail: str | None = None,
    crash_after: str | None = None,
    workflow: str = DEFAULT_WORKFLOW,
    stall_in: str | None = None,
) -> dict[str, Any]:
    """Validate a run's options before anything is stored; return the clean ones.

    Raises:
        InvalidRunOptions: naming every bad option (``pack`` included).
        FaultInjectionDisabled: fault injection was asked for while it is off.
    """
    definition = workflow_get(workflow)
    errors: dict[str, list[str]] = {}
    if pack and definition.needs_brief and pack not in pack_keys():
        errors["pack"] = [
            f"Unknown pack '{pack}'. Known packs: {', '.join(pack_keys())}."
        ]
    asked = {"force_fail": force_fail, "crash_after": crash_after, "stall_in": stall_in}
    try:
        clean = faults.options_validate(definition, asked)
    except InvalidRunOptions as exc:
        errors.update(exc.fields)
        clean = {}
    if errors:
        raise InvalidRunOptions(errors)
    return clean


def workflow_launch(
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
) -> runs.Launched:
    """Start a workflow for a brief, or return the run an idempotency key started.

    The key is ``key_owner``'s. A replayed key is answered before anything else is
    checked, if the request is the one that key started: the same arguments as
    given (``pack`` omitted and ``pack`` named are two requests), or the same
    ``fingerprint`` when the caller's request is more than these arguments.

    A brief outside ``scope`` (the caller's account teams) is not found, and so is
    a replayed run of such a brief (the caller's team changed since).

    Raises:
        IdempotencyKeyReused: the owner's key started a run for another request.
        BriefNotFound: no brief has this id, or ``scope`` does not include it.
        InvalidRunOptions: an unknown pack or fault option.
        FaultInjectionDisabled: a fault option while the setting is off.
    """
    if fingerprint is None:
        fingerprint = runs.request_fingerprint(
            {
                "workflow": workflow,
                "brief_id": brief_id,
                "pack": pack,
                "force_fail": force_fail,
                "crash_after": crash_after,
                "stall_in": stall_in,
            }
        )
    replayed = runs.run_replay(
        idempotency_key=idempotency_key, key_owner=key_owner, fingerprint=fingerprint
    )
    if replayed is not None:
        if not scope.allows_brief(replayed.run.brief_id):
            raise BriefNotFound(f"Brief '{brief_id}' not found.")
        return replayed
    definition = workflow_get(workflow)
    if definition.needs_brief:
        brief = onboarding_api.brief_get(brief_id=brief_id, scope=scope)
        brief_id, pack = brief.id, pack or brief.pack
    options = run_options_check(
        pack=pack,
        force_fail=force_fail,
        crash_after=crash_after,
        workflow=workflow,
        stall_in=stall_in,
    )
    return runs.run_launch(
        workflow=definition,
        brief_id=brief_id,
        pack=pack or "",
        options=options,
        idempotency_key=idempotency_key,
        key_owner=key_owner,
        fingerprint=fingerprint,
        trace_id=trace_id,
    )


def draft_redeliver(
    *,
    draft_id: str,
    force_fail: str | None = None,
    idempotency_key: str | None = None,
    key_owner: str = "",
    trace_id: str = "",
    scope: Scope = ALL,
) -> runs.Launched:
    """Start a ``draft_redelivery`` run on a delivered draft: QC and a new package.

    The key is ``key_owner``'s; its replay must name the same draft and options.
    A draft of a brief outside ``scope`` is answered as one no run delivered.

    Raises:
        IdempotencyKeyReused: the owner's key started a run for another request.
        DraftNotRedeliverable: no completed run delivered this draft, or ``scope``
            does not include its brief.
        InvalidRunOptions: an unknown fault option.
        FaultInjectionDisabled: ``force_fail`` while the setting is off.
    """
    fingerprint = runs.request_fingerprint(
        {
            "workflow": REDELIVERY_WORKFLOW,
            "draft_id": draft_id,
            "force_fail": force_fail,
        }
    )
    replayed = runs.run_replay(
        idempotency_key=idempotency_key, key_owner=key_owner, fingerprint=fingerprint
    )
    if replayed is not None and scope.allows_brief(replayed.run.brief_id):
        return replayed
    producer = (
        None
        if replayed is not None
        else selectors.run_find_producer(draft_id=draft_id, scope=scope)
    )
    if producer is None:
        raise DraftNotRedeliverable(
            f"Draft '{draft_id}' was not delivered by a completed run.",
            extra={"draft_id": draft_id},
        )
    produced = selectors.run_produced(run=producer)
    seed = {key: produced[key] for key in REDELIVERY_SEED if key in produced}
    options = run_options_check(force_fail=force_fail, workflow=REDELIVERY_WORKFLOW)
    definition = workflow_get(REDELIVERY_WORKFLOW)
    return runs.run_launch(
        workflow=definition,
        brief_id=producer.brief_id,
        pack=producer.pack,
        options={**options, "seed": seed, "source_run_id": producer.id},
        idempotency_key=idempotency_key,
        key_owner=key_owner,
        fingerprint=fingerprint,
        trace_id=trace_id,
        outputs={k: v for k, v in seed.items() if k in definition.public_outputs},
    )


def runs_recover(*, limit: int = 100) -> list[WorkflowRun]:
    """Drive every active run whose lease expired (or was never taken), here."""
    resumed = []
    for run_id in selectors.runs_due(limit=limit):
        run = runs.run_advance(run_id=run_id)
        if run is not None:
            resumed.append(run)
    return resumed


def runs_ring(run_ids: list[str]) -> list[str]:
    """Ring each run's doorbell; stop at the first failed send. Return those rung.

    When the broker is down, waiting out a timeout per run helps nobody: the runs
    not rung are unmarked, and the next sweep rings them.
    """
    rung: list[str] = []
    for index, run_id in enumerate(run_ids):
        if not executors.ring(run_id):
            sweeper.runs_unring(run_ids[index:])
            break
        rung.append(run_id)
    return rung
