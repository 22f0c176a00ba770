"""HTTP endpoints of orchestration: briefs and workflow runs (SPEC §5).

Briefs are submitted here rather than in onboarding because only orchestration knows
the packs production can generate; their list and detail read onboarding's public API.

Every endpoint passes the requesting user's account-team scope (``self.scope``) to the
API, which filters by it: a brief, run or draft outside it answers as an unknown id.
"""

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from aicmo_site.kernel.briefs import OBJECTIVES
from aicmo_site.kernel.exception_handler import trace_id_for
from aicmo_site.kernel.parsers import JSONParser
from aicmo_site.kernel.rest import (
    ApiView,
    EnumFilter,
    PageFilterSet,
    UtcIsoDateTimeFilter,
    filter_parameters,
    page_of,
    page_response,
    path_parameter,
    query_params,
    responses,
)
from aicmo_site.kernel.text import text_problem
from aicmo_site.kernel.throttles import RUN_STARTS_SCOPE
from onboarding import api as onboarding_api
from onboarding.errors import BriefNotFound
from orchestration import api as orchestration_api
from orchestration.dto import RunStatus
from orchestration.errors import InvalidRunOptions
from orchestration.rest.serializers import BriefSerializer, RunSerializer

logger = logging.getLogger("aicmo.api")
F = TypeVar("F", bound=Callable[..., Any])

IDEMPOTENCY_KEY_MAX = 255
FAULT_POINTS = ("qc", "delivery")
BRIEF_ID = path_parameter("brief_id", "A brief id (`brief_…`).")
RUN_ID = path_parameter("run_id", "A run id (`run_…`).")
RATE_LIMITED_TEXT = (
    "RATE_LIMITED: too many runs started (AICMO_THROTTLE_RUN_STARTS); `Retry-After` "
    "says how many seconds to wait. Nothing is started."
)


# --- briefs ---------------------------------------------------------------------


class BriefSubmitView(ApiView):
    """Submit a brief: validated as a whole, every bad field named, nothing stored."""

    permission_required = "onboarding.add_brief"
    parser_classes = [JSONParser]

    class InputSerializer(serializers.Serializer):
        """The brief JSON of SPEC §5 (aliases such as `audience` are accepted too)."""

        class ClientSerializer(serializers.Serializer):
            name = serializers.CharField()
            website = serializers.CharField()
            industry = serializers.CharField()
            geography = serializers.CharField()
            email = serializers.EmailField(required=False)

        class BudgetSerializer(serializers.Serializer):
            amount = serializers.DecimalField(max_digits=14, decimal_places=2)
            currency = serializers.CharField(max_length=3)

        client = ClientSerializer()
        primary_offer = serializers.CharField()
        objective = serializers.ChoiceField(choices=OBJECTIVES)
        target_audience = serializers.CharField()
        pain_points = serializers.ListField(child=serializers.CharField())
        desired_outcomes = serializers.ListField(child=serializers.CharField())
        pack = serializers.CharField(
            required=False, help_text="A pack key; default `quick_social_basic`."
        )
        channels = serializers.ListField(child=serializers.CharField(), required=False)
        tone = serializers.CharField(required=False)
        banned_words = serializers.ListField(
            child=serializers.CharField(), required=False
        )
        competitors = serializers.ListField(
            child=serializers.CharField(), required=False
        )
        differentiators = serializers.ListField(
            child=serializers.CharField(), required=False
        )
        budget = BudgetSerializer(required=False)
        duration_weeks = serializers.IntegerField(
            required=False, help_text="Default 12."
        )
        start_date = serializers.DateField(required=False)

    @extend_schema(
        summary="Submit a brief",
        request=InputSerializer,
        responses=responses(
            {201: BriefSerializer},
            400,
            descriptions={
                400: "VALIDATION_ERROR: `details.fields` names every bad field "
                "(dotted for nested ones, such as `client.website`); nothing is stored."
            },
        ),
    )
    def post(self, request: Request) -> Response:
        # The intake validator, shared with run_workflow, checks the body as a whole.
        brief = orchestration_api.brief_submit(data=request.data, scope=self.scope)
        return Response(
            BriefSerializer(brief).data,
            status=status.HTTP_201_CREATED,
            headers={
                "Location": reverse(
                    "orchestration:brief-detail",
                    kwargs={"brief_id": brief.id},
                    request=request,
                )
            },
        )


