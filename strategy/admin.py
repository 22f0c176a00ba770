"""Admin for strategies: read them, approve or discard them through the API."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.admin import (
    ReadOnlyAdminMixin,
    RoleActionsMixin,
    ScopedAdminMixin,
)
from aicmo_site.kernel.errors import ApplicationError
from aicmo_site.kernel.scope import scope_of
from strategy import api as strategy_api
from strategy.models import Strategy


@admin.register(Strategy)
class StrategyAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    """Strategies are generated, never typed in: the admin reads, approves, discards.

    A member of an account team sees and acts on its clients' strategies only.
    """

    scope_brief_field = "brief_id"

    list_display = ("id", "brief_id", "version", "status", "approved_by", "created_at")
    list_filter = ("status", "created_at", "approved_at")
    list_select_related = ()
    search_fields = ("id", "brief_id", "idempotency_key", "positioning", "approved_by")
    ordering = ("-created_at",)
    date_hierarchy = "created_at"
    actions = ("approve_selected", "discard_selected")
    readonly_fields = (
        "id",
        "brief_id",
        "version",
        "status",
        "idempotency_key",
        "executive_summary",
        "positioning",
        "key_messages_display",
        "pillars_display",
        "kpis_display",
        "channel_plan_display",
        "milestones_display",
        "approved_by",
        "approved_at",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("id", "brief_id", "version", "status", "idempotency_key")}),
        (
            _("Strategy"),
            {
                "fields": (
                    "executive_summary",
                    "positioning",
                    "key_messages_display",
                    "pillars_display",
                    "kpis_display",
                    "channel_plan_display",
                    "milestones_display",
                )
            },
        ),
        (
            _("Audit"),
            {"fields": ("approved_by", "approved_at", "created_at", "updated_at")},
        ),
    )

    @admin.display(description=_("Key messages"))
    def key_messages_display(self, obj: Strategy) -> str:
        return format_html(
            "<ol>{}</ol>",
            format_html_join("", "<li>{}</li>", ((m,) for m in obj.key_messages)),
        )

    @admin.display(description=_("Pillars"))
    def pillars_display(self, obj: Strategy) -> str:
        return format_html_join(
            "",
            "<p><strong>{}</strong>: {}<br><em>{}</em></p>",
            (
                (p["name"], p["description"], "; ".join(p["example_topics"]))
                for p in obj.pillars
            ),
        )

    @admin.display(description=_("KPIs"))
    def kpis_display(self, obj: Strategy) -> str:
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}: {} {} ({})</li>",
                ((k["name"], k["target"], k["unit"], k["timeframe"]) for k in obj.kpis),
            ),
        )

    @admin.display(description=_("Channel plan"))
    def channel_plan_display(self, obj: Strategy) -> str:
        return format_html_join(
            "",
            "<p><strong>{} ({}%)</strong>: {}<br><em>{}</em></p>",
            (
                (c["channel"], c["budget_pct"], c["rationale"], "; ".join(c["tactics"]))
                for c in obj.channel_plan
            ),
        )

    @admin.display(description=_("Milestones"))
    def milestones_display(self, obj: Strategy) -> str:
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>Week {} ({}): <strong>{}</strong>. {}</li>",
                (
                    (m["week"], m["date"], m["title"], m["deliverable"])
                    for m in obj.milestones
                ),
            ),
        )

    @admin.action(description=_("Approve selected strategies"), permissions=["amend"])
    def approve_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        approver = request.user.get_username()
        scope = scope_of(request.user)
        for strategy in queryset:
            try:
                strategy_api.strategy_approve(
                    strategy_id=strategy.id, approved_by=approver, scope=scope
                )
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, f"Approved {strategy.id}.", messages.SUCCESS)

    @admin.action(description=_("Discard selected strategies"), permissions=["amend"])
    def discard_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        scope = scope_of(request.user)
        for strategy in queryset:
            try:
                strategy_api.strategy_discard(strategy_id=strategy.id, scope=scope)
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(
                    request, f"Discarded {strategy.id}.", messages.SUCCESS
                )
