"""Executors: who drives a run after it is started. Chosen by ``AICMO_EXECUTOR``.

``inline`` drives the run now, in this process. ``celery`` rings a doorbell: a task
message carrying only the run id, sent after the transaction commits; whichever worker
claims the run's lease does the work, so duplicate or late messages are harmless.
"""

from typing import Protocol

from django.conf import settings
from django.db import transaction

ADVANCE_TASK = "orchestration.advance_run"


class Executor(Protocol):
    name: str
    inline: bool

    def submit(self, run_id: str) -> None: ...


class InlineExecutor:
    name = "inline"
    inline = True

    def submit(self, run_id: str) -> None:
        from orchestration.services import run_advance

        run_advance(run_id=run_id)


class CeleryExecutor:
    name = "celery"
    inline = False

    def submit(self, run_id: str) -> None:
        from aicmo_site.celery import app

        def ring() -> None:
            app.send_task(ADVANCE_TASK, args=[run_id])

        transaction.on_commit(ring)


def executor_get() -> Executor:
    """Return the configured executor."""
    name = settings.AICMO_EXECUTOR
    if name == "inline":
        return InlineExecutor()
    if name == "celery":
        return CeleryExecutor()
    raise ValueError(f"AICMO_EXECUTOR must be 'inline' or 'celery', not {name!r}")
