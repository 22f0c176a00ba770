"""Admin for runs (with their timeline) and the operator flows that span apps.

Besides the run, step and event lists, orchestration's admin serves two pages that
only orchestration may offer, because they need more than one app (SPEC §2): importing
briefs from CSV or XLSX (validated against the packs production knows, exactly as
``POST /api/v1/briefs/``) and starting runs for briefs selected in onboarding's brief
list. Onboarding's brief list links to them by URL name. Every write goes through
:mod:`orchestration.api`; who may do what follows the role groups.
"""

import contextlib
import datetime as dt
import json
import logging
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.tmp_storages import TempFolderStorage

from aicmo_site.kernel.admin import RoleActionsMixin
from aicmo_site.kernel.errors import ApplicationError
from aicmo_site.kernel.exception_handler import trace_id_for
from delivery import api as delivery_api
from delivery.dto import PackageStatus
from onboarding import api as onboarding_api
from onboarding.dto import BriefData
from onboarding.errors import BriefNotFound
from orchestration import api as orchestration_api
from orchestration.dto import EventData, RunData, StepData
from orchestration.models import (
    EventDelivery,
    OutboxEvent,
    RunEvent,
    StepRun,
    WorkflowRun,
)
from orchestration.resources import BRIEF_COLUMNS, FIRST_DATA_LINE, BriefImportResource

logger = logging.getLogger("aicmo.admin")

IMPORT_FORMATS = (CSV, XLSX)
FROM_ENCODING = "utf-8-sig"  # a BOM, as Excel writes, is not part of the header
MAX_START = 100  # briefs per start: one admin list page
BRIEFS_URL = "admin:onboarding_brief_changelist"
# Where each id a run produced is shown; these are other apps' admin pages.
OUTPUT_PAGES = {
    "brief_id": "admin:onboarding_brief_change",
    "normalized_brief_id": "admin:onboarding_normalizedbrief_change",
    "project_id": "admin:onboarding_project_change",
    "strategy_id": "admin:strategy_strategy_change",
    "draft_id": "admin:production_draft_change",
    "qc_result_id": "admin:qc_qcresult_change",
    "package_id": "admin:delivery_package_change",
}
STATUS_COLOURS = {
    "completed": "#1e7e34",
    "compensated": "#b35c00",
    "compensating": "#b35c00",
    "failed": "#ba2121",
    "compensation_failed": "#ba2121",
    "cancelled": "#666",
    "running": "#205493",
    "pending": "#666",
}
COMPENSATION_STARTS = {
    "run.compensating",
    "run.cancelling",
    "run.retry_requested",
    "step.compensated",
}


def _url(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _status(value: str) -> SafeString:
    colour = STATUS_COLOURS.get(value, "inherit")
    return format_html(
        '<strong class="aicmo-status" style="color:{}">{}</strong>', colour, value
    )


def _time(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] if value else "-"


def _ms(start: dt.datetime | None, end: dt.datetime | None) -> str:
    if start is None or end is None:
        return "-"
    return f"{(end - start).total_seconds() * 1000:.1f} ms"


def _error_text(error: dict[str, Any] | None) -> str:
    if not error:
        return ""
    return f"{error.get('code', 'ERROR')}: {error.get('message', '')}"


def _table(
    headers: Iterable[str], rows: Iterable[Iterable[Any]], css_class: str
) -> SafeString:
    head = format_html_join("", "<th>{}</th>", ((h,) for h in headers))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((c,) for c in row)),) for row in rows),
    )
    return format_html(
        '<table class="{}" style="width:100%"><thead><tr>{}</tr></thead>'
        "<tbody>{}</tbody></table>",
        css_class,
        head,
        body,
    )


# --- the run timeline ---------------------------------------------------------


def _steps_table(run: RunData) -> SafeString:
    rows = [
        (
            step.position + 1,
            step.name,
            _status(step.status),
            step.attempts,
            _time(step.started_at),
            _time(step.finished_at),
            _ms(step.started_at, step.finished_at),
            _error_text(step.error),
        )
        for step in run.steps
    ]
    return _table(
        ("#", "step", "status", "attempts", "started", "finished", "took", "error"),
        rows,
        "aicmo-steps",
    )


