"""The baseline: an inline no-op run's exact commits, in hand-written SQL.

``BareLoop`` writes the same rows and columns to the same tables
(``orchestration_workflowrun``, ``_steprun``, ``_runevent``) as the engine does for
a ``noop_five`` run, with no engine logic: the ``bare (same writes)`` row, which the
``noop`` row's 60 % target is measured against.
"""

import datetime as dt
import json
import os
import socket
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from aicmo_site.kernel.ids import new_id
from bench.common import BenchError
from bench.workflows import NOOP_FIVE
from orchestration.models import StepRun, WorkflowRun

BARE_WORKFLOW = "bench_bare"
NOOP_STEPS = NOOP_FIVE.step_names

_EVENT_INSERT = (
    "INSERT INTO orchestration_runevent (run_id, seq, type, step, payload, "
    "occurred_at) VALUES (%s, %s, %s, %s, %s, %s)"
)
_FENCED = " WHERE id = %s AND fence = %s AND cancel_requested_at IS NULL"
_RUN_STEP = (
    "UPDATE orchestration_workflowrun SET outputs = %s, status = %s, "
    "event_count = %s, updated_at = %s, lease_expires_at = %s" + _FENCED
)
_RUN_FINISH = (
    "UPDATE orchestration_workflowrun SET outputs = %s, status = %s, "
    "finished_at = %s, lease_owner = %s, lease_expires_at = %s, event_count = %s, "
    "updated_at = %s" + _FENCED
)
_STEP_DONE = (
    "UPDATE orchestration_steprun SET attempts = %s, started_at = %s, "
    "finished_at = %s, output = %s, status = %s, error = %s "
    "WHERE run_id = %s AND position = %s"
)
# The JSON text the engine stores for a no-op run, computed once.
_EMPTY_OBJECT = json.dumps({})
_EMPTY_LIST = json.dumps([])
_CREATED_PAYLOAD = json.dumps(
    {
        "brief_id": "",
        "pack": "",
        "options": {},
        "idempotency_key": None,
        "trace_id": "",
    }
)
_STEP_COMPLETED_PAYLOAD = json.dumps({"attempt": 1, "output": {}})


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )


_RUN_VARYING = ("created_at", "updated_at", "id", "lease_expires_at")
_STEP_VARYING = ("run_id", "name", "position")


def _template(
    model: Any, columns: tuple[str, ...], fixed: dict[str, Any], varying: tuple
) -> list[Any]:
    """A row of ``model`` for ``columns`` as query parameters, prepared once.

    ``fixed`` holds what the engine writes for a no-op run, ``varying`` the columns
    set per run (None here); any other column gets its field's default, as the
    engine's ``WorkflowRun(...)``/``StepRun(...)`` would, so a column added to the
    model is written here too.
    """
    fields = {f.column: f for f in model._meta.concrete_fields}
    row: list[Any] = []
    for column in columns:
        if column in fixed:
            row.append(fixed[column])
        elif column in varying:
            row.append(None)
        else:
            field = fields[column]
            row.append(field.get_db_prep_save(field.get_default(), connection))
    return row