class BriefListView(ApiView):
    """List briefs, newest first."""

    permission_required = "onboarding.view_brief"

    class FilterSet(PageFilterSet):
        client_id = django_filters.CharFilter(
            label="client_id", max_length=120, help_text="Only this client's briefs."
        )
        pack = django_filters.CharFilter(
            label="pack", max_length=80, help_text="Only briefs for this pack."
        )

    @extend_schema(
        summary="List briefs",
        parameters=filter_parameters(FilterSet),
        responses=responses({200: page_of(BriefSerializer)}, 400),
    )
    def get(self, request: Request) -> Response:
        params = query_params(self.FilterSet, request)
        briefs = onboarding_api.brief_list(
            client_id=params.get("client_id"),
            pack=params.get("pack"),
            limit=params["limit"],
            after_id=params.get("after"),
            scope=self.scope,
        )
        return page_response(request, briefs, BriefSerializer, limit=params["limit"])


class BriefDetailView(ApiView):
    """Retrieve one brief."""

    permission_required = "onboarding.view_brief"

    @extend_schema(
        summary="Retrieve a brief",
        parameters=[BRIEF_ID],
        responses=responses({200: BriefSerializer}, 404),
    )
    def get(self, request: Request, brief_id: str) -> Response:
        return Response(
            BriefSerializer(
                onboarding_api.brief_get(brief_id=brief_id, scope=self.scope)
            ).data
        )


# --- runs -----------------------------------------------------------------------


def _idempotency_key(request: Request) -> str | None:
    """Read the ``Idempotency-Key`` header: None when absent or blank.

    Raises:
        InvalidRunOptions: the key is longer than the column that stores it, or
            holds a control character.
    """
    key = request.headers.get("Idempotency-Key", "").strip() or None
    if key is None:
        return None
    if len(key) > IDEMPOTENCY_KEY_MAX:
        raise InvalidRunOptions(
            {
                "Idempotency-Key": [
                    f"Ensure this header has no more than {IDEMPOTENCY_KEY_MAX} "
                    "characters."
                ]
            }
        )
    if problem := text_problem(key):
        raise InvalidRunOptions({"Idempotency-Key": [problem]})
    return key


def _key_owner(request: Request) -> str:
    """Return the owner of the request's idempotency key: its authenticated user."""
    return orchestration_api.key_owner_of_user(user_id=str(request.user.pk))


def _started_response(
    request: Request, started: orchestration_api.RunStartData
) -> Response:
    """Answer a start: 200 for a replayed key, 202 when queued, 201 when run inline."""
    code: int = status.HTTP_201_CREATED
    if not started.created:
        code = status.HTTP_200_OK
    elif orchestration_api.executor_is_queued():
        code = status.HTTP_202_ACCEPTED
    location = reverse(
        "orchestration:run-detail", kwargs={"run_id": started.run.id}, request=request
    )
    return Response(
        RunSerializer(started.run).data, status=code, headers={"Location": location}
    )


