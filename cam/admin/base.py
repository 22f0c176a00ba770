"""What the cam admins share: saves made by a service, a refused save shown, scope.

The admin's own ``save()`` is replaced by a :mod:`cam.services` call; :func:`adopt`
copies the saved row back into the admin's instance, so its pages show it.

Client acquisition belongs to no client, so every cam admin mixes in
``ScopedAdminMixin`` without a field: a user whose account teams limit them to some
clients lists, opens, exports and acts on nothing, and :class:`AgencyWideAddMixin`
refuses them the add form.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from aicmo_site.kernel.scope import scope_of
from cam.errors import CamError, ValidationFailed

AUDIT_FIELDS = ("id", "created_at", "updated_at")
_SAVE_REFUSED = "_cam_save_refused"  # set on a request whose save a service refused


def adopt(target: Model, saved: Model) -> None:
    """Copy the row a service saved into the admin's own instance of it."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False


def changed_fields(form: Any, names: Iterable[str]) -> dict[str, Any]:
    """Return the form's cleaned values of ``names`` that the user changed."""
    wanted = set(names)
    return {n: form.cleaned_data[n] for n in form.changed_data if n in wanted}


class AgencyWideAddMixin:
    """Only agency-wide users (account teams) may add client acquisition rows."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        if not scope_of(request.user).is_all:
            return False
        return super().has_add_permission(request)  # type: ignore[misc]


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


def service_clean(
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
