"""Admin for QC results: read-only, since only the engine records a verdict.

A member of an account team lists, opens and revokes its clients' results only.
"""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from aicmo_site.kernel.admin import (
    ReadOnlyAdminMixin,
    RoleActionsMixin,
    ScopedAdminMixin,
)
from aicmo_site.kernel.errors import ApplicationError
from aicmo_site.kernel.scope import scope_of
from qc import services
from qc.models import QcCheck, QcResult


class QcCheckInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = QcCheck
    fields = ("position", "check_id", "severity", "status", "section", "message", "fix")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["position"]


@admin.register(QcResult)
class QcResultAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    scope_brief_field = "brief_id"
    list_display = ["id", "draft_id", "pack", "passed", "score", "status", "created_at"]
    list_filter = ["status", "passed", "pack", "created_at"]
    list_select_related = ()
    search_fields = ["id", "draft_id", "brief_id", "idempotency_key"]
    readonly_fields = [
        "id",
        "draft_id",
        "brief_id",
        "pack",
        "passed",
        "score",
        "status",
        "idempotency_key",
        "created_at",
        "updated_at",
    ]
    inlines = [QcCheckInline]
    actions = ["revoke_results"]

    @admin.action(description="Revoke selected QC results", permissions=["amend"])
    def revoke_results(
        self, request: HttpRequest, queryset: QuerySet[QcResult]
    ) -> None:
        revoked = 0
        scope = scope_of(request.user)
        for result in queryset:
            try:
                services.result_revoke(result_id=result.id, scope=scope)
            except ApplicationError as error:
                self.message_user(
                    request, f"{result.id}: {error.message}", messages.ERROR
                )
            else:
                revoked += 1
        self.message_user(request, f"Revoked {revoked} QC result(s).", messages.SUCCESS)


@admin.register(QcCheck)
class QcCheckAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    scope_brief_field = "result__brief_id"
    list_display = ["check_id", "result", "severity", "status", "section", "created_at"]
    list_filter = ["severity", "status", "check_id"]
    search_fields = ["result__id", "result__draft_id", "check_id", "section", "message"]
    list_select_related = ["result"]
    readonly_fields = [
        "id",
        "result",
        "position",
        "check_id",
        "severity",
        "status",
        "section",
        "message",
        "fix",
        "created_at",
        "updated_at",
    ]
