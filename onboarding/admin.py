import json

from django.contrib import admin
from django.utils.html import format_html

from onboarding.models import Brief, Client, NormalizedBrief, Project, ProjectTransition


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows change only through onboarding's services; the admin shows them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Client)
class ClientAdmin(ReadOnlyAdmin):
    list_display = ("name", "industry", "geography", "website", "created_at")
    list_filter = ("industry", "geography")
    search_fields = ("id", "name", "website", "email")


@admin.register(Brief)
class BriefAdmin(ReadOnlyAdmin):
    list_display = ("id", "client", "objective", "pack", "created_at")
    list_filter = ("pack", "objective", "created_at")
    list_select_related = ("client",)
    search_fields = ("id", "client__name", "primary_offer")
    readonly_fields = (
        "id",
        "client",
        "pack",
        "objective",
        "primary_offer",
        "intake_pretty",
        "created_at",
        "updated_at",
    )
    exclude = ("intake",)

    @admin.display(description="Intake (as submitted)")
    def intake_pretty(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.intake, indent=2))


@admin.register(NormalizedBrief)
class NormalizedBriefAdmin(ReadOnlyAdmin):
    list_display = ("id", "brief", "status", "created_at")
    list_filter = ("status",)
    list_select_related = ("brief", "brief__client")
    search_fields = ("id", "brief__id", "idempotency_key")


class ProjectTransitionInline(admin.TabularInline):
    model = ProjectTransition
    extra = 0
    can_delete = False
    readonly_fields = ("action", "from_state", "to_state", "occurred_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ("id", "brief", "state", "status", "engagement_ref", "updated_at")
    list_filter = ("state", "status")
    list_select_related = ("brief", "brief__client")
    search_fields = ("id", "brief__id", "engagement_ref")
    inlines = [ProjectTransitionInline]
