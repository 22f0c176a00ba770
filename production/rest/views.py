"""HTTP endpoints of production: read content drafts (SPEC §5)."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from aicmo_site.kernel.rest import (
    ApiView,
    EnumFilter,
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
        status = EnumFilter(
            DraftStatus,
            label="status",
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
            scope=self.scope,
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
        draft = production_api.draft_get(draft_id=draft_id, scope=self.scope)
        return Response(DraftSerializer(draft).data)


class DraftSectionAmendView(ApiView):
    """Replace one section of a draft, if the caller names its current version."""

    permission_required = "production.change_draft"

    class InputSerializer(serializers.Serializer):
        body = serializers.CharField(
            trim_whitespace=False,
            max_length=100_000,
            help_text="The section's new Markdown, without its `## ` heading.",
        )
        expected_version = serializers.IntegerField(
            min_value=1,
            help_text="The draft version this edit is based on (optimistic lock).",
        )
        note = serializers.CharField(required=False, allow_blank=True, max_length=1000)

    @extend_schema(
        summary="Amend a draft section",
        description=(
            "Creates a new draft version. A stale `expected_version` answers 409 "
            "CONFLICT with `current_version` in `details`, and changes nothing. "
            "Re-run QC and packaging with `POST /api/v1/drafts/{id}/redeliver/`."
        ),
        request=InputSerializer,
        parameters=[
            path_parameter("draft_id", "A draft id (`draft_…`)."),
            path_parameter("section_key", "A section key of the draft's pack."),
        ],
        responses=responses({200: DraftSerializer}, 400, 404, 409),
    )
    def put(self, request: Request, draft_id: str, section_key: str) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        draft = production_api.draft_amend(
            draft_id=draft_id,
            section_key=section_key,
            body=data["body"],
            expected_version=data["expected_version"],
            amended_by=request.user.get_username(),
            note=data.get("note", ""),
            scope=self.scope,
        )
        return Response(DraftSerializer(draft).data)
