"""Celery tasks: the doorbell that makes a worker try to claim and advance a run."""

from celery import shared_task

from orchestration import api
from orchestration.executors import ADVANCE_TASK


@shared_task(name=ADVANCE_TASK, acks_late=True, reject_on_worker_lost=True)
def advance_run(run_id: str) -> str:
    """Claim the run if its lease is free and drive it; drop the message otherwise."""
    run = api.run_advance(run_id=run_id)
    return run.status.value if run is not None else "not-claimed"
