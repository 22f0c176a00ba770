"""The engine's hot path in hand-written SQL: insert a run, claim it, commit a step.

Why not the ORM here: a no-op five-step run makes about fifteen statements, and
profiling showed that compiling them through the ORM cost about 85 % of the run's
time (see docs/decisions/0005-scale-out.md). These statements never change
shape, so their SQL is built once per shape and cached; values are adapted by the
same backend operations the model fields use (``adapt_json_value``,
``adapt_datetimefield_value``), so JSON and date-times are stored exactly as the ORM
stores them, on SQLite and on PostgreSQL alike. Operator actions use
:func:`run_update` too, so every event gets its ``seq`` one way; recovery queries
and reads stay on the ORM.

Every function runs inside the caller's transaction; none opens its own.
"""

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models

from orchestration.models import ACTIVE_STATUSES, RunEvent, StepRun, WorkflowRun


@dataclass(slots=True)
class Event:
    """A run event waiting to be written; ``seq`` is set when it is committed."""

    type: str
    step: str
    payload: dict[str, Any] = field(default_factory=dict)
    occurred_at: dt.datetime | None = None
    seq: int = 0


def _fields(model: Any) -> dict[str, Any]:
    return {f.column: f for f in model._meta.concrete_fields}


def _plain(value: Any, ops: Any) -> Any:
    return value


def _adapter(field: Any) -> Callable[[Any, Any], Any]:
    """How one column's Python value becomes a query parameter.

    The same adaptation as the field's ``get_db_prep_save`` for the values the
    engine writes (aware date-times, JSON-able data, plain scalars), without its
    generic dispatch, which profiling showed to cost more than the SQL itself.
    """
    if isinstance(field, models.JSONField):
        encoder = field.encoder

        def adapt_json(value: Any, ops: Any) -> Any:
            return None if value is None else ops.adapt_json_value(value, encoder)

        return adapt_json
    if isinstance(field, models.DateTimeField):

        def adapt_datetime(value: Any, ops: Any) -> Any:
            return None if value is None else ops.adapt_datetimefield_value(value)

        return adapt_datetime
    return _plain


@functools.cache
def _adapters(model: Any) -> dict[str, Callable[[Any, Any], Any]]:
    return {column: _adapter(f) for column, f in _fields(model).items()}


@functools.cache
def _attnames(model: Any) -> dict[str, str]:
    return {column: f.attname for column, f in _fields(model).items()}


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


