"""Roles, and the permission check every REST view makes.

Two Django groups carry the roles. ``viewers`` may read everything; ``operators`` may
also submit briefs, start, retry and cancel runs and change records (SPEC §1: they run
and amend engagements). Superusers may do anything. A view names the one Django
permission its operation needs in ``permission_required``; the groups hold those
permissions, so the admin and the API enforce the same rules.
"""

from typing import Any

from rest_framework.permissions import BasePermission

OPERATORS = "operators"
VIEWERS = "viewers"
ROLE_APP_LABELS = (
    "onboarding",
    "strategy",
    "production",
    "qc",
    "delivery",
    "cam",
    "orchestration",
)
VIEWER_ACTIONS = ("view",)
OPERATOR_ACTIONS = ("view", "add", "change")
# Custom permissions (``Meta.permissions``) only operators hold. Amending a draft
# needs ``production.change_draft``, which OPERATOR_ACTIONS already grants.
OPERATOR_PERMISSIONS = (
    "orchestration.start_run",
    "orchestration.retry_run",
    "orchestration.cancel_run",
)
# Models no role group gets permissions on: account teams decide what each member
# sees, so only superusers manage them (ADR 0009).
ROLE_EXCLUDED_MODELS = ("onboarding.accountteam",)


def roles_sync(*, apps: Any, using: str = "default") -> None:
    """Create the role groups if missing and grant them their permissions.

    Idempotent and additive: permissions granted by hand are kept. ``apps`` is the app
    registry a ``post_migrate`` signal passes (or ``django.apps.apps``).
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    permissions = [
        p
        for p in permission_model.objects.using(using)
        .filter(content_type__app_label__in=ROLE_APP_LABELS)
        .select_related("content_type")
        if f"{p.content_type.app_label}.{p.content_type.model}"
        not in ROLE_EXCLUDED_MODELS
    ]

    def granted(actions: tuple[str, ...], extra: tuple[str, ...]) -> list[Any]:
        return [
            p
            for p in permissions
            if p.codename.split("_", 1)[0] in actions
            or f"{p.content_type.app_label}.{p.codename}" in extra
        ]

    for name, chosen in (
        (VIEWERS, granted(VIEWER_ACTIONS, ())),
        (OPERATORS, granted(OPERATOR_ACTIONS, OPERATOR_PERMISSIONS)),
    ):
        group, _ = group_model.objects.using(using).get_or_create(name=name)
        group.permissions.add(*chosen)


class HasOperationPermission(BasePermission):
    """Allow an authenticated user who holds the view's ``permission_required``.

    Unauthenticated requests fail here too, so DRF answers 401 (TokenAuthentication,
    listed first, gives the ``WWW-Authenticate`` header); authenticated users without
    the permission get 403.
    """

    message = "Your role does not allow this action."

    def has_permission(self, request: Any, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        required = getattr(view, "permission_required", "")
        if required and user.has_perm(required):
            return True
        role = (
            OPERATORS if required.split(".")[-1].split("_", 1)[0] != "view" else VIEWERS
        )
        self.message = (
            f"Your role does not allow this action: it needs the '{required}' "
            f"permission, which the '{role}' group grants."
        )
        return False
