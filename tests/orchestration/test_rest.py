"""REST endpoints of orchestration: briefs and runs (SPEC §5)."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from aicmo_site.kernel.errors import TransientError
from onboarding import api as onboarding_api
from orchestration import api as orchestration_api
from orchestration import sagas
from strategy import api as strategy_api
from tests.orchestration.conftest import EXAMPLES, load_example

pytestmark = pytest.mark.django_db

ERROR_KEYS = {"error_code", "message", "details", "trace_id"}
BRIEF_KEYS = {
    "id",
    "client_id",
    "client_name",
    "pack",
    "objective",
    "primary_offer",
    "intake",
    "created_at",
}
RUN_KEYS = {
    "id",
    "workflow",
    "status",
    "brief_id",
    "pack",
    "idempotency_key",
    "created_at",
    "finished_at",
    "outputs",
    "steps",
    "compensated_steps",
    "error",
}
STEPS = [
    "normalize_brief",
    "generate_strategy",
    "generate_draft",
    "qc_evaluate",
    "create_package",
]


def _queued_runs(settings, brief_id: str, count: int) -> None:
    """Start ``count`` runs that stay pending: a queued executor, nothing sent."""
    settings.AICMO_EXECUTOR = "celery"
    for _ in range(count):
        orchestration_api.workflow_start(brief_id=brief_id)


# --- briefs ---------------------------------------------------------------------


def test_submitting_a_brief_answers_201_with_the_stored_brief(operator):
    data = load_example()

    response = operator.post("/api/v1/briefs/", data, format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == BRIEF_KEYS
    assert body["id"].startswith("brief_")
    assert body["client_name"] == "BrightSmile Dental"
    assert body["pack"] == "quick_social_basic"
    assert body["objective"] == "Leads"
    assert body["intake"] == data
    assert response["Location"].endswith(f"/api/v1/briefs/{body['id']}/")
    assert onboarding_api.brief_get(brief_id=body["id"]).client_id == body["client_id"]


def test_an_invalid_brief_names_every_bad_field_and_stores_nothing(operator):
    data = json.loads((EXAMPLES / "invalid_brief.json").read_text())

    response = operator.post("/api/v1/briefs/", data, format="json")

    assert response.status_code == 400
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["error_code"] == "VALIDATION_ERROR"
    assert set(body["details"]["fields"]) == {
        "client.name",
        "client.geography",
        "client.website",
        "objective",
        "pain_points",
        "desired_outcomes",
        "channels[1]",
        "budget.amount",
        "budget.currency",
        "duration_weeks",
    }
    assert onboarding_api.brief_list() == []


def test_a_brief_for_an_unknown_pack_is_refused(operator):
    data = load_example() | {"pack": "no_such_pack"}

    response = operator.post("/api/v1/briefs/", data, format="json")

    assert response.status_code == 400
    assert set(response.json()["details"]["fields"]) == {"pack"}
    assert onboarding_api.brief_list() == []


def test_a_brief_body_that_is_not_an_object_is_a_validation_error(operator):
    response = operator.post("/api/v1/briefs/", [1, 2], format="json")

    assert response.status_code == 400
    assert response.json()["error_code"] == "VALIDATION_ERROR"
    assert onboarding_api.brief_list() == []


def test_a_viewer_cannot_submit_a_brief(viewer):
    response = viewer.post("/api/v1/briefs/", load_example(), format="json")

    assert response.status_code == 403
    assert response.json()["error_code"] == "PERMISSION_DENIED"
    assert onboarding_api.brief_list() == []


def test_a_brief_is_retrieved_by_id(viewer, brief):
    response = viewer.get(f"/api/v1/briefs/{brief.id}/")

    assert response.status_code == 200
    assert response.json()["id"] == brief.id
    assert set(response.json()) == BRIEF_KEYS


def test_briefs_are_listed_newest_first_and_filtered_by_client_and_pack(viewer):
    first = orchestration_api.brief_submit(data=load_example())
    second = orchestration_api.brief_submit(
        data=load_example("ledgerly_saas_sales.json")
    )
    third = orchestration_api.brief_submit(data=load_example())

    def ids(query: str) -> list[str]:
        response = viewer.get(f"/api/v1/briefs/{query}")
        assert response.status_code == 200
        assert response.json()["next"] is None
        return [b["id"] for b in response.json()["results"]]

    assert ids("") == sorted([first.id, second.id, third.id], reverse=True)
    assert ids(f"?client_id={first.client_id}") == sorted(
        [first.id, third.id], reverse=True
    )
    assert ids("?pack=strategy_campaign_standard") == [second.id]
    assert ids(f"?pack=quick_social_basic&client_id={second.client_id}") == []


def test_the_brief_list_pages_with_next(viewer):
    ids = sorted(
        (orchestration_api.brief_submit(data=load_example()).id for _ in range(3)),
        reverse=True,
    )

    first = viewer.get("/api/v1/briefs/?limit=2").json()
    second = viewer.get(first["next"]).json()

    assert [b["id"] for b in first["results"]] == ids[:2]
    assert "after=" in first["next"]
    assert "limit=2" in first["next"]
    assert [b["id"] for b in second["results"]] == ids[2:]
    assert second["next"] is None


def test_the_brief_list_runs_a_constant_number_of_queries(
    viewer, django_assert_num_queries
):
    orchestration_api.brief_submit(data=load_example())
    with CaptureQueriesContext(connection) as one:
        assert viewer.get("/api/v1/briefs/").status_code == 200
    for _ in range(19):
        orchestration_api.brief_submit(data=load_example())

    with django_assert_num_queries(len(one.captured_queries)):
        response = viewer.get("/api/v1/briefs/")

    assert len(response.json()["results"]) == 20


# --- starting runs --------------------------------------------------------------


def test_starting_a_run_answers_201_with_the_finished_run_json(operator, brief):
    response = operator.post(
        "/api/v1/runs/",
        {"brief_id": brief.id},
        format="json",
        HTTP_X_TRACE_ID="trace-start-1",
    )

    assert response.status_code == 201
    body = response.json()
    assert set(body) == RUN_KEYS
    assert body["status"] == "completed"
    assert body["workflow"] == "client_to_delivery"
    assert body["brief_id"] == brief.id
    assert body["pack"] == "quick_social_basic"
    assert body["error"] is None
    assert [s["name"] for s in body["steps"]] == STEPS
    assert body["outputs"]["package_id"].startswith("pkg_")
    run = orchestration_api.run_get(run_id=body["id"])
    assert body == run.as_json()
    assert run.trace_id == "trace-start-1"
    assert response["X-Trace-Id"] == "trace-start-1"
    assert response["Location"].endswith(f"/api/v1/runs/{body['id']}/")


def test_a_run_gets_the_request_trace_id_when_none_is_sent(operator, brief):
    response = operator.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")

    run = orchestration_api.run_get(run_id=response.json()["id"])
    assert run.trace_id == response["X-Trace-Id"]
    assert len(run.trace_id) == 32


def test_replaying_an_idempotency_key_answers_200_with_the_same_run(operator, brief):
    first = operator.post(
        "/api/v1/runs/",
        {"brief_id": brief.id},
        format="json",
        HTTP_IDEMPOTENCY_KEY="order-42",
    )
    second = operator.post(
        "/api/v1/runs/",
        {"brief_id": brief.id},
        format="json",
        HTTP_IDEMPOTENCY_KEY="order-42",
    )

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json() == first.json()
    assert first.json()["idempotency_key"] == "order-42"
    assert len(orchestration_api.run_list()) == 1
    assert len(strategy_api.strategy_list(brief_id=brief.id)) == 1


def test_a_queued_executor_answers_202_pending_and_only_rings_a_worker(
    operator, brief, settings, django_capture_on_commit_callbacks
):
    settings.AICMO_EXECUTOR = "celery"

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = operator.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")

    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "pending"
    assert body["finished_at"] is None
    assert {s["status"] for s in body["steps"]} == {"pending"}
    assert len(callbacks) == 1
    assert orchestration_api.run_get(run_id=body["id"]).status == "pending"


def test_a_compensated_run_is_still_created_and_carries_its_error(operator, brief):
    response = operator.post(
        "/api/v1/runs/", {"brief_id": brief.id, "force_fail": "qc"}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "compensated"
    assert body["error"]["code"] == "QC_FAILED"
    assert body["error"]["step"] == "qc_evaluate"
    assert body["compensated_steps"] == [
        "generate_draft",
        "generate_strategy",
        "normalize_brief",
    ]
    assert body["outputs"]["qc_result_id"].startswith("qc_")


def test_force_fail_is_refused_while_fault_injection_is_off(operator, brief, settings):
    settings.AICMO_ALLOW_FAULT_INJECTION = False

    response = operator.post(
        "/api/v1/runs/", {"brief_id": brief.id, "force_fail": "delivery"}, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["error_code"] == "FAULT_INJECTION_DISABLED"
    assert orchestration_api.run_list() == []


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, {"brief_id"}),
        ({"brief_id": "brief_nope"}, {"brief_id"}),
        ({"brief_id": "BRIEF", "force_fail": "everything"}, {"force_fail"}),
        ({"brief_id": "BRIEF", "pack": "no_such_pack"}, {"pack"}),
        ({"brief_id": "x" * 121, "force_fail": "later"}, {"brief_id", "force_fail"}),
    ],
)
def test_bad_run_input_names_every_bad_field_and_starts_nothing(
    operator, brief, payload, fields
):
    if payload.get("brief_id") == "BRIEF":
        payload = payload | {"brief_id": brief.id}

    response = operator.post("/api/v1/runs/", payload, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "VALIDATION_ERROR"
    assert set(body["details"]["fields"]) == fields
    assert orchestration_api.run_list() == []


def test_an_overlong_idempotency_key_is_refused(operator, brief):
    response = operator.post(
        "/api/v1/runs/",
        {"brief_id": brief.id},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k" * 256,
    )

    assert response.status_code == 400
    assert set(response.json()["details"]["fields"]) == {"Idempotency-Key"}
    assert orchestration_api.run_list() == []


def test_an_idempotency_key_with_a_control_character_is_refused_by_name(
    operator, brief
):
    response = operator.post(
        "/api/v1/runs/",
        {"brief_id": brief.id},
        format="json",
        HTTP_IDEMPOTENCY_KEY="key\x00one",
    )

    assert response.status_code == 400
    assert response.json()["details"]["fields"] == {
        "Idempotency-Key": [
            "Contains a control character (U+0000) at position 3; control "
            "characters (other than "
            "tab and line breaks) and lone surrogates are not allowed."
        ]
    }
    assert orchestration_api.run_list() == []


def test_a_viewer_cannot_start_a_run(viewer, brief):
    response = viewer.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")

    assert response.status_code == 403
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["error_code"] == "PERMISSION_DENIED"
    assert "orchestration.start_run" in body["message"]
    assert orchestration_api.run_list() == []


def test_session_auth_works_for_a_superuser(admin_user, brief):
    client = APIClient(enforce_csrf_checks=False)
    client.force_login(admin_user)

    response = client.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")

    assert response.status_code == 201


# --- reading runs ---------------------------------------------------------------


def test_a_run_is_retrieved_as_the_run_json(viewer, start):
    run = start()

    response = viewer.get(f"/api/v1/runs/{run.id}/")

    assert response.status_code == 200
    assert response.json() == orchestration_api.run_get(run_id=run.id).as_json()


def test_runs_are_filtered_by_status_workflow_and_brief(viewer, start, brief):
    completed = start()
    compensated = start(force_fail="qc")
    other = orchestration_api.brief_submit(data=load_example())
    elsewhere = orchestration_api.workflow_start(brief_id=other.id).run

    def ids(query: str) -> list[str]:
        response = viewer.get(f"/api/v1/runs/{query}")
        assert response.status_code == 200
        return [r["id"] for r in response.json()["results"]]

    newest_first = sorted([completed.id, compensated.id, elsewhere.id], reverse=True)

    assert ids("") == newest_first
    assert ids("?status=compensated") == [compensated.id]
    assert ids(f"?brief_id={brief.id}") == [
        i for i in newest_first if i != elsewhere.id
    ]
    assert ids(f"?brief_id={brief.id}&status=completed") == [completed.id]
    assert ids("?workflow=client_to_delivery") == ids("")
    assert ids("?workflow=noop_five") == []
    assert ids("?status=") == ids("")


def test_runs_are_filtered_by_creation_date(viewer, start):
    run = start()
    created = orchestration_api.run_get(run_id=run.id).created_at
    before = (created - dt.timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
    after = (created + dt.timedelta(seconds=1)).isoformat().replace("+00:00", "Z")

    def ids(query: str) -> list[str]:
        return [r["id"] for r in viewer.get(f"/api/v1/runs/{query}").json()["results"]]

    assert ids(f"?created_after={before}") == [run.id]
    assert ids(f"?created_after={after}") == []
    assert ids(f"?created_before={after}") == [run.id]
    assert ids(f"?created_before={before}") == []
    assert ids(f"?created_after={created.date().isoformat()}") == [run.id]


def test_run_date_filters_take_any_utc_offset_python_parses(viewer, start):
    # PostgreSQL rejects offsets beyond 15:59; the filter hands on UTC instead.
    run = start()
    created = orchestration_api.run_get(run_id=run.id).created_at
    far_east = (created + dt.timedelta(hours=16, minutes=1, seconds=1)).replace(
        tzinfo=dt.timezone(dt.timedelta(hours=16, minutes=1))
    )

    response = viewer.get("/api/v1/runs/", {"created_before": far_east.isoformat()})

    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [run.id]


def test_a_run_date_beyond_the_calendar_in_utc_is_a_validation_error(viewer):
    response = viewer.get(
        "/api/v1/runs/", {"created_after": "9999-12-31T23:00:00-16:00"}
    )

    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "VALIDATION_ERROR"
    assert set(body["details"]["fields"]) == {"created_after"}


def test_bad_run_filters_name_every_bad_parameter(viewer):
    response = viewer.get(
        "/api/v1/runs/?status=done&created_after=yesterday&limit=500&created_before=x"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "VALIDATION_ERROR"
    assert set(body["details"]["fields"]) == {
        "status",
        "created_after",
        "created_before",
        "limit",
    }


def test_the_run_list_pages_with_next(viewer, brief, settings):
    _queued_runs(settings, brief.id, 3)
    ids = [r.id for r in orchestration_api.run_list()]

    first = viewer.get("/api/v1/runs/?limit=2").json()
    second = viewer.get(first["next"]).json()

    assert [r["id"] for r in first["results"]] == ids[:2]
    assert [r["id"] for r in second["results"]] == ids[2:]
    assert second["next"] is None


def test_the_run_list_runs_a_constant_number_of_queries(
    viewer, brief, settings, django_assert_num_queries
):
    _queued_runs(settings, brief.id, 1)
    with CaptureQueriesContext(connection) as one:
        assert viewer.get("/api/v1/runs/").status_code == 200
    _queued_runs(settings, brief.id, 19)

    with django_assert_num_queries(len(one.captured_queries)):
        response = viewer.get("/api/v1/runs/")

    assert len(response.json()["results"]) == 20


# --- retry and cancel -----------------------------------------------------------


def test_retrying_a_completed_run_is_a_conflict(operator, start):
    run = start()

    response = operator.post(f"/api/v1/runs/{run.id}/retry/")

    assert response.status_code == 409
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["error_code"] == "CONFLICT"
    assert orchestration_api.run_get(run_id=run.id).status == "completed"


def test_retrying_a_compensation_failed_run_finishes_its_compensation(
    operator, start, monkeypatch
):
    def broken(**kwargs):
        raise TransientError("strategy store offline")

    monkeypatch.setattr(sagas.strategy_api, "strategy_discard", broken)
    run = start(force_fail="qc")
    assert run.status == "compensation_failed"
    monkeypatch.undo()

    response = operator.post(f"/api/v1/runs/{run.id}/retry/")

    assert response.status_code == 200
    assert response.json()["status"] == "compensated"


def test_a_viewer_cannot_retry_or_cancel(viewer, start):
    run = start()

    assert viewer.post(f"/api/v1/runs/{run.id}/retry/").status_code == 403
    assert viewer.post(f"/api/v1/runs/{run.id}/cancel/").status_code == 403


def test_cancelling_a_finished_run_is_a_conflict(operator, start):
    run = start()

    response = operator.post(f"/api/v1/runs/{run.id}/cancel/")

    assert response.status_code == 409
    assert response.json()["error_code"] == "CONFLICT"


def test_cancelling_a_pending_run_answers_the_run(
    operator, brief, settings, django_capture_on_commit_callbacks
):
    settings.AICMO_EXECUTOR = "celery"
    with django_capture_on_commit_callbacks(execute=False):
        run = orchestration_api.workflow_start(brief_id=brief.id).run
        response = operator.post(f"/api/v1/runs/{run.id}/cancel/")

    assert response.status_code == 200
    assert response.json()["id"] == run.id
    assert [e.type for e in orchestration_api.run_events(run_id=run.id)][-1] == (
        "run.cancel_requested"
    )


@pytest.mark.parametrize("action", ["retry", "cancel"])
def test_retrying_or_cancelling_an_unknown_run_is_not_found(operator, action):
    response = operator.post(f"/api/v1/runs/run_nope/{action}/")

    assert response.status_code == 404
    assert response.json()["error_code"] == "NOT_FOUND"


# --- getting a token --------------------------------------------------------------


def test_create_operator_prints_a_token_that_may_start_runs(brief):
    out = io.StringIO()

    call_command("create_operator", "ops-bot", stdout=out, stderr=io.StringIO())

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    response = client.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")
    assert response.status_code == 201


def test_create_operator_with_viewer_makes_a_read_only_user(brief):
    call_command("create_operator", "bot", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()

    call_command("create_operator", "bot", "--viewer", stdout=out, stderr=io.StringIO())

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    assert client.get("/api/v1/runs/").status_code == 200
    assert client.post("/api/v1/runs/", {"brief_id": brief.id}).status_code == 403
