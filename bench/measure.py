"""The in-process measurements: every row on one database, and memory growth.

Rows, each timed per run:

- ``full``: the ``client_to_delivery`` workflow on a brief (``quick_social_basic``
  by default), inline.
- ``noop``: the ``noop_five`` workflow, inline: the engine's own cost, with steps
  that do nothing. It makes 6 commits: the start (run, its 5 steps and
  ``run.created``), then one per step; the 5th step's commit also finishes the run
  (status, ``finished_at``, lease released, ``run.completed``).
- ``bare (same writes)``: exactly those 6 commits as hand-written SQL with no
  engine (:mod:`bench.baseline`). This is the baseline the 60 % target is measured
  against.

``bare`` and ``noop`` runs alternate (one of each, in turn), so a noisy neighbour on
the machine slows them alike. A row's runs/s is its runs divided by the sum of
their latencies. Every figure is the median over ``repeat`` repetitions; a ratio is
the median of the per-repetition ratios (each against the bare loop of the same
repetition).
"""

import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.test.utils import override_settings

from bench.baseline import BareLoop, bare_cleanup
from bench.common import (
    EXAMPLE,
    BenchError,
    Progress,
    latency_stats,
    median,
    percentile,
    quiet,
    rss_mb,
)
from bench.workflows import NOOP_FIVE
from orchestration import api as orchestration_api

COMMITS = {"noop": 6, "bare": 6}
ROWS = ("full", "noop", "bare")
ROW_LABELS = {"full": "full", "noop": "noop", "bare": "bare (same writes)"}
MEMORY_CHECKPOINT = 100


# --- engine runs ---------------------------------------------------------------


def noop_run() -> str:
    run = orchestration_api.workflow_start(brief_id="", workflow=NOOP_FIVE.name).run
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
    progress: Progress = quiet,
) -> dict[str, Any]:
    """Measure every row on the configured database, in this process."""
    _require_inline()
    brief = brief_load(brief_path)
    pack = pack or brief.pack
    vendor = connection.vendor
    bare = BareLoop()
    kinds: dict[str, Callable[[], object]] = {"bare": bare.run, "noop": noop_run}
    repetitions: list[dict[str, Any]] = []
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
                    f"{vendor}: repeat {index}/{repeat}: {runs} runs each of bare "
                    f"and noop (alternating), then {runs} full runs"
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
            "runs_per_s": median([r["runs_per_s"] for r in per], 2),
            "p50_ms": median([r["p50_ms"] for r in per]),
            "p95_ms": median([r["p95_ms"] for r in per]),
            "vs_bare": median(ratios, 4),
            "per_repeat": per,
            "vs_bare_per_repeat": [round(r, 4) for r in ratios],
        }
    step_names = list(repetitions[0]["steps"]) if repetitions else []
    steps = {
        name: {
            "p50_ms": median([rep["steps"][name]["p50_ms"] for rep in repetitions], 2),
            "p95_ms": median([rep["steps"][name]["p95_ms"] for rep in repetitions], 2),
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
    progress: Progress = quiet,
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