@functools.cache
def _insert_sql(model: Any, columns: tuple[str, ...]) -> str:
    return (
        f"INSERT INTO {_q(model._meta.db_table)} "
        f"({', '.join(_q(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )


@functools.cache
def _step_update_sql(columns: tuple[str, ...]) -> str:
    sets = ", ".join(f"{_q(c)} = %s" for c in columns)
    return (
        f"UPDATE {_q(StepRun._meta.db_table)} SET {sets} "
        "WHERE run_id = %s AND position = %s"
    )


_RUN_COLUMNS = tuple(_fields(WorkflowRun))
_STEP_COLUMNS = tuple(c for c in _fields(StepRun) if c != "id")
_EVENT_COLUMNS = ("run_id", "seq", "type", "step", "payload", "occurred_at")


def _row(model: Any, obj: Any, columns: Sequence[str], ops: Any) -> list[Any]:
    adapters, attnames = _adapters(model), _attnames(model)
    return [adapters[c](getattr(obj, attnames[c]), ops) for c in columns]


def run_insert(
    run: WorkflowRun, steps: Sequence[StepRun], events: Sequence[Event]
) -> None:
    """Insert a new run, its steps and its first ``run.event_count`` events."""
    db = connections[DEFAULT_DB_ALIAS]
    ops = db.ops
    with db.cursor() as cursor:
        cursor.execute(
            _insert_sql(WorkflowRun, _RUN_COLUMNS),
            _row(WorkflowRun, run, _RUN_COLUMNS, ops),
        )
        cursor.executemany(
            _insert_sql(StepRun, _STEP_COLUMNS),
            [_row(StepRun, step, _STEP_COLUMNS, ops) for step in steps],
        )
        _append_events(cursor, ops, run.pk, run.event_count, events)


def _append_events(
    cursor: Any, ops: Any, run_id: str, last_seq: int, events: Sequence[Event]
) -> None:
    """Insert ``events`` as the run's last ones, ending at ``last_seq``.

    The one way an event gets its ``seq``: every statement that appends events to a
    run also raises the run row's ``event_count`` by their number and returns it,
    in the same transaction, so two writers can never hand out the same ``seq``.
    """
    if not events:
        return
    adapters = _adapters(RunEvent)
    payload, occurred_at = adapters["payload"], adapters["occurred_at"]
    first = last_seq - len(events) + 1
    rows = []
    for offset, e in enumerate(events):
        e.seq = first + offset
        rows.append(
            (
                run_id,
                e.seq,
                e.type,
                e.step,
                payload(e.payload, ops),
                occurred_at(e.occurred_at, ops),
            )
        )
    sql = _insert_sql(RunEvent, _EVENT_COLUMNS)
    if len(rows) == 1:
        cursor.execute(sql, rows[0])
    else:
        cursor.executemany(sql, rows)


def run_update(
    run_id: str,
    changes: dict[str, Any],
    events: Sequence[Event] = (),
    *,
    fence: int | None = None,
    not_cancelled: bool = False,
    statuses: tuple[str, ...] = (),
) -> int | None:
    """Apply ``changes`` to the run and append ``events``, if the run still qualifies.

    The update is conditional: on ``fence`` still being the run's fence (the worker
    holds the lease), with ``not_cancelled`` on no cancellation being requested,
    and with ``statuses`` on the run being in one of them. Returns the run's new
    ``event_count``, or None when no row qualified (and nothing was written).
    """
    columns = tuple(changes)
    sql = _run_update_sql(columns, fence is not None, not_cancelled, statuses)
    db = connections[DEFAULT_DB_ALIAS]
    ops, adapters = db.ops, _adapters(WorkflowRun)
    params = [adapters[c](changes[c], ops) for c in columns]
    params += [len(events), run_id]
    if fence is not None:
        params.append(fence)
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        last_seq = int(row[0])
        _append_events(cursor, ops, run_id, last_seq, events)
    return last_seq


@functools.cache
def _run_update_sql(
    columns: tuple[str, ...],
    fenced: bool,
    not_cancelled: bool,
    statuses: tuple[str, ...],
) -> str:
    sets = "".join(f"{_q(c)} = %s, " for c in columns)
    where = "id = %s"
    if fenced:
        where += " AND fence = %s"
    if not_cancelled:
        where += " AND cancel_requested_at IS NULL"
    if statuses:
        where += f" AND status IN ({', '.join(repr(str(s)) for s in statuses)})"
    return (
        f"UPDATE {_q(WorkflowRun._meta.db_table)} "
        f"SET {sets}event_count = event_count + %s WHERE {where} RETURNING event_count"
    )


def step_update(run_id: str, position: int, changes: dict[str, Any]) -> None:
    """Apply ``changes`` to one step of a run."""
    columns = tuple(changes)
    sql = _step_update_sql(columns)
    db = connections[DEFAULT_DB_ALIAS]
    ops, adapters = db.ops, _adapters(StepRun)
    params = [adapters[c](changes[c], ops) for c in columns]
    params += [run_id, position]
    with db.cursor() as cursor:
        cursor.execute(sql, params)


@functools.cache
def _claim_sql(vendor: str) -> str:
    table = _q(WorkflowRun._meta.db_table)
    active = ", ".join(f"'{status}'" for status in ACTIVE_STATUSES)
    claimable = (
        f"status IN ({active}) AND (lease_expires_at IS NULL OR lease_expires_at < %s)"
    )
    if vendor == "postgresql":
        # SKIP LOCKED: a run whose row a step's transaction holds (its fenced commit
        # is under way) is skipped at once instead of waited for.
        target = (
            f"id = (SELECT id FROM {table} WHERE id = %s AND {claimable} "
            "FOR UPDATE SKIP LOCKED)"
        )
    else:
        # SQLite: the transaction began IMMEDIATE, so it already holds the write lock.
        target = f"id = %s AND {claimable}"
    return (
        f"UPDATE {table} SET lease_owner = %s, lease_expires_at = %s, "
        "fence = fence + 1, "
        "status = CASE WHEN status = 'pending' THEN 'running' ELSE status END, "
        "event_count = event_count + 1, doorbells = 0, updated_at = %s "
        f"WHERE {target} RETURNING fence, event_count"
    )


def run_claim(
    run_id: str, owner: str, now: dt.datetime, expires: dt.datetime
) -> int | None:
    """Claim an active run whose lease is free or expired; return its new fence.

    One conditional UPDATE decides; None means the run is finished or leased. The
    claim appends a ``run.claimed`` event, numbered as every event is.
    """
    ops = connection.ops
    params = [
        owner,
        ops.adapt_datetimefield_value(expires),
        ops.adapt_datetimefield_value(now),
        run_id,
        ops.adapt_datetimefield_value(now),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_claim_sql(connection.vendor), params)
        row = cursor.fetchone()
        if row is None:
            return None
        fence, last_seq = int(row[0]), int(row[1])
        claimed = Event(
            type="run.claimed",
            step="",
            occurred_at=now,
            payload={"worker": owner, "fence": fence},
        )
        _append_events(cursor, ops, run_id, last_seq, [claimed])
    return fence


def lease_renew(run_id: str, fence: int, expires: dt.datetime) -> bool:
    """Push the lease's expiry out, if ``fence`` still holds it (the heartbeat)."""
    table = _q(WorkflowRun._meta.db_table)
    active = ", ".join(f"'{status}'" for status in ACTIVE_STATUSES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET lease_expires_at = %s "
            f"WHERE id = %s AND fence = %s AND status IN ({active})",
            [connection.ops.adapt_datetimefield_value(expires), run_id, fence],
        )
        return cursor.rowcount == 1
