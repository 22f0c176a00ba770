"""Onboarding reads."""

from django.db.models import QuerySet

from onboarding.models import Brief, Client, NormalizedBrief, Project


def client_list(*, limit: int, after_id: str | None = None) -> QuerySet[Client]:
    queryset = Client.objects.order_by("id")
    if after_id:
        queryset = queryset.filter(id__gt=after_id)
    return queryset[:limit]


def brief_list(
    *, client_id: str | None, pack: str | None, limit: int, after_id: str | None = None
) -> QuerySet[Brief]:
    queryset = Brief.objects.select_related("client").order_by("-id")
    if client_id:
        queryset = queryset.filter(client_id=client_id)
    if pack:
        queryset = queryset.filter(pack=pack)
    if after_id:
        queryset = queryset.filter(id__lt=after_id)
    return queryset[:limit]


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
