"""The engine's benchmark (``bench_workflow``): what it measures and how.

Rows, each timed per run:

- ``full``: the ``client_to_delivery`` workflow on a brief (``quick_social_basic``
  by default), inline.
- ``noop``: the ``noop_five`` saga, inline: the engine's own cost, with steps that
  do nothing. It makes 6 commits: the start (run, its 5 steps and ``run.created``),
  then one per step; the 5th step's commit also finishes the run (status,
  ``finished_at``, lease released, ``run.completed``).
- ``bare (same writes)``: exactly those 6 commits, with the same rows and columns
  written to the same tables (``orchestration_workflowrun``, ``_steprun``,
  ``_runevent``), as hand-written SQL with no engine logic. This is the baseline the
  60 % target is measured against.
- ``floor: 2 tiny tables``: the earlier baseline, kept unchanged for reference: 7
  commits on two small ad-hoc tables with no indexes, JSON or timestamps, so a
  commit there is much cheaper than one on the engine's tables.

``bare``, ``noop`` and ``floor`` runs alternate (one of each, in turn), so a noisy
neighbour on the machine slows them alike. A row's runs/s is its runs divided by the
sum of their latencies. Every figure is the median over ``repeat`` repetitions; a
ratio is the median of the per-repetition ratios (each against the bare loop of the
same repetition).

The side-by-side mode (the command's default) runs each measurement in a subprocess
of ``bench_workflow --single --json`` with ``DATABASE_URL`` on a scratch database it
creates and migrates first; the functions here are what that subprocess runs.
"""

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from aicmo_site.kernel.ids import new_id
from orchestration import api as orchestration_api
from orchestration.models import ACTIVE_STATUSES, StepRun, WorkflowRun

EXAMPLE = Path(settings.BASE_DIR) / "examples" / "brightsmile_dental.json"
MANAGE = Path(settings.BASE_DIR) / "manage.py"
SCRATCH_DIR = Path(settings.BASE_DIR) / "var" / "bench"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/aicmo_bench"
BROKER_URL = "redis://127.0.0.1:6379/15"

BARE_WORKFLOW = "bench_bare"
NOOP_WORKFLOW = "noop_five"
NOOP_STEPS = tuple(f"noop_{index}" for index in range(1, 6))
COMMITS = {"noop": 6, "bare": 6, "floor": 7}
ROWS = ("full", "noop", "bare", "floor")
ROW_LABELS = {
    "full": "full",
    "noop": "noop",
    "bare": "bare (same writes)",
    "floor": "floor: 2 tiny tables",
}
# Issue 5's targets on a 2-core machine.
TARGET_NOOP_VS_BARE = 0.60
TARGET_FULL_P95_MS = 300.0
TARGET_RSS_GROWTH_MB = 20.0
TARGET_WORKERS_RATIO = 1.5
MEMORY_CHECKPOINT = 100
POLL_SECONDS = 0.2


class BenchError(RuntimeError):
    """A benchmark could not run or a run did not end as it should."""


Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    return None


# --- figures ------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile (p95 of 100 values is the 95th smallest)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def latency_stats(latencies_ms: list[float]) -> dict[str, float]:
    """runs, runs/s (runs over the sum of their latencies), p50 and p95 in ms."""
    total_s = sum(latencies_ms) / 1000
    return {
        "runs": len(latencies_ms),
        "runs_per_s": round(len(latencies_ms) / total_s, 2) if total_s else 0.0,
        "p50_ms": round(statistics.median(latencies_ms), 3) if latencies_ms else 0.0,
        "p95_ms": round(percentile(latencies_ms, 95), 3),
    }


