"""Admin for clients, briefs, normalized briefs and projects: read-only lists.

Rows change only through onboarding's services, so nothing here edits them. Briefs are
exported here (CSV or XLSX, :mod:`onboarding.resources`). Importing briefs and starting
runs need the packs production knows, which only orchestration may ask (SPEC §2), so
those are orchestration's admin views; the brief list links to them by URL name, and
no code crosses the app boundary.
"""

import json
from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX

from aicmo_site.kernel.admin import (
    ReadOnlyAdminMixin,
    RoleActionsMixin,
    ScopedAdminMixin,
)
from onboarding.models import (
    AccountTeam,
    Brief,
    Client,
    NormalizedBrief,
    Project,
    ProjectTransition,
)
from onboarding.resources import BriefResource

# Orchestration's admin views (see the module docstring).
BRIEF_IMPORT_URL = "admin:orchestration_brief_import"
START_RUNS_URL = "admin:orchestration_brief_start_runs"
RUNS_URL = "admin:orchestration_workflowrun_changelist"


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@admin.register(AccountTeam)
class AccountTeamAdmin(admin.ModelAdmin):
    """Account teams: who sees which clients (ADR 0009). Superusers only.

    The role groups hold no permission on teams, and this admin checks
    ``is_superuser`` rather than permissions, so no operator can widen their own scope.
    """

    list_display = ("name", "all_clients", "client_count", "member_count", "updated_at")
    list_filter = ("all_clients",)
    search_fields = ("name", "clients__name", "members__username")
    filter_horizontal = ("clients", "members")
    fields = ("name", "all_clients", "clients", "members")

    def get_queryset(self, request: HttpRequest) -> QuerySet[AccountTeam]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                clients_n=Count("clients", distinct=True),
                members_n=Count("members", distinct=True),
            )
        )

    @admin.display(description=_("clients"), ordering="clients_n")
    def client_count(self, obj: AccountTeam) -> int:
        return getattr(obj, "clients_n", 0)

    @admin.display(description=_("members"), ordering="members_n")
    def member_count(self, obj: AccountTeam) -> int:
        return getattr(obj, "members_n", 0)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_active and request.user.is_superuser

    has_add_permission = has_view_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission


@admin.register(Client)
class ClientAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    scope_client_field = "id"
    list_display = ("name", "industry", "geography", "website", "briefs", "created_at")
    list_filter = ("industry", "geography")
    list_select_related = ()
    search_fields = ("id", "name", "website", "email", "source_ref")
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Client]:
        return super().get_queryset(request).annotate(brief_count=Count("briefs"))

    @admin.display(description=_("briefs"), ordering="brief_count")
    def briefs(self, obj: Client) -> int:
        return getattr(obj, "brief_count", 0)


@admin.register(Brief)
class BriefAdmin(
    ExportMixin,
    ScopedAdminMixin,
    RoleActionsMixin,
    ReadOnlyAdminMixin,
    admin.ModelAdmin,
):
    """Briefs: export them, import more, and start runs for the selected ones."""

    scope_client_field = "client_id"

    list_display = ("id", "client_name", "objective", "pack", "created_at")
    list_filter = ("pack", "objective", "created_at")
    list_select_related = ("client",)
    search_fields = ("id", "client__name", "primary_offer")
    date_hierarchy = "created_at"
    readonly_fields = (
        "id",
        "client",
        "pack",
        "objective",
        "primary_offer",
        "runs",
        "intake_pretty",
        "created_at",
        "updated_at",
    )
    exclude = ("intake",)
    actions = ("start_runs",)
    resource_classes = [BriefResource]
    formats = [CSV, XLSX]
    import_export_change_list_template = "admin/onboarding/brief/change_list.html"

    @admin.display(description=_("client"), ordering="client__name")
    def client_name(self, obj: Brief) -> str:
        return obj.client.name

    @admin.display(description=_("Intake (as submitted)"))
    def intake_pretty(self, obj: Brief) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.intake, indent=2))

    @admin.display(description=_("Runs"))
    def runs(self, obj: Brief) -> str:
        url = _url(RUNS_URL)
        if url is None:
            return "-"
        return format_html(
            '<a href="{}?{}">{}</a>',
            url,
            urlencode({"brief_id": obj.pk}),
            _("Runs of this brief"),
        )

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_import_permission(self, request: HttpRequest) -> bool:
        # The same permission as POST /api/v1/briefs/.
        return request.user.has_perm("onboarding.add_brief")

    def has_start_run_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("orchestration.start_run")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        extra_context = dict(extra_context or {})
        if self.has_import_permission(request):
            extra_context["brief_import_url"] = _url(BRIEF_IMPORT_URL)
        return super().changelist_view(request, extra_context)

    @admin.action(
        description=_("Start runs for the selected briefs"),
        permissions=["start_run"],
    )
    def start_runs(
        self, request: HttpRequest, queryset: QuerySet[Brief]
    ) -> HttpResponseRedirect:
        """Hand the selection to orchestration's start-runs page, which confirms."""
        ids = ",".join(queryset.order_by("created_at").values_list("pk", flat=True))
        return HttpResponseRedirect(
            f"{reverse(START_RUNS_URL)}?{urlencode({'ids': ids})}"
        )


@admin.register(NormalizedBrief)
class NormalizedBriefAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    scope_client_field = "brief__client_id"
    list_display = ("id", "brief", "status", "created_at")
    list_filter = ("status", "created_at")
    list_select_related = ("brief", "brief__client")
    search_fields = ("id", "brief__id", "idempotency_key")
    readonly_fields = (
        "id",
        "brief",
        "status",
        "idempotency_key",
        "warnings",
        "data_pretty",
        "discarded_at",
        "created_at",
        "updated_at",
    )
    exclude = ("data",)

    @admin.display(description=_("Data"))
    def data_pretty(self, obj: NormalizedBrief) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.data, indent=2))


class ProjectTransitionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ProjectTransition
    extra = 0
    can_delete = False
    readonly_fields = ("action", "from_state", "to_state", "occurred_at")


@admin.register(Project)
class ProjectAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    scope_client_field = "brief__client_id"
    list_display = ("id", "brief", "state", "status", "engagement_ref", "updated_at")
    list_filter = ("state", "status")
    list_select_related = ("brief", "brief__client")
    search_fields = ("id", "brief__id", "engagement_ref")
    inlines = [ProjectTransitionInline]


@admin.register(ProjectTransition)
class ProjectTransitionAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    scope_client_field = "project__brief__client_id"
    list_display = ("project", "action", "from_state", "to_state", "occurred_at")
    list_filter = ("action", "to_state")
    list_select_related = ("project",)
    search_fields = ("project__id", "project__engagement_ref")
