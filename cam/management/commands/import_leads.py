"""Import leads from a CSV or XLSX file into a campaign, as the admin's import does.

The file is held to the admin's import limits (``AICMO_IMPORT_*``): its size before
it is read, its rows and cells as they are read. A file past one stores nothing and
exits 1 naming the limit.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from aicmo_site.kernel import imports as kernel_imports
from cam import resources


class Command(BaseCommand):
    help = (
        "Import leads from FILE (.csv or .xlsx) into a campaign through the admin's "
        "import path: every row is checked first; one bad row imports nothing. A row "
        "whose email is already a lead of the campaign is skipped. Files are held to "
        "the AICMO_IMPORT_* limits (size, rows, cell length). Exit 1 on errors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A .csv or .xlsx file with a header row.")
        parser.add_argument("--campaign", required=True, help="The campaign (cam_…).")
        parser.add_argument(
            "--format",
            choices=sorted(resources.IMPORT_FORMATS),
            help="Default: by suffix.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file; store nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        file_format = options["format"] or path.suffix.lstrip(".").lower()
        limits = kernel_imports.ImportLimits.from_settings()
        try:
            kernel_imports.check_size(path.stat().st_size, limits)  # before reading
            dataset = resources.read_dataset(path.read_bytes(), file_format)
        except kernel_imports.ImportFileRefused as exc:
            raise CommandError(f"{path}: {exc.message}") from exc
        except (OSError, ValueError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        resource, result = resources.import_dataset(
            campaign_id=options["campaign"],
            dataset=dataset,
            dry_run=options["dry_run"],
            file_name=path.name,
        )
        problems = resources.result_problems(result)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Nothing was imported: {len(problems)} problem(s) in {path.name}."
            )
        plan = resource.plan
        if plan is None:  # not reached: a file that cannot be planned has problems
            raise CommandError("Nothing was imported.")
        verb = "Would import" if options["dry_run"] else "Imported"
        self.stdout.write(
            f"{verb} {len(plan.leads)} lead(s) into {options['campaign']}; "
            f"{len(plan.skipped)} skipped (already leads)."
        )
        for line, lead_id in sorted(plan.skipped.items()):
            self.stdout.write(f"  line {line}: already lead {lead_id}")
