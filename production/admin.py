import html

import markdown
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.errors import ApplicationError
from production import api as production_api
from production.dto import AssetStatus
from production.models import Asset, Draft


def _render(text: str) -> str:
    # Brief text is client input: escape any HTML before Markdown renders the rest.
    return markdown.markdown(html.escape(text, quote=False), extensions=["tables"])


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    """Drafts are generated; the admin renders them readably and can discard them."""

    list_display = (
        "id",
        "title",
        "pack",
        "brief_id",
        "status",
        "post_count",
        "created_at",
    )
    list_filter = ("status", "pack", "created_at")
    search_fields = ("id", "brief_id", "strategy_id", "title", "idempotency_key")
    ordering = ("-created_at",)
    date_hierarchy = "created_at"
    actions = ("discard_selected",)
    readonly_fields = (
        "id",
        "brief_id",
        "strategy_id",
        "pack",
        "status",
        "idempotency_key",
        "title",
        "rendered",
        "markdown",
        "created_at",
        "updated_at",
    )
    exclude = ("sections", "posts")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: object | None = None
    ) -> bool:
        return False

    @admin.display(description=_("Posts"))
    def post_count(self, obj: Draft) -> int:
        return len(obj.posts)

    @admin.display(description=_("Report"))
    def rendered(self, obj: Draft) -> str:
        return format_html(
            '<div class="aicmo-draft" style="max-width:60rem">{}</div>',
            mark_safe(_render(obj.markdown)),  # escaped in _render
        )

    @admin.action(description=_("Discard selected drafts"))
    def discard_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        for draft in queryset:
            try:
                production_api.draft_discard(draft_id=draft.id)
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, f"Discarded {draft.id}.", messages.SUCCESS)


@admin.register(Asset)
class AssetAdmin(admin.ModelAdmin):
    """Assets move through their publish flow only through the API's transitions."""

    list_display = (
        "id",
        "platform",
        "format",
        "status",
        "brief_id",
        "draft",
        "scheduled_for",
        "published_at",
    )
    list_filter = ("status", "platform", "format", "created_at")
    search_fields = ("id", "brief_id", "draft__id", "hook", "caption", "cta")
    list_select_related = ("draft",)
    ordering = ("-created_at",)
    actions = ("approve_selected", "publish_selected")
    readonly_fields = (
        "id",
        "brief_id",
        "draft",
        "platform",
        "format",
        "hook",
        "caption",
        "cta",
        "status",
        "scheduled_for",
        "published_at",
        "created_at",
        "updated_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: object | None = None
    ) -> bool:
        return False

    def _move(self, request: HttpRequest, queryset: QuerySet, to: AssetStatus) -> None:
        for asset in queryset:
            try:
                production_api.asset_transition(asset_id=asset.id, to=to)
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, f"{asset.id} is {to}.", messages.SUCCESS)

    @admin.action(description=_("Approve selected assets"))
    def approve_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._move(request, queryset, AssetStatus.APPROVED)

    @admin.action(description=_("Mark selected scheduled assets as published"))
    def publish_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._move(request, queryset, AssetStatus.PUBLISHED)
