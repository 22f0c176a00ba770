"""HTTP endpoints of QC: read QC results (SPEC §5)."""

import django_filters
from drf_spectacular.utils import extend_schema
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
from qc import api as qc_api
from qc.dto import ResultStatus
from qc.rest.serializers import QcResultSerializer


class QcResultListView(ApiView):
    """List QC results oldest first; revoked ones only when asked by status."""

    permission_required = "qc.view_qcresult"

    class FilterSet(PageFilterSet):
        draft_id = django_filters.CharFilter(
            label="draft_id", max_length=120, help_text="Only this draft's results."
        )
        status = EnumFilter(
            ResultStatus,
            label="status",
            help_text="Only results in this status (revoked ones need it).",
        )

    @extend_schema(
        summary="List QC results",
        parameters=filter_parameters(FilterSet),
        responses=responses({200: page_of(QcResultSerializer)}, 400),
    )
    def get(self, request: Request) -> Response:
        params = query_params(self.FilterSet, request)
        results = qc_api.result_list(
            draft_id=params.get("draft_id"),
            status=params.get("status"),
            limit=params["limit"],
            after_id=params.get("after"),
            scope=self.scope,
        )
        return page_response(
            request, results, QcResultSerializer, limit=params["limit"]
        )


class QcResultDetailView(ApiView):
    """Retrieve one QC result with all its checks, whatever its status."""

    permission_required = "qc.view_qcresult"

    @extend_schema(
        summary="Retrieve a QC result",
        parameters=[path_parameter("qc_result_id", "A QC result id (`qc_…`).")],
        responses=responses({200: QcResultSerializer}, 404),
    )
    def get(self, request: Request, qc_result_id: str) -> Response:
        result = qc_api.result_get(result_id=qc_result_id, scope=self.scope)
        return Response(QcResultSerializer(result).data)
