"""Account teams on orchestration's REST endpoints (issue 11): briefs, runs, drafts.

A member of a team holding only BrightSmile Dental (``ours``) sees and acts on its
briefs and runs only: Harvest Table's (``theirs``) answer exactly as unknown ids.
"""

import json

import pytest

from onboarding.models import AccountTeam, Brief
from orchestration import api as orchestration_api
from orchestration.models import WorkflowRun
from tests.orchestration.conftest import EXAMPLES
from tests.teams import engagements, team_api

pytestmark = pytest.mark.django_db

GROUPS = ["operators", "viewers"]


@pytest.fixture
def pair():
    """``(ours, theirs)``: two clients' delivered engagements."""
    return engagements()


def _limited(django_user_model, pair, group="operators", username="lena"):
    ours, _theirs = pair
    return team_api(django_user_model, username, group, (ours.client_id,))


def example_brief(name):
    return json.loads((EXAMPLES / name).read_text())


def _ids(response):
    assert response.status_code == 200
    return [row["id"] for row in response.json()["results"]]


def _pending_run(brief_id, settings, django_capture_on_commit_callbacks):
    """A run that stays pending: a queued executor whose doorbell is never sent."""
    settings.AICMO_EXECUTOR = "celery"
    with django_capture_on_commit_callbacks(execute=False):
        return orchestration_api.workflow_start(brief_id=brief_id).run


# --- briefs ---------------------------------------------------------------------


def test_a_limited_operator_submits_briefs_only_for_its_own_clients(
    django_user_model, pair
):
    ours, _theirs = pair
    api = _limited(django_user_model, pair)
    before = Brief.objects.count()

    refused = api.post(
        "/api/v1/briefs/", example_brief("harvest_table_restaurant.json"), format="json"
    )

    assert refused.status_code == 400
    body = refused.json()
    assert body["error_code"] == "VALIDATION_ERROR"
    assert list(body["details"]["fields"]) == ["client"]
    assert Brief.objects.count() == before

    accepted = api.post(
        "/api/v1/briefs/", example_brief("brightsmile_dental.json"), format="json"
    )

    assert accepted.status_code == 201
    assert accepted.json()["client_id"] == ours.client_id
    assert Brief.objects.count() == before + 1


@pytest.mark.parametrize("group", GROUPS)
def test_a_limited_user_lists_and_reads_only_its_clients_briefs(
    django_user_model, pair, group
):
    ours, theirs = pair
    api = _limited(django_user_model, pair, group)

    assert _ids(api.get("/api/v1/briefs/")) == [ours.brief_id]
    assert _ids(api.get("/api/v1/briefs/", {"client_id": theirs.client_id})) == []
    assert api.get(f"/api/v1/briefs/{ours.brief_id}/").status_code == 200
    hidden = api.get(f"/api/v1/briefs/{theirs.brief_id}/")
    unknown = api.get("/api/v1/briefs/brief_nope/")
    assert (hidden.status_code, unknown.status_code) == (404, 404)
    assert hidden.json()["error_code"] == unknown.json()["error_code"] == "NOT_FOUND"
    assert hidden.json()["message"] == f"Brief '{theirs.brief_id}' not found."


# --- runs: reads ----------------------------------------------------------------


@pytest.mark.parametrize("group", GROUPS)
def test_a_limited_user_lists_only_runs_of_its_briefs(django_user_model, pair, group):
    ours, theirs = pair
    # A run of no brief (an internal workflow) is agency-wide.
    WorkflowRun.objects.create(workflow="noop", definition_version=1, brief_id="")
    api = _limited(django_user_model, pair, group)

    assert _ids(api.get("/api/v1/runs/")) == [ours.run_id]
    assert _ids(api.get("/api/v1/runs/", {"brief_id": theirs.brief_id})) == []
    assert _ids(api.get("/api/v1/runs/", {"limit": 1})) == [ours.run_id]


