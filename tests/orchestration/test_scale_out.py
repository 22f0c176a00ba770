"""Scale-out pieces of the engine: heartbeat, sweeper, doorbells, the claim on PG.

The real-process drills (workers killed, frozen, the broker stopped) are in
tests/drills; these tests pin each piece's rules in one process.
"""

import base64
import datetime as dt
import json
import logging
import threading
import time

import pytest
import redis
from django.db import connection, connections
from django.utils import timezone

from orchestration import api as orchestration_api
from orchestration import tasks
from orchestration.engine import definitions, heartbeat, runner, runs, sweeper
from orchestration.errors import FaultInjectionDisabled, InvalidRunOptions
from orchestration.models import RunEvent, WorkflowRun
from strategy import api as strategy_api
from tests.servers import unavailable

pytestmark = pytest.mark.django_db

CLOSED_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1
TEST_BROKER_DB = 14


def _pending(brief_id: str = "", workflow: str = "noop_five") -> WorkflowRun:
    definition = definitions.workflow_get(workflow)
    run, _, created = runs.run_start(
        workflow=definition,
        brief_id=brief_id,
        pack="quick_social_basic" if definition.needs_brief else "",
        options={},
        idempotency_key=None,
    )
    assert created
    return run


def _set(run_id: str, **values) -> None:
    WorkflowRun.objects.filter(pk=run_id).update(**values)


# --- heartbeat --------------------------------------------------------------------


@pytest.fixture
def held():
    """Runs held by the heartbeat in a test; released afterwards."""
    ids: list[str] = []
    yield ids
    for run_id in ids:
        heartbeat.release(run_id)


def _hold_stale(held: list[str], run_id: str, fence: int) -> None:
    heartbeat.hold(run_id, fence)
    held.append(run_id)
    heartbeat._held[run_id][1] = time.monotonic() - 3600  # last renewed long ago


def test_the_heartbeat_renews_a_held_lease_that_no_commit_renewed(settings, held):
    settings.AICMO_LEASE_SECONDS = 30
    run = _pending()
    claimed, _ = runs.run_claim(run_id=run.id, owner="worker-a")
    near_expiry = timezone.now() + dt.timedelta(seconds=1)
    _set(run.id, lease_expires_at=near_expiry)
    _hold_stale(held, run.id, claimed.fence)

    before = timezone.now()
    renewed = heartbeat.beat()

    stored = WorkflowRun.objects.get(pk=run.id)
    assert renewed == [run.id]
    assert stored.lease_expires_at >= before + dt.timedelta(seconds=29)
    assert (stored.lease_owner, stored.fence) == ("worker-a", 1)
    assert heartbeat.was_lost(run.id) is False


def test_the_heartbeat_leaves_a_lease_that_a_commit_just_renewed(settings, held):
    settings.AICMO_HEARTBEAT_SECONDS = 10
    run = _pending()
    claimed, _ = runs.run_claim(run_id=run.id, owner="worker-a")
    expires = WorkflowRun.objects.get(pk=run.id).lease_expires_at
    heartbeat.hold(run.id, claimed.fence)
    held.append(run.id)

    assert heartbeat.beat() == []
    assert WorkflowRun.objects.get(pk=run.id).lease_expires_at == expires


def test_the_heartbeat_notices_a_lease_taken_over_and_does_not_extend_it(held):
    run = _pending()
    runs.run_claim(run_id=run.id, owner="worker-a")
    _set(run.id, lease_expires_at=timezone.now() - dt.timedelta(seconds=1))
    taken, _ = runs.run_claim(run_id=run.id, owner="worker-b")
    theirs = WorkflowRun.objects.get(pk=run.id).lease_expires_at
    _hold_stale(held, run.id, fence=1)  # worker-a still thinks it holds fence 1

    assert heartbeat.beat() == []

    stored = WorkflowRun.objects.get(pk=run.id)
    assert heartbeat.was_lost(run.id) is True
    assert (stored.lease_owner, stored.fence) == ("worker-b", taken.fence)
    assert stored.lease_expires_at == theirs


def test_a_run_is_held_while_it_executes_and_released_after():
    """On PostgreSQL; SQLite's writer lock already keeps a claim out mid-step."""
    run = _pending()
    seen: list[bool] = []
    original = runner.Runner._forward

    def spy(self):
        seen.append(self.run.pk in heartbeat._held)
        original(self)

    runner.Runner._forward = spy
    try:
        finished = runs.run_advance(run_id=run.id)
    finally:
        runner.Runner._forward = original

    assert finished.status == "completed"
    # SQLite serializes writers for the whole step: nothing to renew there.
    assert seen == [connection.vendor != "sqlite"]
    assert run.id not in heartbeat._held


# --- stall drill option -------------------------------------------------------------


def test_stall_in_must_name_a_step_of_the_workflow():
    with pytest.raises(InvalidRunOptions) as raised:
        orchestration_api.run_options_check(stall_in="nowhere", workflow="noop_five")

    assert raised.value.fields == {
        "stall_in": ["Must be one of: noop_1, noop_2, noop_3, noop_4, noop_5."]
    }
    assert WorkflowRun.objects.count() == 0


