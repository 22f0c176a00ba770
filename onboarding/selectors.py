"""Onboarding reads."""

from django.db.models import QuerySet

from aicmo_site.kernel import paging
from onboarding.models import Brief, Client, NormalizedBrief, Project


def client_list(*, limit: int, after_id: str | None = None) -> QuerySet[Client]:
    return paging.page_by_id(Client.objects.all(), limit=limit, after_id=after_id)


def brief_list(
    *, client_id: str | None, pack: str | None, limit: int, after_id: str | None = None
) -> QuerySet[Brief]:
    queryset = Brief.objects.select_related("client")
    if client_id:
        queryset = queryset.filter(client_id=client_id)
    if pack:
        queryset = queryset.filter(pack=pack)
    return paging.page_by_id(queryset, limit=limit, after_id=after_id, descending=True)


def brief_find(*, brief_id: str) -> Brief | None:
    return Brief.objects.select_related("client").filter(pk=brief_id).first()


def client_find(*, client_id: str) -> Client | None:
    return Client.objects.filter(pk=client_id).first()


def normalized_brief_find(*, normalized_brief_id: str) -> NormalizedBrief | None:
    return (
        NormalizedBrief.objects.select_related("project")
        .filter(pk=normalized_brief_id)
        .first()
    )


def project_find(*, project_id: str) -> Project | None:
    return Project.objects.prefetch_related("transitions").filter(pk=project_id).first()