def _compensation_order(run: RunData) -> list[StepData]:
    """Steps in the order their compensations ran, then any still under way."""
    by_name = {step.name: step for step in run.steps}
    ordered = [by_name[name] for name in run.compensated_steps if name in by_name]
    pending = ("compensating", "compensation_failed")
    ordered += [
        s for s in reversed(run.steps) if s.status in pending and s not in ordered
    ]
    return ordered


def _compensation_spans(
    events: list[EventData],
) -> dict[str, tuple[dt.datetime | None, dt.datetime | None, list[str]]]:
    """Per step: when its compensation began and ended, and each failed attempt.

    A compensation begins when the one before it ended (or compensating began); an
    operator's retry starts the clock again, so waiting for the operator is not
    counted.
    """
    spans: dict[str, tuple[dt.datetime | None, dt.datetime | None, list[str]]] = {}
    clock: dt.datetime | None = None
    for event in events:
        if event.type == "run.retry_requested":
            spans = {name: (None, end, errs) for name, (_s, end, errs) in spans.items()}
        if event.type.startswith("step.compensation") or event.type == (
            "step.compensated"
        ):
            start, _end, errors = spans.get(event.step, (None, None, []))
            start = start or clock
            if event.type in ("step.compensation_retrying", "step.compensation_failed"):
                errors = [
                    *errors,
                    f"attempt {event.payload.get('attempt')}: "
                    f"{_error_text(event.payload)}",
                ]
            spans[event.step] = (start, event.occurred_at, errors)
        if event.type in COMPENSATION_STARTS:
            clock = event.occurred_at
    return spans


def _compensations_table(run: RunData, events: list[EventData]) -> SafeString:
    steps = _compensation_order(run)
    if not steps:
        return format_html("<p>{}</p>", _("No step was compensated."))
    spans = _compensation_spans(events)
    rows = []
    for order, step in enumerate(steps, 1):
        start, end, errors = spans.get(step.name, (None, None, []))
        rows.append(
            (
                order,
                step.name,
                _status(step.status),
                step.compensation_attempts,
                _time(step.compensated_at),
                _ms(start, end) if step.compensated_at else "-",
                "; ".join(errors),
            )
        )
    return _table(
        ("#", "step", "status", "attempts", "compensated", "took", "errors"),
        rows,
        "aicmo-compensations",
    )


def _events_table(run: RunData, events: list[EventData]) -> SafeString:
    rows = [
        (
            event.seq,
            _time(event.occurred_at),
            _ms(run.created_at, max(event.occurred_at, run.created_at)),
            event.step or "-",
            event.type,
            format_html(
                "<code>{}</code>", json.dumps(event.payload, sort_keys=True)[:400]
            ),
        )
        for event in events
    ]
    return _table(
        ("#", "time", "since start", "step", "event", "payload"), rows, "aicmo-events"
    )


# --- runs ---------------------------------------------------------------------


