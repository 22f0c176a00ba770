"""Brief import from CSV or XLSX (django-import-export), used by orchestration's admin.

A file holds one brief per row, in the flat columns of :data:`BRIEF_COLUMNS` that
onboarding's export writes: ``client_*`` for the client object, ``budget_amount`` and
``budget_currency`` for the budget, list fields as items separated by ``;`` (or new
lines), and lists of objects (``faqs``, ``locations``, ``key_dates``) as one JSON cell
each. Blank cells count as not given, so defaults apply as in the API.

Import lives here, not in onboarding, because a brief is valid only for a pack that
production knows, and only orchestration may ask production (SPEC §2); it goes through
:func:`orchestration.api.brief_check` and :func:`orchestration.api.brief_submit`, the
functions behind ``POST /api/v1/briefs/``. Every row is checked before any is stored:
one bad row stores nothing. Rows are numbered as lines of the file, the header being
line 1, so the first brief is line 2. A cell that an export wrote with a leading
apostrophe, to keep a spreadsheet from running it as a formula, is read without it.
"""

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import fields, instance_loaders, resources, widgets

from aicmo_site.kernel import imports as kernel_imports
from aicmo_site.kernel.scope import ALL, Scope
from onboarding.dto import (
    BRIEF_COLUMNS,
    CLIENT_COLUMNS,
    JSON_COLUMNS,
    LIST_COLUMNS,
    BriefData,
)
from onboarding.errors import InvalidBrief
from orchestration import api as orchestration_api

FIRST_DATA_LINE = 2  # the header is line 1
_LIST_SPLIT = re.compile(r"[;\n]")
_WHOLE_NUMBER = re.compile(r"^\d+$")


def cell_text(value: Any) -> str:
    """Return a cell as trimmed text: XLSX dates as ISO dates, 12.0 as ``12``.

    The apostrophe an export puts before a formula character (``'=x``) is read off.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return kernel_imports.formula_unescape(str(value).strip()).strip()


def _number(text: str) -> int | str:
    # Whole numbers become JSON numbers, as in the API; anything else is left for
    # the validator to judge (and name).
    return int(text) if _WHOLE_NUMBER.match(text) else text


def _json_cell(text: str) -> Any:
    # A cell that is not JSON goes on as text, which the validator refuses ("Expected
    # a list"); json_cell_errors says why, in its stead.
    try:
        return json.loads(text)
    except ValueError:
        return text


def json_cell_errors(row: Mapping[str, Any]) -> dict[str, list[str]]:
    """Return the JSON cells of ``row`` that do not parse, each with what is wrong."""
    errors: dict[str, list[str]] = {}
    for name, keys in JSON_COLUMNS.items():
        text = cell_text(row.get(name))
        if not text:
            continue
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            example = ", ".join(f'"{key}": "..."' for key in keys)
            errors[name] = [
                f"Not valid JSON ({exc.msg} at character {exc.pos + 1}). "
                f"Give a list of objects, such as [{{{example}}}]."
            ]
    return errors


def brief_from_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Return the brief JSON (SPEC §5) that one row of flat columns stands for."""
    cells = {name: cell_text(row.get(name)) for name in BRIEF_COLUMNS}
    client = {
        name.removeprefix("client_"): cells[name]
        for name in CLIENT_COLUMNS
        if cells[name]
    }
    data: dict[str, Any] = {"client": client}
    for name in BRIEF_COLUMNS:
        text = cells[name]
        if not text or name in CLIENT_COLUMNS or name.startswith("budget_"):
            continue
        if name in LIST_COLUMNS:
            items = [item.strip() for item in _LIST_SPLIT.split(text) if item.strip()]
            if items:
                data[name] = items
        elif name in JSON_COLUMNS:
            data[name] = _json_cell(text)
        elif name == "duration_weeks":
            data[name] = _number(text)
        else:
            data[name] = text
    if cells["budget_amount"] or cells["budget_currency"]:
        data["budget"] = {
            "amount": _number(cells["budget_amount"])
            if cells["budget_amount"]
            else None,
            "currency": cells["budget_currency"],
        }
    return data


