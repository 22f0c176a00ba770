"""Lead files: every row checked in Python first, then all stored in bulk, or none.

:mod:`cam.resources` reads the file (django-import-export) and calls
:func:`lead_import_prepare`, then :func:`lead_import_commit`; the API calls
:func:`lead_import`, which does both.
"""

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from aicmo_site.kernel import imports as kernel_imports
from aicmo_site.kernel.scope import ALL, Scope
from cam import scoring, selectors
from cam.errors import CampaignCompleted, LeadImportFailed
from cam.models import Campaign, Lead
from cam.services import leads, validation
from cam.services.rows import lock_campaign, require_agency_wide
from cam.services.validation import Errors

IMPORT_COLUMNS = leads.LEAD_INPUT_FIELDS
REQUIRED_IMPORT_COLUMNS = ("name", "email", "base_score")
# Columns a lead export writes that an import reads past, so an export re-imports.
EXPORT_ONLY_COLUMNS = (
    "id",
    "campaign_id",
    "normalized_email",
    "fit_score",
    "conversion_probability",
    "grade",
    "status",
    "review_reasons",
    "review_codes",
    "lost_reason",
    "lost_reason_code",
    "contract_value",
    "client_email",
    "closed_at",
    "created_at",
    "updated_at",
)
IMPORT_SOURCE = "import"
IMPORT_BATCH_SIZE = 1000
_TRUE_CELLS = frozenset({"1", "true", "yes", "y", "x"})
_FALSE_CELLS = frozenset({"", "0", "false", "no", "n"})


