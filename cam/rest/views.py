"""HTTP endpoints of client acquisition: campaigns and leads (SPEC §5)."""

from decimal import Decimal

import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from aicmo_site.kernel.parsers import JSONParser
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
from cam import api as cam_api
from cam.dto import (
    CampaignMode,
    CampaignStatus,
    LeadGrade,
    LeadStatus,
    SuppressionReason,
)
from cam.rest.serializers import (
    AwareDateTimeField,
    CampaignSerializer,
    LeadQualificationSerializer,
    LeadSerializer,
    LocalTimeField,
    OutreachPlanSerializer,
    SuppressionSerializer,
    money,
)

CAMPAIGN_ID = path_parameter("campaign_id", "A campaign id (`cam_…`).")
LEAD_ID = path_parameter("lead_id", "A lead id (`lead_…`).")
# Client acquisition is agency-wide: a user limited to some clients sees no campaign,
# lead or suppression (lists empty, ids not found) and may create none.
AGENCY_WIDE_403 = (
    "PERMISSION_DENIED: the user's role does not allow this, or their account teams "
    "limit them to some clients (client acquisition is for agency-wide users)."
)


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
        status = EnumFilter(
            CampaignStatus, label="status", help_text="Only campaigns in this status."
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
            scope=self.scope,
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
        competitor_domains = serializers.ListField(
            child=serializers.CharField(allow_blank=True, max_length=253),
            required=False,
            help_text="Domains (rival.com) whose leads qualification rejects.",
        )
        daily_send_cap = serializers.IntegerField(
            min_value=1, max_value=1000, required=False, help_text="Default 50."
        )
        send_timezone = serializers.CharField(
            max_length=64, required=False, help_text="IANA name; default UTC."
        )
        send_window_start = LocalTimeField(required=False, help_text="Default 09:00.")
        send_window_end = LocalTimeField(
            required=False, help_text="Default 17:00; after the start."
        )

    @extend_schema(
        summary="Create a campaign",
        request=InputSerializer,
        responses=responses(
            {201: CampaignSerializer}, 400, descriptions={403: AGENCY_WIDE_403}
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        campaign = cam_api.campaign_create(
            **serializer.validated_data, scope=self.scope
        )
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
        campaign = cam_api.campaign_get(campaign_id=campaign_id, scope=self.scope)
        return Response(CampaignSerializer(campaign).data)


# --- leads ----------------------------------------------------------------------


class LeadListView(ApiView):
    """List leads in id (creation) order."""

    permission_required = "cam.view_lead"

    class FilterSet(PageFilterSet):
        campaign_id = django_filters.CharFilter(
            label="campaign_id", max_length=120, help_text="Only this campaign's leads."
        )
        status = EnumFilter(
            LeadStatus, label="status", help_text="Only leads in this status."
        )
        grade = EnumFilter(
            LeadGrade, label="grade", help_text="Only leads of this grade."
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
            scope=self.scope,
        )
        return page_response(request, leads, LeadSerializer, limit=params["limit"])


class LeadIngestView(ApiView):
    """Add a scored lead to a campaign, or return the one with the same email."""

    permission_required = "cam.add_lead"

    class InputSerializer(serializers.Serializer):
        campaign_id = serializers.CharField(max_length=120)
        name = serializers.CharField(max_length=200)
        email = serializers.EmailField(max_length=254)
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
                403: AGENCY_WIDE_403,
                404: "NOT_FOUND: no campaign has this id.",
                409: "CONFLICT: the campaign is COMPLETED.",
            },
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = cam_api.lead_ingest(**serializer.validated_data, scope=self.scope)
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
        return Response(
            LeadSerializer(cam_api.lead_get(lead_id=lead_id, scope=self.scope)).data
        )


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
        lead = cam_api.lead_transition(
            lead_id=lead_id, **serializer.validated_data, scope=self.scope
        )
        return Response(LeadSerializer(lead).data)


class LeadCloseView(ApiView):
    """Close a QUALIFIED lead's deal: the lead is ROUTED and the client signed."""

    permission_required = "cam.change_lead"

    class InputSerializer(serializers.Serializer):
        contract_value = money(min_value=Decimal("0.01"))
        client_email = serializers.EmailField(
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
        lead = cam_api.deal_close(
            lead_id=lead_id, **serializer.validated_data, scope=self.scope
        )
        return Response(LeadSerializer(lead).data)


class LeadQualifyView(ApiView):
    """Run qualification on a lead: reject it, send it to review, or pass it."""

    permission_required = "cam.change_lead"

    @extend_schema(
        summary="Qualify a lead",
        description=(
            "Rejections (INVALID_EMAIL, SUPPRESSED, COMPETITOR_DOMAIN, ROLE_ACCOUNT) "
            "move the lead to LOST with `lost_reason_code`; borderline findings "
            "(FREE_MAIL_DOMAIN, MISSING_COMPANY, LOW_GRADE) to MANUAL_REVIEW with "
            "`review_codes`. A clean lead becomes QUALIFIED from REPLIED (or from a "
            "review qualification opened); earlier in the funnel the outcome is "
            "PASSED and the lead is unchanged."
        ),
        request=None,
        parameters=[LEAD_ID],
        responses=responses(
            {200: LeadQualificationSerializer},
            404,
            409,
            descriptions={
                409: "CONFLICT: the lead is QUALIFIED, ROUTED or LOST; nothing changes."
            },
        ),
    )
    def post(self, request: Request, lead_id: str) -> Response:
        result = cam_api.lead_qualify(lead_id=lead_id, scope=self.scope)
        return Response(LeadQualificationSerializer(result).data)


class LeadPlanOutreachView(ApiView):
    """Plan a lead's outreach sequence, or return its existing plan."""

    permission_required = "cam.change_lead"
    parser_classes = [JSONParser]

    class InputSerializer(serializers.Serializer):
        start = AwareDateTimeField(
            required=False,
            help_text=(
                "Plan as if now were this time (default: now), with its time zone "
                "(Z or an offset); the first message goes out in the first send "
                "window that has not started yet."
            ),
        )

    @extend_schema(
        summary="Plan a lead's outreach",
        description=(
            "Email intro, follow-up (day 3) and break-up (day 7); LinkedIn connection "
            "note and follow-up (day 5). Weekdays inside the campaign's send window, "
            "within its daily cap. The same inputs give the same plan. cam never "
            "sends: SIMULATION records PROOF_SENT, LIVE records QUEUED for delivery."
        ),
        request=InputSerializer,
        parameters=[LEAD_ID],
        responses=responses(
            {
                201: OpenApiResponse(OutreachPlanSerializer, description="A new plan."),
                200: OpenApiResponse(
                    OutreachPlanSerializer, description="The lead's existing plan."
                ),
            },
            400,
            404,
            409,
            descriptions={
                409: (
                    "LEAD_SUPPRESSED: the lead's email is suppressed. BANNED_WORD: "
                    "the lead's name or company holds a banned word. CONFLICT: the "
                    "lead is not NEW, ENRICHED or CONTACTED, or the campaign is not "
                    "ACTIVE."
                )
            },
        ),
    )
    def post(self, request: Request, lead_id: str) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = cam_api.lead_plan_outreach(
            lead_id=lead_id, **serializer.validated_data, scope=self.scope
        )
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(OutreachPlanSerializer(result.plan).data, status=code)


# --- suppressions ----------------------------------------------------------------


class SuppressionListView(ApiView):
    """List suppressions in id (creation) order."""

    permission_required = "cam.view_suppression"

    class FilterSet(PageFilterSet):
        email = django_filters.CharFilter(
            label="email", max_length=254, help_text="Only this address."
        )
        campaign_id = django_filters.CharFilter(
            label="campaign_id",
            max_length=120,
            help_text="Only those that apply to this campaign (its own and global).",
        )
        reason = EnumFilter(
            SuppressionReason, label="reason", help_text="Only this reason."
        )

    @extend_schema(
        summary="List suppressions",
        parameters=filter_parameters(FilterSet),
        responses=responses({200: page_of(SuppressionSerializer)}, 400),
    )
    def get(self, request: Request) -> Response:
        params = query_params(self.FilterSet, request)
        suppressions = cam_api.suppression_list(
            email=params.get("email"),
            campaign_id=params.get("campaign_id"),
            reason=params.get("reason"),
            limit=params["limit"],
            after_id=params.get("after"),
            scope=self.scope,
        )
        return page_response(
            request, suppressions, SuppressionSerializer, limit=params["limit"]
        )


class SuppressionAddView(ApiView):
    """Suppress an address, for one campaign or for all."""

    permission_required = "cam.add_suppression"

    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField(max_length=254)
        reason = serializers.ChoiceField(choices=[r.value for r in SuppressionReason])
        campaign_id = serializers.CharField(
            max_length=120,
            required=False,
            allow_null=True,
            help_text="Only for this campaign; omit or null for every campaign.",
        )
        note = serializers.CharField(max_length=2000, required=False, allow_blank=True)

    @extend_schema(
        summary="Suppress an address",
        description=(
            "The email is compared trimmed and lower-cased. An existing suppression "
            "of the same scope answers 200, unchanged. Queued outreach to the "
            "address is cancelled."
        ),
        request=InputSerializer,
        responses=responses(
            {
                201: OpenApiResponse(
                    SuppressionSerializer, description="A new suppression."
                ),
                200: OpenApiResponse(
                    SuppressionSerializer, description="The existing suppression."
                ),
            },
            400,
            404,
            descriptions={
                403: AGENCY_WIDE_403,
                404: "NOT_FOUND: no campaign has `campaign_id`.",
            },
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = cam_api.suppression_add(**serializer.validated_data, scope=self.scope)
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(SuppressionSerializer(result.suppression).data, status=code)