class ReadOnlyMixin:
    """Runs change only through the engine and orchestration's API."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(WorkflowRun)
class WorkflowRunAdmin(RoleActionsMixin, ReadOnlyMixin, admin.ModelAdmin):
    """Runs: their timeline, retry and cancel; also the brief import and start pages."""

    list_display = (
        "id",
        "status_display",
        "workflow",
        "brief_id",
        "pack",
        "created_at",
        "took",
        "error_code",
    )
    list_filter = ("status", "workflow", "pack", "created_at")
    list_select_related = ()
    search_fields = ("id", "brief_id", "idempotency_key", "trace_id")
    date_hierarchy = "created_at"
    actions = ("retry_runs", "cancel_runs")
    # Renders the timeline full width under the fields (see change_view).
    change_form_template = "admin/orchestration/workflowrun/change_form.html"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "id",
                    "workflow",
                    "status_display",
                    "brief_link",
                    "pack",
                    "created_at",
                    "finished_at",
                    "took",
                    "error_display",
                )
            },
        ),
        (_("Outputs"), {"fields": ("outputs_display", "deliverables")}),
        (
            _("Internals"),
            {
                "classes": ("collapse",),
                "fields": (
                    "definition_version",
                    "options",
                    "idempotency_key",
                    "trace_id",
                    "lease_owner",
                    "lease_expires_at",
                    "fence",
                    "cancel_requested_at",
                    "updated_at",
                ),
            },
        ),
    )
    readonly_fields = (
        "id",
        "workflow",
        "status_display",
        "brief_link",
        "pack",
        "created_at",
        "finished_at",
        "took",
        "error_display",
        "outputs_display",
        "deliverables",
        "definition_version",
        "options",
        "idempotency_key",
        "trace_id",
        "lease_owner",
        "lease_expires_at",
        "fence",
        "cancel_requested_at",
        "updated_at",
    )

    def get_urls(self) -> list[URLPattern]:
        intake = BriefIntake(self.admin_site)
        wrap = self.admin_site.admin_view
        return [
            path(
                "briefs/import/",
                wrap(intake.import_view),
                name="orchestration_brief_import",
            ),
            path(
                "briefs/import/confirm/",
                wrap(intake.process_import_view),
                name="orchestration_brief_process_import",
            ),
            path(
                "briefs/start-runs/",
                wrap(intake.start_runs_view),
                name="orchestration_brief_start_runs",
            ),
            *super().get_urls(),
        ]

    def has_retry_run_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("orchestration.retry_run")

    def has_cancel_run_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("orchestration.cancel_run")

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, obj: WorkflowRun) -> SafeString:
        return _status(obj.status)

    @admin.display(description=_("took"))
    def took(self, obj: WorkflowRun) -> str:
        return _ms(obj.created_at, obj.finished_at)

    @admin.display(description=_("error"))
    def error_code(self, obj: WorkflowRun) -> str:
        return (obj.error or {}).get("code") or "-"

    @admin.display(description=_("error"))
    def error_display(self, obj: WorkflowRun) -> str:
        if not obj.error:
            return "-"
        step = obj.error.get("step")
        return f"{_error_text(obj.error)}" + (f" (at {step})" if step else "")

    @admin.display(description=_("brief"))
    def brief_link(self, obj: WorkflowRun) -> str:
        url = _url(OUTPUT_PAGES["brief_id"], obj.brief_id) if obj.brief_id else None
        if url is None:
            return obj.brief_id or "-"
        return format_html('<a href="{}">{}</a>', url, obj.brief_id)

    @admin.display(description=_("ids"))
    def outputs_display(self, obj: WorkflowRun) -> str:
        outputs = {
            **orchestration_api.run_internal_outputs(run_id=obj.pk),
            **(obj.outputs or {}),
        }
        items = []
        for key, value in outputs.items():
            if not key.endswith("_id"):
                continue
            url = _url(OUTPUT_PAGES[key], value) if key in OUTPUT_PAGES else None
            shown = format_html('<a href="{}">{}</a>', url, value) if url else value
            items.append((key, shown))
        if not items:
            return "-"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", items)
        )

    @admin.display(description=_("package files"))
    def deliverables(self, obj: WorkflowRun) -> str:
        package_id = (obj.outputs or {}).get("package_id")
        if not package_id:
            return "-"
        try:
            package = delivery_api.package_get(package_id=package_id)
        except ApplicationError as exc:
            return exc.message
        if package.status != PackageStatus.ACTIVE:
            return gettext("Revoked: its files were deleted.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}" class="aicmo-download">{}</a> ({} bytes)</li>',
                (
                    (
                        reverse(
                            "delivery:artifact-download",
                            kwargs={"package_id": package.id, "name": a.name},
                        ),
                        a.name,
                        a.size,
                    )
                    for a in package.artifacts
                ),
            ),
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        extra_context = dict(extra_context or {})
        # For an unknown id, Django's own "does not exist" answer follows.
        with contextlib.suppress(ApplicationError):
            extra_context["timeline"] = self.timeline(object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def timeline(run_id: str) -> SafeString:
        """Return the run's steps, then its compensations, then its event history."""
        run = orchestration_api.run_get(run_id=run_id)
        events = orchestration_api.run_events(run_id=run_id)
        return format_html(
            '<div class="aicmo-timeline"><h3>{}</h3>{}<h3>{}</h3>{}<h3>{}</h3>{}</div>',
            _("Steps"),
            _steps_table(run),
            _("Compensations, in the order they ran"),
            _compensations_table(run, events),
            _("Event history"),
            _events_table(run, events),
        )

    def _each(
        self,
        request: HttpRequest,
        queryset: QuerySet[WorkflowRun],
        action: Callable[..., RunData],
        verb: str,
    ) -> None:
        done = 0
        for run_id in queryset.values_list("id", flat=True):
            try:
                run = action(run_id=run_id)
            except ApplicationError as exc:
                self.message_user(request, f"{run_id}: {exc.message}", messages.ERROR)
            else:
                done += 1
                self.message_user(
                    request, f"{verb} {run_id}: it is {run.status}.", messages.SUCCESS
                )
        if not done:
            self.message_user(request, f"{verb} no run.", messages.WARNING)

    @admin.action(
        description=_("Retry the compensations of selected runs"),
        permissions=["retry_run"],
    )
    def retry_runs(self, request: HttpRequest, queryset: QuerySet[WorkflowRun]) -> None:
        """Retry runs in compensation_failed; others are reported, unchanged."""
        self._each(request, queryset, orchestration_api.run_retry, "Retried")

    @admin.action(description=_("Cancel selected runs"), permissions=["cancel_run"])
    def cancel_runs(
        self, request: HttpRequest, queryset: QuerySet[WorkflowRun]
    ) -> None:
        """Cancel pending or running runs; finished ones are reported, unchanged."""
        self._each(request, queryset, orchestration_api.run_cancel, "Cancelled")


