"""What every app's admin shares: write actions gated by the user's role.

Roles are Django groups (:mod:`aicmo_site.kernel.permissions`): ``operators`` hold the
models' ``change`` permissions and orchestration's ``start_run``, ``retry_run`` and
``cancel_run``; ``viewers`` hold only ``view``. An admin action names what it needs in
Django's ``allowed_permissions``, so it is listed only for users who hold it, and
:class:`RoleActionsMixin` answers 403 when such an action is posted anyway.

Every model admin also mixes in :class:`ScopedAdminMixin`: a member of an account
team lists, opens, exports and acts on its clients' rows only
(:mod:`aicmo_site.kernel.scope`).
"""

from typing import Any, ClassVar

from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from aicmo_site.kernel.scope import scope_of


class RoleActionsMixin:
    """Admin actions that need a role; mix in before ``admin.ModelAdmin``.

    ``allowed_permissions = ("amend",)`` asks for the model's Django ``change``
    permission even when the admin shows rows read-only (its ``has_change_permission``
    is False because rows change only through services).
    """

    def has_amend_permission(self, request: HttpRequest) -> bool:
        """Return whether the user may run write actions on this model."""
        opts = self.opts  # type: ignore[attr-defined]
        codename = get_permission_codename("change", opts)
        return request.user.has_perm(f"{opts.app_label}.{codename}")

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Refuse (403) a posted action the user's role does not allow."""
        action = request.POST.get("action") if request.method == "POST" else None
        if action and action not in self.get_actions(request):  # type: ignore[attr-defined]
            declared = {
                item if isinstance(item, str) else item.__name__
                for item in self.actions or ()  # type: ignore[attr-defined]
            }
            declared.update(name for name, _ in self.admin_site.actions)  # type: ignore[attr-defined]
            if action in declared:
                raise PermissionDenied
        return super().changelist_view(request, extra_context)  # type: ignore[misc]


class ReadOnlyAdminMixin:
    """Rows written only by an app's services: listed and shown, never edited here.

    Mix into a ``ModelAdmin`` (after :class:`RoleActionsMixin`) or an inline. Write
    actions that go through services stay available through ``allowed_permissions``.
    """

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ScopedAdminMixin:
    """Rows limited to the user's account teams; mix in before ``admin.ModelAdmin``.

    Name the field that ties a row to its client: ``scope_brief_field`` (rows of a
    brief, such as ``"brief_id"``) or ``scope_client_field`` (``"client_id"``, or
    ``"id"`` on the client itself). With neither, the rows belong to no client
    (client acquisition) and only users who see every client see them. The change
    list, the change page (404-like "does not exist" for others), exports and
    actions all start from :meth:`get_queryset`, so all of them honour the scope.
    """

    scope_brief_field: ClassVar[str | None] = None
    scope_client_field: ClassVar[str | None] = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        scope = scope_of(request.user)
        if self.scope_brief_field:
            return scope.by_brief(queryset, self.scope_brief_field)
        if self.scope_client_field:
            return scope.by_client(queryset, self.scope_client_field)
        return scope.agency_wide(queryset)