@pytest.mark.parametrize("group", GROUPS)
def test_a_run_of_another_client_is_not_found(django_user_model, pair, group):
    ours, theirs = pair
    api = _limited(django_user_model, pair, group)

    assert api.get(f"/api/v1/runs/{ours.run_id}/").json()["id"] == ours.run_id
    hidden = api.get(f"/api/v1/runs/{theirs.run_id}/")
    assert hidden.status_code == 404
    assert hidden.json()["error_code"] == "NOT_FOUND"
    assert hidden.json()["message"] == f"Run '{theirs.run_id}' not found."


def test_a_user_in_no_team_still_sees_both_clients(viewer, pair):
    ours, theirs = pair
    blank = WorkflowRun.objects.create(
        workflow="noop", definition_version=1, brief_id=""
    )

    assert set(_ids(viewer.get("/api/v1/briefs/"))) == {ours.brief_id, theirs.brief_id}
    assert set(_ids(viewer.get("/api/v1/runs/"))) == {
        ours.run_id,
        theirs.run_id,
        blank.id,
    }
    assert viewer.get(f"/api/v1/briefs/{theirs.brief_id}/").status_code == 200
    assert viewer.get(f"/api/v1/runs/{theirs.run_id}/").status_code == 200


# --- runs: writes ---------------------------------------------------------------


def test_starting_a_run_for_another_clients_brief_answers_as_an_unknown_brief(
    django_user_model, pair
):
    ours, theirs = pair
    api = _limited(django_user_model, pair)
    before = WorkflowRun.objects.count()

    hidden = api.post("/api/v1/runs/", {"brief_id": theirs.brief_id}, format="json")
    unknown = api.post("/api/v1/runs/", {"brief_id": "brief_nope"}, format="json")

    assert (hidden.status_code, unknown.status_code) == (400, 400)
    assert hidden.json()["error_code"] == unknown.json()["error_code"]
    assert hidden.json()["message"] == unknown.json()["message"]
    assert hidden.json()["details"] == {
        "fields": {"brief_id": [f"Brief '{theirs.brief_id}' not found."]}
    }
    assert unknown.json()["details"] == {
        "fields": {"brief_id": ["Brief 'brief_nope' not found."]}
    }
    assert WorkflowRun.objects.count() == before

    started = api.post("/api/v1/runs/", {"brief_id": ours.brief_id}, format="json")

    assert started.status_code == 201
    assert started.json()["brief_id"] == ours.brief_id
    assert WorkflowRun.objects.count() == before + 1


def test_retrying_another_clients_run_is_not_found(django_user_model, pair):
    ours, theirs = pair
    api = _limited(django_user_model, pair)

    hidden = api.post(f"/api/v1/runs/{theirs.run_id}/retry/")
    mine = api.post(f"/api/v1/runs/{ours.run_id}/retry/")

    assert hidden.status_code == 404  # not 409: the run's status is not revealed
    assert hidden.json()["error_code"] == "NOT_FOUND"
    assert hidden.json()["message"] == f"Run '{theirs.run_id}' not found."
    assert mine.status_code == 409  # a completed run of ours: the usual conflict
    assert orchestration_api.run_get(run_id=theirs.run_id).status == "completed"


def test_cancelling_another_clients_run_is_not_found_and_leaves_it_running(
    django_user_model, pair, settings, django_capture_on_commit_callbacks
):
    ours, theirs = pair
    api = _limited(django_user_model, pair)
    theirs_run = _pending_run(
        theirs.brief_id, settings, django_capture_on_commit_callbacks
    )
    ours_run = _pending_run(ours.brief_id, settings, django_capture_on_commit_callbacks)
    events = orchestration_api.run_events(run_id=theirs_run.id)

    with django_capture_on_commit_callbacks(execute=False):
        hidden = api.post(f"/api/v1/runs/{theirs_run.id}/cancel/")
        mine = api.post(f"/api/v1/runs/{ours_run.id}/cancel/")

    assert hidden.status_code == 404
    assert hidden.json()["error_code"] == "NOT_FOUND"
    assert hidden.json()["message"] == f"Run '{theirs_run.id}' not found."
    assert WorkflowRun.objects.get(pk=theirs_run.id).cancel_requested_at is None
    assert orchestration_api.run_events(run_id=theirs_run.id) == events
    assert mine.status_code == 200
    assert WorkflowRun.objects.get(pk=ours_run.id).cancel_requested_at is not None


