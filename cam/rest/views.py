"""HTTP endpoints of client acquisition: campaigns and leads (SPEC §5)."""

from decimal import Decimal

import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
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
from cam import api as cam_api
from cam.dto import CampaignMode, CampaignStatus, LeadGrade, LeadStatus
from cam.rest.serializers import CampaignSerializer, LeadSerializer, money

CAMPAIGN_ID = path_parameter("campaign_id", "A campaign id (`cam_…`).")
LEAD_ID = path_parameter("lead_id", "A lead id (`lead_…`).")


def _unit_interval(*, required: bool = True) -> serializers.DecimalField:
    """A score from 0 to 1; more than four places are rounded half-up."""
    return serializers.DecimalField(
        max_digits=None,
        decimal_places=None,
        min_value=Decimal(0),
        max_value=Decimal(1),
        required=required,
    )


# --- campaigns ------------------------------------------------------------------


class CampaignListView(ApiView):
    """List campaigns in id (creation) order."""

    permission_required = "cam.view_campaign"

    class FilterSet(PageFilterSet):
        status = django_filters.ChoiceFilter(
            label="status",
            choices=[(s.value, s.value) for s in CampaignStatus],
            help_text="Only campaigns in this status.",
        )

    @extend_schema(
        summary="List campaigns",
        parameters=filter_parameters(FilterSet),
        responses=responses({200: page_of(CampaignSerializer)}, 400),
    )
    def get(self, request: Request) -> Response:
        params = query_params(self.FilterSet, request)
        campaigns = cam_api.campaign_list(
            status=params.get("status"),
            limit=params["limit"],
            after_id=params.get("after"),
        )
        return page_response(
            request, campaigns, CampaignSerializer, limit=params["limit"]
        )


