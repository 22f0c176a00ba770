"""Admin for campaigns and leads. Every write goes through :mod:`cam.services`."""

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.admin import RoleActionsMixin
from cam import selectors, services
from cam.errors import CamError, ValidationFailed
from cam.models import Campaign, Lead

CAMPAIGN_FORM_FIELDS = (
    "name",
    "niche",
    "offer",
    "target_clients",
    "target_monthly_revenue",
    "mode",
    "banned_words",
)
LEAD_FORM_FIELDS = (
    "name",
    "email",
    "company",
    "role",
    "source",
    "base_score",
    "budget_known",
    "has_timeline",
    "pain_points",
    "engagement",
)
AUDIT_FIELDS = ("id", "created_at", "updated_at")


def _adopt(target: Model, saved: Model) -> None:
    """Copy the row a service saved into the admin's own instance of it."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False


def _service_clean(
    form: forms.ModelForm,
    clean: Callable[..., Mapping[str, Any]],
    field_names: tuple[str, ...],
) -> None:
    """Run the service's own validation, so the form shows its field errors."""
    values = {
        name: form.cleaned_data[name]
        for name in field_names
        if name in form.fields and name in form.cleaned_data
    }
    try:
        clean(values=values)
    except ValidationFailed as exc:
        for name, errors in exc.fields.items():
            form.add_error(name if name in form.fields else None, errors)


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


class CampaignAdminForm(forms.ModelForm):
    banned_words = BannedWordsField(
        label=_("banned words"),
        required=False,
        help_text=_("One per line, or separated by commas."),
    )

    class Meta:
        model = Campaign
        fields = CAMPAIGN_FORM_FIELDS

    def clean(self) -> dict[str, Any]:
        super().clean()
        _service_clean(self, services.campaign_clean, CAMPAIGN_FORM_FIELDS)
        return self.cleaned_data


