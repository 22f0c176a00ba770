"""Run the client_to_delivery workflow for one brief file, in this process."""

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from aicmo_site.kernel.errors import ApplicationError, ValidationFailed
from aicmo_site.kernel.text import MAX_DEPTH
from delivery import api as delivery_api
from orchestration import api as orchestration_api
from orchestration.dto import RunStatus
from orchestration.management.commands._output import run_summary

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Create the client and brief from BRIEF.json, then run client_to_delivery to "
        "the end in this process (or, with AICMO_EXECUTOR=celery, queue it for the "
        "workers and print it pending). Exit 0 completed or queued, 1 compensated or "
        "failed, 2 bad input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("brief_file", metavar="BRIEF.json")
        parser.add_argument("--pack", help="Pack key; overrides the brief's pack.")
        parser.add_argument(
            "--force-fail",
            choices=["qc", "delivery"],
            help="Fault injection: make that step fail.",
        )
        parser.add_argument(
            "--crash-after",
            metavar="STEP",
            help="Crash drill: exit(70) right after STEP commits.",
        )
        parser.add_argument(
            "--stall-in",
            metavar="STEP",
            help=(
                "Worker drill: hold STEP open for AICMO_STALL_SECONDS before its "
                "commit, on the run's first claim."
            ),
        )
        parser.add_argument(
            "--idempotency-key", help="Replaying a key returns its run."
        )
        parser.add_argument("--json", action="store_true", help="Print the run JSON.")

    def _bad_input(
        self,
        as_json: bool,
        code: str,
        message: str,
        fields: dict[str, list[str]] | None = None,
    ) -> None:
        lines = [f"{code}: {message}"]
        for name, problems in sorted((fields or {}).items()):
            for problem in problems:
                lines.append(f"  {name}: {problem}")
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "error_code": code,
                        "message": message,
                        "details": {"fields": fields} if fields else {},
                        "trace_id": None,
                    },
                    indent=2,
                )
            )
        raise CommandError("\n".join(lines), returncode=EXIT_BAD_INPUT)

    def handle(self, *args: Any, **options: Any) -> None:
        as_json = options["json"]
        path = Path(options["brief_file"])
        # A brief file is held to the API's body limit.
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            if limit is not None and path.stat().st_size > limit:
                self._bad_input(
                    as_json,
                    "PAYLOAD_TOO_LARGE",
                    f"{path} is over {limit} bytes (DATA_UPLOAD_MAX_MEMORY_SIZE).",
                )
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self._bad_input(as_json, "VALIDATION_ERROR", f"No such brief file: {path}")
        except (OSError, UnicodeDecodeError) as exc:
            self._bad_input(as_json, "VALIDATION_ERROR", f"Cannot read {path}: {exc}")
        except RecursionError:
            self._bad_input(
                as_json,
                "VALIDATION_ERROR",
                f"{path} is nested too deeply: at most {MAX_DEPTH} levels.",
            )
        except json.JSONDecodeError as exc:
            self._bad_input(
                as_json,
                "VALIDATION_ERROR",
                f"{path} is not valid JSON: {exc.msg} at line {exc.lineno} "
                f"column {exc.colno}",
            )
        except ValueError as exc:  # a number too long to read (over 4300 digits)
            self._bad_input(
                as_json, "VALIDATION_ERROR", f"{path} is not valid JSON: {exc}"
            )

        fields: dict[str, list[str]] = {}
        try:
            orchestration_api.run_options_check(
                pack=options["pack"],
                force_fail=options["force_fail"],
                crash_after=options["crash_after"],
                stall_in=options["stall_in"],
            )
        except ValidationFailed as exc:
            fields.update(
                {f"--{name.replace('_', '-')}": v for name, v in exc.fields.items()}
            )
        except ApplicationError as exc:
            self._bad_input(as_json, exc.code, exc.message)
        if fields:
            # Check the brief too, so every problem is printed at once; store nothing.
            try:
                orchestration_api.brief_check(data=data)
            except ValidationFailed as exc:
                fields.update(exc.fields)
            self._bad_input(
                as_json, "VALIDATION_ERROR", "The input is not valid.", fields
            )

        key, fingerprint = options["idempotency_key"], None
        if key:
            # The key replays its run only for the same brief and options; anything
            # else is a CONFLICT (exit 2). The brief is checked first, so only a
            # valid one is fingerprinted; nothing is stored.
            try:
                orchestration_api.brief_check(data=data)
            except ValidationFailed as exc:
                self._bad_input(
                    as_json, exc.code, f"The brief in {path} is not valid.", exc.fields
                )
            fingerprint = orchestration_api.request_fingerprint(
                request={
                    "brief": data,
                    **{
                        name: options[name]
                        for name in ("pack", "force_fail", "crash_after", "stall_in")
                    },
                }
            )
            try:
                replayed = orchestration_api.run_find_by_key(
                    idempotency_key=key,
                    key_owner=orchestration_api.CLI_KEY_OWNER,
                    fingerprint=fingerprint,
                )
            except ApplicationError as exc:
                self._bad_input(as_json, exc.code, exc.message)
            if replayed is not None:
                # A replayed key returns its run; the brief file is not stored again.
                self._report(replayed, created=False, as_json=as_json)
                return
        try:
            brief = orchestration_api.brief_submit(data=data)
        except ValidationFailed as exc:
            self._bad_input(
                as_json, exc.code, f"The brief in {path} is not valid.", exc.fields
            )
        try:
            started = orchestration_api.workflow_start(
                brief_id=brief.id,
                pack=options["pack"],
                force_fail=options["force_fail"],
                crash_after=options["crash_after"],
                stall_in=options["stall_in"],
                idempotency_key=key,
                key_owner=orchestration_api.CLI_KEY_OWNER,
                fingerprint=fingerprint,
            )
        except ApplicationError as exc:
            self._bad_input(as_json, exc.code, exc.message, exc.extra.get("fields"))
        self._report(started.run, created=started.created, as_json=as_json)

    def _report(self, run: Any, *, created: bool, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(run.as_json(), indent=2))
        else:
            artifacts: list[Any] = []
            if "package_id" in run.outputs and run.status == RunStatus.COMPLETED:
                artifacts = list(
                    delivery_api.package_get(
                        package_id=run.outputs["package_id"]
                    ).artifacts
                )
            if not created:
                self.stdout.write("Idempotency key replayed: this is the existing run.")
            self.stdout.write("\n".join(run_summary(run, artifacts)))
        queued = (
            run.status == RunStatus.PENDING and orchestration_api.executor_is_queued()
        )
        if run.status != RunStatus.COMPLETED and not queued:
            sys.exit(EXIT_FAILED)
