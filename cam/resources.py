"""Lead import and export (django-import-export), used by the admin and the commands.

Import reads a CSV or XLSX file into one campaign chosen by the caller, one lead per
row, in the columns of ``import_services.IMPORT_COLUMNS`` (``name``, ``email`` and
``base_score`` required; headers such as ``Base Score`` are accepted). The columns a
lead export adds (``id``, ``grade``, ``status``...) are read past, so an export can be
imported into another campaign. Booleans take yes/no, true/false or 1/0; blank cells
count as not given (``engagement`` 0, booleans false, ``source`` ``import``).

The whole file is checked before any row is stored
(:func:`import_services.lead_import_prepare`: Python validation, scoring, one look-up
of existing emails), then stored with ``bulk_create`` in batches inside one
transaction (:func:`import_services.lead_import_commit`), so 10,000 rows take seconds.
All or nothing: one bad row (or a file problem) stores no row at all. Deduplication is
on the normalized email (trimmed, lower-cased) within the campaign: a row whose email
a lead of the campaign already has is *skipped* and reported with that lead's id (the
lead is unchanged, as with ``POST /api/v1/leads/``); a row repeating the email of an
earlier row of the file is an *error* naming both lines.
Rows are numbered as lines of the file: the header is line 1. In a CSV file a row is
named by the physical line it starts on, so empty lines and line breaks inside quoted
cells count (:func:`read_csv` records each row's line); in an XLSX file a row is named
by its sheet row (the header is row 1, and empty rows are kept as rows).
Files are read within the import limits (``AICMO_IMPORT_*``: size, rows, cell length;
:mod:`aicmo_site.kernel.imports`), which stop reading at the first row past one. An
export escapes a cell that would start a spreadsheet formula with a leading
apostrophe; the import reads it back off (:func:`import_services.cell_text`).
"""

import re
from collections.abc import Mapping, Sequence
from typing import Any

import tablib
from django.core.exceptions import ValidationError
from import_export import fields, instance_loaders, resources, widgets
from import_export.formats import base_formats
from import_export.results import Result

from aicmo_site.kernel import imports as kernel_imports
from cam.errors import LeadImportFailed
from cam.models import Lead
from cam.services import imports as import_services
from cam.services import leads as lead_services

FIRST_DATA_LINE = 2  # the header is line 1
LINE_NUMBERS = kernel_imports.LINE_NUMBERS  # the attribute read_csv sets
LEAD_EXPORT_COLUMNS = (
    "id",
    "campaign_id",
    "name",
    "email",
    "normalized_email",
    "company",
    "role",
    "source",
    "base_score",
    "budget_known",
    "has_timeline",
    "pain_points",
    "engagement",
    "fit_score",
    "conversion_probability",
    "grade",
    "status",
    "lost_reason_code",
    "lost_reason",
    "created_at",
)
PREVIEW_HEADERS = ("name", "email", "company", "fit_score", "grade", "existing_lead")


def header_name(value: Any) -> str:
    """Return a header cell as a column name: ``Base Score`` → ``base_score``."""
    return re.sub(r"[\s-]+", "_", import_services.cell_text(value).lower())


