"""Admin for campaigns, leads, suppressions and outreach plans.

Every write goes through :mod:`cam.services`. Leads are imported from CSV or XLSX into a
chosen campaign, and exported, with django-import-export (:mod:`cam.resources`).
"""

import zoneinfo
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ConfirmImportForm, ImportForm
from import_export.results import Result

from aicmo_site.kernel.admin import RoleActionsMixin
from cam import resources, selectors, services
from cam.errors import CamError, ValidationFailed
from cam.models import Campaign, Lead, OutreachAttempt, OutreachPlan, Suppression

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
MAX_IMPORT_PROBLEMS_SHOWN = 20
LEAD_FORM_FIELDS = services.LEAD_INPUT_FIELDS
AUDIT_FIELDS = ("id", "created_at", "updated_at")
_SAVE_REFUSED = "_cam_save_refused"  # set on a request whose save a service refused


def _adopt(target: Model, saved: Model) -> None:
    """Copy the row a service saved into the admin's own instance of it."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False


class ServiceSaveMixin:
    """A save the service refuses shows its error, logs nothing and reports no success.

    Django's admin calls ``save_model``, then logs the change and reports success.
    When the service raises a :class:`CamError`, ``save_model`` calls
    :meth:`refuse_save`: the error is shown, no log entry is written and the form's
    page is shown again instead of the success message.
    """

    def refuse_save(self, request: HttpRequest, exc: CamError) -> None:
        self.message_user(request, exc.message, messages.ERROR)  # type: ignore[attr-defined]
        setattr(request, _SAVE_REFUSED, True)

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        if not getattr(request, _SAVE_REFUSED, False):
            return super().log_addition(request, obj, message)  # type: ignore[misc]
        return None

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> Any:
        if not getattr(request, _SAVE_REFUSED, False):
            return super().log_change(request, obj, message)  # type: ignore[misc]
        return None

    def response_add(
        self, request: HttpRequest, obj: Model, post_url_continue: str | None = None
    ) -> HttpResponse:
        if getattr(request, _SAVE_REFUSED, False):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_add(request, obj, post_url_continue)  # type: ignore[misc]

    def response_change(self, request: HttpRequest, obj: Model) -> HttpResponse:
        if getattr(request, _SAVE_REFUSED, False):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)  # type: ignore[misc]


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


def _importable_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.exclude(status=Campaign.Status.COMPLETED).order_by("name")


class LeadImportForm(ImportForm):
    """django-import-export's upload form, plus the campaign the leads go into."""

    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(),
        label=_("Campaign"),
        help_text=_("The leads are added to this campaign (not a completed one)."),
    )
    field_order = ["campaign", "resource", "import_file", "format"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = _importable_campaigns()
        self.fields["import_file"].help_text = _(
            "A header row, then one lead per row. Errors name the line of the file: "
            "the header is line 1, the first lead line 2."
        )


class LeadConfirmImportForm(ConfirmImportForm):
    """The confirm step carries the campaign chosen on upload.

    Any campaign is accepted here: one completed since the upload is refused by the
    import itself, with a message saying so.
    """

    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.all(), widget=forms.HiddenInput()
    )


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
class CampaignAdmin(ServiceSaveMixin, RoleActionsMixin, admin.ModelAdmin):
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
            self.refuse_save(request, exc)
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
    "review_codes",
    "review_from_status",
    "lost_reason",
    "lost_reason_code",
    "contract_value",
    "client_email",
    "closed_at",
)