@admin.register(StepRun)
class StepRunAdmin(RoleActionsMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "run",
        "position",
        "name",
        "status",
        "attempts",
        "started_at",
        "took",
        "compensation_attempts",
    )
    list_filter = ("status", "name")
    list_select_related = ("run",)
    search_fields = ("run__id", "name")
    readonly_fields = (
        "run",
        "position",
        "name",
        "status",
        "attempts",
        "started_at",
        "finished_at",
        "error",
        "output",
        "compensation_attempts",
        "compensated_at",
    )

    @admin.display(description=_("took"))
    def took(self, obj: StepRun) -> str:
        return _ms(obj.started_at, obj.finished_at)


@admin.register(RunEvent)
class RunEventAdmin(RoleActionsMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("run", "seq", "type", "step", "occurred_at")
    list_filter = ("type", "step")
    list_select_related = ("run",)
    search_fields = ("run__id", "type")
    readonly_fields = ("run", "seq", "type", "step", "payload", "occurred_at")


class OutboxPendingFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "pending"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Pending")), ("no", _("Delivered"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in ("yes", "no"):
            return queryset.filter(dispatched_at__isnull=self.value() == "yes")
        return queryset


@admin.register(OutboxEvent)
class OutboxEventAdmin(RoleActionsMixin, ReadOnlyMixin, admin.ModelAdmin):
    """Events raised outside a run; pending ones wait for ``dispatch_events``."""

    list_display = (
        "id",
        "type",
        "occurred_at",
        "dispatched_at",
        "attempts",
        "last_attempt_at",
        "last_error",
    )
    list_filter = (OutboxPendingFilter, "type")
    search_fields = ("id", "type")
    date_hierarchy = "occurred_at"
    readonly_fields = (
        "id",
        "type",
        "payload",
        "occurred_at",
        "dispatched_at",
        "attempts",
        "last_attempt_at",
        "last_error",
    )


@admin.register(EventDelivery)
class EventDeliveryAdmin(RoleActionsMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("event_id", "subscriber", "delivered_at")
    list_filter = ("subscriber",)
    search_fields = ("event_id", "subscriber")
    readonly_fields = ("event_id", "subscriber", "delivered_at")


# --- briefs: import and start runs ---------------------------------------------


class BriefIntake:
    """The brief import and start-runs pages (admin views; see the module docstring)."""

    import_template = "admin/orchestration/brief_import.html"
    start_template = "admin/orchestration/start_runs.html"

    def __init__(self, admin_site: admin.AdminSite) -> None:
        self.admin_site = admin_site

    def _context(self, request: HttpRequest, title: str) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "briefs_url": _url(BRIEFS_URL),
        }

    # import ---------------------------------------------------------------

    def _import_context(
        self, request: HttpRequest, form: ImportForm, **extra: Any
    ) -> dict[str, Any]:
        return {
            **self._context(request, gettext("Import briefs")),
            "form": form,
            "media": form.media,
            "fields_list": [("Briefs", list(BRIEF_COLUMNS))],
            "import_error_display": ("message",),
            "process_import_url": reverse("admin:orchestration_brief_process_import"),
            "first_data_line": FIRST_DATA_LINE,
            **extra,
        }

    def _import_form(self, request: HttpRequest) -> ImportForm:
        form = ImportForm(
            IMPORT_FORMATS,
            [BriefImportResource],
            data=request.POST or None,
            files=request.FILES or None,
        )
        form.fields["import_file"].help_text = _(
            "A header row of the column names listed above, then one brief per "
            "row. List fields take items separated by ';'. Errors name the line "
            "of the file: the header is line 1, the first brief line 2."
        )
        return form

    @staticmethod
    def _check_import_permission(request: HttpRequest) -> None:
        # The same permission as POST /api/v1/briefs/.
        if not request.user.has_perm("onboarding.add_brief"):
            raise PermissionDenied

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a file and preview it (a dry run); confirm if every row is valid."""
        self._check_import_permission(request)
        form = self._import_form(request)
        extra: dict[str, Any] = {}
        if request.method == "POST" and form.is_valid():
            input_format = IMPORT_FORMATS[int(form.cleaned_data["format"])]()
            if not input_format.is_binary():
                input_format.encoding = FROM_ENCODING
            upload = form.cleaned_data["import_file"]
            storage = TempFolderStorage(
                encoding=None if input_format.is_binary() else FROM_ENCODING,
                read_mode=input_format.get_read_mode(),
            )
            storage.save(b"".join(upload.chunks()))
            result = self._dry_run(form, storage, input_format)
            if result is None or not self._clean(result):
                storage.remove()
            else:
                extra["confirm_form"] = ConfirmImportForm(
                    initial={
                        "import_file_name": storage.name,
                        "original_file_name": upload.name,
                        "format": form.cleaned_data["format"],
                        "resource": "",
                    }
                )
            if result is not None:
                extra["result"] = result
        return TemplateResponse(
            request, self.import_template, self._import_context(request, form, **extra)
        )

    @staticmethod
    def _clean(result: Any) -> bool:
        return not result.has_errors() and not result.has_validation_errors()

    def _dry_run(self, form: ImportForm, storage: Any, input_format: Any) -> Any:
        try:
            dataset = input_format.create_dataset(storage.read())
        except Exception as exc:  # noqa: BLE001 - any parse failure is the user's file
            form.add_error(
                "import_file",
                f"{type(exc).__name__} while reading the file: choose the format "
                "that matches it (CSV or XLSX).",
            )
            return None
        if not dataset or not dataset.headers:
            form.add_error(
                "import_file",
                "The file has no briefs: it needs a header row, then a row per brief.",
            )
            return None
        return BriefImportResource().import_data(dataset, dry_run=True)

    @property
    def process_import_view(self) -> Callable[[HttpRequest], HttpResponse]:
        """Return the confirm view (POST only)."""
        return require_POST(self._process_import)

    def _process_import(self, request: HttpRequest) -> HttpResponse:
        """Import the previewed file for real: every row, or nothing."""
        self._check_import_permission(request)
        confirm = ConfirmImportForm(request.POST)
        if not confirm.is_valid():
            messages.error(request, _("The import expired; upload the file again."))
            return HttpResponseRedirect(reverse("admin:orchestration_brief_import"))
        input_format = IMPORT_FORMATS[int(confirm.cleaned_data["format"])]()
        binary = input_format.is_binary()
        if not binary:
            input_format.encoding = FROM_ENCODING
        storage = TempFolderStorage(
            name=confirm.cleaned_data["import_file_name"],
            encoding=None if binary else FROM_ENCODING,
            read_mode=input_format.get_read_mode(),
        )
        try:
            dataset = input_format.create_dataset(storage.read())
        except OSError:
            messages.error(request, _("The import expired; upload the file again."))
            return HttpResponseRedirect(reverse("admin:orchestration_brief_import"))
        resource = BriefImportResource()
        result = resource.import_data(
            dataset,
            dry_run=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
            file_name=confirm.cleaned_data["original_file_name"],
            user=request.user,
        )
        storage.remove()
        if not self._clean(result):
            messages.error(request, _("Nothing was imported: fix the file and retry."))
            return TemplateResponse(
                request,
                self.import_template,
                self._import_context(
                    request, self._import_form(request), result=result
                ),
            )
        self._report_import(request, resource.submitted)
        return HttpResponseRedirect(_url(BRIEFS_URL) or reverse("admin:index"))

    @staticmethod
    def _report_import(request: HttpRequest, briefs: list[BriefData]) -> None:
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            (
                (_url(OUTPUT_PAGES["brief_id"], b.id) or "#", b.id, b.client_name)
                for b in briefs
            ),
        )
        logger.info(
            "imported %s brief(s) by %s", len(briefs), request.user.get_username()
        )
        messages.success(
            request, format_html("Imported {} brief(s): {}.", len(briefs), links)
        )

    # start runs -------------------------------------------------------------

    def start_runs_view(self, request: HttpRequest) -> HttpResponse:
        """Confirm, then start a run for each brief (``orchestration.start_run``)."""
        if not request.user.has_perm("orchestration.start_run"):
            raise PermissionDenied
        source = request.POST if request.method == "POST" else request.GET
        ids = [i for i in source.get("ids", "").split(",") if i.strip()][:MAX_START]
        briefs: list[BriefData] = []
        missing: list[str] = []
        for brief_id in dict.fromkeys(i.strip() for i in ids):
            try:
                briefs.append(onboarding_api.brief_get(brief_id=brief_id))
            except BriefNotFound:
                missing.append(brief_id)
        packs = orchestration_api.pack_keys()
        if request.method == "POST" and briefs:
            pack = request.POST.get("pack") or None
            if pack is not None and pack not in packs:
                raise PermissionDenied  # not offered by the form
            return self._start(request, briefs, pack)
        context = {
            **self._context(request, gettext("Start runs")),
            "briefs": briefs,
            "missing": missing,
            "ids": ",".join(b.id for b in briefs),
            "packs": packs,
        }
        return TemplateResponse(request, self.start_template, context)

    def _start(
        self, request: HttpRequest, briefs: list[BriefData], pack: str | None
    ) -> HttpResponse:
        trace_id = trace_id_for(request)
        started: list[str] = []
        for brief in briefs:
            try:
                run = orchestration_api.workflow_start(
                    brief_id=brief.id, pack=pack, trace_id=trace_id
                ).run
            except ApplicationError as exc:
                messages.error(request, f"{brief.id}: {exc.message}")
                continue
            started.append(run.id)
            link = format_html(
                '<a href="{}">{}</a>',
                reverse("admin:orchestration_workflowrun_change", args=[run.id]),
                run.id,
            )
            text = format_html(
                "Run {} for {} ({}): {}.", link, brief.client_name, brief.id, run.status
            )
            if run.error:
                text = format_html("{} {}", text, _error_text(run.error))
            level = messages.SUCCESS if run.error is None else messages.WARNING
            messages.add_message(request, level, text)
        logger.info(
            "started %s run(s) by %s trace=%s",
            len(started),
            request.user.get_username(),
            trace_id,
        )
        target = reverse("admin:orchestration_workflowrun_changelist")
        if started:
            target += "?" + urlencode({"id__in": ",".join(started)})
        return HttpResponseRedirect(target)
