"""Issue 5's targets, each met or missed, and the printed report."""

from typing import Any

from bench.measure import ROW_LABELS, ROWS
from bench.workers import POLL_SECONDS

# Issue 5's targets on a 2-core machine.
TARGET_NOOP_VS_BARE = 0.60
TARGET_FULL_P95_MS = 300.0
TARGET_RSS_GROWTH_MB = 20.0
TARGET_WORKERS_RATIO = 1.5


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
    "  bare and noop runs alternate; runs/s = runs / sum of their latencies;",
    "  vs bare = median of per-repeat ratios.",
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
