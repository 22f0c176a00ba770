"""Cross-cutting REST behaviour: auth, roles, the one error shape, the schema."""

import pytest
import yaml
from django.contrib.auth.models import Group
from django.core.management import call_command
from rest_framework.test import APIClient

from aicmo_site.kernel import permissions
from orchestration import api as orchestration_api
from tests.conftest import api_client_for

pytestmark = pytest.mark.django_db

ERROR_KEYS = {"error_code", "message", "details", "trace_id"}
LIST_PATHS = [
    "/api/v1/briefs/",
    "/api/v1/runs/",
    "/api/v1/strategies/",
    "/api/v1/drafts/",
    "/api/v1/qc-results/",
    "/api/v1/packages/",
    "/api/v1/campaigns/",
    "/api/v1/leads/",
]
DETAIL_PATHS = [
    "/api/v1/briefs/{}/",
    "/api/v1/runs/{}/",
    "/api/v1/strategies/{}/",
    "/api/v1/drafts/{}/",
    "/api/v1/qc-results/{}/",
    "/api/v1/packages/{}/",
    "/api/v1/packages/{}/artifacts/report.pdf/",
    "/api/v1/campaigns/{}/",
    "/api/v1/leads/{}/",
]
UNKNOWN_IDS = ["run_nope", "123", "%20", "x" * 3000, "%00", "brief_%E2%9C%93", "..."]


def _assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["error_code"] == code
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body["details"], dict)
    assert isinstance(body["trace_id"], str)
    assert body["trace_id"]
    return body


# --- authentication ---------------------------------------------------------------


@pytest.mark.parametrize("path", [*LIST_PATHS, "/api/v1/runs/run_x/"])
def test_no_credentials_answer_401_in_the_error_shape(path):
    response = APIClient().get(path)

    body = _assert_error(response, 401, "NOT_AUTHENTICATED")
    assert body["details"] == {}
    assert response["WWW-Authenticate"] == "Token"


def test_writes_without_credentials_answer_401_and_store_nothing():
    response = APIClient().post("/api/v1/runs/", {"brief_id": "x"}, format="json")

    _assert_error(response, 401, "NOT_AUTHENTICATED")
    assert orchestration_api.run_list() == []


def test_a_wrong_token_answers_401():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    _assert_error(client.get("/api/v1/runs/"), 401, "NOT_AUTHENTICATED")


def test_a_token_authenticates(viewer):
    assert viewer.get("/api/v1/runs/").status_code == 200


def test_a_session_authenticates(django_user_model):
    user = django_user_model.objects.create_user("sam")
    user.groups.add(Group.objects.get(name="viewers"))
    client = APIClient()
    client.force_login(user)

    assert client.get("/api/v1/runs/").status_code == 200


def test_session_writes_need_the_csrf_token(django_user_model):
    user = django_user_model.objects.create_user("sam", password="pw")
    user.groups.add(Group.objects.get(name="operators"))
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post("/api/v1/runs/", {"brief_id": "x"}, format="json")

    _assert_error(response, 403, "PERMISSION_DENIED")
    assert "CSRF" in response.json()["message"]


def test_healthz_needs_no_credentials():
    response = APIClient().get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


# --- roles ------------------------------------------------------------------------


def test_migrate_creates_the_operator_and_viewer_roles():
    operators = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="operators").permissions.all()
    }
    viewers = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="viewers").permissions.all()
    }

    assert {
        "orchestration.start_run",
        "orchestration.retry_run",
        "orchestration.cancel_run",
        "onboarding.add_brief",
        "cam.add_lead",
        "cam.change_lead",
        "orchestration.view_workflowrun",
    } <= operators
    assert "delivery.view_package" in viewers
    assert all(p.split(".")[1].startswith("view_") for p in viewers)
    assert viewers < operators
    assert not any(p.split(".")[1].startswith("delete_") for p in operators)


def test_syncing_the_roles_again_changes_nothing():
    from django.apps import apps

    before = Group.objects.get(name="operators").permissions.count()

    permissions.roles_sync(apps=apps)

    assert Group.objects.filter(name__in=["operators", "viewers"]).count() == 2
    assert Group.objects.get(name="operators").permissions.count() == before


@pytest.mark.parametrize("path", LIST_PATHS)
def test_a_user_without_a_role_may_not_read(django_user_model, path):
    client = api_client_for(django_user_model, "nobody", None)

    _assert_error(client.get(path), 403, "PERMISSION_DENIED")


@pytest.mark.parametrize("path", LIST_PATHS)
def test_viewers_may_read_every_list(viewer, path):
    response = viewer.get(path)

    assert response.status_code == 200
    assert response.json() == {"results": [], "next": None}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/briefs/",
        "/api/v1/runs/",
        "/api/v1/runs/run_x/retry/",
        "/api/v1/runs/run_x/cancel/",
        "/api/v1/campaigns/",
        "/api/v1/leads/",
        "/api/v1/leads/lead_x/transition/",
        "/api/v1/leads/lead_x/close/",
    ],
)
def test_viewers_may_not_write(viewer, path):
    _assert_error(viewer.post(path, {}, format="json"), 403, "PERMISSION_DENIED")


# --- not found, bad requests, server errors --------------------------------------


@pytest.mark.parametrize("unknown_id", UNKNOWN_IDS)
@pytest.mark.parametrize("template", DETAIL_PATHS)
def test_an_unknown_id_of_any_form_is_not_found(viewer, template, unknown_id):
    _assert_error(viewer.get(template.format(unknown_id)), 404, "NOT_FOUND")


