"""HTTP endpoints of delivery: read packages and download their artifacts (SPEC §5)."""

import mimetypes
from typing import Any

import django_filters
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
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
from delivery import api as delivery_api
from delivery.dto import PackageStatus
from delivery.rest.serializers import PackageSerializer

CONTENT_TYPES = {
    "markdown": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "json": "application/json",
    "zip": "application/zip",
}
PACKAGE_ID = path_parameter("package_id", "A package id (`pkg_<draft_id>_…`).")


class PackageListView(ApiView):
    """List packages by id; revoked ones only when asked by status."""

    permission_required = "delivery.view_package"

    class FilterSet(PageFilterSet):
        draft_id = django_filters.CharFilter(
            label="draft_id", max_length=120, help_text="Only this draft's packages."
        )
        status = EnumFilter(
            PackageStatus,
            label="status",
            help_text="Only packages in this status (revoked ones need it).",
        )

    @extend_schema(
        summary="List packages",
        parameters=filter_parameters(FilterSet),
        responses=responses({200: page_of(PackageSerializer)}, 400),
    )
    def get(self, request: Request) -> Response:
        params = query_params(self.FilterSet, request)
        packages = delivery_api.package_list(
            draft_id=params.get("draft_id"),
            status=params.get("status"),
            limit=params["limit"],
            after_id=params.get("after"),
            scope=self.scope,
        )
        return page_response(
            request,
            packages,
            PackageSerializer,
            limit=params["limit"],
            context={"request": request},
        )


class PackageDetailView(ApiView):
    """Retrieve one package with its artifacts, whatever its status."""

    permission_required = "delivery.view_package"

    @extend_schema(
        summary="Retrieve a package",
        parameters=[PACKAGE_ID],
        responses=responses({200: PackageSerializer}, 404),
    )
    def get(self, request: Request, package_id: str) -> Response:
        package = delivery_api.package_get(package_id=package_id, scope=self.scope)
        return Response(PackageSerializer(package, context={"request": request}).data)


class _AnyAccept(BaseContentNegotiation):
    """A download answers its file's own type whatever ``Accept`` says; errors JSON."""

    def select_parser(self, request: Any, parsers: Any) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(
        self, request: Any, renderers: Any, format_suffix: Any = None
    ) -> Any:
        return renderers[0], renderers[0].media_type


class ArtifactDownloadView(ApiView):
    """Download one artifact of an active package."""

    permission_required = "delivery.view_package"
    content_negotiation_class = _AnyAccept

    @extend_schema(
        summary="Download an artifact",
        description=(
            "Streams the file as an attachment with its own content type. Its bytes "
            "hash to the `sha256` the package lists (also sent as the `ETag`)."
        ),
        parameters=[
            PACKAGE_ID,
            path_parameter("name", "The artifact's name, such as `report.pdf`."),
        ],
        responses=responses(
            {
                # One entry per artifact format: the file is sent with its own type.
                **{
                    (200, media_type.split(";")[0]): OpenApiResponse(
                        OpenApiTypes.OBJECT
                        if media_type == "application/json"
                        else OpenApiTypes.BINARY,
                        description="The file, with its own type: Markdown, HTML, "
                        "PDF, JSON (the package data) or ZIP.",
                    )
                    for media_type in CONTENT_TYPES.values()
                },
                (200, "application/octet-stream"): OpenApiResponse(
                    OpenApiTypes.BINARY,
                    description="A file of any other type.",
                ),
            },
            404,
            descriptions={
                404: "NOT_FOUND: no such package or artifact, or the package is "
                "revoked and its files are gone."
            },
        ),
    )
    def get(self, request: Request, package_id: str, name: str) -> FileResponse:
        artifact, file = delivery_api.artifact_open(
            package_id=package_id, name=name, scope=self.scope
        )
        content_type = CONTENT_TYPES.get(artifact.format) or (
            mimetypes.guess_type(artifact.name)[0] or "application/octet-stream"
        )
        response = FileResponse(
            file, as_attachment=True, filename=artifact.name, content_type=content_type
        )
        response["ETag"] = f'"{artifact.sha256}"'
        return response
