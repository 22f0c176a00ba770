"""Celery tasks: the doorbell that makes a worker advance a run, and the sweeper.

The sweeper re-rings runs that nobody is driving (Celery beat schedules it).
"""

import logging

from celery import shared_task

from orchestration import api
from orchestration.engine.executors import ADVANCE_TASK, SWEEP_TASK

logger = logging.getLogger("aicmo.orchestration")


@shared_task(name=ADVANCE_TASK, acks_late=True, reject_on_worker_lost=True)
def advance_run(
    run_id: str, step: str | None = None, attempt: int | None = None
) -> str:
    """Claim the run if its lease is free and drive it; drop the message otherwise.

    The message is only a doorbell: a duplicate, late or stale one finds the run
    finished or leased, and is dropped.
    """
    run = api.run_advance(run_id=run_id)
    if run is None:
        logger.info(
            "doorbell for %s (step %s, attempt %s) dropped: the run is finished or "
            "another worker holds it",
            run_id,
            step,
            attempt,
        )
        return "not-claimed"
    return run.status.value


@shared_task(name=SWEEP_TASK, acks_late=True, ignore_result=True)
def sweep_runs(limit: int = 500) -> int:
    """Re-ring runs nobody drives: lease expired, or rung while the broker was down."""
    return len(api.runs_sweep(limit=limit).rung)
