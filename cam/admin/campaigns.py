"""Admin for campaigns: the form checked by the service, lead counts, status actions."""

import zoneinfo
from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.admin import RoleActionsMixin, ScopedAdminMixin
from aicmo_site.kernel.scope import scope_of
from cam import selectors
from cam.admin.base import (
    AUDIT_FIELDS,
    AgencyWideAddMixin,
    ServiceSaveMixin,
    adopt,
    changed_fields,
    service_clean,
)
from cam.errors import CamError
from cam.models import Campaign, Lead
from cam.services import campaigns as campaign_services

CAMPAIGN_FORM_FIELDS = (
    "name",
    "niche",
    "offer",
    "target_clients",
    "target_monthly_revenue",
    "mode",
    "banned_words",
    "competitor_domains",
    "daily_send_cap",
    "send_timezone",
    "send_window_start",
    "send_window_end",
)


class BannedWordsField(forms.Field):
    """Banned words typed one per line or separated by commas."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        text = str(value or "")
        return [
            word.strip()
            for line in text.splitlines()
            for word in line.split(",")
            if word.strip()
        ]


def _time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class CampaignAdminForm(forms.ModelForm):
    banned_words = BannedWordsField(
        label=_("banned words"),
        required=False,
        help_text=_("One per line, or separated by commas."),
    )
    competitor_domains = BannedWordsField(
        label=_("competitor domains"),
        required=False,
        help_text=_(
            "One per line, or separated by commas (rival.com). Leads at these "
            "domains or their subdomains are rejected by qualification."
        ),
    )
    send_timezone = forms.ChoiceField(
        label=_("send time zone"), choices=_time_zone_choices, initial="UTC"
    )

    class Meta:
        model = Campaign
        fields = CAMPAIGN_FORM_FIELDS

    def clean(self) -> dict[str, Any]:
        super().clean()
        service_clean(self, campaign_services.campaign_clean, CAMPAIGN_FORM_FIELDS)
        return self.cleaned_data


def _count_display(
    obj: Campaign, prefix: str, values: list[str], labels: Mapping[str, object]
) -> str:
    parts = [
        f"{labels[value]}: {count}"
        for value in values
        if (count := getattr(obj, f"{prefix}{value}", 0))
    ]
    return ", ".join(parts) or "-"


@admin.register(Campaign)
class CampaignAdmin(
    ServiceSaveMixin,
    AgencyWideAddMixin,
    ScopedAdminMixin,
    RoleActionsMixin,
    admin.ModelAdmin,
):
    form = CampaignAdminForm
    list_display = (
        "name",
        "niche",
        "status",
        "mode",
        "target_clients",
        "leads_total",
        "leads_by_status",
        "leads_by_grade",
        "created_at",
    )
    list_filter = ("status", "mode")
    list_select_related = ()
    search_fields = ("id", "name", "niche")
    readonly_fields = (*AUDIT_FIELDS, "status")
    fields = (*AUDIT_FIELDS, "status", *CAMPAIGN_FORM_FIELDS)
    actions = ("pause_campaigns", "resume_campaigns", "complete_campaigns")
    date_hierarchy = "created_at"
    # The lead counts' GROUP BY drops the model's ordering; the campaign
    # autocomplete pages this queryset, so it needs one.
    ordering = ("id",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Campaign]:
        return (
            super()
            .get_queryset(request)
            .annotate(**selectors.campaign_lead_count_annotations())
        )

    def get_readonly_fields(
        self, request: HttpRequest, obj: Campaign | None = None
    ) -> tuple[str, ...]:
        if obj is not None and obj.status == Campaign.Status.COMPLETED:
            return (*AUDIT_FIELDS, "status", *CAMPAIGN_FORM_FIELDS)
        return self.readonly_fields

    def has_delete_permission(
        self, request: HttpRequest, obj: Campaign | None = None
    ) -> bool:
        # Campaigns and their leads are the history of signed clients; they are
        # completed, never deleted.
        return False

    @admin.display(description=_("leads"), ordering="leads_total")
    def leads_total(self, obj: Campaign) -> int:
        return getattr(obj, "leads_total", 0)

    @admin.display(description=_("leads by status"))
    def leads_by_status(self, obj: Campaign) -> str:
        labels = dict(Lead.Status.choices)
        return _count_display(obj, "leads_status_", Lead.Status.values, labels)

    @admin.display(description=_("leads by grade"))
    def leads_by_grade(self, obj: Campaign) -> str:
        labels = dict(Lead.Grade.choices)
        return _count_display(obj, "leads_grade_", Lead.Grade.values, labels)

    def save_model(
        self, request: HttpRequest, obj: Campaign, form: forms.ModelForm, change: bool
    ) -> None:
        scope = scope_of(request.user)
        try:
            if change:
                saved = campaign_services.campaign_update(
                    campaign_id=obj.pk,
                    changes=changed_fields(form, CAMPAIGN_FORM_FIELDS),
                    scope=scope,
                )
            else:
                saved = campaign_services.campaign_create(
                    **{name: form.cleaned_data[name] for name in CAMPAIGN_FORM_FIELDS},
                    scope=scope,
                )
        except CamError as exc:
            self.refuse_save(request, exc)
            return
        adopt(obj, saved)

    def _transition(
        self, request: HttpRequest, queryset: QuerySet[Campaign], to: str
    ) -> None:
        scope = scope_of(request.user)
        moved = 0
        for campaign_id in queryset.values_list("pk", flat=True):
            try:
                campaign_services.campaign_transition(
                    campaign_id=campaign_id, to=to, scope=scope
                )
            except CamError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                moved += 1
        if moved:
            self.message_user(
                request, f"{moved} campaign(s) moved to {to}.", messages.SUCCESS
            )

    @admin.action(description=_("Pause selected campaigns"), permissions=["change"])
    def pause_campaigns(
        self, request: HttpRequest, queryset: QuerySet[Campaign]
    ) -> None:
        self._transition(request, queryset, Campaign.Status.PAUSED)

    @admin.action(description=_("Resume selected campaigns"), permissions=["change"])
    def resume_campaigns(
        self, request: HttpRequest, queryset: QuerySet[Campaign]
    ) -> None:
        self._transition(request, queryset, Campaign.Status.ACTIVE)

    @admin.action(description=_("Complete selected campaigns"), permissions=["change"])
    def complete_campaigns(
        self, request: HttpRequest, queryset: QuerySet[Campaign]
    ) -> None:
        self._transition(request, queryset, Campaign.Status.COMPLETED)
