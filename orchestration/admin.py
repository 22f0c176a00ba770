import json

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join

from aicmo_site.kernel.errors import ApplicationError
from orchestration import api as orchestration_api
from orchestration.models import RunEvent, StepRun, WorkflowRun


class StepRunInline(admin.TabularInline):
    model = StepRun
    extra = 0
    can_delete = False
    fields = (
        "position",
        "name",
        "status",
        "attempts",
        "started_at",
        "finished_at",
        "error",
        "compensation_attempts",
        "compensated_at",
    )
    readonly_fields = fields
    ordering = ("position",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WorkflowRun)
class WorkflowRunAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "workflow",
        "status",
        "brief_id",
        "pack",
        "created_at",
        "finished_at",
    )
    list_filter = ("status", "workflow", "pack", "created_at")
    search_fields = ("id", "brief_id", "idempotency_key", "trace_id")
    date_hierarchy = "created_at"
    inlines = [StepRunInline]
    actions = ["retry_runs", "cancel_runs"]
    readonly_fields = (
        "id",
        "workflow",
        "definition_version",
        "status",
        "brief_id",
        "pack",
        "options",
        "idempotency_key",
        "outputs",
        "compensated_steps",
        "error",
        "trace_id",
        "lease_owner",
        "lease_expires_at",
        "fence",
        "cancel_requested_at",
        "created_at",
        "finished_at",
        "timeline",
    )
    exclude = ("event_count", "updated_at")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.method in ("GET", "HEAD") and super().has_view_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Timeline")
    def timeline(self, obj):
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            (
                (
                    e.seq,
                    e.occurred_at.strftime("%H:%M:%S.%f")[:-3],
                    e.step or "-",
                    e.type,
                    json.dumps(e.payload)[:300],
                )
                for e in RunEvent.objects.filter(run=obj).order_by("seq")
            ),
        )
        return format_html(
            "<table><thead><tr><th>#</th><th>time</th><th>step</th><th>event</th>"
            "<th>payload</th></tr></thead><tbody>{}</tbody></table>",
            rows,
        )

    def _each(self, request, queryset, action, verb):
        done = 0
        for run_id in queryset.values_list("id", flat=True):
            try:
                action(run_id=run_id)
                done += 1
            except ApplicationError as exc:
                self.message_user(request, f"{run_id}: {exc.message}", messages.ERROR)
        if done:
            self.message_user(request, f"{verb} {done} run(s).", messages.SUCCESS)

    @admin.action(description="Retry compensation of selected runs")
    def retry_runs(self, request, queryset):
        self._each(request, queryset, orchestration_api.run_retry, "Retried")

    @admin.action(description="Cancel selected runs")
    def cancel_runs(self, request, queryset):
        self._each(request, queryset, orchestration_api.run_cancel, "Cancelled")


@admin.register(RunEvent)
class RunEventAdmin(admin.ModelAdmin):
    list_display = ("run", "seq", "type", "step", "occurred_at")
    list_filter = ("type", "step")
    search_fields = ("run__id", "type")
    list_select_related = ("run",)
    readonly_fields = ("run", "seq", "type", "step", "payload", "occurred_at")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
