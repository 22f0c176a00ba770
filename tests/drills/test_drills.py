"""Drills (issue 5): real Celery workers, API and sweeper on real PostgreSQL and Redis.

Each drill builds a small cluster (see ``cluster.py``): its own Redis on a free port,
a clone of a migrated PostgreSQL database, solo-pool workers (one process each, so a
worker's pid is the pid in the leases it takes), the API under ``runserver`` and the
sweeper (``recover_runs --loop``). Faults are real: SIGKILL, SIGSTOP/SIGCONT, and
Redis stopped and started again on the same port. The checks read the database with
psycopg and the files under MEDIA_ROOT.
"""

import json
import re
import signal
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.drills.cluster import (
    BRIEF_FILE,
    PACK,
    STEPS,
    Cluster,
    owner_pid,
)
from tests.drills.processes import wait_until

pytestmark = [pytest.mark.server, pytest.mark.slow, pytest.mark.drill]

WORKERS = ("drill1", "drill2")
STALL_STEP = "generate_draft"


def _brief() -> dict[str, Any]:
    brief = json.loads(BRIEF_FILE.read_text())
    brief["pack"] = PACK
    return brief


def _wait_in_stall(cluster: Cluster, run_id: str) -> dict[str, Any]:
    """Wait until a worker holds the run and generate_strategy has committed."""

    def in_stall() -> dict[str, Any] | None:
        row = cluster.run_row(run_id)
        steps = {s["name"]: s["status"] for s in cluster.step_rows(run_id)}
        if row["lease_owner"] and steps["generate_strategy"] == "completed":
            return row
        return None

    row = wait_until(
        in_stall,
        timeout=60,
        what=f"{run_id} to be claimed and past generate_strategy",
        describe=lambda: cluster.describe_runs([run_id]),
    )
    # Let the owner reach the stall: the draft's rows are written, not committed.
    time.sleep(0.5)
    again = cluster.run_row(run_id)
    steps = {s["name"]: s["status"] for s in cluster.step_rows(run_id)}
    assert again["fence"] == 1, again
    assert again["lease_owner"] == row["lease_owner"], (row, again)
    assert steps[STALL_STEP] != "completed", steps
    return again


def _split_workers(cluster: Cluster, lease_owner: str) -> tuple[Any, Any]:
    owner = cluster.worker_by_pid(owner_pid(lease_owner))
    assert owner.name in WORKERS, owner.name
    other = cluster.procs[next(n for n in WORKERS if n != owner.name)]
    return owner, other


def _claims(cluster: Cluster, run_id: str) -> list[tuple[int, int]]:
    """(pid, fence) of every run.claimed event, in order."""
    return [
        (owner_pid(e["payload"]["worker"]), int(e["payload"]["fence"]))
        for e in cluster.events(run_id, "run.claimed")
    ]


def _assert_each_step_committed_once(cluster: Cluster, run_id: str) -> None:
    assert cluster.step_completions(run_id) == dict.fromkeys(STEPS, 1)
    assert [s["attempts"] for s in cluster.step_rows(run_id)] == [1] * len(STEPS)


def test_200_runs_through_the_api_on_two_workers_each_complete_exactly_once(
    make_cluster,
):
    cluster = make_cluster(lease=5)
    cluster.start(workers=WORKERS, api=True, sweeper=True)
    brief = _brief()
    total = 200

    started = time.monotonic()
    first = cluster.submit_run(brief)  # creates the client; the rest reuse it
    with ThreadPoolExecutor(max_workers=4) as pool:
        rest = list(pool.map(lambda _: cluster.submit_run(brief), range(total - 1)))
    runs = [first, *rest]
    submitted = time.monotonic() - started
    assert {r["status"] for r in runs} == {"pending"}
    run_ids = [r["id"] for r in runs]
    assert len(set(run_ids)) == total

    statuses = cluster.wait_finished(run_ids, timeout=240)
    elapsed = time.monotonic() - started
    rings = cluster.procs["sweeper"].log().count("Rang run_")
    print(
        f"\n{total} runs: submitted in {submitted:.1f}s, all finished after "
        f"{elapsed:.1f}s ({total / elapsed:.1f} runs/s); the sweeper rang {rings} "
        f"times, {cluster.queued_messages()} doorbells still queued"
    )

    assert set(statuses.values()) == {"completed"}, cluster.describe_runs(run_ids)
    cluster.assert_exactly_one_of_each(run_ids)
    # Both workers did work, and nothing but a worker claimed a run.
    claimers = {
        owner_pid(row["worker"])
        for row in cluster.sql(
            "SELECT payload->>'worker' AS worker FROM orchestration_runevent"
            " WHERE type = 'run.claimed'"
        )
    }
    assert claimers == {cluster.procs[name].pid for name in WORKERS}
    # The API reports one of them as the workers left it.
    status, body = cluster.http("GET", f"/api/v1/runs/{run_ids[-1]}/")
    assert status == 200, body
    assert body["status"] == "completed"
    assert [s["status"] for s in body["steps"]] == ["completed"] * len(STEPS)
    assert body["outputs"]["package_id"].startswith("pkg_")
    for name in (*WORKERS, "sweeper", "api"):
        assert cluster.procs[name].alive(), f"{name} died"