class RunStartView(ApiView):
    """Start the client_to_delivery workflow for a brief."""

    permission_required = "orchestration.start_run"
    throttle_scope = RUN_STARTS_SCOPE

    class InputSerializer(serializers.Serializer):
        brief_id = serializers.CharField(max_length=120)
        pack = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=80,
            help_text="A pack key; overrides the brief's pack.",
        )
        force_fail = serializers.ChoiceField(
            choices=FAULT_POINTS,
            required=False,
            allow_null=True,
            help_text=(
                "Fault injection for demos and tests: make that step fail. Refused "
                "with 400 FAULT_INJECTION_DISABLED unless AICMO_ALLOW_FAULT_INJECTION."
            ),
        )

    @extend_schema(
        summary="Start a run",
        description=(
            "Starts a run and answers the run JSON. With the inline executor the run "
            "has finished when the response comes back (201; a compensated run is "
            "201 too, its `error` says why). With a queued executor the answer is 202 "
            "and `status` is `pending`. Replaying an `Idempotency-Key` with the same "
            "body answers 200 with the run that key started, and starts nothing; the "
            "same key with another body answers 409 CONFLICT. Keys are the user's "
            "own: another user's equal key is another run. The request's trace id "
            "(`X-Trace-Id`, echoed in the response) is stored on the run."
        ),
        request=InputSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description=(
                    "Up to 255 characters, scoped to the user. A key already used "
                    "with the same body returns its run (200); with another body, "
                    "409 CONFLICT."
                ),
            )
        ],
        responses=responses(
            {
                201: OpenApiResponse(RunSerializer, description="A new run."),
                200: OpenApiResponse(
                    RunSerializer, description="The run this Idempotency-Key started."
                ),
                202: OpenApiResponse(
                    RunSerializer, description="Queued for a worker: `pending`."
                ),
            },
            400,
            409,
            429,
            descriptions={
                400: "VALIDATION_ERROR naming every bad field (an unknown `brief_id` "
                "or `pack` included), or FAULT_INJECTION_DISABLED.",
                409: "CONFLICT: the `Idempotency-Key` already started a run for a "
                "different body; nothing is started.",
                429: RATE_LIMITED_TEXT,
            },
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        key = _idempotency_key(request)
        trace_id = trace_id_for(request)
        data = serializer.validated_data
        logger.info(
            "run start requested brief=%s key=%s trace=%s",
            data["brief_id"],
            key,
            trace_id,
        )
        try:
            started = orchestration_api.workflow_start(
                brief_id=data["brief_id"],
                pack=data.get("pack") or None,
                force_fail=data.get("force_fail"),
                idempotency_key=key,
                key_owner=_key_owner(request),
                trace_id=trace_id,
                scope=self.scope,
            )
        except BriefNotFound as exc:
            # The id is part of the request body, so it is a field error, not a 404.
            raise InvalidRunOptions({"brief_id": [exc.message]}) from exc
        run = started.run
        logger.info(
            "run %s %s status=%s trace=%s",
            run.id,
            "started" if started.created else "replayed",
            run.status,
            trace_id,
        )
        return _started_response(request, started)


class RunListView(ApiView):
    """List runs, newest first."""

    permission_required = "orchestration.view_workflowrun"

    class FilterSet(PageFilterSet):
        status = EnumFilter(
            RunStatus, label="status", help_text="Only runs in this status."
        )
        workflow = django_filters.CharFilter(
            label="workflow", max_length=80, help_text="Only runs of this workflow."
        )
        brief_id = django_filters.CharFilter(
            label="brief_id", max_length=120, help_text="Only runs of this brief."
        )
        created_after = UtcIsoDateTimeFilter(
            label="created_after",
            help_text="Only runs created at or after this ISO 8601 date or time.",
        )
        created_before = UtcIsoDateTimeFilter(
            label="created_before",
            help_text="Only runs created before this ISO 8601 date or time.",
        )

    @extend_schema(
        summary="List runs",
        parameters=filter_parameters(FilterSet),
        responses=responses({200: page_of(RunSerializer)}, 400),
    )
    def get(self, request: Request) -> Response:
        params = query_params(self.FilterSet, request)
        runs = orchestration_api.run_list(
            status=params.get("status"),
            workflow=params.get("workflow"),
            brief_id=params.get("brief_id"),
            created_after=params.get("created_after"),
            created_before=params.get("created_before"),
            limit=params["limit"],
            after_id=params.get("after"),
            scope=self.scope,
        )
        return page_response(request, runs, RunSerializer, limit=params["limit"])


class RunDetailView(ApiView):
    """Retrieve one run."""

    permission_required = "orchestration.view_workflowrun"

    @extend_schema(
        summary="Retrieve a run",
        parameters=[RUN_ID],
        responses=responses({200: RunSerializer}, 404),
    )
    def get(self, request: Request, run_id: str) -> Response:
        run = orchestration_api.run_get(run_id=run_id, scope=self.scope)
        return Response(RunSerializer(run).data)


def _run_action_schema(summary: str, *, conflict: str) -> Callable[[F], F]:
    """The schema of an operator's action on a run: 200, 404, or 409 ``conflict``."""
    return extend_schema(
        summary=summary,
        request=None,
        parameters=[RUN_ID],
        responses=responses(
            {200: RunSerializer}, 404, 409, descriptions={409: conflict}
        ),
    )


class RunRetryView(ApiView):
    """Retry the compensations of a run in compensation_failed."""

    permission_required = "orchestration.retry_run"

    @_run_action_schema(
        "Retry a run's compensations",
        conflict="CONFLICT: the run is not in compensation_failed.",
    )
    def post(self, request: Request, run_id: str) -> Response:
        run = orchestration_api.run_retry(run_id=run_id, scope=self.scope)
        logger.info("run %s retried trace=%s", run_id, trace_id_for(request))
        return Response(RunSerializer(run).data)


class RunCancelView(ApiView):
    """Cancel a pending or running run; its completed steps are compensated."""

    permission_required = "orchestration.cancel_run"

    @_run_action_schema(
        "Cancel a run", conflict="CONFLICT: the run has already finished."
    )
    def post(self, request: Request, run_id: str) -> Response:
        run = orchestration_api.run_cancel(run_id=run_id, scope=self.scope)
        logger.info("run %s cancel requested trace=%s", run_id, trace_id_for(request))
        return Response(RunSerializer(run).data)


class DraftRedeliverView(ApiView):
    """Re-run QC and packaging on a delivered (usually amended) draft."""

    permission_required = "orchestration.start_run"
    throttle_scope = RUN_STARTS_SCOPE

    class InputSerializer(serializers.Serializer):
        force_fail = serializers.ChoiceField(
            choices=FAULT_POINTS, required=False, allow_null=True
        )

    @extend_schema(
        summary="Re-deliver a draft",
        description=(
            "Starts a `draft_redelivery` run (steps `qc_evaluate`, `create_package`) "
            "for a draft that a completed run delivered: a new package; the old one "
            "stays. 201 for a new run (202 when queued), 200 on an Idempotency-Key "
            "replay with the same body, 409 CONFLICT when no completed run delivered "
            "the draft or when the key already started a run for a different request."
        ),
        request=InputSerializer,
        parameters=[
            path_parameter("draft_id", "A draft id (`draft_…`)."),
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description=(
                    "Scoped to the user. A key already used with the same draft and "
                    "body returns its run (200); otherwise 409 CONFLICT."
                ),
            ),
        ],
        responses=responses(
            {
                201: OpenApiResponse(RunSerializer, description="A new run."),
                200: OpenApiResponse(RunSerializer, description="A replayed key."),
                202: OpenApiResponse(RunSerializer, description="Queued: `pending`."),
            },
            400,
            409,
            429,
            descriptions={429: RATE_LIMITED_TEXT},
        ),
    )
    def post(self, request: Request, draft_id: str) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        started = orchestration_api.draft_redeliver(
            draft_id=draft_id,
            force_fail=serializer.validated_data.get("force_fail"),
            idempotency_key=_idempotency_key(request),
            key_owner=_key_owner(request),
            trace_id=trace_id_for(request),
            scope=self.scope,
        )
        return _started_response(request, started)
