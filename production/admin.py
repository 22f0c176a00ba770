"""Admin for drafts (rendered readably) and creative assets.

Drafts and assets change only through production's API: the admin reads them, and
operators may discard drafts and move assets along their publish flow. A member of an
account team lists, opens, amends and acts on its clients' rows only.
"""

from typing import cast

import markdown
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.admin import (
    ReadOnlyAdminMixin,
    RoleActionsMixin,
    ScopedAdminMixin,
)
from aicmo_site.kernel.errors import ApplicationError
from aicmo_site.kernel.scope import scope_of
from aicmo_site.writing.links import SafeLinks
from production import api as production_api
from production.dto import AssetStatus
from production.models import Asset, Draft, DraftVersion


def render_markdown(text: str) -> str:
    """Render a draft's Markdown as HTML that is safe to show in the admin.

    Draft text carries client input from the brief, and Markdown passes raw HTML
    through: every ``<`` (and ``&``) is escaped first, so no tag survives, while
    ``>`` block quotes and tables still render. Links and images follow the rules
    of the reports (:class:`~aicmo_site.writing.links.SafeLinks`): only http(s),
    mailto and in-document anchors link, and images show their alt text.
    """
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return markdown.markdown(escaped, extensions=["tables", "sane_lists", SafeLinks()])


class DraftVersionInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The draft's versions: what generation wrote, then each amendment."""

    model = DraftVersion
    fields = ("version", "amended_by", "note", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("version",)


@admin.register(Draft)
class DraftAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    """Drafts are generated; the admin renders them readably and can discard them."""

    scope_brief_field = "brief_id"

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
        (_("Report"), {"fields": ("amend_link", "rendered")}),
        (_("Markdown source"), {"classes": ("collapse",), "fields": ("markdown",)}),
    )
    readonly_fields = (
        "amend_link",
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

    @admin.display(description=_("Amend"))
    def amend_link(self, obj: Draft) -> str:
        url = reverse("admin:production_draft_amend", args=[obj.id])
        return format_html(
            '<a href="{}">{}</a> (version {})', url, _("Amend a section"), obj.version
        )

    @admin.display(description=_("Report"))
    def rendered(self, obj: Draft) -> SafeString:
        return format_html(
            '<div class="aicmo-draft" style="max-width:60rem">{}</div>',
            mark_safe(render_markdown(obj.markdown)),  # escaped in render_markdown
        )

    def get_urls(self) -> list:
        amend = self.admin_site.admin_view(self.amend_view)
        return [
            path("<str:draft_id>/amend/", amend, name="production_draft_amend"),
            *super().get_urls(),
        ]

    def amend_view(self, request: HttpRequest, draft_id: str) -> HttpResponse:
        """Amend one section through production's API (optimistic locking).

        A draft outside the user's account teams is not found (404), as an unknown id.
        """
        if not self.has_amend_permission(request):
            raise PermissionDenied
        draft = get_object_or_404(self.get_queryset(request), pk=draft_id)
        keys = [(s["key"], s["title"]) for s in draft.sections]
        form = AmendForm(request.POST or None, sections=keys, draft=draft)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                amended = production_api.draft_amend(
                    draft_id=draft.id,
                    section_key=data["section_key"],
                    body=data["body"],
                    expected_version=data["expected_version"],
                    amended_by=request.user.get_username(),
                    note=data["note"],
                    scope=scope_of(request.user),
                )
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(
                    request, f"Saved version {amended.version}.", messages.SUCCESS
                )
                return HttpResponseRedirect(
                    reverse("admin:production_draft_change", args=[draft.id])
                )
        context = {
            **self.admin_site.each_context(request),
            "draft": draft,
            "form": form,
            "title": _("Amend a section"),
        }
        return TemplateResponse(request, "admin/production/draft/amend.html", context)

    @admin.action(description=_("Discard selected drafts"), permissions=["amend"])
    def discard_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Discard each draft through production's API."""
        scope = scope_of(request.user)
        for draft in queryset:
            try:
                production_api.draft_discard(draft_id=draft.id, scope=scope)
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                self.message_user(request, f"Discarded {draft.id}.", messages.SUCCESS)


class AmendForm(forms.Form):
    section_key = forms.ChoiceField(label=_("Section"))
    body = forms.CharField(
        label=_("New Markdown (without the section heading)"),
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, sections: list, draft: Draft, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["section_key"]).choices = sections
        self.fields["expected_version"].initial = draft.version


@admin.register(DraftVersion)
class DraftVersionAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    """A draft's content as it was in one version (append-only history)."""

    scope_brief_field = "draft__brief_id"

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
class AssetAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    """Assets move through their publish flow only through the API's transitions."""

    scope_brief_field = "brief_id"

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
        scope = scope_of(request.user)
        for asset in queryset:
            try:
                production_api.asset_transition(asset_id=asset.id, to=to, scope=scope)
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
