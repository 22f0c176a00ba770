"""Executors: who drives a run after it is started. Chosen by ``AICMO_EXECUTOR``.

``inline`` drives the run now, in this process. ``celery`` rings a doorbell: a task
message carrying only the run id, sent after the transaction commits; whichever worker
claims the run's lease does the work, so duplicate or late messages are harmless.
"""

import logging
from typing import Protocol

from django.conf import settings
from django.db import transaction

from orchestration.engine import sweeper

ADVANCE_TASK = "orchestration.advance_run"
SWEEP_TASK = "orchestration.sweep_runs"

logger = logging.getLogger("aicmo.orchestration")


class Executor(Protocol):
    name: str
    inline: bool

    def submit(
        self, run_id: str, *, step: str | None = None, attempt: int | None = None
    ) -> None: ...


class InlineExecutor:
    name = "inline"
    inline = True

    def submit(
        self, run_id: str, *, step: str | None = None, attempt: int | None = None
    ) -> None:
        from orchestration.engine.runs import run_advance  # runs imports this module

        run_advance(run_id=run_id)


class CeleryExecutor:
    name = "celery"
    inline = False

    def submit(
        self, run_id: str, *, step: str | None = None, attempt: int | None = None
    ) -> None:
        """Ring once the current transaction commits (at once outside one).

        ``step`` and ``attempt`` (the run's fence when rung) only label the message
        for logs: the claim in the database decides. If the broker cannot be
        reached, the run simply stays pending: nothing is lost, and the next
        sweep rings it.
        """

        def ring_or_leave_to_sweeper() -> None:
            if not ring(run_id, step=step, attempt=attempt):
                sweeper.runs_unring(
                    [run_id]
                )  # the next sweep rings it, without a grace

        transaction.on_commit(ring_or_leave_to_sweeper)


def ring(run_id: str, *, step: str | None = None, attempt: int | None = None) -> bool:
    """Send the doorbell for ``run_id`` now; False when the broker is unreachable."""
    from aicmo_site.celery import app

    try:
        app.send_task(
            ADVANCE_TASK, args=[run_id], kwargs={"step": step, "attempt": attempt}
        )
    except Exception as exc:  # kombu/redis/amqp errors differ by transport
        logger.warning(
            "doorbell for %s not sent (%s: %s); the run stays pending, and the "
            "next sweep tries again",
            run_id,
            type(exc).__name__,
            exc,
        )
        return False
    return True


def executor_get() -> Executor:
    """Return the configured executor."""
    name = settings.AICMO_EXECUTOR
    if name == "inline":
        return InlineExecutor()
    if name == "celery":
        return CeleryExecutor()
    raise ValueError(f"AICMO_EXECUTOR must be 'inline' or 'celery', not {name!r}")