@pytest.mark.parametrize(
    "path",
    [
        "/api/",
        "/api/v1/",
        "/api/v1/nothing/",
        "/api/v2/runs/",
        "/api/v1/runs/run_x/steps/",
        "/api/v1/runs/a/b/c/d/",
        "/api/v1/packages/pkg_x/artifacts/",
    ],
)
def test_an_unknown_api_path_is_not_found(viewer, path):
    body = _assert_error(viewer.get(path), 404, "NOT_FOUND")

    assert body["details"]["path"] == path


def test_unknown_api_paths_are_not_found_without_credentials_too():
    _assert_error(APIClient().post("/api/v1/nothing/"), 404, "NOT_FOUND")


def test_a_missing_trailing_slash_is_not_found_with_a_hint(viewer):
    body = _assert_error(viewer.get("/api/v1/runs"), 404, "NOT_FOUND")

    assert body["details"]["did_you_mean"] == "/api/v1/runs/"


def test_an_unsupported_method_answers_405_in_the_error_shape(viewer):
    response = viewer.delete("/api/v1/runs/")

    _assert_error(response, 405, "METHOD_NOT_ALLOWED")
    assert set(response["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_malformed_json_is_a_validation_error(operator):
    response = operator.post(
        "/api/v1/runs/", "{not json", content_type="application/json"
    )

    _assert_error(response, 400, "VALIDATION_ERROR")


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_error_answers_500_without_a_traceback(
    viewer, monkeypatch, settings, debug
):
    settings.DEBUG = debug

    def explode(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(orchestration_api, "run_list", explode)
    viewer.raise_request_exception = False

    response = viewer.get("/api/v1/runs/", HTTP_X_TRACE_ID="trace-500")

    body = _assert_error(response, 500, "SERVER_ERROR")
    assert body["trace_id"] == "trace-500"
    assert "secret internals" not in response.content.decode()
    assert "Traceback" not in response.content.decode()


# --- trace ids --------------------------------------------------------------------


def test_an_incoming_trace_id_is_echoed_on_errors():
    response = APIClient().get("/api/v1/runs/", HTTP_X_TRACE_ID="abc-123")

    assert response.json()["trace_id"] == "abc-123"
    assert response["X-Trace-Id"] == "abc-123"


@pytest.mark.parametrize("bad", ["has space", "x" * 65, "semi;colon"])
def test_an_unusable_trace_id_is_replaced(bad):
    response = APIClient().get("/api/v1/runs/", HTTP_X_TRACE_ID=bad)

    trace_id = response.json()["trace_id"]
    assert trace_id != bad
    assert len(trace_id) == 32


# --- schema -----------------------------------------------------------------------


def test_the_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))

    schema = yaml.safe_load(out.read_text())
    operations = {
        (path, method)
        for path, item in schema["paths"].items()
        for method in item
        if path.startswith("/api/v1/")
    }
    assert operations == {
        ("/api/v1/briefs/", "get"),
        ("/api/v1/briefs/", "post"),
        ("/api/v1/briefs/{brief_id}/", "get"),
        ("/api/v1/runs/", "get"),
        ("/api/v1/runs/", "post"),
        ("/api/v1/runs/{run_id}/", "get"),
        ("/api/v1/runs/{run_id}/retry/", "post"),
        ("/api/v1/runs/{run_id}/cancel/", "post"),
        ("/api/v1/strategies/", "get"),
        ("/api/v1/strategies/{strategy_id}/", "get"),
        ("/api/v1/drafts/", "get"),
        ("/api/v1/drafts/{draft_id}/", "get"),
        ("/api/v1/drafts/{draft_id}/sections/{section_key}/", "put"),
        ("/api/v1/drafts/{draft_id}/redeliver/", "post"),
        ("/api/v1/qc-results/", "get"),
        ("/api/v1/qc-results/{qc_result_id}/", "get"),
        ("/api/v1/packages/", "get"),
        ("/api/v1/packages/{package_id}/", "get"),
        ("/api/v1/packages/{package_id}/artifacts/{name}/", "get"),
        ("/api/v1/campaigns/", "get"),
        ("/api/v1/campaigns/", "post"),
        ("/api/v1/campaigns/{campaign_id}/", "get"),
        ("/api/v1/leads/", "get"),
        ("/api/v1/leads/", "post"),
        ("/api/v1/leads/{lead_id}/", "get"),
        ("/api/v1/leads/{lead_id}/transition/", "post"),
        ("/api/v1/leads/{lead_id}/close/", "post"),
        ("/api/v1/leads/{lead_id}/qualify/", "post"),
        ("/api/v1/leads/{lead_id}/plan-outreach/", "post"),
        ("/api/v1/suppressions/", "get"),
        ("/api/v1/suppressions/", "post"),
    }
    start = schema["paths"]["/api/v1/runs/"]["post"]
    assert set(start["responses"]) >= {"200", "201", "202", "400", "401", "403"}
    assert "Idempotency-Key" in [p["name"] for p in start["parameters"]]
    assert set(schema["components"]["schemas"]["Error"]["required"]) == ERROR_KEYS
    run_filters = {
        p["name"] for p in schema["paths"]["/api/v1/runs/"]["get"]["parameters"]
    }
    assert run_filters == {
        "status",
        "workflow",
        "brief_id",
        "created_after",
        "created_before",
        "limit",
        "after",
    }


def test_the_schema_and_docs_are_served_to_authenticated_users(viewer):
    assert viewer.get("/api/schema/").status_code == 200
    docs = viewer.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_the_schema_and_docs_need_credentials(path):
    _assert_error(APIClient().get(path), 401, "NOT_AUTHENTICATED")
