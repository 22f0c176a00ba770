"""Throughput of N Celery workers on PostgreSQL, started and stopped here: full runs."""

import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from bench.common import EXAMPLE, BenchError, Progress, percentile, quiet
from bench.measure import brief_load
from orchestration import api as orchestration_api
from orchestration.models import ACTIVE_STATUSES, WorkflowRun

BROKER_URL = "redis://127.0.0.1:6379/15"
POLL_SECONDS = 0.2


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
    progress: Progress = quiet,
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
