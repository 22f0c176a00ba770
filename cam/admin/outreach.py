"""Admin for outreach plans and their attempts: rows services write, shown read-only.

Agency-wide, like all of client acquisition: a user whose account teams limit them to
some clients sees none (``ScopedAdminMixin`` without a field).
"""

from django.contrib import admin

from aicmo_site.kernel.admin import ReadOnlyAdminMixin, ScopedAdminMixin
from cam.models import OutreachAttempt, OutreachPlan


class PlanAttemptInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = OutreachAttempt
    fk_name = "plan"
    fields = (
        ("position", "channel", "step", "status"),
        ("scheduled_for", "send_date"),
        "subject",
        "body",
    )
    readonly_fields = (
        "position",
        "channel",
        "step",
        "status",
        "scheduled_for",
        "send_date",
        "subject",
        "body",
    )
    ordering = ("position",)
    extra = 0


@admin.register(OutreachPlan)
class OutreachPlanAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "lead",
        "campaign",
        "mode",
        "timezone",
        "replaced_at",
        "created_at",
    )
    list_filter = ("mode", ("campaign", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("lead", "campaign")
    search_fields = ("id", "lead__id", "lead__normalized_email")
    readonly_fields = (
        "id",
        "lead",
        "campaign",
        "mode",
        "timezone",
        "starts_after",
        "replaced_at",
    )
    fields = readonly_fields
    inlines = [PlanAttemptInline]
    date_hierarchy = "created_at"


@admin.register(OutreachAttempt)
class OutreachAttemptAdmin(ScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "lead",
        "campaign",
        "channel",
        "step",
        "scheduled_for",
        "status",
    )
    list_filter = (
        "status",
        "channel",
        ("campaign", admin.RelatedOnlyFieldListFilter),
        "send_date",
    )
    list_select_related = ("lead", "campaign")
    search_fields = ("id", "lead__id", "lead__normalized_email", "subject")
    readonly_fields = (
        "id",
        "plan",
        "lead",
        "campaign",
        "position",
        "channel",
        "step",
        "subject",
        "body",
        "scheduled_for",
        "send_date",
        "status",
    )
    fields = readonly_fields
    date_hierarchy = "scheduled_for"
