"""Idempotency keys of run starts (issue 11, finding 9): per owner, bound to a body.

A key belongs to its owner (an API user, the CLI, internal callers): another owner's
equal key starts its own run. The same owner's key replays its run for the same
request and answers 409 CONFLICT for another one, starting nothing.
"""

import json
import threading
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from onboarding import api as onboarding_api
from orchestration import api as orchestration_api
from orchestration.engine import runs
from orchestration.errors import IdempotencyKeyReused
from orchestration.models import WorkflowRun
from strategy import api as strategy_api
from tests.conftest import api_client_for
from tests.orchestration.conftest import load_example

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BRIEF_FILE = str(EXAMPLES / "brightsmile_dental.json")
ERROR_KEYS = {"error_code", "message", "details", "trace_id"}


def _start(client, brief_id: str, key: str, **body):
    return client.post(
        "/api/v1/runs/",
        {"brief_id": brief_id, **body},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


@pytest.fixture
def other_brief():
    return orchestration_api.brief_submit(data=load_example("ledgerly_saas_sales.json"))


@pytest.fixture
def oscar(django_user_model):
    """A second operator."""
    return api_client_for(django_user_model, "oscar", "operators")


# --- over the API -------------------------------------------------------------------


def test_two_users_with_the_same_key_get_two_runs(operator, oscar, brief):
    mine = _start(operator, brief.id, "order-1")
    theirs = _start(oscar, brief.id, "order-1")

    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["id"] != theirs.json()["id"]
    assert mine.json()["idempotency_key"] == theirs.json()["idempotency_key"]
    assert len(orchestration_api.run_list()) == 2
    # Each replays their own run.
    assert _start(operator, brief.id, "order-1").json()["id"] == mine.json()["id"]
    assert _start(oscar, brief.id, "order-1").json()["id"] == theirs.json()["id"]


def test_the_same_key_and_body_replays_the_run_with_200(operator, brief):
    first = _start(operator, brief.id, "order-2", pack="quick_social_basic")
    again = _start(operator, brief.id, "order-2", pack="quick_social_basic")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert len(orchestration_api.run_list()) == 1


def test_the_same_key_with_another_brief_answers_409_and_starts_nothing(
    operator, brief, other_brief
):
    first = _start(operator, brief.id, "order-3")
    runs_before = len(orchestration_api.run_list())
    strategies_before = len(strategy_api.strategy_list(brief_id=other_brief.id))

    response = _start(operator, other_brief.id, "order-3")

    assert response.status_code == 409
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["error_code"] == "CONFLICT"
    assert "'order-3'" in body["message"]
    assert body["details"] == {
        "idempotency_key": "order-3",
        "run_id": first.json()["id"],
    }
    assert len(orchestration_api.run_list()) == runs_before == 1
    assert len(strategy_api.strategy_list(brief_id=other_brief.id)) == (
        strategies_before
    )


@pytest.mark.parametrize(
    "changed",
    [{"pack": "quick_social_basic"}, {"force_fail": "qc"}],
    ids=["pack named", "force_fail"],
)
def test_the_same_key_with_other_options_answers_409(operator, brief, changed):
    _start(operator, brief.id, "order-4")

    response = _start(operator, brief.id, "order-4", **changed)

    assert response.status_code == 409
    assert response.json()["error_code"] == "CONFLICT"
    assert len(orchestration_api.run_list()) == 1


def test_a_key_refused_for_a_bad_body_stays_free(operator, brief):
    refused = _start(operator, "brief_missing", "order-5")

    response = _start(operator, brief.id, "order-5")

    assert refused.status_code == 400
    assert refused.json()["details"]["fields"].keys() == {"brief_id"}
    assert response.status_code == 201


def test_a_redelivery_key_is_bound_to_its_draft_and_its_owner(operator, oscar, start):
    one = start().outputs["draft_id"]
    two = start().outputs["draft_id"]
    path = "/api/v1/drafts/{}/redeliver/"

    first = operator.post(path.format(one), {}, format="json", HTTP_IDEMPOTENCY_KEY="r")
    before = len(orchestration_api.run_list())
    other_draft = operator.post(
        path.format(two), {}, format="json", HTTP_IDEMPOTENCY_KEY="r"
    )
    as_a_start = _start(operator, orchestration_api.run_list()[0].brief_id, "r")
    theirs = oscar.post(path.format(one), {}, format="json", HTTP_IDEMPOTENCY_KEY="r")

    assert first.status_code == 201
    assert [other_draft.status_code, as_a_start.status_code] == [409, 409]
    assert other_draft.json()["details"]["run_id"] == first.json()["id"]
    assert theirs.status_code == 201
    assert theirs.json()["id"] != first.json()["id"]
    assert len(orchestration_api.run_list()) == before + 1


# --- the public API and the stored rows -------------------------------------------


def test_keys_are_stored_with_their_owner_and_request_fingerprint(operator, brief):
    response = _start(operator, brief.id, "order-6")

    run = WorkflowRun.objects.get(pk=response.json()["id"])
    user = run.idempotency_owner
    assert user.startswith("user:")
    assert len(run.request_fingerprint) == 64
    no_key = orchestration_api.workflow_start(brief_id=brief.id).run
    stored = WorkflowRun.objects.get(pk=no_key.id)
    assert (stored.idempotency_key, stored.idempotency_owner) == (None, "")
    assert stored.request_fingerprint == ""


def test_workflow_start_scopes_keys_by_owner_and_refuses_another_request(
    brief, other_brief
):
    mine = orchestration_api.workflow_start(
        brief_id=brief.id, idempotency_key="k", key_owner="user:1"
    )
    theirs = orchestration_api.workflow_start(
        brief_id=brief.id, idempotency_key="k", key_owner="user:2"
    )
    replay = orchestration_api.workflow_start(
        brief_id=brief.id, idempotency_key="k", key_owner="user:1"
    )

    with pytest.raises(IdempotencyKeyReused) as refused:
        orchestration_api.workflow_start(
            brief_id=other_brief.id, idempotency_key="k", key_owner="user:1"
        )

    assert (mine.created, theirs.created, replay.created) == (True, True, False)
    assert replay.run.id == mine.run.id != theirs.run.id
    assert refused.value.code == "CONFLICT"
    assert refused.value.http_status == 409
    assert len(orchestration_api.run_list()) == 2


def test_a_run_keyed_before_scoping_replays_only_in_the_unnamed_scope(
    operator, brief, other_brief
):
    # A run stored before migration 0006: owner "" and no fingerprint.
    legacy = orchestration_api.workflow_start(brief_id=brief.id, idempotency_key="old")
    WorkflowRun.objects.filter(pk=legacy.run.id).update(request_fingerprint="")

    internal = orchestration_api.workflow_start(
        brief_id=other_brief.id, idempotency_key="old"
    )
    api_user = _start(operator, brief.id, "old")

    assert (internal.created, internal.run.id) == (False, legacy.run.id)
    assert api_user.status_code == 201
    assert api_user.json()["id"] != legacy.run.id


# --- run_workflow: the CLI's own scope ---------------------------------------------


def _run_workflow(*args: str) -> str:
    """Run the command; its output (a run that did not complete exits 1)."""
    out = StringIO()
    call_command("run_workflow", *args, stdout=out)
    return out.getvalue()


def test_the_cli_replays_its_key_and_stores_no_second_brief():
    first = json.loads(_run_workflow(BRIEF_FILE, "--idempotency-key", "d-1", "--json"))
    again = json.loads(_run_workflow(BRIEF_FILE, "--idempotency-key", "d-1", "--json"))

    assert again["id"] == first["id"]
    assert len(onboarding_api.brief_list()) == 1
    assert WorkflowRun.objects.get(pk=first["id"]).idempotency_owner == "cli"


def test_the_cli_key_with_other_options_exits_2_conflict_and_stores_nothing():
    _run_workflow(BRIEF_FILE, "--idempotency-key", "d-2", "--json")
    briefs_before = len(onboarding_api.brief_list())

    with pytest.raises(CommandError) as refused:
        _run_workflow(
            BRIEF_FILE, "--idempotency-key", "d-2", "--pack", "quick_social_basic"
        )

    assert refused.value.returncode == 2
    assert str(refused.value).startswith("CONFLICT: Idempotency key 'd-2'")
    assert len(onboarding_api.brief_list()) == briefs_before == 1
    assert len(orchestration_api.run_list()) == 1


def test_the_cli_key_with_another_brief_file_exits_2_conflict():
    _run_workflow(BRIEF_FILE, "--idempotency-key", "d-3")

    with pytest.raises(CommandError) as refused:
        _run_workflow(
            str(EXAMPLES / "ledgerly_saas_sales.json"), "--idempotency-key", "d-3"
        )

    assert refused.value.returncode == 2
    assert "CONFLICT" in str(refused.value)
    assert len(orchestration_api.run_list()) == 1


def test_a_cli_key_and_an_api_users_equal_key_are_independent(operator):
    cli = json.loads(_run_workflow(BRIEF_FILE, "--idempotency-key", "d-4", "--json"))

    response = _start(operator, cli["brief_id"], "d-4")

    assert response.status_code == 201
    assert response.json()["id"] != cli["id"]


# --- the race, on PostgreSQL -------------------------------------------------------


def _noop_start(key: str, owner: str, **kwargs):
    try:
        return orchestration_api.workflow_start(
            brief_id="",
            workflow="noop_five",
            idempotency_key=key,
            key_owner=owner,
            **kwargs,
        )
    finally:
        connection.close()


def _race(second_kwargs: dict) -> tuple[object, object]:
    """Start a keyed run, held uncommitted after its INSERT, then the same key again.

    The second start finds no committed run, so it inserts too and waits on the
    unique index until the first commits: the IntegrityError path decides.
    """
    inserted, release = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def hold_after_insert(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith('INSERT INTO "orchestration_workflowrun"'):
            inserted.set()
            release.wait(10)
        return result

    def first() -> None:
        with connection.execute_wrapper(hold_after_insert):
            results["first"] = _noop_start("race", "user:7")

    def second() -> None:
        try:
            results["second"] = _noop_start("race", "user:7", **second_kwargs)
        except IdempotencyKeyReused as exc:
            results["second"] = exc

    one = threading.Thread(target=first)
    one.start()
    assert inserted.wait(10)
    two = threading.Thread(target=second)
    two.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _waiting_on_a_lock():
            time.sleep(0.02)
        assert _waiting_on_a_lock(), "the second start never reached the index"
    finally:
        release.set()
        one.join(30)
        two.join(30)
    return results["first"], results["second"]


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_starts_of_one_key_make_exactly_one_run():
    first, second = _race({})

    assert connection.vendor == "postgresql"
    assert first.created is True
    assert second.created is False
    assert second.run.id == first.run.id
    assert WorkflowRun.objects.filter(idempotency_key="race").count() == 1
    assert WorkflowRun.objects.get(pk=first.run.id).status == "completed"


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_concurrent_start_of_one_key_with_another_body_is_a_conflict():
    first, second = _race({"pack": "another"})

    assert first.created is True
    assert isinstance(second, IdempotencyKeyReused)
    assert second.extra["run_id"] == first.run.id
    assert WorkflowRun.objects.count() == 1


def test_the_fingerprint_is_canonical_json():
    assert runs.request_fingerprint({"b": 1, "a": "\ud800"}) == (
        runs.request_fingerprint({"a": "\ud800", "b": 1})
    )
    assert runs.request_fingerprint({"a": None}) != runs.request_fingerprint({})