def test_stall_in_is_fault_injection_and_refused_when_that_is_off(settings):
    settings.AICMO_ALLOW_FAULT_INJECTION = False

    with pytest.raises(FaultInjectionDisabled):
        orchestration_api.workflow_start(
            brief_id="", workflow="noop_five", stall_in="noop_2"
        )

    assert WorkflowRun.objects.count() == 0


def test_a_stalled_step_holds_only_the_first_claim(settings, caplog):
    settings.AICMO_STALL_SECONDS = 0.01
    caplog.set_level(logging.WARNING, "aicmo.orchestration")

    run = orchestration_api.workflow_start(
        brief_id="", workflow="noop_five", stall_in="noop_2"
    ).run

    assert run.status == "completed"
    stalls = [r.getMessage() for r in caplog.records if "stall drill" in r.message]
    assert len(stalls) == 1
    assert f"holds noop_2 of {run.id}" in stalls[0]


# --- doorbells and the sweeper ------------------------------------------------------


def test_the_sweeper_picks_exactly_the_runs_nobody_drives(settings):
    settings.AICMO_DOORBELL_GRACE_SECONDS = 60
    now = timezone.now()
    long_ago = now - dt.timedelta(minutes=5)
    never_rung = _pending()
    rung_long_ago = _pending()
    _set(rung_long_ago.id, rung_at=long_ago)
    rung_just_now = _pending()
    _set(rung_just_now.id, rung_at=now)
    expired = _pending()
    runs.run_claim(run_id=expired.id, owner="dead-worker")
    _set(expired.id, lease_expires_at=now - dt.timedelta(seconds=1), rung_at=long_ago)
    leased = _pending()
    runs.run_claim(run_id=leased.id, owner="live-worker")
    finished = _pending()
    runs.run_advance(run_id=finished.id)

    first = sweeper.runs_to_ring()
    second = sweeper.runs_to_ring()

    assert set(first) == {never_rung.id, rung_long_ago.id, expired.id}
    assert second == []  # each was just rung: within its grace now
    rung_at = dict(WorkflowRun.objects.values_list("id", "rung_at"))
    assert all(rung_at[run_id] >= now for run_id in first)
    assert rung_at[rung_just_now.id] == now
    assert rung_at[leased.id] is None


def test_a_run_waiting_in_a_backlog_is_rung_after_1_2_4_graces(settings):
    settings.AICMO_DOORBELL_GRACE_SECONDS = 10
    run = _pending()
    now = timezone.now()

    def due_after(seconds_ago: float, doorbells: int) -> bool:
        _set(
            run.id,
            rung_at=now - dt.timedelta(seconds=seconds_ago),
            doorbells=doorbells,
        )
        return sweeper.runs_to_ring() == [run.id]

    assert due_after(11, 0) is True
    assert WorkflowRun.objects.get(pk=run.id).doorbells == 1
    assert due_after(11, 1) is False  # the second waits 20 s
    assert due_after(21, 1) is True
    assert due_after(39, 2) is False  # the third waits 40 s
    assert due_after(41, 2) is True
    assert due_after(639, 60) is False  # at most 64 graces
    assert due_after(641, 60) is True


def test_a_claim_resets_the_doorbell_backoff():
    run = _pending()
    _set(run.id, doorbells=5)

    runs.run_claim(run_id=run.id, owner="worker-a")

    assert WorkflowRun.objects.get(pk=run.id).doorbells == 0


def test_a_sweep_with_the_broker_down_rings_nothing_and_keeps_the_runs_due(
    settings, caplog
):
    settings.AICMO_EXECUTOR = "celery"
    settings.CELERY_BROKER_URL = CLOSED_BROKER
    _use_broker(CLOSED_BROKER)
    first, second = _pending(), _pending()

    began = time.monotonic()
    result = orchestration_api.runs_sweep()
    took = time.monotonic() - began

    assert result.rung == ()
    assert took < 10  # one failed send, not one per run
    stored = dict(WorkflowRun.objects.values_list("id", "rung_at"))
    assert (stored[first.id], stored[second.id]) == (None, None)
    assert sweeper.runs_to_ring() == [first.id, second.id]


def test_the_inline_sweep_drives_due_runs_here(brief):
    run = _pending(brief.id, workflow="client_to_delivery")

    result = orchestration_api.runs_sweep()

    assert [r.id for r in result.resumed] == [run.id]
    assert result.resumed[0].status.value == "completed"
    assert result.rung == ()
    assert len(strategy_api.strategy_list(brief_id=brief.id)) == 1


