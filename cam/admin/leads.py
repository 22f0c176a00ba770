"""Admin for leads: the form, funnel actions, and import/export of lead files.

Leads are imported from CSV or XLSX into a chosen campaign, and exported, with
django-import-export (:mod:`cam.resources`). An upload is read within the import
limits (:mod:`aicmo_site.kernel.imports`), a refusal being the file's form error; the
preview lists at most ``AICMO_IMPORT_PREVIEW_ROWS`` rows; and the confirm step imports
only a file that the same session uploaded, into the campaign chosen then.
"""

from collections import Counter
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ConfirmImportForm
from import_export.results import Result

from aicmo_site.kernel import imports as kernel_imports
from aicmo_site.kernel.admin import RoleActionsMixin, ScopedAdminMixin
from aicmo_site.kernel.scope import scope_of
from cam import resources, selectors
from cam.admin.base import (
    AUDIT_FIELDS,
    AgencyWideAddMixin,
    ServiceSaveMixin,
    adopt,
    changed_fields,
    service_clean,
)
from cam.errors import CamError
from cam.models import Campaign, Lead, OutreachAttempt
from cam.services import leads as lead_services
from cam.services import outreach as outreach_services
from cam.services import qualification as qualification_services

MAX_IMPORT_PROBLEMS_SHOWN = 20
PENDING_KIND = "cam.lead"  # the session's pending lead imports (kernel.imports)
LEAD_FORM_FIELDS = lead_services.LEAD_INPUT_FIELDS
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
        service_clean(self, lead_services.lead_clean, LEAD_FORM_FIELDS)
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
                normalized_email=lead_services.normalize_email(email),
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


class LeadImportForm(kernel_imports.LimitedImportForm):
    """The upload form (size-limited), plus the campaign the leads go into."""

    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.none(),
        label=_("Campaign"),
        help_text=_("The leads are added to this campaign (not a completed one)."),
    )
    field_order = ["campaign", "resource", "import_file", "format"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = _importable_campaigns()
        self.fields["import_file"].help_text = (
            _(
                "A header row, then one lead per row. Errors name the line of the "
                "file: the header is line 1, the first lead line 2."
            )
            + self.limits.help_text()
        )


class LeadConfirmImportForm(ConfirmImportForm):
    """The confirm step carries the campaign chosen on upload.

    Any campaign is accepted here: one completed since the upload is refused by the
    import itself, with a message saying so.
    """

    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.all(), widget=forms.HiddenInput()
    )


@admin.register(Lead)
class LeadAdmin(
    ImportExportMixin,
    ServiceSaveMixin,
    AgencyWideAddMixin,
    ScopedAdminMixin,
    RoleActionsMixin,
    admin.ModelAdmin,
):
    form = LeadAdminForm
    import_form_class = LeadImportForm
    confirm_form_class = LeadConfirmImportForm
    import_formats = [resources.LineNumberedCSV, kernel_imports.BoundedXLSX]
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
    # Only campaigns of listed leads: a limited user's (empty) list names none.
    list_filter = (
        ("campaign", admin.RelatedOnlyFieldListFilter),
        "status",
        "grade",
        "source",
    )
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
        # The same permission as POST /api/v1/leads/, and agency-wide users only.
        return scope_of(request.user).is_all and request.user.has_perm("cam.add_lead")

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

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """Preview an upload: bounded, and remembered in the session if offered."""
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None)
        if not isinstance(response, TemplateResponse) or context is None:
            return response
        confirm = context.get("confirm_form")
        upload = request.FILES.get("import_file")
        saved = getattr(upload, "tmp_storage_name", None)
        if confirm is not None:
            kernel_imports.pending_import_add(
                request,
                kind=PENDING_KIND,
                file_name=confirm.initial["import_file_name"],
                format=str(confirm.initial["format"]),
                campaign=str(confirm.initial["campaign"]),
            )
        elif saved:
            kernel_imports.temp_file_remove(saved)  # nothing to confirm: not kept
        result = context.get("result")
        if result is not None:
            limit = kernel_imports.ImportLimits.from_settings().preview_rows
            context["preview_hidden"] = kernel_imports.preview_bound(result, limit)
        return response

    def add_data_read_fail_error_to_form(self, form: Any, e: Exception) -> None:
        if isinstance(e, kernel_imports.ImportFileRefused):
            form.add_error("import_file", e.message)  # names the limit
            return
        super().add_data_read_fail_error_to_form(form, e)

    def process_import(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """Import a previewed file, only if this session uploaded it (else nothing)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm = self.create_confirm_form(request)
        if request.method != "POST" or not confirm.is_valid():
            return super().process_import(request, **kwargs)
        data = confirm.cleaned_data
        if not kernel_imports.pending_import_take(
            request,
            kind=PENDING_KIND,
            file_name=data["import_file_name"],
            format=str(data["format"]),
            campaign=str(data["campaign"].pk),
        ):
            messages.error(
                request,
                "Nothing was imported: this import is not one you previewed in this "
                "session, or it was already confirmed. Upload the file again.",
            )
            return HttpResponseRedirect(reverse("admin:cam_lead_import"))
        try:
            return super().process_import(request, **kwargs)
        except kernel_imports.ImportFileRefused as exc:
            problem = exc.message
        except OSError:
            problem = "The file of this import is no longer there."
        kernel_imports.temp_file_remove(data["import_file_name"])
        messages.error(request, f"Nothing was imported: {problem} Upload it again.")
        return HttpResponseRedirect(reverse("admin:cam_lead_import"))

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
        if obj.status in lead_services.FINAL_LEAD_STATUSES:
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
        scope = scope_of(request.user)
        try:
            if change:
                saved = lead_services.lead_update(
                    lead_id=obj.pk,
                    changes=changed_fields(form, LEAD_FORM_FIELDS),
                    scope=scope,
                )
            else:
                saved, created = lead_services.lead_ingest(
                    campaign_id=form.cleaned_data["campaign"].pk,
                    **{name: form.cleaned_data[name] for name in LEAD_FORM_FIELDS},
                    scope=scope,
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
        adopt(obj, saved)

    def _transition(
        self,
        request: HttpRequest,
        queryset: QuerySet[Lead],
        to: str,
        reason: str = "",
    ) -> None:
        scope = scope_of(request.user)
        moved = 0
        for lead_id in queryset.values_list("pk", flat=True):
            try:
                lead_services.lead_transition(
                    lead_id=lead_id, to=to, reason=reason, scope=scope
                )
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
        scope = scope_of(request.user)
        outcomes: Counter[str] = Counter()
        for lead_id in queryset.values_list("pk", flat=True):
            try:
                result = qualification_services.lead_qualify(
                    lead_id=lead_id, scope=scope
                )
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
        scope = scope_of(request.user)
        created = existing = 0
        for lead_id in queryset.values_list("pk", flat=True):
            try:
                _, new = outreach_services.lead_plan_outreach(
                    lead_id=lead_id, scope=scope
                )
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
