"""Onboarding reads."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from aicmo_site.kernel import paging
from aicmo_site.kernel.scope import ALL, NOTHING, Scope
from onboarding.models import AccountTeam, Brief, Client, NormalizedBrief, Project


def client_list(
    *, limit: int, after_id: str | None = None, scope: Scope = ALL
) -> QuerySet[Client]:
    return paging.page_by_id(
        scope.by_client(Client.objects.all(), "id"), limit=limit, after_id=after_id
    )


def brief_list(
    *,
    client_id: str | None,
    pack: str | None,
    limit: int,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> QuerySet[Brief]:
    queryset = scope.by_client(Brief.objects.select_related("client"))
    if client_id:
        queryset = queryset.filter(client_id=client_id)
    if pack:
        queryset = queryset.filter(pack=pack)
    return paging.page_by_id(queryset, limit=limit, after_id=after_id, descending=True)


def brief_find(*, brief_id: str, scope: Scope = ALL) -> Brief | None:
    queryset = scope.by_client(Brief.objects.select_related("client"))
    return queryset.filter(pk=brief_id).first()


def client_find(*, client_id: str, scope: Scope = ALL) -> Client | None:
    return scope.by_client(Client.objects.all(), "id").filter(pk=client_id).first()


def normalized_brief_find(*, normalized_brief_id: str) -> NormalizedBrief | None:
    return (
        NormalizedBrief.objects.select_related("project")
        .filter(pk=normalized_brief_id)
        .first()
    )


def project_find(*, project_id: str) -> Project | None:
    return Project.objects.prefetch_related("transitions").filter(pk=project_id).first()


def scope_for_user(user: Any) -> Scope:
    """Return the account-team scope (ADR 0009) of a signed-in, non-superuser ``user``.

    Registered with :func:`aicmo_site.kernel.scope.set_resolver` when the app is ready;
    every surface asks :func:`aicmo_site.kernel.scope.scope_of`, never this.

    No team: every client, or none with ``AICMO_ACCOUNT_TEAMS_REQUIRED``. A team marked
    ``all_clients``: every client. Otherwise the union of the teams' clients, with the
    ids of their briefs (three queries).
    """
    teams = list(
        AccountTeam.objects.filter(members=user).values_list("all_clients", flat=True)
    )
    if not teams:
        return NOTHING if settings.AICMO_ACCOUNT_TEAMS_REQUIRED else ALL
    if any(teams):
        return ALL
    client_ids = Client.objects.filter(account_teams__members=user).values_list(
        "id", flat=True
    )
    brief_ids = Brief.objects.filter(client__account_teams__members=user).values_list(
        "id", flat=True
    )
    return Scope.of_clients(client_ids, brief_ids)
