"""What every part of the benchmark shares: its error, progress and figures."""

import statistics
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

EXAMPLE = Path(settings.BASE_DIR) / "examples" / "brightsmile_dental.json"


class BenchError(RuntimeError):
    """A benchmark could not run or a run did not end as it should."""


Progress = Callable[[str], None]


def quiet(message: str) -> None:
    """The default progress callback: say nothing."""


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


def median(values: list[float], digits: int = 3) -> float:
    """The median of ``values``, rounded; 0.0 when there are none."""
    return round(statistics.median(values), digits) if values else 0.0


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident set (``VmRSS``) or its peak (``VmHWM``), in MB."""
    with open("/proc/self/status") as status:  # noqa: PTH123 - a proc file
        for line in status:
            if line.startswith(f"{field}:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0