class CampaignCreateView(ApiView):
    """Create a campaign; it starts ACTIVE."""

    permission_required = "cam.add_campaign"

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        niche = serializers.CharField(max_length=200)
        offer = serializers.CharField()
        target_clients = serializers.IntegerField(min_value=1)
        target_monthly_revenue = money(
            min_value=Decimal(0), required=False, allow_null=True
        )
        mode = serializers.ChoiceField(
            choices=[m.value for m in CampaignMode], required=False
        )
        banned_words = serializers.ListField(
            child=serializers.CharField(allow_blank=True), required=False
        )

    @extend_schema(
        summary="Create a campaign",
        request=InputSerializer,
        responses=responses({201: CampaignSerializer}, 400),
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        campaign = cam_api.campaign_create(**serializer.validated_data)
        return Response(
            CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED
        )


class CampaignDetailView(ApiView):
    """Retrieve one campaign."""

    permission_required = "cam.view_campaign"

    @extend_schema(
        summary="Retrieve a campaign",
        parameters=[CAMPAIGN_ID],
        responses=responses({200: CampaignSerializer}, 404),
    )
    def get(self, request: Request, campaign_id: str) -> Response:
        campaign = cam_api.campaign_get(campaign_id=campaign_id)
        return Response(CampaignSerializer(campaign).data)


# --- leads ----------------------------------------------------------------------


class LeadListView(ApiView):
    """List leads in id (creation) order."""

    permission_required = "cam.view_lead"

    class FilterSet(PageFilterSet):
        campaign_id = django_filters.CharFilter(
            label="campaign_id", max_length=120, help_text="Only this campaign's leads."
        )
        status = django_filters.ChoiceFilter(
            label="status",
            choices=[(s.value, s.value) for s in LeadStatus],
            help_text="Only leads in this status.",
        )
        grade = django_filters.ChoiceFilter(
            label="grade",
            choices=[(g.value, g.value) for g in LeadGrade],
            help_text="Only leads of this grade.",
        )

    @extend_schema(
        summary="List leads",
        parameters=filter_parameters(FilterSet),
        responses=responses({200: page_of(LeadSerializer)}, 400),
    )
    def get(self, request: Request) -> Response:
        params = query_params(self.FilterSet, request)
        leads = cam_api.lead_list(
            campaign_id=params.get("campaign_id"),
            status=params.get("status"),
            grade=params.get("grade"),
            limit=params["limit"],
            after_id=params.get("after"),
        )
        return page_response(request, leads, LeadSerializer, limit=params["limit"])


class LeadIngestView(ApiView):
    """Add a scored lead to a campaign, or return the one with the same email."""

    permission_required = "cam.add_lead"

    class InputSerializer(serializers.Serializer):
        campaign_id = serializers.CharField(max_length=120)
        name = serializers.CharField(max_length=200)
        email = serializers.CharField(max_length=254)
        company = serializers.CharField(
            max_length=200, required=False, allow_blank=True
        )
        role = serializers.CharField(max_length=200, required=False, allow_blank=True)
        source = serializers.CharField(  # type: ignore[assignment]
            max_length=50, required=False
        )
        base_score = _unit_interval()
        budget_known = serializers.BooleanField(required=False)
        has_timeline = serializers.BooleanField(required=False)
        pain_points = serializers.CharField(required=False, allow_blank=True)
        engagement = _unit_interval(required=False)

    @extend_schema(
        summary="Ingest a lead",
        description=(
            "Emails are compared trimmed and lower-cased, per campaign: a duplicate "
            "answers 200 with the existing lead, unchanged."
        ),
        request=InputSerializer,
        responses=responses(
            {
                201: OpenApiResponse(LeadSerializer, description="A new lead."),
                200: OpenApiResponse(
                    LeadSerializer, description="The campaign's lead with this email."
                ),
            },
            400,
            404,
            409,
            descriptions={
                404: "NOT_FOUND: no campaign has this id.",
                409: "CONFLICT: the campaign is COMPLETED.",
            },
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = cam_api.lead_ingest(**serializer.validated_data)
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(LeadSerializer(result.lead).data, status=code)


class LeadDetailView(ApiView):
    """Retrieve one lead."""

    permission_required = "cam.view_lead"

    @extend_schema(
        summary="Retrieve a lead",
        parameters=[LEAD_ID],
        responses=responses({200: LeadSerializer}, 404),
    )
    def get(self, request: Request, lead_id: str) -> Response:
        return Response(LeadSerializer(cam_api.lead_get(lead_id=lead_id)).data)


class LeadTransitionView(ApiView):
    """Move a lead to another status (ROUTED only by closing its deal)."""

    permission_required = "cam.change_lead"

    class InputSerializer(serializers.Serializer):
        to = serializers.ChoiceField(
            choices=[s.value for s in LeadStatus if s != LeadStatus.ROUTED]
        )
        reason = serializers.CharField(
            required=False,
            allow_blank=True,
            help_text="Required for MANUAL_REVIEW; kept as `lost_reason` for LOST.",
        )

    @extend_schema(
        summary="Move a lead to another status",
        request=InputSerializer,
        parameters=[LEAD_ID],
        responses=responses(
            {200: LeadSerializer},
            400,
            404,
            409,
            descriptions={
                409: "CONFLICT: the move is not allowed from the lead's status."
            },
        ),
    )
    def post(self, request: Request, lead_id: str) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lead = cam_api.lead_transition(lead_id=lead_id, **serializer.validated_data)
        return Response(LeadSerializer(lead).data)


class LeadCloseView(ApiView):
    """Close a QUALIFIED lead's deal: the lead is ROUTED and the client signed."""

    permission_required = "cam.change_lead"

    class InputSerializer(serializers.Serializer):
        contract_value = money()
        client_email = serializers.CharField(
            max_length=254,
            required=False,
            allow_null=True,
            help_text="The signed client's email; default the lead's.",
        )

    @extend_schema(
        summary="Close a lead's deal",
        request=InputSerializer,
        parameters=[LEAD_ID],
        responses=responses(
            {200: LeadSerializer},
            400,
            404,
            409,
            descriptions={409: "CONFLICT: the lead is not QUALIFIED."},
        ),
    )
    def post(self, request: Request, lead_id: str) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        lead = cam_api.deal_close(lead_id=lead_id, **serializer.validated_data)
        return Response(LeadSerializer(lead).data)