class CellWidget(widgets.Widget):
    """Cells in, trimmed text out; text written back as it is."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        """Return the cell as trimmed text."""
        return import_services.cell_text(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        """Return the text to show."""
        return "" if value is None else str(value)


class SkippedRow:
    """Stands for a row whose email is already a lead of the campaign."""

    def __init__(self, lead_id: str, email: str) -> None:
        self.pk = lead_id
        self.email = email

    def __str__(self) -> str:
        return f"{self.email} (already lead {self.pk})"


class BadRow:
    """Stands for a row with errors, or any row of a file that cannot be read."""

    pk = None

    def __str__(self) -> str:
        return "(not imported)"


def line_numbers(dataset: tablib.Dataset) -> list[int]:
    """Return the line of the file each row of ``dataset`` starts on.

    A dataset from :func:`read_csv` knows its physical lines; any other (XLSX) has one
    row per line after the header: 2, 3, 4...
    """
    lines = getattr(dataset, LINE_NUMBERS, None)
    if lines is not None and len(lines) == len(dataset):
        return list(lines)
    return list(range(FIRST_DATA_LINE, FIRST_DATA_LINE + len(dataset)))


def _column(name: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=CellWidget())


class LeadImportResource(resources.Resource):
    """Leads from CSV or XLSX rows into one campaign (see the module docstring).

    ``before_import`` checks the header and every row; each row then reports its own
    errors by column, or is skipped as an existing lead; ``after_import`` stores the
    new leads unless this is a dry run (the admin preview) or anything is wrong.
    After an import, :attr:`created` lists the stored leads in file order.
    """

    name = _column("name")
    email = _column("email")
    company = _column("company")
    role = _column("role")
    source = _column("source")
    base_score = _column("base_score")
    budget_known = _column("budget_known")
    has_timeline = _column("has_timeline")
    pain_points = _column("pain_points")
    engagement = _column("engagement")

    class Meta:
        import_id_fields: tuple[str, ...] = ()
        instance_loader_class = instance_loaders.BaseInstanceLoader  # never loads
        import_order = import_services.IMPORT_COLUMNS
        export_order = import_services.IMPORT_COLUMNS
        force_init_instance = True  # a row never updates a lead
        skip_diff = True  # the preview shows the scored lead instead (after_import_row)
        report_skipped = True
        # Rows are saved together by after_import; "bulk" also spares the savepoint
        # import-export would otherwise open around every row.
        use_bulk = True
        use_transactions = True
        using_db = "default"

    def __init__(self, *, campaign_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.campaign_id = campaign_id
        self.plan: import_services.ImportPlan | None = None
        self.created: list[Lead] = []
        self._lines: Sequence[int] = ()
        self._line = 0

    @classmethod
    def get_display_name(cls) -> str:
        """Name the resource in the import form."""
        return "Leads"

    def get_diff_headers(self) -> list[str]:
        """Name the preview's columns."""
        return list(PREVIEW_HEADERS)

    def before_import(self, dataset: tablib.Dataset, **kwargs: Any) -> None:
        """Check the header and the campaign, then every row, before any is saved.

        Raises:
            CamError: the header or the campaign makes the whole file fail (shown
                as the file's error).
        """
        headers = [header_name(h) for h in dataset.headers or ()]
        dataset.headers = headers
        import_services.lead_import_check_columns(headers)
        if not self.campaign_id:
            raise LeadImportFailed("Choose the campaign to import into.")
        self._lines = line_numbers(dataset)
        rows = (
            (line, row)
            for line, values in zip(self._lines, dataset, strict=True)
            if not self._is_blank(row := dict(zip(headers, values, strict=False)))
        )
        self.plan = import_services.lead_import_prepare(
            campaign_id=self.campaign_id, rows=rows
        )

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        """Remember which line is being imported."""
        self._line = self._line_of(kwargs.get("row_number", 0))

    def _line_of(self, row_number: int) -> int:
        """Return the file line of import-export's row ``row_number`` (from 1)."""
        if 1 <= row_number <= len(self._lines):
            return self._lines[row_number - 1]
        return row_number + FIRST_DATA_LINE - 1

    def init_instance(self, row: Any = None) -> Any:
        """Return the checked lead of this line, or what stands for its row."""
        plan = self.plan
        if plan is not None:
            if self._line in plan.leads:
                return plan.leads[self._line]
            if self._line in plan.skipped:
                email = lead_services.normalize_email(
                    import_services.cell_text(row.get("email"))
                )
                return SkippedRow(plan.skipped[self._line], email)
        return BadRow()

    def import_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
        """Do nothing: ``before_import`` already read and scored every row."""

    def skip_row(
        self,
        instance: Any,
        original: Any,
        row: Any,
        import_validation_errors: Any = None,
    ) -> bool:
        """Skip existing leads, blank rows, and every row of a file that failed."""
        if self.plan is None or isinstance(instance, SkippedRow):
            return True
        return isinstance(instance, BadRow) and self._line not in self.plan.errors

    def validate_instance(
        self,
        instance: Any,
        import_validation_errors: Any = None,
        validate_unique: bool = True,
    ) -> None:
        """Raise the line's errors, found by ``before_import``, by column.

        Raises:
            ValidationError: the row is not a valid lead.
        """
        errors = self.plan.errors.get(self._line) if self.plan is not None else None
        if errors:
            raise ValidationError(
                {column: list(messages) for column, messages in errors.items()}
            )

    def save_instance(
        self, instance: Any, is_create: bool, row: Any, **kwargs: Any
    ) -> None:
        """Do nothing per row: ``after_import`` stores every new lead at once."""

    def save_m2m(self, instance: Any, row: Any, **kwargs: Any) -> None:
        """Do nothing: leads have no many-to-many fields."""

    def after_import_row(self, row: Any, row_result: Any, **kwargs: Any) -> None:
        """Show the scored lead (or the existing lead's id) in the preview."""
        instance = self.plan and (
            self.plan.leads.get(self._line) or self.plan.skipped.get(self._line)
        )
        if isinstance(instance, Lead):
            row_result.diff = [
                instance.name,
                instance.email,
                instance.company,
                str(instance.fit_score),
                instance.grade,
                "",
            ]
        elif isinstance(instance, str):
            row_result.diff = [
                import_services.cell_text(row.get(name))
                for name in ("name", "email", "company")
            ] + ["", "", instance]

    def after_import(
        self, dataset: tablib.Dataset, result: Result, **kwargs: Any
    ) -> None:
        """Store the new leads (not in a dry run, nor if anything is wrong).

        Rows and their errors are numbered as lines of the file, and a failed file
        shows its rows under their own columns.

        Raises:
            CamError: the commit failed (an email was taken meanwhile...).
        """
        for invalid in result.invalid_rows:
            invalid.number = self._line_of(invalid.number)
        for error_row in result.error_rows:
            error_row.number = self._line_of(error_row.number)
            for error in error_row.errors:
                if error.number is not None:
                    error.number = self._line_of(error.number)
        if result.has_validation_errors():
            result.diff_headers = list(dataset.headers or ())
        plan = self.plan
        if plan is None or kwargs.get("dry_run") or plan.errors:
            return
        if result.has_errors() or result.has_validation_errors():
            return
        self.created = import_services.lead_import_commit(plan=plan)

    @staticmethod
    def _is_blank(row: Mapping[str, Any]) -> bool:
        return not any(import_services.cell_text(value) for value in row.values())