def _median(values: list[float], digits: int = 3) -> float:
    return round(statistics.median(values), digits) if values else 0.0


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident set (``VmRSS``) or its peak (``VmHWM``), in MB."""
    with open("/proc/self/status") as status:  # noqa: PTH123 - a proc file
        for line in status:
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


# --- the bare loop: the engine's commits, without the engine --------------------

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


# --- the floor: the earlier baseline, on two tiny tables (unchanged) -----------


def floor_create() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_bare_run (id varchar(64) PRIMARY KEY, "
            "status varchar(20) NOT NULL, outputs text NOT NULL, "
            "finished_at varchar(40))"
        )
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_bare_step (run_id varchar(64) NOT NULL, "
            "position integer NOT NULL, status varchar(20) NOT NULL, "
            "output text NOT NULL, "
            "PRIMARY KEY (run_id, position))"
        )


def floor_drop() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_bare_step")
        cursor.execute("DROP TABLE IF EXISTS bench_bare_run")


def floor_run() -> None:
    """Start, five step commits and a finish on two tiny tables: 7 commits."""
    run_id = new_id("run")
    with transaction.atomic(durable=True), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_bare_run VALUES (%s, 'running', '{}', NULL)", [run_id]
        )
        cursor.executemany(
            "INSERT INTO bench_bare_step VALUES (%s, %s, 'pending', '{}')",
            [(run_id, position) for position in range(len(NOOP_STEPS))],
        )
    for position in range(len(NOOP_STEPS)):
        with transaction.atomic(durable=True), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE bench_bare_step SET status='completed', output=%s "
                "WHERE run_id=%s AND position=%s",
                ['{"ok": true}', run_id, position],
            )
            cursor.execute(
                "UPDATE bench_bare_run SET outputs=%s WHERE id=%s",
                [json.dumps({"step": position}), run_id],
            )
    with transaction.atomic(durable=True), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE bench_bare_run SET status='completed', finished_at=%s WHERE id=%s",
            [time.strftime("%Y-%m-%dT%H:%M:%S"), run_id],
        )


# --- engine runs ---------------------------------------------------------------


def noop_run() -> str:
    run = orchestration_api.workflow_start(brief_id="", workflow=NOOP_WORKFLOW).run
    if run.status.value != "completed":
        raise BenchError(f"noop run {run.id} ended {run.status.value}: {run.error}")
    return run.id


def full_run(brief_id: str, pack: str) -> tuple[float, dict[str, float]]:
    """One full inline run: its latency in ms and each step's duration."""
    start = time.perf_counter()
    run = orchestration_api.workflow_start(brief_id=brief_id, pack=pack).run
    elapsed = (time.perf_counter() - start) * 1000
    if run.status.value != "completed":
        raise BenchError(f"run {run.id} ended {run.status.value}: {run.error}")
    steps = {s.name: s.duration_ms for s in run.steps if s.duration_ms is not None}
    return elapsed, steps


def brief_load(path: str | Path) -> Any:
    return orchestration_api.brief_submit(data=json.loads(Path(path).read_text()))


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def _require_inline() -> None:
    if settings.AICMO_EXECUTOR != "inline":
        raise BenchError(
            "bench_workflow measures the inline executor; set AICMO_EXECUTOR=inline"
        )


# --- the measurement on one database -------------------------------------------