class BareLoop:
    """The commits of an inline no-op five-step run, as plain SQL: no engine.

    Commit 1 inserts the run (already claimed: lease owner and expiry, fence 1, as
    ``run_start`` with ``claim_owner`` does), its 5 steps and ``run.created``.
    Commits 2 to 6, one per step: the fenced run update that also renews the lease,
    the step's update and its ``step.completed``; the 5th also completes the run,
    releases the lease and inserts ``run.completed``. Runs are marked with the
    workflow ``bench_bare``; ``bare_cleanup`` deletes them.

    The SQL and every constant value are prepared once, here: the INSERTs' column
    lists are the models' (so they follow a schema change), the UPDATEs are the
    engine's statements written out by hand.
    """

    def __init__(self) -> None:
        self.owner = f"{socket.gethostname()}:{os.getpid()}:bench-bare"
        self.lease = dt.timedelta(seconds=float(settings.AICMO_LEASE_SECONDS))
        run_columns = tuple(f.column for f in WorkflowRun._meta.concrete_fields)
        self.run_sql = _insert("orchestration_workflowrun", run_columns)
        self.run_row = _template(
            WorkflowRun,
            run_columns,
            {
                "workflow": BARE_WORKFLOW,
                "definition_version": 1,
                "brief_id": "",
                "pack": "",
                "options": _EMPTY_OBJECT,
                "idempotency_key": None,
                "status": "running",
                "outputs": _EMPTY_OBJECT,
                "compensated_steps": _EMPTY_LIST,
                "error": None,
                "trace_id": "",
                "lease_owner": self.owner,
                "fence": 1,
                "event_count": 1,
                "cancel_requested_at": None,
                "finished_at": None,
                "rung_at": None,
            },
            _RUN_VARYING,
        )
        self.run_slots = tuple(run_columns.index(c) for c in _RUN_VARYING)
        step_columns = tuple(
            f.column for f in StepRun._meta.concrete_fields if f.column != "id"
        )
        self.step_sql = _insert("orchestration_steprun", step_columns)
        self.step_row = _template(
            StepRun,
            step_columns,
            {
                "status": "pending",
                "attempts": 0,
                "started_at": None,
                "finished_at": None,
                "error": None,
                "output": _EMPTY_OBJECT,
                "compensation_attempts": 0,
                "compensated_at": None,
            },
            _STEP_VARYING,
        )
        self.step_slots = tuple(step_columns.index(c) for c in _STEP_VARYING)

    def run(self) -> str:
        """Make one bare run; return its id."""
        adapt = connection.ops.adapt_datetimefield_value
        lease, last = self.lease, len(NOOP_STEPS) - 1
        run_id = new_id("run")
        now = timezone.now()
        stamp = adapt(now)
        run_row = list(self.run_row)
        for slot, value in zip(
            self.run_slots, (stamp, stamp, run_id, adapt(now + lease)), strict=True
        ):
            run_row[slot] = value
        step_rows = []
        run_slot, name_slot, position_slot = self.step_slots
        for position, name in enumerate(NOOP_STEPS):
            row = list(self.step_row)
            row[run_slot], row[name_slot], row[position_slot] = run_id, name, position
            step_rows.append(row)
        with transaction.atomic(durable=True), connection.cursor() as cursor:
            cursor.execute(self.run_sql, run_row)
            cursor.executemany(self.step_sql, step_rows)
            cursor.execute(
                _EVENT_INSERT, [run_id, 1, "run.created", "", _CREATED_PAYLOAD, stamp]
            )
        seq = 1
        for position, name in enumerate(NOOP_STEPS):
            started = adapt(timezone.now())
            with transaction.atomic(durable=True), connection.cursor() as cursor:
                now = timezone.now()
                stamp = adapt(now)
                seq += 1
                if position < last:
                    cursor.execute(
                        _RUN_STEP,
                        (
                            _EMPTY_OBJECT,
                            "running",
                            seq,
                            stamp,
                            adapt(now + lease),
                            run_id,
                            1,
                        ),
                    )
                else:
                    cursor.execute(
                        _RUN_FINISH,
                        (
                            _EMPTY_OBJECT,
                            "completed",
                            stamp,
                            "",
                            None,
                            seq + 1,
                            stamp,
                            run_id,
                            1,
                        ),
                    )
                if cursor.rowcount != 1:
                    raise BenchError(f"bare run {run_id}: the fenced update missed")
                cursor.execute(
                    _STEP_DONE,
                    (
                        1,
                        started,
                        stamp,
                        _EMPTY_OBJECT,
                        "completed",
                        None,
                        run_id,
                        position,
                    ),
                )
                if position < last:
                    cursor.execute(
                        _EVENT_INSERT,
                        (
                            run_id,
                            seq,
                            "step.completed",
                            name,
                            _STEP_COMPLETED_PAYLOAD,
                            stamp,
                        ),
                    )
                else:
                    cursor.executemany(
                        _EVENT_INSERT,
                        [
                            (
                                run_id,
                                seq,
                                "step.completed",
                                name,
                                _STEP_COMPLETED_PAYLOAD,
                                stamp,
                            ),
                            (
                                run_id,
                                seq + 1,
                                "run.completed",
                                "",
                                _EMPTY_OBJECT,
                                stamp,
                            ),
                        ],
                    )
        return run_id


def bare_cleanup() -> int:
    """Delete the bare loop's runs, steps and events; return how many runs."""
    bare = "SELECT id FROM orchestration_workflowrun WHERE workflow = %s"
    with transaction.atomic(), connection.cursor() as cursor:
        for table in ("orchestration_runevent", "orchestration_steprun"):
            cursor.execute(
                f"DELETE FROM {table} WHERE run_id IN ({bare})",  # noqa: S608
                [BARE_WORKFLOW],
            )
        cursor.execute(
            "DELETE FROM orchestration_workflowrun WHERE workflow = %s",
            [BARE_WORKFLOW],
        )
        return cursor.rowcount