@admin.register(Lead)
class LeadAdmin(
    ServiceSaveMixin, RoleActionsMixin, ImportExportMixin, admin.ModelAdmin
):
    form = LeadAdminForm
    import_form_class = LeadImportForm
    confirm_form_class = LeadConfirmImportForm
    import_formats = [resources.LineNumberedCSV, XLSX]
    export_formats = [CSV, XLSX]
    import_template_name = "admin/cam/lead/import.html"
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
        "qualify_leads",
        "plan_outreach",
        "mark_enriched",
        "mark_contacted",
        "mark_replied",
        "mark_qualified",
        "mark_manual_review",
        "mark_lost",
    )

    @admin.display(description=_("outreach plan"))
    def outreach_display(self, obj: Lead) -> str:
        attempts = list(
            OutreachAttempt.objects.filter(
                lead_id=obj.pk, plan__replaced_at__isnull=True
            ).order_by("position")
        )
        if not attempts:
            return "-"
        plan_url = reverse("admin:cam_outreachplan_change", args=[attempts[0].plan_id])
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (a.position, a.channel, a.step, a.scheduled_for.isoformat(), a.status)
                for a in attempts
            ),
        )
        return format_html(
            '<a href="{}">{}</a><table><tr><th>#</th><th>channel</th><th>step</th>'
            "<th>scheduled for (UTC)</th><th>status</th></tr>{}</table>",
            plan_url,
            attempts[0].plan_id,
            rows,
        )

    # import and export ----------------------------------------------------------

    def has_import_permission(self, request: HttpRequest) -> bool:
        # The same permission as POST /api/v1/leads/.
        return request.user.has_perm("cam.add_lead")

    def has_export_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("cam.view_lead")

    def get_import_resource_classes(self, request: HttpRequest) -> list[type]:
        return [resources.LeadImportResource]

    def get_export_resource_classes(self, request: HttpRequest) -> list[type]:
        return [resources.LeadExportResource]

    def get_import_resource_kwargs(
        self, request: HttpRequest, **kwargs: Any
    ) -> dict[str, Any]:
        form = kwargs.get("form")
        campaign = None
        if form is not None and form.is_bound and form.is_valid():
            campaign = form.cleaned_data.get("campaign")
        return {"campaign_id": campaign.pk if campaign is not None else None}

    def get_confirm_form_initial(
        self, request: HttpRequest, import_form: Any
    ) -> dict[str, Any]:
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["campaign"] = import_form.cleaned_data["campaign"].pk
        return initial

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        data_kwargs = super().get_import_data_kwargs(**kwargs)
        # One bad row, found at confirm time too, rolls the whole file back.
        data_kwargs["rollback_on_validation_errors"] = True
        return data_kwargs

    def process_result(self, result: Result, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            # The file was checked on upload; something changed before the confirm.
            problems = resources.result_problems(result)
            messages.error(
                request,
                "Nothing was imported: "
                + "; ".join(problems[:MAX_IMPORT_PROBLEMS_SHOWN]),
            )
            return HttpResponseRedirect(reverse("admin:cam_lead_import"))
        return super().process_result(result, request)

    def add_success_message(self, result: Result, request: HttpRequest) -> None:
        new = result.totals["new"]
        skipped = sum(
            1 for row in result.rows if row.import_type == "skip" and row.object_id
        )
        text = f"Imported {new} lead(s)."
        if skipped:
            text += (
                f" {skipped} row(s) skipped: their email is already a lead of the "
                "campaign (unchanged)."
            )
        messages.success(request, text)

    def get_fields(
        self, request: HttpRequest, obj: Lead | None = None
    ) -> tuple[str, ...]:
        if obj is None:
            return ("campaign", *LEAD_FORM_FIELDS)
        return (
            *AUDIT_FIELDS,
            "campaign",
            *LEAD_FORM_FIELDS,
            *LEAD_RESULT_FIELDS,
            "outreach_display",
        )

    def get_readonly_fields(
        self, request: HttpRequest, obj: Lead | None = None
    ) -> tuple[str, ...]:
        if obj is None:
            return ()
        if obj.status in services.FINAL_LEAD_STATUSES:
            return self.get_fields(request, obj)
        return (*AUDIT_FIELDS, "campaign", *LEAD_RESULT_FIELDS, "outreach_display")

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
            self.refuse_save(request, exc)
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

    @admin.action(description=_("Qualify selected leads"), permissions=["change"])
    def qualify_leads(self, request: HttpRequest, queryset: QuerySet[Lead]) -> None:
        outcomes: Counter[str] = Counter()
        for lead_id in queryset.values_list("pk", flat=True):
            try:
                result = services.lead_qualify(lead_id=lead_id)
            except CamError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                outcomes[result.outcome.value] += 1
        if outcomes:
            summary = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
            self.message_user(
                request,
                f"Qualified {sum(outcomes.values())} lead(s): {summary}.",
                messages.SUCCESS,
            )

    @admin.action(
        description=_("Plan outreach for selected leads"), permissions=["change"]
    )
    def plan_outreach(self, request: HttpRequest, queryset: QuerySet[Lead]) -> None:
        created = existing = 0
        for lead_id in queryset.values_list("pk", flat=True):
            try:
                _, new = services.lead_plan_outreach(lead_id=lead_id)
            except CamError as exc:
                self.message_user(request, f"{lead_id}: {exc.message}", messages.ERROR)
            else:
                created += new
                existing += not new
        if created or existing:
            self.message_user(
                request,
                f"Planned outreach for {created} lead(s); {existing} already had a "
                "plan (unchanged).",
                messages.SUCCESS,
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


# --- suppressions and outreach ------------------------------------------------------


class SuppressionAdminForm(forms.ModelForm):
    class Meta:
        model = Suppression
        fields = ("email", "reason", "campaign", "note")

    def clean(self) -> dict[str, Any]:
        super().clean()
        campaign = self.cleaned_data.get("campaign")
        email = self.cleaned_data.get("email")
        if isinstance(email, str) and "email" not in self.errors:
            existing = selectors.suppression_get_exact(
                email=services.normalize_email(email),
                campaign_id=campaign.pk if campaign is not None else None,
            )
            if existing is not None:
                self.add_error(
                    "email", _("%(id)s already suppresses it.") % {"id": existing.pk}
                )
        return self.cleaned_data


@admin.register(Suppression)
class SuppressionAdmin(ServiceSaveMixin, RoleActionsMixin, admin.ModelAdmin):
    form = SuppressionAdminForm
    list_display = ("email", "reason", "campaign", "note", "created_at")
    list_filter = ("reason", "campaign")
    list_select_related = ("campaign",)
    search_fields = ("email", "id", "note")
    autocomplete_fields = ("campaign",)
    date_hierarchy = "created_at"

    def get_readonly_fields(
        self, request: HttpRequest, obj: Suppression | None = None
    ) -> tuple[str, ...]:
        # A suppression is a promise to the person: kept as it was recorded.
        if obj is not None:
            return ("id", "email", "reason", "campaign", "note", "created_at")
        return ()

    def has_delete_permission(
        self, request: HttpRequest, obj: Suppression | None = None
    ) -> bool:
        return False

    def save_model(
        self,
        request: HttpRequest,
        obj: Suppression,
        form: forms.ModelForm,
        change: bool,
    ) -> None:
        if change:
            return
        campaign = form.cleaned_data["campaign"]
        try:
            saved, _created, cancelled = services.suppression_add(
                email=form.cleaned_data["email"],
                reason=form.cleaned_data["reason"],
                campaign_id=campaign.pk if campaign is not None else None,
                note=form.cleaned_data["note"],
            )
        except CamError as exc:
            self.refuse_save(request, exc)
            return
        if cancelled:
            self.message_user(
                request,
                f"{cancelled} queued outreach message(s) to {saved.email} cancelled.",
                messages.WARNING,
            )
        _adopt(obj, saved)


class ReadOnlyAdminMixin:
    """Rows written only by services: listed and shown, never edited here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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
class OutreachPlanAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "lead",
        "campaign",
        "mode",
        "timezone",
        "replaced_at",
        "created_at",
    )
    list_filter = ("mode", "campaign")
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
class OutreachAttemptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "lead",
        "campaign",
        "channel",
        "step",
        "scheduled_for",
        "status",
    )
    list_filter = ("status", "channel", "campaign", "send_date")
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