def test_a_worker_killed_mid_step_is_replaced_by_the_other_after_its_lease(
    make_cluster,
):
    cluster = make_cluster(lease=3, stall=20)
    cluster.start(workers=WORKERS, sweeper=True)
    run_id = cluster.start_stalled_run(STALL_STEP)["id"]

    row = _wait_in_stall(cluster, run_id)
    victim, survivor = _split_workers(cluster, row["lease_owner"])
    killed_at = time.monotonic()
    cluster.kill(victim.name, signal.SIGKILL)
    assert victim.popen.wait(timeout=10) == -signal.SIGKILL

    statuses = cluster.wait_finished([run_id], timeout=60)
    print(f"\nrecovered {time.monotonic() - killed_at:.1f}s after the SIGKILL")
    assert statuses == {run_id: "completed"}

    claims = _claims(cluster, run_id)
    assert claims[0] == (victim.pid, 1), claims
    assert {pid for pid, _ in claims[1:]} == {survivor.pid}, claims
    assert claims[1][1] == 2, claims
    assert cluster.run_row(run_id)["fence"] == claims[-1][1]
    _assert_each_step_committed_once(cluster, run_id)
    cluster.assert_exactly_one_of_each([run_id])
    assert survivor.alive()


def test_the_same_doorbell_delivered_again_has_no_effect(make_cluster):
    cluster = make_cluster(lease=3)
    cluster.start(workers=WORKERS, api=True)
    run_id = cluster.submit_run(_brief())["id"]  # rings once
    # The same doorbell message (one task id), delivered twice more, right away.
    cluster.ring(run_id, times=2, task_id=str(uuid.uuid4()))

    assert cluster.wait_finished([run_id], timeout=60) == {run_id: "completed"}
    cluster.ring(run_id)  # and once more when the run is over

    received = re.compile(r"Task orchestration\.advance_run\[[^\]]+\] received")
    succeeded = re.compile(r"Task orchestration\.advance_run\[[^\]]+\] succeeded")

    def consumed() -> bool:
        logs = "".join(cluster.procs[name].log() for name in WORKERS)
        return len(received.findall(logs)) >= 4 and len(succeeded.findall(logs)) >= 4

    wait_until(consumed, timeout=30, what="the workers to take all four doorbells")
    logs = "".join(cluster.procs[name].log() for name in WORKERS)
    assert len(received.findall(logs)) == 4
    assert len(succeeded.findall(logs)) == 4
    # One doorbell did the work; the three others found the run held or finished.
    assert (
        len(re.findall(r"advance_run\[[^\]]+\] succeeded in \S+: 'completed'", logs))
        == 1
    )

    row = cluster.run_row(run_id)
    assert row["status"] == "completed"
    assert row["fence"] == 1
    assert row["lease_owner"] == ""
    assert len(_claims(cluster, run_id)) == 1
    _assert_each_step_committed_once(cluster, run_id)
    cluster.assert_exactly_one_of_each([run_id])


def test_runs_submitted_while_the_broker_is_down_wait_and_then_finish(make_cluster):
    cluster = make_cluster(lease=3)
    cluster.start(workers=WORKERS, api=True, sweeper=True)
    brief = _brief()

    cluster.stop_redis()
    run_ids = []
    for _ in range(5):
        asked = time.monotonic()
        run = cluster.submit_run(brief)
        took = time.monotonic() - asked
        assert took < 5, f"POST /runs/ took {took:.1f}s with the broker down"
        assert run["status"] == "pending"
        run_ids.append(run["id"])

    # Nothing can ring them: they stay pending.
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        assert set(cluster.statuses(run_ids).values()) == {"pending"}
        time.sleep(0.25)

    cluster.start_redis()  # the same port
    back = time.monotonic()
    statuses = cluster.wait_finished(run_ids, timeout=120)
    print(f"\n5 runs finished {time.monotonic() - back:.1f}s after Redis came back")
    assert set(statuses.values()) == {"completed"}
    cluster.assert_exactly_one_of_each(run_ids)
    for name in (*WORKERS, "sweeper", "api"):
        assert cluster.procs[name].alive(), f"{name} died while Redis was down"


def test_a_zombie_whose_lease_was_taken_over_cannot_commit(make_cluster):
    cluster = make_cluster(lease=2, stall=8)
    cluster.start(workers=WORKERS, sweeper=True)
    run_id = cluster.start_stalled_run(STALL_STEP)["id"]

    row = _wait_in_stall(cluster, run_id)
    zombie, heir = _split_workers(cluster, row["lease_owner"])
    cluster.kill(zombie.name, signal.SIGSTOP)
    try:
        taken = wait_until(
            lambda: (r := cluster.run_row(run_id))["fence"] >= 2 and r,
            timeout=30,
            what=f"another worker to claim {run_id} (fence 2)",
            describe=lambda: cluster.describe_runs([run_id]),
        )
    finally:
        cluster.kill(zombie.name, signal.SIGCONT)
    assert owner_pid(taken["lease_owner"]) == heir.pid, taken

    statuses = cluster.wait_finished([run_id], timeout=60)
    assert statuses == {run_id: "completed"}
    lost = re.compile(rf"lost the lease on {re.escape(run_id)} \(fence 1\)")
    wait_until(
        lambda: lost.search(zombie.log()),
        timeout=30,
        what="the zombie to log that it lost the lease",
    )

    claims = _claims(cluster, run_id)
    assert claims[0] == (zombie.pid, 1), claims
    assert (heir.pid, 2) in claims, claims
    _assert_each_step_committed_once(cluster, run_id)
    cluster.assert_exactly_one_of_each([run_id])
    assert zombie.alive(), "the zombie worker should survive its rejected commit"