class LeadAdminForm(forms.ModelForm):
    class Meta:
        model = Lead
        fields = ("campaign", *LEAD_FORM_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and "source" in self.fields:
            self.fields["source"].initial = "admin"

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        _service_clean(self, services.lead_clean, LEAD_FORM_FIELDS)
        campaign = cleaned.get("campaign") or (
            self.instance.campaign if self.instance.campaign_id else None
        )
        email = cleaned.get("email")
        if campaign is None:
            return cleaned
        if self.instance._state.adding and campaign.status == Campaign.Status.COMPLETED:
            self.add_error("campaign", _("This campaign is completed."))
        if isinstance(email, str) and "email" not in self.errors:
            duplicate = selectors.lead_find_by_email(
                campaign_id=campaign.pk,
                normalized_email=services.normalize_email(email),
            )
            if duplicate is not None and duplicate.pk != self.instance.pk:
                self.add_error(
                    "email",
                    _("Lead %(id)s of this campaign has this email.")
                    % {"id": duplicate.pk},
                )
        return cleaned


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
class CampaignAdmin(RoleActionsMixin, admin.ModelAdmin):
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
        try:
            if change:
                saved = services.campaign_update(
                    campaign_id=obj.pk,
                    changes={
                        name: form.cleaned_data[name]
                        for name in form.changed_data
                        if name in CAMPAIGN_FORM_FIELDS
                    },
                )
            else:
                saved = services.campaign_create(
                    **{name: form.cleaned_data[name] for name in CAMPAIGN_FORM_FIELDS}
                )
        except CamError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        _adopt(obj, saved)

    def _transition(
        self, request: HttpRequest, queryset: QuerySet[Campaign], to: str
    ) -> None:
        moved = 0
        for campaign_id in queryset.values_list("pk", flat=True):
            try:
                services.campaign_transition(campaign_id=campaign_id, to=to)
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


LEAD_RESULT_FIELDS = (
    "normalized_email",
    "fit_score",
    "conversion_probability",
    "grade",
    "status",
    "review_reasons",
    "lost_reason",
    "contract_value",
    "client_email",
    "closed_at",
)


@admin.register(Lead)
class LeadAdmin(RoleActionsMixin, admin.ModelAdmin):
    form = LeadAdminForm
    list_display = (
        "id",
        "name",
        "email",
        "company",
        "campaign",
        "status",
        "grade",
        "fit_score",
        "conversion_probability",
        "created_at",
    )
    list_select_related = ("campaign",)
    list_filter = ("campaign", "status", "grade", "source")
    search_fields = ("normalized_email", "company", "name", "id")
    readonly_fields = (*AUDIT_FIELDS, *LEAD_RESULT_FIELDS)
    autocomplete_fields = ("campaign",)
    date_hierarchy = "created_at"
    actions = (
        "mark_enriched",
        "mark_contacted",
        "mark_replied",
        "mark_qualified",
        "mark_manual_review",
        "mark_lost",
    )

    def get_fields(
        self, request: HttpRequest, obj: Lead | None = None
    ) -> tuple[str, ...]:
        if obj is None:
            return ("campaign", *LEAD_FORM_FIELDS)
        return (*AUDIT_FIELDS, "campaign", *LEAD_FORM_FIELDS, *LEAD_RESULT_FIELDS)

    def get_readonly_fields(
        self, request: HttpRequest, obj: Lead | None = None
    ) -> tuple[str, ...]:
        if obj is None:
            return ()
        if obj.status in services.FINAL_LEAD_STATUSES:
            return self.get_fields(request, obj)
        return (*AUDIT_FIELDS, "campaign", *LEAD_RESULT_FIELDS)

    def has_delete_permission(
        self, request: HttpRequest, obj: Lead | None = None
    ) -> bool:
        # A lead leaves the funnel as LOST; rows stay for the campaign's history.
        return False

    def save_model(
        self, request: HttpRequest, obj: Lead, form: forms.ModelForm, change: bool
    ) -> None:
        try:
            if change:
                saved = services.lead_update(
                    lead_id=obj.pk,
                    changes={
                        name: form.cleaned_data[name]
                        for name in form.changed_data
                        if name in LEAD_FORM_FIELDS
                    },
                )
            else:
                saved, created = services.lead_ingest(
                    campaign_id=form.cleaned_data["campaign"].pk,
                    **{name: form.cleaned_data[name] for name in LEAD_FORM_FIELDS},
                )
                if not created:
                    self.message_user(
                        request,
                        f"Lead {saved.pk} already has this email; it is unchanged.",
                        messages.WARNING,
                    )
        except CamError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        _adopt(obj, saved)

    def _transition(
        self,
        request: HttpRequest,
        queryset: QuerySet[Lead],
        to: str,
        reason: str = "",
    ) -> None:
        moved = 0
        for lead_id in queryset.values_list("pk", flat=True):
            try:
                services.lead_transition(lead_id=lead_id, to=to, reason=reason)
            except CamError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                moved += 1
        if moved:
            self.message_user(
                request, f"{moved} lead(s) moved to {to}.", messages.SUCCESS
            )

    @admin.action(description=_("Mark selected leads enriched"), permissions=["change"])
    def mark_enriched(self, request: HttpRequest, queryset: QuerySet[Lead]) -> None:
        self._transition(request, queryset, Lead.Status.ENRICHED)

    @admin.action(
        description=_("Mark selected leads contacted"), permissions=["change"]
    )
    def mark_contacted(self, request: HttpRequest, queryset: QuerySet[Lead]) -> None:
        self._transition(request, queryset, Lead.Status.CONTACTED)

    @admin.action(description=_("Mark selected leads replied"), permissions=["change"])
    def mark_replied(self, request: HttpRequest, queryset: QuerySet[Lead]) -> None:
        self._transition(request, queryset, Lead.Status.REPLIED)

    @admin.action(
        description=_("Mark selected leads qualified"), permissions=["change"]
    )
    def mark_qualified(self, request: HttpRequest, queryset: QuerySet[Lead]) -> None:
        self._transition(request, queryset, Lead.Status.QUALIFIED)

    @admin.action(
        description=_("Send selected leads to manual review"), permissions=["change"]
    )
    def mark_manual_review(
        self, request: HttpRequest, queryset: QuerySet[Lead]
    ) -> None:
        reason = f"Flagged for review in the admin by {request.user.get_username()}."
        self._transition(request, queryset, Lead.Status.MANUAL_REVIEW, reason)

    @admin.action(description=_("Mark selected leads lost"), permissions=["change"])
    def mark_lost(self, request: HttpRequest, queryset: QuerySet[Lead]) -> None:
        reason = f"Marked lost in the admin by {request.user.get_username()}."
        self._transition(request, queryset, Lead.Status.LOST, reason)
