"""Admin for drafts (rendered readably) and creative assets.

Drafts and assets change only through production's API: the admin reads them, and
operators may discard drafts and move assets along their publish flow.
"""

import re
import xml.etree.ElementTree as etree

import markdown
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from aicmo_site.kernel.admin import RoleActionsMixin
from aicmo_site.kernel.errors import ApplicationError
from production import api as production_api
from production.dto import AssetStatus
from production.models import Asset, Draft, DraftVersion

_SAFE_URL = re.compile(r"^(https?:|mailto:|#|/(?!/))", re.IGNORECASE)


class _SafeLinks(Treeprocessor):
    """Drop link and image targets that could run script (``javascript:``, ...)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not _SAFE_URL.match(value.strip()):
                    del element.attrib[attribute]


class _SafeLinksExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_SafeLinks(md), "aicmo_safe_links", 0)


def render_markdown(text: str) -> str:
    """Render a draft's Markdown as HTML that is safe to show in the admin.

    Draft text carries client input from the brief, and Markdown passes raw HTML
    through: every ``<`` (and ``&``) is escaped first, so no tag survives, while
    ``>`` block quotes and tables still render. Links keep only http(s), mailto and
    local targets.
    """
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return markdown.markdown(
        escaped, extensions=["tables", "sane_lists", _SafeLinksExtension()]
    )


class ReadOnlyAdmin(RoleActionsMixin, admin.ModelAdmin):
    """Rows change only through production's API."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class DraftVersionInline(admin.TabularInline):
    """The draft's versions: what generation wrote, then each amendment."""

    model = DraftVersion
    fields = ("version", "amended_by", "note", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("version",)

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Draft)
class DraftAdmin(ReadOnlyAdmin):
    """Drafts are generated; the admin renders them readably and can discard them."""

    list_display = (
        "id",
        "title",
        "pack",
        "brief_id",
        "status",
        "version",
        "post_count",
        "created_at",
    )
    list_filter = ("status", "pack", "created_at")
    list_select_related = ()
    search_fields = ("id", "brief_id", "strategy_id", "title", "idempotency_key")
    ordering = ("-created_at",)
    date_hierarchy = "created_at"
    actions = ("discard_selected",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "id",
                    "title",
                    "pack",
                    "status",
                    "version",
                    "brief_id",
                    "strategy_id",
                    "idempotency_key",
                    "created_at",
                    "updated_at",
                )
            },
        ),
        (_("Report"), {"fields": ("rendered",)}),
        (_("Markdown source"), {"classes": ("collapse",), "fields": ("markdown",)}),
    )
    readonly_fields = (
        "id",
        "title",
        "pack",
        "status",
        "version",
        "brief_id",
        "strategy_id",
        "idempotency_key",
        "created_at",
        "updated_at",
        "rendered",
        "markdown",
    )
    inlines = [DraftVersionInline]

    @admin.display(description=_("Posts"))
    def post_count(self, obj: Draft) -> int:
        return len(obj.posts)

    @admin.display(description=_("Report"))
    def rendered(self, obj: Draft) -> SafeString:
        return format_html(
            '<div class="aicmo-draft" style="max-width:60rem">{}</div>',
            mark_safe(render_markdown(obj.markdown)),  # escaped in render_markdown
        )

    @admin.action(description=_("Discard selected drafts"), permissions=["amend"])
    def discard_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Discard each draft through production's API."""
        for draft in queryset:
            try:
                production_api.draft_discard(draft_id=draft.id)
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, f"Discarded {draft.id}.", messages.SUCCESS)


@admin.register(DraftVersion)
class DraftVersionAdmin(ReadOnlyAdmin):
    """A draft's content as it was in one version (append-only history)."""

    list_display = ("draft", "version", "amended_by", "created_at")
    list_filter = ("created_at",)
    list_select_related = ("draft",)
    search_fields = ("draft__id", "amended_by", "note")
    date_hierarchy = "created_at"
    fields = ("draft", "version", "amended_by", "note", "created_at", "rendered")
    readonly_fields = fields

    @admin.display(description=_("Report"))
    def rendered(self, obj: DraftVersion) -> SafeString:
        return format_html(
            '<div class="aicmo-draft" style="max-width:60rem">{}</div>',
            mark_safe(render_markdown(obj.markdown)),  # escaped in render_markdown
        )


@admin.register(Asset)
class AssetAdmin(ReadOnlyAdmin):
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
    list_select_related = ("draft",)
    search_fields = ("id", "brief_id", "draft__id", "hook", "caption", "cta")
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
    fields = readonly_fields

    def _move(self, request: HttpRequest, queryset: QuerySet, to: AssetStatus) -> None:
        for asset in queryset:
            try:
                production_api.asset_transition(asset_id=asset.id, to=to)
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, f"{asset.id} is {to}.", messages.SUCCESS)

    @admin.action(description=_("Approve selected assets"), permissions=["amend"])
    def approve_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Approve each asset (DRAFT → APPROVED)."""
        self._move(request, queryset, AssetStatus.APPROVED)

    @admin.action(
        description=_("Mark selected scheduled assets as published"),
        permissions=["amend"],
    )
    def publish_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Publish each scheduled asset (SCHEDULED → PUBLISHED)."""
        self._move(request, queryset, AssetStatus.PUBLISHED)