def test_redelivering_another_clients_draft_answers_as_an_unknown_draft(
    django_user_model, pair
):
    ours, theirs = pair
    api = _limited(django_user_model, pair)
    before = WorkflowRun.objects.count()

    hidden = api.post(f"/api/v1/drafts/{theirs.draft_id}/redeliver/", {}, format="json")
    unknown = api.post("/api/v1/drafts/draft_nope/redeliver/", {}, format="json")

    assert (hidden.status_code, unknown.status_code) == (409, 409)
    assert hidden.json()["error_code"] == unknown.json()["error_code"] == "CONFLICT"
    assert hidden.json()["message"] == (
        f"Draft '{theirs.draft_id}' was not delivered by a completed run."
    )
    assert hidden.json()["details"] == {"draft_id": theirs.draft_id}
    assert unknown.json()["details"] == {"draft_id": "draft_nope"}
    assert WorkflowRun.objects.count() == before

    mine = api.post(f"/api/v1/drafts/{ours.draft_id}/redeliver/", {}, format="json")

    assert mine.status_code == 201
    assert mine.json()["workflow"] == "draft_redelivery"
    assert WorkflowRun.objects.count() == before + 1


# --- idempotency keys -----------------------------------------------------------


def test_an_idempotency_key_never_replays_another_users_run(
    django_user_model, pair, operator
):
    ours, theirs = pair
    api = _limited(django_user_model, pair)
    key = {"HTTP_IDEMPOTENCY_KEY": "shared-key"}
    body = {"brief_id": theirs.brief_id}
    theirs_run = operator.post("/api/v1/runs/", body, format="json", **key).json()

    hidden = api.post("/api/v1/runs/", body, format="json", **key)
    mine = api.post("/api/v1/runs/", {"brief_id": ours.brief_id}, format="json", **key)

    assert hidden.status_code == 400
    assert hidden.json()["details"]["fields"] == {
        "brief_id": [f"Brief '{theirs.brief_id}' not found."]
    }
    assert theirs_run["id"] not in hidden.content.decode()
    assert mine.status_code == 201
    assert mine.json()["id"] != theirs_run["id"]
    assert mine.json()["brief_id"] == ours.brief_id


def test_a_key_does_not_replay_a_run_whose_client_left_the_users_team(
    django_user_model, pair
):
    ours, theirs = pair
    api = _limited(django_user_model, pair)
    key = {"HTTP_IDEMPOTENCY_KEY": "before-the-move"}
    body = {"brief_id": ours.brief_id}
    run = api.post("/api/v1/runs/", body, format="json", **key).json()
    other = {"HTTP_IDEMPOTENCY_KEY": "redeliver-before-the-move"}
    redelivered = api.post(
        f"/api/v1/drafts/{ours.draft_id}/redeliver/", {}, format="json", **other
    ).json()
    AccountTeam.objects.get(name="lena's team").clients.set([theirs.client_id])
    before = WorkflowRun.objects.count()

    replayed = api.post("/api/v1/runs/", body, format="json", **key)
    replayed_redelivery = api.post(
        f"/api/v1/drafts/{ours.draft_id}/redeliver/", {}, format="json", **other
    )

    assert replayed.status_code == 400
    assert replayed.json()["details"]["fields"] == {
        "brief_id": [f"Brief '{ours.brief_id}' not found."]
    }
    assert run["id"] not in replayed.content.decode()
    assert replayed_redelivery.status_code == 409
    assert replayed_redelivery.json()["message"] == (
        f"Draft '{ours.draft_id}' was not delivered by a completed run."
    )
    assert redelivered["id"] not in replayed_redelivery.content.decode()
    assert WorkflowRun.objects.count() == before
