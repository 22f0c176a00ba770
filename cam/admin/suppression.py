"""Admin for the suppression list: added through the service, never edited here."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.admin import RoleActionsMixin, ScopedAdminMixin
from aicmo_site.kernel.scope import scope_of
from cam import selectors
from cam.admin.base import AgencyWideAddMixin, ServiceSaveMixin, adopt
from cam.errors import CamError
from cam.models import Suppression
from cam.services import leads as lead_services
from cam.services import suppression as suppression_services


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
                email=lead_services.normalize_email(email),
                campaign_id=campaign.pk if campaign is not None else None,
            )
            if existing is not None:
                self.add_error(
                    "email", _("%(id)s already suppresses it.") % {"id": existing.pk}
                )
        return self.cleaned_data


@admin.register(Suppression)
class SuppressionAdmin(
    ServiceSaveMixin,
    AgencyWideAddMixin,
    ScopedAdminMixin,
    RoleActionsMixin,
    admin.ModelAdmin,
):
    form = SuppressionAdminForm
    list_display = ("email", "reason", "campaign", "note", "created_at")
    list_filter = ("reason", ("campaign", admin.RelatedOnlyFieldListFilter))
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
            saved, _created, cancelled = suppression_services.suppression_add(
                email=form.cleaned_data["email"],
                reason=form.cleaned_data["reason"],
                campaign_id=campaign.pk if campaign is not None else None,
                note=form.cleaned_data["note"],
                scope=scope_of(request.user),
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
        adopt(obj, saved)