def measure(
    *,
    runs: int,
    warmup: int,
    repeat: int,
    brief_path: str | Path = EXAMPLE,
    pack: str | None = None,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Measure every row on the configured database, in this process."""
    _require_inline()
    brief = brief_load(brief_path)
    pack = pack or brief.pack
    vendor = connection.vendor
    bare = BareLoop()
    kinds: dict[str, Callable[[], object]] = {
        "bare": bare.run,
        "noop": noop_run,
        "floor": floor_run,
    }
    repetitions: list[dict[str, Any]] = []
    floor_create()
    # DEBUG records every query; measure what production runs, whatever is set.
    try:
        with override_settings(DEBUG=False):
            for _ in range(warmup):
                for call in kinds.values():
                    call()
            for _ in range(warmup):
                full_run(brief.id, pack)
            for index in range(1, repeat + 1):
                progress(
                    f"{vendor}: repeat {index}/{repeat}: {runs} runs each of bare, "
                    f"noop and floor (alternating), then {runs} full runs"
                )
                latencies: dict[str, list[float]] = {name: [] for name in kinds}
                for _ in range(runs):
                    for name, call in kinds.items():
                        latencies[name].append(_timed(call))
                per_step: dict[str, list[float]] = defaultdict(list)
                latencies["full"] = []
                for _ in range(runs):
                    elapsed, steps = full_run(brief.id, pack)
                    latencies["full"].append(elapsed)
                    for name, duration in steps.items():
                        per_step[name].append(duration)
                rows = {
                    name: latency_stats(values) for name, values in latencies.items()
                }
                steps_stats = {
                    name: {
                        "p50_ms": round(statistics.median(values), 2),
                        "p95_ms": round(percentile(values, 95), 2),
                    }
                    for name, values in per_step.items()
                }
                repetitions.append({"rows": rows, "steps": steps_stats})
    finally:
        floor_drop()
        bare_cleanup()
    return _summarize(vendor, pack, runs, repetitions)


def _summarize(
    vendor: str, pack: str, runs: int, repetitions: list[dict[str, Any]]
) -> dict[str, Any]:
    rows: dict[str, dict[str, Any]] = {}
    for name in ROWS:
        per = [rep["rows"][name] for rep in repetitions]
        bare_rates = [rep["rows"]["bare"]["runs_per_s"] for rep in repetitions]
        ratios = [
            row["runs_per_s"] / base if base else 0.0
            for row, base in zip(per, bare_rates, strict=True)
        ]
        rows[name] = {
            "label": ROW_LABELS[name],
            "commits": COMMITS.get(name),
            "runs_per_s": _median([r["runs_per_s"] for r in per], 2),
            "p50_ms": _median([r["p50_ms"] for r in per]),
            "p95_ms": _median([r["p95_ms"] for r in per]),
            "vs_bare": _median(ratios, 4),
            "per_repeat": per,
            "vs_bare_per_repeat": [round(r, 4) for r in ratios],
        }
    step_names = list(repetitions[0]["steps"]) if repetitions else []
    steps = {
        name: {
            "p50_ms": _median([rep["steps"][name]["p50_ms"] for rep in repetitions], 2),
            "p95_ms": _median([rep["steps"][name]["p95_ms"] for rep in repetitions], 2),
        }
        for name in step_names
    }
    engine_ms = rows["noop"]["p50_ms"] - rows["bare"]["p50_ms"]
    return {
        "database": vendor,
        "pack": pack,
        "runs": runs,
        "repeat": len(repetitions),
        "rows": rows,
        "steps": steps,
        "engine_ms_per_noop_run": round(engine_ms, 3),
        "peak_rss_mb": rss_mb("VmHWM"),
    }


# --- memory --------------------------------------------------------------------


def memory(
    *,
    runs: int,
    workflow: str = "full",
    brief_path: str | Path = EXAMPLE,
    pack: str | None = None,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Run a workflow ``runs`` times inline; RSS (VmRSS) at run 100 and at the end."""
    _require_inline()
    if runs <= MEMORY_CHECKPOINT:
        raise BenchError(f"--memory-runs must be more than {MEMORY_CHECKPOINT}")
    if workflow == "full":
        brief = brief_load(brief_path)
        pack = pack or brief.pack

        def one() -> object:
            return full_run(brief.id, pack)

    else:
        one = noop_run
    samples: list[tuple[int, float]] = []
    started = time.perf_counter()
    with override_settings(DEBUG=False):
        for index in range(1, runs + 1):
            one()
            if index in (MEMORY_CHECKPOINT, runs) or index % 100 == 0:
                samples.append((index, rss_mb()))
                if index % 500 == 0:
                    progress(f"memory: {index}/{runs} runs, RSS {samples[-1][1]} MB")
    at_checkpoint = next(mb for index, mb in samples if index == MEMORY_CHECKPOINT)
    last = samples[-1][1]
    return {
        "database": connection.vendor,
        "workflow": workflow if workflow != "full" else f"full ({pack})",
        "runs": runs,
        "rss_mb_at_100": at_checkpoint,
        "rss_mb_at_end": last,
        "growth_mb": round(last - at_checkpoint, 1),
        "elapsed_s": round(time.perf_counter() - started, 1),
        "samples": samples,
    }


# --- Celery workers on PostgreSQL -------------------------------------------------


def _celery_bin() -> str:
    local = Path(sys.executable).parent / "celery"
    return str(local) if local.exists() else (shutil.which("celery") or "celery")


def _start_workers(count: int, log_dir: Path) -> list[tuple[subprocess.Popen, Path]]:
    workers = []
    for index in range(1, count + 1):
        log = log_dir / f"bench{index}.log"
        with log.open("wb") as out:
            popen = subprocess.Popen(  # noqa: S603 - our own celery
                [
                    _celery_bin(),
                    "-A",
                    "aicmo_site",
                    "worker",
                    "-P",
                    "solo",
                    "-c",
                    "1",
                    "-n",
                    f"bench{index}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    "-l",
                    "warning",
                ],
                cwd=settings.BASE_DIR,
                env=os.environ.copy(),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        workers.append((popen, log))
    return workers


def _stop_workers(workers: list[tuple[subprocess.Popen, Path]]) -> None:
    for popen, _ in workers:
        if popen.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(popen.pid, signal.SIGTERM)
    for popen, _ in workers:
        try:
            popen.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(popen.pid, signal.SIGKILL)
            popen.wait(timeout=5)


def _log_tail(workers: list[tuple[subprocess.Popen, Path]], lines: int = 15) -> str:
    tails = []
    for popen, log in workers:
        text = log.read_text(errors="replace").splitlines()[-lines:]
        tails.append(f"--- {log.name} (exit {popen.poll()}):\n" + "\n".join(text))
    return "\n".join(tails)


def _wait_ready(
    app: Any, workers: list[tuple[subprocess.Popen, Path]], timeout: float = 90
) -> None:
    names = {f"bench{index}@" for index in range(1, len(workers) + 1)}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(popen.poll() is not None for popen, _ in workers):
            raise BenchError("a Celery worker exited:\n" + _log_tail(workers))
        replies = app.control.ping(timeout=0.5) or []
        ready = {name.split("@")[0] + "@" for reply in replies for name in reply}
        if names <= ready:
            return
        time.sleep(POLL_SECONDS)
    raise BenchError("the Celery workers did not answer a ping:\n" + _log_tail(workers))


def _wait_finished(run_ids: list[str], timeout: float, workers: list) -> float:
    """Sleep-poll the database until no run is active; return the time it ended."""
    deadline = time.monotonic() + timeout
    while True:
        active = WorkflowRun.objects.filter(
            pk__in=run_ids, status__in=ACTIVE_STATUSES
        ).count()
        if not active:
            return time.perf_counter()
        if time.monotonic() > deadline:
            raise BenchError(
                f"{active} of {len(run_ids)} runs still active after {timeout:.0f}s:\n"
                + _log_tail(workers)
            )
        time.sleep(POLL_SECONDS)


def _broker_check(url: str) -> None:
    from kombu import Connection

    with Connection(url, connect_timeout=3) as conn:
        conn.ensure_connection(max_retries=1, timeout=3)


def workers_measure(
    *,
    counts: list[int],
    runs: int,
    brief_path: str | Path = EXAMPLE,
    pack: str | None = None,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """For each N in ``counts``: N solo Celery workers drive ``runs`` full runs.

    This process only submits (``AICMO_EXECUTOR=celery``: ``workflow_start`` rings a
    doorbell) and then sleeps between polls of the database. Each N starts with a
    purged queue and ``2 * N`` untimed warm-up runs; the clock starts at the first
    timed submission and stops when the last run has finished.
    """
    from aicmo_site.celery import app

    if settings.AICMO_EXECUTOR != "celery":
        raise BenchError("the workers' benchmark needs AICMO_EXECUTOR=celery")
    broker = settings.CELERY_BROKER_URL
    try:
        _broker_check(broker)
    except Exception as exc:  # kombu/redis errors differ by transport
        return {"skipped": f"broker not reachable at {broker}: {exc}"}
    brief = brief_load(brief_path)
    pack = pack or brief.pack
    results: list[dict[str, Any]] = []
    log_dir = Path(tempfile.mkdtemp(prefix="aicmo-bench-workers-"))
    try:
        for count in counts:
            app.control.purge()
            progress(f"workers: starting {count} Celery worker(s)")
            workers = _start_workers(count, log_dir)
            try:
                _wait_ready(app, workers)
                timeout = max(120.0, runs * 5.0)
                warm = [
                    orchestration_api.workflow_start(
                        brief_id=brief.id, pack=pack
                    ).run.id
                    for _ in range(2 * count)
                ]
                _wait_finished(warm, timeout, workers)
                progress(f"workers: {count} worker(s), {runs} runs")
                started = time.perf_counter()
                run_ids = [
                    orchestration_api.workflow_start(
                        brief_id=brief.id, pack=pack
                    ).run.id
                    for _ in range(runs)
                ]
                submitted = time.perf_counter()
                ended = _wait_finished(run_ids, timeout, workers)
            finally:
                _stop_workers(workers)
            finished = list(
                WorkflowRun.objects.filter(pk__in=run_ids).values_list(
                    "status", "created_at", "finished_at"
                )
            )
            statuses: dict[str, int] = defaultdict(int)
            for status, _, _ in finished:
                statuses[status] += 1
            latencies = [
                (done - created).total_seconds() * 1000
                for status, created, done in finished
                if status == "completed" and done is not None
            ]
            elapsed = ended - started
            results.append(
                {
                    "workers": count,
                    "runs": runs,
                    "elapsed_s": round(elapsed, 2),
                    "submit_s": round(submitted - started, 2),
                    "runs_per_s": round(runs / elapsed, 2),
                    "p50_ms": round(statistics.median(latencies), 1)
                    if latencies
                    else 0.0,
                    "p95_ms": round(percentile(latencies, 95), 1),
                    "statuses": dict(statuses),
                }
            )
    finally:
        shutil.rmtree(log_dir, ignore_errors=True)
    base = next((r["runs_per_s"] for r in results if r["workers"] == 1), None)
    for row in results:
        row["vs_1_worker"] = round(row["runs_per_s"] / base, 3) if base else None
    return {"database": connection.vendor, "pack": pack, "results": results}


# --- side by side: scratch databases and subprocesses -----------------------------


def sqlite_prepare(path: Path) -> str:
    """A fresh SQLite file (its old WAL and shm files gone); return its URL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path.resolve()}"


@contextlib.contextmanager
def scratch_lock(directory: Path, progress: Progress = _quiet) -> Iterator[None]:
    """Hold ``directory/bench.lock``: one bench at a time on its scratch databases."""
    import fcntl

    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "bench.lock").open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            progress(f"waiting for {holder} to finish with {directory}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"bench_workflow pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def postgres_scratch(url: str, progress: Progress = _quiet) -> Iterator[str]:
    """Drop and create the database ``url`` names; hold it until the block ends.

    An advisory lock, taken on the server's ``postgres`` database and held by this
    connection, keeps a concurrent bench from dropping the database mid-run; it
    waits instead. psycopg errors (an unreachable server) propagate.
    """
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise BenchError(f"unusable scratch database name {name!r} in {url}")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
        key = f"aicmo-bench:{name}"
        locked = conn.execute(
            "SELECT pg_try_advisory_lock(hashtext(%s))", [key]
        ).fetchone()
        if not (locked and locked[0]):
            progress(f"waiting for another bench_workflow to finish with {name}")
            conn.execute("SELECT pg_advisory_lock(hashtext(%s))", [key])
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        yield url


def child_env(database_url: str, media_root: str, **extra: str) -> dict[str, str]:
    """The environment of a measuring subprocess: nothing of ours inherited."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_MEDIA_ROOT")
        and key not in ("AICMO_EXECUTOR", "DJANGO_DEBUG")
    }
    env.setdefault("DJANGO_SETTINGS_MODULE", "aicmo_site.settings.local")
    env.update(
        {
            "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": database_url,
            "DJANGO_MEDIA_ROOT": media_root,
            "DJANGO_DEBUG": "false",
            "AICMO_EXECUTOR": "inline",
        }
    )
    env.update(extra)
    return env


def manage(
    env: dict[str, str], *args: str, capture: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(MANAGE), *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if capture else None,
        text=True,
        check=False,
    )


def migrate(env: dict[str, str]) -> None:
    done = manage(env, "migrate", "--noinput", "-v", "0")
    if done.returncode != 0:
        raise BenchError(f"migrate failed:\n{(done.stdout + done.stderr)[-2000:]}")


def child(env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run ``bench_workflow --single --json ARGS``; return its JSON (stderr shown)."""
    done = manage(env, "bench_workflow", "--single", "--json", *args, capture=False)
    text = done.stdout
    if done.returncode != 0:
        raise BenchError(
            f"bench_workflow {args[1] if len(args) > 1 else ''} exited with "
            f"{done.returncode} (its traceback is above){text[-2000:]}"
        )
    start = text.find("{")
    if start < 0:
        raise BenchError(f"bench_workflow {' '.join(args)} printed no JSON: {text}")
    return json.loads(text[start:])


@contextlib.contextmanager
def media_dir() -> Iterator[str]:
    path = tempfile.mkdtemp(prefix="aicmo-bench-media-")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


# --- targets and the printed report ---------------------------------------------


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 5 with its figure: met (True/False) or None (not run)."""
    found: list[dict[str, Any]] = []
    databases = result.get("databases", {})
    for vendor, data in databases.items():
        ratio = data["rows"]["noop"]["vs_bare"]
        found.append(
            {
                "target": f"noop >= 60% of bare (same writes), {vendor}",
                "value": ratio,
                "met": ratio >= TARGET_NOOP_VS_BARE,
                "figure": f"{ratio:.1%} (bare {data['rows']['bare']['runs_per_s']:.0f}"
                f" runs/s, noop {data['rows']['noop']['runs_per_s']:.0f} runs/s)",
            }
        )
    sqlite = databases.get("sqlite")
    p95 = sqlite["rows"]["full"]["p95_ms"] if sqlite else None
    found.append(
        {
            "target": "full p95 <= 300 ms per run, sqlite inline",
            "value": p95,
            "met": None if p95 is None else p95 <= TARGET_FULL_P95_MS,
            "figure": "not measured (no sqlite)" if p95 is None else f"{p95:.1f} ms",
        }
    )
    mem = result.get("memory") or {}
    if "growth_mb" in mem:
        growth = mem["growth_mb"]
        found.append(
            {
                "target": "RSS growth < 20 MB from run 100 to run 2,000",
                "value": growth,
                "met": growth < TARGET_RSS_GROWTH_MB,
                "figure": f"{growth:+.1f} MB ({mem['rss_mb_at_100']} -> "
                f"{mem['rss_mb_at_end']} MB at run {mem['runs']}, {mem['workflow']})",
            }
        )
    else:
        found.append(
            {
                "target": "RSS growth < 20 MB from run 100 to run 2,000",
                "value": None,
                "met": None,
                "figure": mem.get("skipped")
                or "not measured (--memory-runs 2000: about 10 minutes)",
            }
        )
    workers = result.get("workers") or {}
    by_count = {r["workers"]: r for r in workers.get("results", [])}
    if 1 in by_count and 2 in by_count:
        ratio = by_count[2]["vs_1_worker"]
        found.append(
            {
                "target": "2 Celery workers >= 1.5x 1 worker, postgresql",
                "value": ratio,
                "met": ratio >= TARGET_WORKERS_RATIO,
                "figure": f"x{ratio:.2f} ({by_count[1]['runs_per_s']:.2f} -> "
                f"{by_count[2]['runs_per_s']:.2f} runs/s)",
            }
        )
    else:
        found.append(
            {
                "target": "2 Celery workers >= 1.5x 1 worker, postgresql",
                "value": None,
                "met": None,
                "figure": workers.get("skipped") or "not measured (--workers 1,2)",
            }
        )
    return found


LEGEND = (
    "  bare (same writes) = the exact commits of an inline no-op five-step run, in "
    "hand-written SQL",
    "  on the engine's own tables: 6 commits (start; one per step, the 5th also "
    "finishes the run).",
    "  floor = the earlier baseline on 2 tiny tables (7 commits), for reference. "
    "bare, noop and floor",
    "  runs alternate; runs/s = runs / sum of their latencies; vs bare = median of "
    "per-repeat ratios.",
)


def report_lines(result: dict[str, Any]) -> list[str]:
    """The printed report: one table, the per-step figures, workers, targets."""
    databases: dict[str, Any] = result.get("databases", {})
    vendors = list(databases)
    if not vendors:
        lines: list[str] = []
    else:
        lines = [
            f"bench_workflow: {result['runs']} runs x {result['repeat']} repeats per "
            f"row and database, medians; pack {result['pack']}",
            *LEGEND,
        ]
    for vendor, reason in result.get("skipped", {}).items():
        lines.append(f"{vendor}: skipped ({reason})")
    if vendors:
        cell = 36
        lines.append("")
        lines.append(f"{'':<22}" + "".join(f"| {v:<{cell - 2}}" for v in vendors))
        head = f"{'runs/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'vs bare':>9} "
        lines.append(f"{'row':<22}" + "".join(f"|{head}" for _ in vendors))
        for name in ROWS:
            cells = []
            for vendor in vendors:
                row = databases[vendor]["rows"][name]
                cells.append(
                    f"|{row['runs_per_s']:>8.1f}{row['p50_ms']:>9.2f}"
                    f"{row['p95_ms']:>9.2f}{row['vs_bare']:>9.3f} "
                )
            lines.append(f"{ROW_LABELS[name]:<22}" + "".join(cells))
        lines.append(
            f"{'engine ms / noop run':<22}"
            + "".join(
                f"| {databases[v]['engine_ms_per_noop_run']:>7.2f} ms "
                f"(noop p50 - bare p50){'':<4}"
                for v in vendors
            )
        )
        lines.append("")
        lines.append(
            f"{'full run, per step':<22}"
            + "".join(f"| {'p50 ms':>8}{'p95 ms':>9}{'':<17}" for _ in vendors)
        )
        steps: list[str] = []
        for vendor in vendors:
            steps += [s for s in databases[vendor]["steps"] if s not in steps]
        for step in steps:
            cells = []
            for vendor in vendors:
                row = databases[vendor]["steps"].get(step)
                cells.append(
                    f"| {row['p50_ms']:>8.2f}{row['p95_ms']:>9.2f}{'':<17}"
                    if row
                    else f"| {'-':>8}{'-':>9}{'':<17}"
                )
            lines.append(f"  {step:<20}" + "".join(cells))
        lines.append(
            f"{'peak RSS':<22}"
            + "".join(
                f"| {databases[v]['peak_rss_mb']:>8.1f} MB{'':<23}" for v in vendors
            )
        )
    workers = result.get("workers")
    if workers:
        lines.append("")
        if "results" in workers:
            lines.append(
                f"Celery workers on {workers['database']} (solo pool, full runs, "
                f"pack {workers['pack']}; submitted from one process that sleeps "
                f"{POLL_SECONDS}s between polls):"
            )
            for row in workers["results"]:
                ratio = row["vs_1_worker"]
                others = {k: v for k, v in row["statuses"].items() if k != "completed"}
                lines.append(
                    f"  {row['workers']} worker(s): {row['runs']} runs in "
                    f"{row['elapsed_s']:.1f} s = {row['runs_per_s']:.2f} runs/s, "
                    f"run p50 {row['p50_ms']:.0f} ms p95 {row['p95_ms']:.0f} ms"
                    + (f", x{ratio:.2f} vs 1 worker" if ratio else "")
                    + (f", NOT COMPLETED: {others}" if others else "")
                )
        else:
            lines.append(f"Celery workers: skipped ({workers.get('skipped')})")
    mem = result.get("memory")
    if mem and "growth_mb" in mem:
        lines.append("")
        lines.append(
            f"memory ({mem['workflow']} inline on {mem['database']}, {mem['runs']} "
            f"runs in {mem['elapsed_s']:.0f} s): VmRSS {mem['rss_mb_at_100']} MB at "
            f"run 100, {mem['rss_mb_at_end']} MB at run {mem['runs']}: "
            f"{mem['growth_mb']:+.1f} MB"
        )
    lines.append("")
    lines.append("targets (2-core machine):")
    for target in result.get("targets", []):
        mark = {True: "met", False: "MISSED", None: "-"}[target["met"]]
        lines.append(f"  [{mark:^6}] {target['target']}: {target['figure']}")
    return lines