def import_dataset(
    *, campaign_id: str, dataset: tablib.Dataset, dry_run: bool = False, **kwargs: Any
) -> tuple[LeadImportResource, Result]:
    """Import a dataset as the admin's confirm step does: all rows, or none."""
    resource = LeadImportResource(campaign_id=campaign_id)
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        **kwargs,
    )
    return resource, result


def result_problems(result: Result) -> list[str]:
    """Return an import's problems as lines of text: the file's, then each line's."""
    problems = [f"file: {error.error}" for error in result.base_errors]
    for error_row in result.error_rows:
        problems.extend(f"line {error_row.number}: {e.error}" for e in error_row.errors)
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            problems.extend(f"line {invalid.number}: {column}: {m}" for m in messages)
    return problems


class LeadExportResource(kernel_imports.EscapingResource, resources.ModelResource):
    """Leads to CSV or XLSX, with their scores and status; re-importable.

    A text cell that would start a spreadsheet formula is written with a leading
    apostrophe (:class:`~aicmo_site.kernel.imports.EscapingResource`); the import
    reads it back off.
    """

    campaign_id = fields.Field(attribute="campaign_id", column_name="campaign_id")

    class Meta:
        model = Lead
        fields = LEAD_EXPORT_COLUMNS
        export_order = LEAD_EXPORT_COLUMNS

    @classmethod
    def get_display_name(cls) -> str:
        """Name the resource in the export form."""
        return "Leads"


CSV_ENCODING = kernel_imports.CSV_ENCODING  # a BOM from Excel is dropped


def read_csv(text: str) -> tablib.Dataset:
    """Read CSV text as the admin does, within the import limits.

    See :func:`aicmo_site.kernel.imports.read_csv`: ``dataset.line_numbers`` holds
    each row's physical line, counting empty lines and line breaks inside quoted
    cells.

    Raises:
        ImportFileRefused: the text is past an ``AICMO_IMPORT_*`` limit.
        csv.Error, tablib.InvalidDimensions: the text is not a CSV table.
    """
    return kernel_imports.read_csv(text, kernel_imports.ImportLimits.from_settings())


class LineNumberedCSV(kernel_imports.BoundedCSV):
    """The CSV format of lead imports: true lines, within the import limits."""


IMPORT_FORMATS: dict[str, type[base_formats.TablibFormat]] = {
    "csv": LineNumberedCSV,
    "xlsx": kernel_imports.BoundedXLSX,
}


def read_dataset(data: bytes, file_format: str) -> tablib.Dataset:
    """Read a CSV or XLSX file's bytes as the admin does, within the import limits.

    Raises:
        ValueError: an unknown format, a file that is not in it, or a file past an
            ``AICMO_IMPORT_*`` limit (the message names it).
    """
    format_class = IMPORT_FORMATS.get(file_format.lower())
    if format_class is None:
        raise ValueError(f"Unknown format {file_format!r}: use csv or xlsx.")
    input_format = format_class()
    try:
        if input_format.is_binary():
            return input_format.create_dataset(data)
        return input_format.create_dataset(data.decode(CSV_ENCODING))
    except kernel_imports.ImportFileRefused as exc:
        raise ValueError(exc.message) from exc
    except Exception as exc:  # any parse failure is the file's fault
        raise ValueError(
            f"{type(exc).__name__} while reading the file as {file_format.upper()}."
        ) from exc
