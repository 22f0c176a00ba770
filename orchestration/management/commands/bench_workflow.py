"""Benchmark the engine: the full workflow, a no-op saga, and a bare commit loop."""

import json
import resource
import statistics
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test.utils import override_settings

from orchestration import api as orchestration_api

EXAMPLE = Path(settings.BASE_DIR) / "examples" / "brightsmile_dental.json"
BARE_STEPS = 5


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _stats(latencies_ms: list[float], elapsed_s: float) -> dict[str, float]:
    return {
        "runs": len(latencies_ms),
        "runs_per_s": round(len(latencies_ms) / elapsed_s, 2) if elapsed_s else 0.0,
        "p50_ms": round(statistics.median(latencies_ms), 2) if latencies_ms else 0.0,
        "p95_ms": round(_percentile(latencies_ms, 95), 2),
    }


class Command(BaseCommand):
    help = (
        "Run N workflows on the configured database; print runs/s and p50/p95 latency "
        "per run and per step, beside a no-op five-step saga on the same engine and a "
        "bare loop making the same commits with no engine. It writes real runs: point "
        "DATABASE_URL at a scratch database to keep them out of your data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--brief", default=str(EXAMPLE), help="Brief JSON file.")
        parser.add_argument(
            "--pack", help="Pack for the full runs (default: the brief's)."
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        runs, warmup = options["runs"], options["warmup"]
        if runs < 1:
            raise CommandError("--runs must be at least 1")
        if settings.AICMO_EXECUTOR != "inline":
            raise CommandError(
                "bench_workflow measures the inline executor; set AICMO_EXECUTOR=inline"
            )
        brief = orchestration_api.brief_submit(
            data=json.loads(Path(options["brief"]).read_text())
        )
        _create_bare_tables()
        # DEBUG records every query; measure what production runs, whatever is set.
        try:
            with override_settings(DEBUG=False):
                self._bare(warmup)
                bare = self._bare(runs)
                self._noop(warmup)
                noop = self._noop(runs)
                self._full(brief.id, options["pack"], warmup)
                full, steps = self._full(brief.id, options["pack"], runs)
        finally:
            _drop_bare_tables()
        result = {
            "database": connection.vendor,
            "pack": options["pack"] or brief.pack,
            "full": full,
            "noop": noop,
            "bare": bare,
            "steps": steps,
            "ratios": {
                "noop_vs_bare": round(noop["runs_per_s"] / bare["runs_per_s"], 3),
                "full_vs_bare": round(full["runs_per_s"] / bare["runs_per_s"], 3),
            },
            "peak_rss_mb": round(
                resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
            ),
        }
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(
            f"bench_workflow: {runs} runs each on {connection.vendor}, "
            f"pack {result['pack']}"
        )
        self.stdout.write(
            f"{'':<6}{'runs/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'vs bare':>10}"
        )
        for name in ("full", "noop", "bare"):
            row = result[name]
            ratio = row["runs_per_s"] / bare["runs_per_s"]
            self.stdout.write(
                f"{name:<6}{row['runs_per_s']:>10.1f}{row['p50_ms']:>10.2f}"
                f"{row['p95_ms']:>10.2f}{ratio:>10.2f}"
            )
        self.stdout.write("full workflow, per step:")
        for name, row in steps.items():
            self.stdout.write(
                f"  {name:<20} p50 {row['p50_ms']:8.2f} ms  p95 {row['p95_ms']:8.2f} ms"
            )
        self.stdout.write(f"peak RSS: {result['peak_rss_mb']} MB")

    def _full(self, brief_id: str, pack: str | None, runs: int) -> tuple[dict, dict]:
        latencies: list[float] = []
        per_step: dict[str, list[float]] = defaultdict(list)
        began = time.perf_counter()
        for _ in range(runs):
            start = time.perf_counter()
            run = orchestration_api.workflow_start(brief_id=brief_id, pack=pack).run
            latencies.append((time.perf_counter() - start) * 1000)
            if run.status.value != "completed":
                raise CommandError(
                    f"run {run.id} ended {run.status.value}: {run.error}"
                )
            for step in run.steps:
                if step.duration_ms is not None:
                    per_step[step.name].append(step.duration_ms)
        elapsed = time.perf_counter() - began
        steps = {name: _stats(values, 0) for name, values in per_step.items()}
        for row in steps.values():
            row.pop("runs_per_s")
            row.pop("runs")
        return _stats(latencies, elapsed), steps

    def _noop(self, runs: int) -> dict:
        latencies: list[float] = []
        began = time.perf_counter()
        for _ in range(runs):
            start = time.perf_counter()
            run = orchestration_api.workflow_start(
                brief_id="", workflow="noop_five"
            ).run
            latencies.append((time.perf_counter() - start) * 1000)
            if run.status.value != "completed":
                raise CommandError(f"noop run {run.id} ended {run.status.value}")
        return _stats(latencies, time.perf_counter() - began)

    def _bare(self, runs: int) -> dict:
        latencies: list[float] = []
        began = time.perf_counter()
        for _ in range(runs):
            start = time.perf_counter()
            _bare_run()
            latencies.append((time.perf_counter() - start) * 1000)
        return _stats(latencies, time.perf_counter() - began)


def _create_bare_tables() -> None:
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


def _drop_bare_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_bare_step")
        cursor.execute("DROP TABLE IF EXISTS bench_bare_run")


def _bare_run() -> None:
    """The floor: start, five step commits and a finish, as plain SQL, no engine."""
    run_id = uuid.uuid4().hex
    with transaction.atomic(durable=True), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_bare_run VALUES (%s, 'running', '{}', NULL)", [run_id]
        )
        cursor.executemany(
            "INSERT INTO bench_bare_step VALUES (%s, %s, 'pending', '{}')",
            [(run_id, position) for position in range(BARE_STEPS)],
        )
    for position in range(BARE_STEPS):
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
