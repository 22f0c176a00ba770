"""HTTP endpoints of production: read content drafts (SPEC §5)."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from aicmo_site.kernel.rest import (
    ApiView,
    PageFilterSet,
    filter_parameters,
    page_of,
    page_response,
    path_parameter,
    query_params,
    responses,
)
from production import api as production_api
from production.dto import DraftStatus
from production.rest.serializers import DraftSerializer


class DraftListView(ApiView):
    """List drafts in creation order; discarded ones only when asked by status."""

    permission_required = "production.view_draft"

    class FilterSet(PageFilterSet):
        brief_id = django_filters.CharFilter(
            label="brief_id", max_length=120, help_text="Only this brief's drafts."
        )
        status = django_filters.ChoiceFilter(
            label="status",
            choices=[(s.value, s.value) for s in DraftStatus],
            help_text="Only drafts in this status (discarded ones need it).",
        )

    @extend_schema(
        summary="List drafts",
        parameters=filter_parameters(FilterSet),
        responses=responses({200: page_of(DraftSerializer)}, 400),
    )
    def get(self, request: Request) -> Response:
        params = query_params(self.FilterSet, request)
        drafts = production_api.draft_list(
            brief_id=params.get("brief_id"),
            status=params.get("status"),
            limit=params["limit"],
            after_id=params.get("after"),
        )
        return page_response(request, drafts, DraftSerializer, limit=params["limit"])


class DraftDetailView(ApiView):
    """Retrieve one draft, whatever its status."""

    permission_required = "production.view_draft"

    @extend_schema(
        summary="Retrieve a draft",
        parameters=[path_parameter("draft_id", "A draft id (`draft_…`).")],
        responses=responses({200: DraftSerializer}, 404),
    )
    def get(self, request: Request, draft_id: str) -> Response:
        return Response(
            DraftSerializer(production_api.draft_get(draft_id=draft_id)).data
        )
