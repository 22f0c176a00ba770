"""Benchmark the engine on SQLite and PostgreSQL, side by side, against a bare loop.

See :mod:`bench.measure` for what each row measures. By default every measurement
runs in a subprocess (``bench_workflow --single --json``, :mod:`bench.scratch`) on a
scratch database this command creates and migrates first, never on the configured
one.
"""

import contextlib
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench import common, measure, report, scratch, workers

DATABASES = ("sqlite", "postgresql")


def _counts(value: str) -> list[int]:
    try:
        counts = [int(part) for part in value.split(",") if part.strip()]
    except ValueError as exc:
        raise CommandError(f"--workers takes counts like 1,2, not {value!r}") from exc
    if not counts or min(counts) < 1:
        raise CommandError(f"--workers takes counts like 1,2, not {value!r}")
    return counts


class Command(BaseCommand):
    help = (
        "Measure the engine on SQLite and on PostgreSQL side by side (each in a "
        "subprocess on a scratch database it creates and migrates): the full "
        "workflow, a no-op five-step saga, the bare loop making the no-op run's exact "
        "commits with no engine; runs/s, p50/p95 and "
        "ratios vs the bare loop (medians of --repeat), Celery workers on "
        "PostgreSQL, optionally memory growth, and issue 5's targets met or missed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=50, help="Runs per row.")
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument(
            "--repeat", type=int, default=3, help="Repetitions; medians are printed."
        )
        parser.add_argument("--brief", default=str(common.EXAMPLE), help="Brief JSON.")
        parser.add_argument(
            "--pack", help="Pack for the full runs (default: the brief's)."
        )
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument(
            "--databases",
            default=",".join(DATABASES),
            help="Comma-separated: sqlite, postgresql (default both).",
        )
        parser.add_argument("--postgres-url", default=scratch.POSTGRES_URL)
        parser.add_argument(
            "--scratch-dir",
            default=str(scratch.SCRATCH_DIR),
            help="Where the scratch SQLite file (bench.sqlite3) is created afresh.",
        )
        parser.add_argument(
            "--workers",
            default="1,2",
            help="Celery worker counts to measure on PostgreSQL (default 1,2).",
        )
        parser.add_argument("--no-workers", action="store_true")
        parser.add_argument("--worker-runs", type=int, default=60)
        parser.add_argument("--broker-url", default=workers.BROKER_URL)
        parser.add_argument(
            "--memory-runs",
            type=int,
            default=0,
            help="Inline runs on SQLite for the RSS check (2000: ~10 min; 0 skips).",
        )
        parser.add_argument(
            "--memory-workflow", choices=("full", "noop_five"), default="full"
        )
        parser.add_argument(
            "--single",
            action="store_true",
            help="Measure in this process on the configured database (what each "
            "side-by-side subprocess does).",
        )
        parser.add_argument(
            "--task",
            choices=("measure", "memory", "workers"),
            default="measure",
            help="With --single: what to measure.",
        )

    def _progress(self, message: str) -> None:
        self.stderr.write(f"bench_workflow: {message}", style_func=str)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["runs"] < 1:
            raise CommandError("--runs must be at least 1")
        if options["repeat"] < 1:
            raise CommandError("--repeat must be at least 1")
        try:
            if options["single"]:
                self._single(options)
            else:
                self._side_by_side(options)
        except common.BenchError as exc:
            raise CommandError(str(exc)) from exc

    # -- in this process -----------------------------------------------------------

    def _single(self, options: dict[str, Any]) -> None:
        brief_args = {"brief_path": options["brief"], "pack": options["pack"]}
        task = options["task"]
        if task == "measure":
            data = measure.measure(
                runs=options["runs"],
                warmup=options["warmup"],
                repeat=options["repeat"],
                progress=self._progress,
                **brief_args,
            )
            result = self._result(options, pack=data["pack"])
            result["databases"] = {data["database"]: data}
        elif task == "memory":
            data = measure.memory(
                runs=options["memory_runs"],
                workflow=options["memory_workflow"],
                progress=self._progress,
                **brief_args,
            )
            result = self._result(options, pack=options["pack"] or "-")
            result["memory"] = data
        else:
            data = workers.workers_measure(
                counts=_counts(options["workers"]),
                runs=options["worker_runs"],
                progress=self._progress,
                **brief_args,
            )
            result = self._result(options, pack=data.get("pack", "-"))
            result["workers"] = data
        if options["json"]:
            # The task's own figures: what the side-by-side parent reads.
            self.stdout.write(json.dumps(data, indent=2))
            return
        result["targets"] = report.targets(result)
        self.stdout.write("\n".join(report.report_lines(result)))

    # -- side by side, in subprocesses ---------------------------------------------

    @staticmethod
    def _result(options: dict[str, Any], *, pack: str | None) -> dict[str, Any]:
        return {
            "runs": options["runs"],
            "warmup": options["warmup"],
            "repeat": options["repeat"],
            "pack": pack,
            "databases": {},
            "skipped": {},
            "failed": {},
            "workers": None,
            "memory": None,
        }

    def _side_by_side(self, options: dict[str, Any]) -> None:
        import psycopg

        wanted = [d.strip() for d in options["databases"].split(",") if d.strip()]
        unknown = sorted(set(wanted) - set(DATABASES))
        if unknown or not wanted:
            raise CommandError(
                f"--databases takes {', '.join(DATABASES)}; not {', '.join(unknown)}"
            )
        counts = None if options["no_workers"] else _counts(options["workers"])
        result = self._result(options, pack=options["pack"])
        child_args = [
            "--runs",
            str(options["runs"]),
            "--warmup",
            str(options["warmup"]),
            "--repeat",
            str(options["repeat"]),
            "--brief",
            str(Path(options["brief"]).resolve()),
        ]
        if options["pack"]:
            child_args += ["--pack", options["pack"]]
        scratch_dir = Path(options["scratch_dir"])
        sqlite_file = scratch_dir / "bench.sqlite3"
        pg_url = options["postgres_url"]
        envs: dict[str, dict[str, str]] = {}
        with contextlib.ExitStack() as stack:
            stack.enter_context(scratch.scratch_lock(scratch_dir, self._progress))
            media = stack.enter_context(scratch.media_dir())
            for vendor in DATABASES:
                if vendor not in wanted:
                    continue
                try:
                    if vendor == "sqlite":
                        url = scratch.sqlite_prepare(sqlite_file)
                    else:
                        self._progress(f"postgresql: recreating {pg_url}")
                        url = stack.enter_context(
                            scratch.postgres_scratch(pg_url, self._progress)
                        )
                except (psycopg.Error, OSError) as exc:
                    reason = (str(exc).strip().splitlines() or [repr(exc)])[0]
                    result["skipped"][vendor] = (
                        f"not reachable at {pg_url}: {reason}"
                        if vendor == "postgresql"
                        else f"cannot create {sqlite_file}: {reason}"
                    )
                    self._progress(f"{vendor}: skipped ({result['skipped'][vendor]})")
                    continue
                env = scratch.child_env(url, media)
                try:
                    self._progress(f"{vendor}: migrating the scratch database")
                    scratch.migrate(env)
                    envs[vendor] = env
                    data = scratch.child(env, "--task", "measure", *child_args)
                except common.BenchError as exc:
                    result["failed"][vendor] = str(exc)
                    continue
                result["databases"][vendor] = data
                result["pack"] = data["pack"]
            if options["memory_runs"]:
                result["memory"] = self._memory(options, envs, sqlite_file, media)
            if counts:
                result["workers"] = self._workers(options, envs, counts, result)
        result["targets"] = report.targets(result)
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
        else:
            self.stdout.write("\n".join(report.report_lines(result)))
            for what, error in result["failed"].items():
                self.stdout.write(f"{what} FAILED: {error}")
        if result["failed"]:
            raise CommandError(f"failed: {', '.join(result['failed'])}")
        if not result["databases"] and not options["json"]:
            self.stdout.write("Nothing was measured.")

    def _memory(
        self,
        options: dict[str, Any],
        envs: dict[str, dict[str, str]],
        sqlite_file: Path,
        media: str,
    ) -> dict[str, Any]:
        env = envs.get("sqlite")
        try:
            if env is None:
                env = scratch.child_env(scratch.sqlite_prepare(sqlite_file), media)
                scratch.migrate(env)
            self._progress(
                f"memory: {options['memory_runs']} {options['memory_workflow']} runs "
                "inline on SQLite"
            )
            args = [
                "--task",
                "memory",
                "--brief",
                str(Path(options["brief"]).resolve()),
            ]
            args += ["--memory-runs", str(options["memory_runs"])]
            args += ["--memory-workflow", options["memory_workflow"]]
            if options["pack"]:
                args += ["--pack", options["pack"]]
            return scratch.child(env, *args)
        except common.BenchError as exc:
            return {"skipped": f"failed: {exc}"}

    def _workers(
        self,
        options: dict[str, Any],
        envs: dict[str, dict[str, str]],
        counts: list[int],
        result: dict[str, Any],
    ) -> dict[str, Any]:
        env = envs.get("postgresql")
        if env is None:
            reason = result["skipped"].get("postgresql") or result["failed"].get(
                "postgresql", "postgresql is not in --databases"
            )
            return {"skipped": f"needs PostgreSQL: {reason}"}
        env = {
            **env,
            "AICMO_EXECUTOR": "celery",
            "CELERY_BROKER_URL": options["broker_url"],
        }
        args = ["--task", "workers", "--workers", ",".join(map(str, counts))]
        args += ["--worker-runs", str(options["worker_runs"])]
        args += ["--brief", str(Path(options["brief"]).resolve())]
        if options["pack"]:
            args += ["--pack", options["pack"]]
        try:
            return scratch.child(env, *args)
        except common.BenchError as exc:
            result["failed"]["workers"] = str(exc)
            return {"skipped": "failed (see below)"}
