"""Admin for runs, their steps and their events; a run's page shows its timeline.

Runs change only through the engine: the admin lists and shows them, and its two
actions, retry and cancel, call :mod:`orchestration.api` and need the ``retry_run``
and ``cancel_run`` permissions. The run admin also serves the brief import and
start-runs pages (:mod:`orchestration.admin.intake`) under its URLs.

A member of an account team sees, opens and acts on runs of its clients' briefs only,
and on their steps and events (:class:`~aicmo_site.kernel.admin.ScopedAdminMixin`);
runs of no brief are for agency-wide users.
"""

import contextlib
from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.admin import (
    ReadOnlyAdminMixin,
    RoleActionsMixin,
    ScopedAdminMixin,
)
from aicmo_site.kernel.errors import ApplicationError
from aicmo_site.kernel.scope import scope_of
from delivery import api as delivery_api
from delivery.dto import PackageStatus
from orchestration import api as orchestration_api
from orchestration.admin import intake, markup, timeline
from orchestration.dto import RunData
from orchestration.models import RunEvent, StepRun, WorkflowRun


@admin.register(WorkflowRun)
class WorkflowRunAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    """Runs: their timeline, retry and cancel; also the brief import and start pages."""

    scope_brief_field = "brief_id"

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
    _summary = (
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
    _outputs = ("outputs_display", "deliverables")
    _internals = (
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
    fieldsets = (
        (None, {"fields": _summary}),
        (_("Outputs"), {"fields": _outputs}),
        (_("Internals"), {"classes": ("collapse",), "fields": _internals}),
    )
    # Every field shown is read-only: runs change only through the engine.
    readonly_fields = _summary + _outputs + _internals

    def get_urls(self) -> list[URLPattern]:
        pages = intake.BriefIntake(self.admin_site)
        wrap = self.admin_site.admin_view
        return [
            path(
                "briefs/import/",
                wrap(pages.import_view),
                name="orchestration_brief_import",
            ),
            path(
                "briefs/import/confirm/",
                wrap(pages.process_import_view),
                name="orchestration_brief_process_import",
            ),
            path(
                "briefs/start-runs/",
                wrap(pages.start_runs_view),
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
        return markup.status(obj.status)

    @admin.display(description=_("took"))
    def took(self, obj: WorkflowRun) -> str:
        return markup.duration(obj.created_at, obj.finished_at)

    @admin.display(description=_("error"))
    def error_code(self, obj: WorkflowRun) -> str:
        return (obj.error or {}).get("code") or "-"

    @admin.display(description=_("error"))
    def error_display(self, obj: WorkflowRun) -> str:
        if not obj.error:
            return "-"
        step = obj.error.get("step")
        return markup.error_text(obj.error) + (f" (at {step})" if step else "")

    @admin.display(description=_("brief"))
    def brief_link(self, obj: WorkflowRun) -> str:
        url = markup.output_url("brief_id", obj.brief_id) if obj.brief_id else None
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
            url = markup.output_url(key, value)
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
        # For an unknown id (or one outside the user's account teams), Django's own
        # "does not exist" answer follows.
        with contextlib.suppress(ApplicationError):
            extra_context["timeline"] = timeline.run_timeline(
                run_id=object_id, scope=scope_of(request.user)
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def _each(
        self,
        request: HttpRequest,
        queryset: QuerySet[WorkflowRun],
        action: Callable[..., RunData],
        verb: str,
    ) -> None:
        done = 0
        scope = scope_of(request.user)
        for run_id in queryset.values_list("id", flat=True):
            try:
                run = action(run_id=run_id, scope=scope)
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
class StepRunAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    scope_brief_field = "run__brief_id"
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
        return markup.duration(obj.started_at, obj.finished_at)


@admin.register(RunEvent)
class RunEventAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    scope_brief_field = "run__brief_id"
    list_display = ("run", "seq", "type", "step", "occurred_at")
    list_filter = ("type", "step")
    list_select_related = ("run",)
    search_fields = ("run__id", "type")
    readonly_fields = ("run", "seq", "type", "step", "payload", "occurred_at")
