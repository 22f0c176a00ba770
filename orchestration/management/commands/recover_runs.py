"""Finish every run whose lease expired, resuming at its first uncommitted step."""

import json
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from orchestration import api as orchestration_api
from orchestration.dto import RunData


class Command(BaseCommand):
    help = (
        "Resume active runs whose worker lease expired (after a crash): each continues "
        "at "
        "its first uncommitted step, or its next compensation. Prints what it did."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=100, help="At most this many runs per sweep."
        )
        parser.add_argument(
            "--wait",
            action="store_true",
            help="Wait for live leases to expire, then recover those too.",
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the runs as JSON."
        )
        parser.add_argument(
            "--loop",
            action="store_true",
            help=(
                "Keep sweeping every --interval seconds until stopped (the sweeper, "
                "instead of Celery beat). Under AICMO_EXECUTOR=celery each sweep "
                "rings a doorbell for every run nobody drives; inline, it drives "
                "them here."
            ),
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between sweeps with --loop (default AICMO_SWEEP_SECONDS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["loop"]:
            self._loop(options)
            return
        resumed: list[RunData] = []
        while True:
            result = orchestration_api.runs_recover(limit=options["limit"])
            resumed.extend(result.resumed)
            if not (options["wait"] and result.still_leased):
                break
            expiry = orchestration_api.runs_next_lease_expiry()
            delay = (expiry - timezone.now()).total_seconds() if expiry else 0.5
            if not options["json"]:
                self.stdout.write(
                    f"{result.still_leased} run(s) still leased; "
                    f"waiting {max(delay, 0):.1f}s"
                )
            time.sleep(max(0.05, delay + 0.05))
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "resumed": [run.as_json() for run in resumed],
                        "still_leased": result.still_leased,
                    },
                    indent=2,
                )
            )
            return
        if not resumed:
            self.stdout.write("No run needed recovery.")
        for run in resumed:
            done = [s.name for s in run.steps if s.status.value == "completed"]
            self.stdout.write(
                f"Recovered {run.id}: now {run.status.value}; completed steps: "
                f"{', '.join(done) or 'none'}"
                + (
                    f"; compensated: {', '.join(run.compensated_steps)}"
                    if run.compensated_steps
                    else ""
                )
            )
        if result.still_leased:
            self.stdout.write(
                f"{result.still_leased} run(s) still hold a live lease; "
                "run again after it "
                "expires (AICMO_LEASE_SECONDS), or pass --wait."
            )

    def _loop(self, options: dict[str, Any]) -> None:
        interval = options["interval"]
        if interval is None:
            interval = float(settings.AICMO_SWEEP_SECONDS)
        if interval <= 0:
            raise CommandError("--interval must be more than 0 seconds")
        self.stdout.write(
            f"Sweeping every {interval:g}s with the "
            f"{orchestration_api.executor_name()} executor; stop with Ctrl-C."
        )
        try:
            while True:
                try:
                    result = orchestration_api.runs_sweep(limit=options["limit"])
                except DatabaseError as exc:  # the database is down: try again
                    self.stderr.write(f"sweep failed: {exc}")
                    close_old_connections()
                else:
                    for run_id in result.rung:
                        self.stdout.write(f"Rang {run_id}")
                    for run in result.resumed:
                        self.stdout.write(f"Recovered {run.id}: now {run.status.value}")
                self.stdout.flush()
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("Sweeper stopped.")