def test_a_run_started_while_the_broker_is_down_stays_pending(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.AICMO_EXECUTOR = "celery"
    settings.CELERY_BROKER_URL = CLOSED_BROKER
    _use_broker(CLOSED_BROKER)
    caplog.set_level(logging.WARNING, "aicmo.orchestration")

    with django_capture_on_commit_callbacks(execute=True):
        started = orchestration_api.workflow_start(brief_id="", workflow="noop_five")

    stored = WorkflowRun.objects.get(pk=started.run.id)
    assert (started.created, stored.status, stored.fence) == (True, "pending", 0)
    assert stored.rung_at is None  # so the next sweep rings it, without a grace
    warnings = [r.getMessage() for r in caplog.records]
    assert any(f"doorbell for {stored.id} not sent" in message for message in warnings)


def _use_broker(url: str) -> None:
    """Point the Celery app at ``url`` (it read its settings once, at first use)."""
    from aicmo_site.celery import app

    app.conf.broker_url = url
    app._pool = None  # pools are made per broker URL on next use
    app.amqp._producer_pool = None


@pytest.fixture
def test_broker(settings):
    """The real Redis, database 14, emptied around the test; skip if it is down."""
    url = f"redis://127.0.0.1:6379/{TEST_BROKER_DB}"
    client = redis.Redis(host="127.0.0.1", port=6379, db=TEST_BROKER_DB)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        unavailable(f"Redis is not reachable on 127.0.0.1:6379 ({exc})")
    client.flushdb()
    settings.AICMO_EXECUTOR = "celery"
    settings.CELERY_BROKER_URL = url
    _use_broker(url)
    yield client
    client.flushdb()
    _use_broker(settings.CELERY_BROKER_URL)


def _queued_doorbells(client: redis.Redis) -> list[tuple[str, list, dict]]:
    doorbells = []
    for raw in client.lrange("celery", 0, -1):
        message = json.loads(raw)
        body = message["body"]
        if message["properties"].get("body_encoding") == "base64":
            body = base64.b64decode(body)
        args, kwargs, _ = json.loads(body)
        doorbells.append((message["headers"]["task"], args, kwargs))
    return doorbells


@pytest.mark.server
def test_a_queued_start_rings_one_doorbell_after_the_commit(
    test_broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = orchestration_api.workflow_start(brief_id="", workflow="noop_five").run
        assert _queued_doorbells(test_broker) == []  # nothing before the commit

    for callback in callbacks:
        callback()

    assert run.status == "pending"
    assert _queued_doorbells(test_broker) == [
        ("orchestration.advance_run", [run.id], {"step": "noop_1", "attempt": 0})
    ]


@pytest.mark.server
def test_the_celery_sweep_rings_due_runs_once_per_grace(settings, test_broker):
    settings.AICMO_DOORBELL_GRACE_SECONDS = 60
    due = _pending()
    _set(due.id, rung_at=timezone.now() - dt.timedelta(minutes=5))
    waiting = _pending()
    _set(waiting.id, rung_at=timezone.now())

    first = orchestration_api.runs_sweep()
    second = orchestration_api.runs_sweep()

    assert (first.rung, first.resumed, second.rung) == ((due.id,), (), ())
    assert _queued_doorbells(test_broker) == [
        ("orchestration.advance_run", [due.id], {"step": None, "attempt": None})
    ]
    assert WorkflowRun.objects.get(pk=due.id).status == "pending"


def test_a_doorbell_drives_the_run_and_a_second_one_is_dropped(caplog):
    caplog.set_level(logging.INFO, "aicmo.orchestration")
    run = _pending()

    first = tasks.advance_run.run(run.id, step="noop_1", attempt=0)
    second = tasks.advance_run.run(run.id, step="noop_1", attempt=0)

    assert (first, second) == ("completed", "not-claimed")
    claims = RunEvent.objects.filter(run_id=run.id, type="run.claimed")
    assert [e.payload["fence"] for e in claims] == [1]
    assert any(
        f"doorbell for {run.id} (step noop_1, attempt 0) dropped" in r.getMessage()
        for r in caplog.records
    )


# --- the claim on PostgreSQL -------------------------------------------------------


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_claim_skips_a_run_whose_row_another_transaction_holds():
    run = _pending()
    locked = threading.Event()
    release = threading.Event()

    def hold_the_row() -> None:
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("BEGIN")
                cursor.execute(
                    "SELECT id FROM orchestration_workflowrun WHERE id = %s FOR UPDATE",
                    [run.id],
                )
                locked.set()
                release.wait(10)
                cursor.execute("ROLLBACK")
        finally:
            other.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert locked.wait(10)
        began = time.monotonic()
        claimed = runs.run_claim(run_id=run.id, owner="worker-b")
        waited = time.monotonic() - began
    finally:
        release.set()
        holder.join(10)

    assert connection.vendor == "postgresql"
    assert claimed is None
    assert waited < 1.0  # skipped at once, not waited for
    stored = WorkflowRun.objects.get(pk=run.id)
    assert (stored.status, stored.fence, stored.lease_owner) == ("pending", 0, "")
    assert runs.run_claim(run_id=run.id, owner="worker-b") is not None