def column_for(field: str) -> str:
    """Return the column a field error of the brief validator belongs to."""
    name = re.sub(r"\[\d+\].*$", "", field)
    if name == "client":
        return "client_name"
    if name.startswith("client."):
        name = "client_" + name.removeprefix("client.")
    elif name in ("budget", "budget.amount"):
        name = "budget_amount"
    elif name == "budget.currency":
        name = "budget_currency"
    return name if name in BRIEF_COLUMNS else NON_FIELD_ERRORS


def column_errors(field_errors: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Regroup the validator's field errors by column, in column order."""
    grouped: dict[str, list[str]] = {}
    for field, messages in field_errors.items():
        column = column_for(field)
        # An item of a JSON cell is named by its path: "faqs[1].answer: ...".
        named = column == NON_FIELD_ERRORS or (
            column in JSON_COLUMNS and column != field
        )
        prefix = f"{field}: " if named else ""
        grouped.setdefault(column, []).extend(f"{prefix}{m}" for m in messages)
    order = {name: index for index, name in enumerate(BRIEF_COLUMNS)}
    return dict(sorted(grouped.items(), key=lambda item: order.get(item[0], -1)))


def header_name(value: Any) -> str:
    """Return a header cell as a column name: ``Client Name`` → ``client_name``."""
    return re.sub(r"[\s-]+", "_", cell_text(value).lower())


class CellWidget(widgets.Widget):
    """Cells in, trimmed text out; text written back as it is."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        """Return the cell as trimmed text."""
        return cell_text(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        """Return the text to show in the preview."""
        return "" if value is None else str(value)


class BriefRow:
    """One row of an import: its cells, then the brief it created (``pk``)."""

    def __init__(self) -> None:
        self.pk: str | None = None
        for name in BRIEF_COLUMNS:
            setattr(self, name, "")

    def __str__(self) -> str:
        return str(getattr(self, "client_name", "")) or "(no client name)"

    def as_brief(self) -> dict[str, Any]:
        """Return the brief JSON this row stands for."""
        return brief_from_row({name: getattr(self, name) for name in BRIEF_COLUMNS})


def _column(name: str) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=CellWidget())


class BriefImportResource(resources.Resource):
    """Briefs from CSV or XLSX rows, validated and stored through orchestration's API.

    ``before_import`` validates every row with ``brief_check``; a row then reports its
    own errors, by column, and no row is saved while any is bad. ``do_instance_save``
    stores a row with ``brief_submit``. Dry runs (the preview) store nothing at all.
    After an import, :attr:`submitted` lists the briefs stored, in file order.

    ``scope`` is the importing user's account teams: a row for a client outside it
    is a ``client_name`` error, as ``POST /api/v1/briefs/`` answers, and nothing is
    stored.
    """

    client_name = _column("client_name")
    client_website = _column("client_website")
    client_industry = _column("client_industry")
    client_geography = _column("client_geography")
    client_email = _column("client_email")
    primary_offer = _column("primary_offer")
    objective = _column("objective")
    target_audience = _column("target_audience")
    pain_points = _column("pain_points")
    desired_outcomes = _column("desired_outcomes")
    pack = _column("pack")
    channels = _column("channels")
    tone = _column("tone")
    banned_words = _column("banned_words")
    competitors = _column("competitors")
    differentiators = _column("differentiators")
    budget_amount = _column("budget_amount")
    budget_currency = _column("budget_currency")
    duration_weeks = _column("duration_weeks")
    start_date = _column("start_date")
    industry_family = _column("industry_family")
    proof_points = _column("proof_points")
    faqs = _column("faqs")
    locations = _column("locations")
    key_dates = _column("key_dates")

    class Meta:
        import_id_fields: tuple[str, ...] = ()
        instance_loader_class = instance_loaders.BaseInstanceLoader  # never loads
        import_order = BRIEF_COLUMNS
        export_order = BRIEF_COLUMNS
        force_init_instance = True  # a row always creates a new brief
        use_transactions = True
        using_db = "default"

    def __init__(self, *, scope: Scope = ALL, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scope = scope
        self.row_errors: dict[int, dict[str, list[str]]] = {}
        self.submitted: list[BriefData] = []
        self._row_number = 0

    @classmethod
    def get_display_name(cls) -> str:
        """Name the resource in the import form."""
        return "Briefs"

    def init_instance(self, row: Any = None) -> BriefRow:
        """Start an empty row."""
        return BriefRow()

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        """Check the header, then validate every row before any row is saved.

        Raises:
            ValueError: a column is unknown or given twice (reported for the file).
        """
        headers = [header_name(h) for h in dataset.headers or ()]
        dataset.headers = headers
        unknown = sorted({h for h in headers if h and h not in BRIEF_COLUMNS})
        doubled = sorted(h for h, n in Counter(headers).items() if h and n > 1)
        if unknown or doubled:
            problems = []
            if unknown:
                problems.append(f"unknown column(s) {', '.join(unknown)}")
            if doubled:
                problems.append(f"column(s) given twice: {', '.join(doubled)}")
            raise ValueError(
                f"The header row has {'; '.join(problems)}. "
                f"The columns are: {', '.join(BRIEF_COLUMNS)}."
            )
        for number, values in enumerate(dataset, 1):
            row = dict(zip(headers, values, strict=False))
            if self._is_blank(row):
                continue
            try:
                orchestration_api.brief_check(
                    data=brief_from_row(row), scope=self.scope
                )
            except InvalidBrief as exc:
                self.row_errors[number] = column_errors(exc.fields)
                self.row_errors[number].update(json_cell_errors(row))

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        """Remember which row is being imported, for its errors."""
        self._row_number = kwargs.get("row_number", 0)

    def skip_row(
        self,
        instance: Any,
        original: Any,
        row: Any,
        import_validation_errors: Any = None,
    ) -> bool:
        """Skip blank rows, such as the empty lines spreadsheets leave at the end."""
        return self._is_blank(row)

    def validate_instance(
        self,
        instance: Any,
        import_validation_errors: Any = None,
        validate_unique: bool = True,
    ) -> None:
        """Raise the row's errors, found by ``before_import``, by column.

        Raises:
            ValidationError: the row is not a valid brief.
        """
        errors = {k: list(v) for k, v in (import_validation_errors or {}).items()}
        for column, messages in self.row_errors.get(self._row_number, {}).items():
            errors.setdefault(column, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def save_instance(
        self, instance: Any, is_create: bool, row: Any, **kwargs: Any
    ) -> None:
        """Store the row, unless this is a dry run or another row is bad."""
        if kwargs.get("dry_run") or self.row_errors:
            return
        super().save_instance(instance, is_create, row, **kwargs)

    def do_instance_save(self, instance: Any, is_create: bool) -> None:
        """Submit the row through orchestration's API, as ``POST /api/v1/briefs/``."""
        brief = orchestration_api.brief_submit(
            data=instance.as_brief(), scope=self.scope
        )
        instance.pk = brief.id
        self.submitted.append(brief)

    def after_import(self, dataset: Any, result: Any, **kwargs: Any) -> None:
        """Number rows and their errors as lines of the file (the header is line 1)."""
        shift = FIRST_DATA_LINE - 1
        for invalid in result.invalid_rows:
            invalid.number += shift
        for error_row in result.error_rows:
            error_row.number += shift
            for error in error_row.errors:
                if error.number is not None:
                    error.number += shift

    @staticmethod
    def _is_blank(row: Mapping[str, Any]) -> bool:
        return not any(cell_text(value) for value in row.values())
