"""Admin for events raised outside a run (the outbox) and their deliveries.

Both are written by the engine alone; pending events wait for ``dispatch_events``.
They belong to no client (such as ``ClientSigned`` from client acquisition), so only
users who see every client see them (:class:`~aicmo_site.kernel.admin.ScopedAdminMixin`
with no scope field).
"""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.admin import (
    ReadOnlyAdminMixin,
    RoleActionsMixin,
    ScopedAdminMixin,
)
from orchestration.models import EventDelivery, OutboxEvent


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
class OutboxEventAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
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
class EventDeliveryAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    list_display = ("event_id", "subscriber", "delivered_at")
    list_filter = ("subscriber",)
    search_fields = ("event_id", "subscriber")
    readonly_fields = ("event_id", "subscriber", "delivered_at")
