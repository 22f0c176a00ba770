"""HTTP endpoints of strategy: read strategies (SPEC §5)."""

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
from strategy import api as strategy_api
from strategy.dto import StrategyStatus
from strategy.rest.serializers import StrategySerializer


class StrategyListView(ApiView):
    """List strategies in creation order; discarded ones only when asked by status."""

    permission_required = "strategy.view_strategy"

    class FilterSet(PageFilterSet):
        brief_id = django_filters.CharFilter(
            label="brief_id", max_length=120, help_text="Only this brief's strategies."
        )
        status = EnumFilter(
            StrategyStatus,
            label="status",
            help_text="Only strategies in this status (discarded ones need it).",
        )

    @extend_schema(
        summary="List strategies",
        parameters=filter_parameters(FilterSet),
        responses=responses({200: page_of(StrategySerializer)}, 400),
    )
    def get(self, request: Request) -> Response:
        params = query_params(self.FilterSet, request)
        strategies = strategy_api.strategy_list(
            brief_id=params.get("brief_id"),
            status=params.get("status"),
            limit=params["limit"],
            after_id=params.get("after"),
            scope=self.scope,
        )
        return page_response(
            request, strategies, StrategySerializer, limit=params["limit"]
        )


class StrategyDetailView(ApiView):
    """Retrieve one strategy, whatever its status."""

    permission_required = "strategy.view_strategy"

    @extend_schema(
        summary="Retrieve a strategy",
        parameters=[path_parameter("strategy_id", "A strategy id (`strat_…`).")],
        responses=responses({200: StrategySerializer}, 404),
    )
    def get(self, request: Request, strategy_id: str) -> Response:
        strategy = strategy_api.strategy_get(strategy_id=strategy_id, scope=self.scope)
        return Response(StrategySerializer(strategy).data)