def cell_text(value: object) -> str:
    """Return a cell as trimmed text: XLSX numbers such as ``12.0`` become ``12``.

    The apostrophe an export puts before a formula character (``'=x``) is read off.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return kernel_imports.formula_unescape(str(value).strip()).strip()


def _cell_bool(errors: Errors, field: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text in _TRUE_CELLS:
        return True
    if text not in _FALSE_CELLS:
        errors.add(field, "Must be yes or no (true/false, 1/0).")
    return False


def _cell_score(errors: Errors, field: str, value: object, *, required: bool) -> Any:
    if isinstance(value, bool):
        errors.add(field, "Must be a number.")
        return scoring.ZERO
    text = cell_text(value)
    if not text:
        if required:
            errors.add(field, "This field is required.")
        return scoring.ZERO
    return validation.score(errors, field, text)


@dataclass(slots=True, kw_only=True)
class ImportPlan:
    """A checked lead file: new leads, rows skipped as duplicates, and row errors.

    Keys are lines of the file. ``leads`` are scored, unsaved rows ready for
    :func:`lead_import_commit`; ``skipped`` maps a line to the campaign's lead that
    already has its email; ``errors`` maps a line to its column errors.
    """

    campaign: Campaign
    leads: dict[int, Lead] = dataclasses.field(default_factory=dict)
    skipped: dict[int, str] = dataclasses.field(default_factory=dict)
    errors: dict[int, dict[str, list[str]]] = dataclasses.field(default_factory=dict)


def lead_import_check_columns(columns: Sequence[str]) -> None:
    """Refuse a header with an unknown, repeated or missing column.

    Raises:
        LeadImportFailed: naming the problem and the columns an import reads.
    """
    known = set(IMPORT_COLUMNS) | set(EXPORT_ONLY_COLUMNS)
    named = [c for c in columns if c]
    problems = []
    unknown = sorted({c for c in named if c not in known})
    doubled = sorted(c for c, n in Counter(named).items() if n > 1)
    missing = [c for c in REQUIRED_IMPORT_COLUMNS if c not in named]
    if unknown:
        problems.append(f"unknown column(s) {', '.join(unknown)}")
    if doubled:
        problems.append(f"column(s) given twice: {', '.join(doubled)}")
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if problems:
        message = (
            f"The header row has {'; '.join(problems)}. The columns are: "
            f"{', '.join(IMPORT_COLUMNS)} (name, email and base_score required)."
        )
        raise LeadImportFailed(message, extra={"file": [message]})


def _import_campaign(campaign_id: str) -> Campaign:
    campaign = selectors.campaign_get(campaign_id=campaign_id)
    if campaign.status == Campaign.Status.COMPLETED:
        raise CampaignCompleted(
            f"Campaign {campaign.id} is COMPLETED; it takes no new leads."
        )
    return campaign


def lead_import_prepare(
    *, campaign_id: str, rows: Iterable[tuple[int, Mapping[str, object]]]
) -> ImportPlan:
    """Check every row of a lead file in Python, with one look-up of existing emails.

    ``rows`` are (line, cells by column) pairs. A row is validated like
    :func:`cam.services.leads.lead_ingest`, scored, and deduplicated on its normalized
    email: a row whose email a lead of the campaign already has is skipped (that lead
    is unchanged); a row repeating an earlier row's email is an error naming both
    lines.

    Raises:
        CampaignNotFound: no campaign has this id.
        CampaignCompleted: the campaign takes no new leads.
    """
    campaign = _import_campaign(campaign_id)
    plan = ImportPlan(campaign=campaign)
    first_line: dict[str, int] = {}
    pending: dict[int, Lead] = {}
    for line, row in rows:
        values = {name: cell_text(row.get(name)) for name in IMPORT_COLUMNS}
        values["source"] = values["source"] or IMPORT_SOURCE
        errors = Errors()
        base_score = _cell_score(
            errors, "base_score", row.get("base_score"), required=True
        )
        engagement = _cell_score(
            errors, "engagement", row.get("engagement"), required=False
        )
        budget_known = _cell_bool(errors, "budget_known", row.get("budget_known"))
        has_timeline = _cell_bool(errors, "has_timeline", row.get("has_timeline"))
        text_fields = {
            name: values[name]
            for name in ("name", "email", "company", "role", "source", "pain_points")
        }
        cleaned, field_errors = validation.check_fields(text_fields, leads.LEAD_FIELDS)
        for name, messages in field_errors.items():
            for message in messages:
                errors.add(name, message)
        normalized = (
            leads.normalize_email(cleaned["email"]) if "email" not in errors else ""
        )
        if normalized:
            earlier = first_line.setdefault(normalized, line)
            if earlier != line:
                errors.add(
                    "email",
                    f"Line {earlier} has the same email ({normalized}); a lead may "
                    "appear once per file.",
                )
        if errors:
            plan.errors[line] = dict(sorted(errors.items(), key=_column_order))
            continue
        lead = Lead(
            campaign=campaign,
            normalized_email=normalized,
            status=Lead.Status.NEW,
            review_reasons=[],
            review_codes=[],
            base_score=base_score,
            engagement=engagement,
            budget_known=budget_known,
            has_timeline=has_timeline,
            **cleaned,
        )
        leads.apply_score(lead)
        pending[line] = lead
    existing = selectors.lead_ids_by_email(
        campaign_id=campaign.id,
        normalized_emails=[lead.normalized_email for lead in pending.values()],
    )
    for line, lead in pending.items():
        if lead.normalized_email in existing:
            plan.skipped[line] = existing[lead.normalized_email]
        else:
            plan.leads[line] = lead
    return plan


def _column_order(item: tuple[str, list[str]]) -> int:
    return IMPORT_COLUMNS.index(item[0]) if item[0] in IMPORT_COLUMNS else -1


@transaction.atomic
def lead_import_commit(*, plan: ImportPlan) -> list[Lead]:
    """Store a checked file's new leads with ``bulk_create``, in batches, atomically.

    The campaign row is locked and the emails are checked again, so a lead ingested
    since :func:`lead_import_prepare` makes the whole import fail, never a duplicate.
    Rows were validated field by field in Python; the database constraints are the
    last word (``full_clean`` would cost queries per row).

    Raises:
        LeadImportFailed: the plan has row errors, or an email was taken meanwhile.
        CampaignCompleted: the campaign was completed meanwhile.
    """
    if plan.errors:
        raise LeadImportFailed(extra={"lines": plan.errors})
    campaign = lock_campaign(plan.campaign.id)
    if campaign.status == Campaign.Status.COMPLETED:
        raise CampaignCompleted(
            f"Campaign {campaign.id} is COMPLETED; it takes no new leads."
        )
    new_leads = list(plan.leads.values())
    taken = selectors.lead_ids_by_email(
        campaign_id=campaign.id,
        normalized_emails=[lead.normalized_email for lead in new_leads],
    )
    if taken:
        lines = {
            line: {"email": [f"Lead {taken[lead.normalized_email]} took this email."]}
            for line, lead in plan.leads.items()
            if lead.normalized_email in taken
        }
        raise LeadImportFailed(
            f"{len(lines)} email(s) were added to the campaign while the file was "
            "checked; nothing was imported.",
            extra={"lines": lines},
        )
    Lead.objects.bulk_create(new_leads, batch_size=IMPORT_BATCH_SIZE)
    return new_leads


@transaction.atomic
def lead_import(
    *,
    campaign_id: str,
    rows: Iterable[tuple[int, Mapping[str, object]]],
    scope: Scope = ALL,
) -> ImportPlan:
    """Check, then store, every row of a lead file: all rows or none.

    Raises:
        ClientAcquisitionDenied: ``scope`` is limited to some clients.
        LeadImportFailed: a row is bad (``extra["lines"]`` has every bad line).
        CampaignNotFound: no campaign has this id.
        CampaignCompleted: the campaign takes no new leads.
    """
    require_agency_wide(scope)
    plan = lead_import_prepare(campaign_id=campaign_id, rows=rows)
    if plan.errors:
        raise LeadImportFailed(
            f"{len(plan.errors)} row(s) have errors; nothing was imported.",
            extra={"lines": plan.errors},
        )
    lead_import_commit(plan=plan)
    return plan
