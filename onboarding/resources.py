"""Brief export to CSV or XLSX (django-import-export), used by onboarding's admin.

One row per brief, in flat columns: ``client_*`` for the client object,
``budget_amount`` and ``budget_currency`` for the budget, list fields as items
joined by ``"; "``, and lists of objects (``faqs``, ``locations``, ``key_dates``) as
one JSON cell each. Values are the brief's canonical form (aliases resolved, channel
names canonical, defaults such as the tone applied), so a file exported here and
imported again (orchestration's admin reads the same columns) gives equal briefs.
Importing is not done here: a brief is valid only for a pack production knows, which
only orchestration may ask. A text cell that would start a spreadsheet formula
(``=``, ``+``, ``-``, ``@``...) is written with a leading apostrophe
(:class:`~aicmo_site.kernel.imports.EscapingResource`), which the import reads off.
"""

import json
from typing import Any

from django.db.models import QuerySet
from import_export import fields, widgets

from aicmo_site.kernel import imports as kernel_imports
from onboarding import intake
from onboarding.dto import BRIEF_COLUMNS, CLIENT_COLUMNS, JSON_COLUMNS, LIST_COLUMNS
from onboarding.models import Brief

LIST_SEPARATOR = "; "


def brief_row(brief: Brief) -> dict[str, Any]:
    """Return the brief's flat columns, from its intake in canonical form."""
    result = intake.validate_intake(brief.intake, known_packs={brief.pack})
    data = result.data
    client = data.get("client") or {}
    budget = data.get("budget") or {}
    row: dict[str, Any] = {
        name: client.get(name.removeprefix("client_"), "") for name in CLIENT_COLUMNS
    }
    for name in BRIEF_COLUMNS:
        if name in CLIENT_COLUMNS or name.startswith("budget_"):
            continue
        value = data.get(name)
        if name in LIST_COLUMNS:
            value = LIST_SEPARATOR.join(value or ())
        elif name in JSON_COLUMNS:
            value = json.dumps(value, ensure_ascii=False) if value else ""
        row[name] = "" if value is None else value
    row["budget_amount"] = _amount(budget.get("amount"))
    row["budget_currency"] = budget.get("currency", "")
    return row


def _amount(value: str | None) -> str:
    # The validator keeps money as a two-place string; 4500.00 reads better as 4500.
    if not value:
        return ""
    return value.removesuffix(".00")


class _ExportWidget(widgets.Widget):
    """Write values as they are: text as text, whole numbers as numbers."""

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        """Return the value for the file."""
        return "" if value is None else value


def _column(name: str) -> fields.Field:
    return fields.Field(column_name=name, widget=_ExportWidget(), readonly=True)


class BriefResource(kernel_imports.EscapingResource):
    """Briefs as flat rows (export only; see the module docstring)."""

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
        export_order = BRIEF_COLUMNS

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._rows: dict[str, dict[str, Any]] = {}

    @classmethod
    def get_display_name(cls) -> str:
        """Name the resource in the export form."""
        return "Briefs"

    def get_queryset(self) -> QuerySet[Brief]:
        """Return every brief, oldest first (the order they were submitted)."""
        return Brief.objects.order_by("created_at", "id")

    def export_field(self, field: fields.Field, instance: Brief, **kwargs: Any) -> Any:
        """Return one column of the brief's row."""
        row = self._rows.get(instance.pk)
        if row is None:
            row = self._rows[instance.pk] = brief_row(instance)
        return row[field.column_name]
