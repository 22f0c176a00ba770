"""bench_workflow: its rows, the bare loop's fairness, the side-by-side mode."""

import json
import os
import socket
import uuid
from io import StringIO
from urllib.parse import urlsplit

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from bench import baseline, measure
from orchestration.models import RunEvent, StepRun, WorkflowRun

ROW_LABELS = ("full", "noop", "bare (same writes)")
UNREACHABLE_PG = "postgres://postgres@127.0.0.1:1/aicmo_bench_nowhere"


def _bench(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("bench_workflow", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _rows(run_id: str) -> dict[str, list[dict]]:
    """Every column of a run's rows in the three engine tables, as stored."""
    found = {}
    with connection.cursor() as cursor:
        for table, key, order in (
            ("orchestration_workflowrun", "id", "id"),
            ("orchestration_steprun", "run_id", "position"),
            ("orchestration_runevent", "run_id", "seq"),
        ):
            cursor.execute(
                f"SELECT * FROM {table} WHERE {key} = %s ORDER BY {order}",  # noqa: S608
                [run_id],
            )
            columns = [c[0] for c in cursor.description]
            found[table] = [dict(zip(columns, r, strict=True)) for r in cursor]
    return found


def _bare_counts() -> tuple[int, int, int]:
    return (
        WorkflowRun.objects.filter(workflow=baseline.BARE_WORKFLOW).count(),
        StepRun.objects.filter(run__workflow=baseline.BARE_WORKFLOW).count(),
        RunEvent.objects.filter(run__workflow=baseline.BARE_WORKFLOW).count(),
    )


# Values that differ between any two runs; everything else must be identical.
PER_RUN = {"id", "run_id", "created_at", "updated_at", "started_at", "finished_at"}
PER_RUN |= {"occurred_at"}


@pytest.mark.django_db
def test_the_bare_run_writes_exactly_the_rows_an_engine_noop_run_writes():
    bare_id = baseline.BareLoop().run()
    noop_id = measure.noop_run()

    bare, noop = _rows(bare_id), _rows(noop_id)

    for table in bare:
        assert len(bare[table]) == len(noop[table]), table
        for bare_row, noop_row in zip(bare[table], noop[table], strict=True):
            assert bare_row.keys() == noop_row.keys()
            for column, value in bare_row.items():
                if column in PER_RUN:
                    # Set on both sides, with the same type (None stays None).
                    assert (value is None) == (noop_row[column] is None), column
                    assert type(value) is type(noop_row[column]), column
                elif column == "workflow":
                    assert (value, noop_row[column]) == ("bench_bare", "noop_five")
                else:
                    assert value == noop_row[column], (table, column)
    run = bare["orchestration_workflowrun"][0]
    assert run["status"] == "completed"
    assert run["event_count"] == 7
    assert run["fence"] == 1
    assert run["lease_owner"] == ""
    assert run["lease_expires_at"] is None
    assert run["finished_at"] == run["updated_at"]
    assert [s["status"] for s in bare["orchestration_steprun"]] == ["completed"] * 5
    assert [e["type"] for e in bare["orchestration_runevent"]] == [
        "run.created",
        *["step.completed"] * 5,
        "run.completed",
    ]
    assert [e["seq"] for e in bare["orchestration_runevent"]] == list(range(1, 8))
    # The last step's commit finishes the run: 6 commits in all.
    last_step = bare["orchestration_steprun"][-1]
    assert last_step["finished_at"] == run["finished_at"]

    assert baseline.bare_cleanup() == 1
    assert _bare_counts() == (0, 0, 0)
    assert WorkflowRun.objects.filter(pk=noop_id).exists()


@pytest.mark.django_db
def test_single_mode_prints_every_row_and_leaves_no_bare_rows_behind():
    out, err = _bench("--single", "--runs", "2", "--warmup", "0", "--repeat", "1")

    lines = out.splitlines()
    for label in ROW_LABELS:
        assert any(line.startswith(f"{label} ") for line in lines), label
    vendor = connection.vendor  # the suite runs on SQLite and on PostgreSQL
    assert f"| {vendor}" in out
    assert "6 commits" in out
    for step in ("normalize_brief", "create_package"):
        assert f"  {step}" in out
    assert "peak RSS" in out
    assert "targets" in out
    assert f"noop >= 60% of bare (same writes), {vendor}:" in out
    if vendor == "sqlite":
        assert "full p95 <= 300 ms per run, sqlite inline:" in out
    assert "repeat 1/1" in err

    assert _bare_counts() == (0, 0, 0)
    # No orphans either: every step and event left belongs to an engine run.
    runs = WorkflowRun.objects.count()
    assert runs == 4  # 2 noop + 2 full
    assert StepRun.objects.count() == 5 * runs
    assert not RunEvent.objects.exclude(run__in=WorkflowRun.objects.all()).exists()


@pytest.mark.django_db
def test_single_json_has_every_row_with_its_ratio():
    out, _ = _bench(
        "--single", "--json", "--runs", "1", "--warmup", "0", "--repeat", "2"
    )

    data = json.loads(out)
    assert data["database"] == connection.vendor
    assert data["pack"] == "quick_social_basic"
    assert data["repeat"] == 2
    assert set(data["rows"]) == {"full", "noop", "bare"}
    for row in data["rows"].values():
        assert {"runs_per_s", "p50_ms", "p95_ms", "vs_bare"} <= row.keys()
        assert len(row["per_repeat"]) == 2
        assert row["runs_per_s"] > 0
    assert data["rows"]["bare"]["vs_bare"] == 1.0
    assert data["rows"]["bare"]["commits"] == 6
    assert set(data["steps"]) == {
        "normalize_brief",
        "generate_strategy",
        "generate_draft",
        "qc_evaluate",
        "create_package",
    }
    assert data["peak_rss_mb"] > 0
    assert _bare_counts() == (0, 0, 0)


@pytest.mark.django_db
def test_memory_task_reads_vmrss_at_run_100_and_at_the_end():
    out, _ = _bench(
        "--single",
        "--json",
        "--task",
        "memory",
        "--memory-runs",
        "101",
        "--memory-workflow",
        "noop_five",
    )

    data = json.loads(out)
    assert data["runs"] == 101
    assert data["workflow"] == "noop_five"
    assert [index for index, _ in data["samples"]] == [100, 101]
    assert data["rss_mb_at_100"] > 0
    assert data["growth_mb"] == round(data["rss_mb_at_end"] - data["rss_mb_at_100"], 1)


def test_memory_task_needs_more_than_100_runs():
    with pytest.raises(CommandError, match="more than 100"):
        _bench("--single", "--task", "memory", "--memory-runs", "50")


@pytest.mark.slow
def test_side_by_side_on_sqlite_only_prints_the_table(tmp_path):
    out, err = _bench(
        "--databases",
        "sqlite",
        "--no-workers",
        "--runs",
        "2",
        "--warmup",
        "0",
        "--repeat",
        "1",
        "--scratch-dir",
        str(tmp_path),
    )

    lines = out.splitlines()
    for label in ROW_LABELS:
        assert any(line.startswith(f"{label} ") for line in lines), label
    assert "| sqlite" in out
    assert "postgresql" not in out.split("targets")[0]
    assert "migrating the scratch database" in err
    assert (tmp_path / "bench.sqlite3").exists()


@pytest.mark.slow
def test_side_by_side_json_shape(tmp_path):
    out, _ = _bench(
        "--json",
        "--databases",
        "sqlite",
        "--no-workers",
        "--runs",
        "1",
        "--warmup",
        "0",
        "--repeat",
        "1",
        "--scratch-dir",
        str(tmp_path),
    )

    data = json.loads(out)
    assert set(data["databases"]) == {"sqlite"}
    assert set(data["databases"]["sqlite"]["rows"]) == {"full", "noop", "bare"}
    assert data["skipped"] == {}
    assert data["workers"] is None
    assert data["memory"] is None
    targets = {t["target"]: t for t in data["targets"]}
    assert targets["noop >= 60% of bare (same writes), sqlite"]["met"] in (True, False)
    assert targets["2 Celery workers >= 1.5x 1 worker, postgresql"]["met"] is None


def test_an_unreachable_postgresql_is_skipped_with_its_reason():
    out, _ = _bench("--databases", "postgresql", "--postgres-url", UNREACHABLE_PG)

    assert f"postgresql: skipped (not reachable at {UNREACHABLE_PG}" in out
    assert "Celery workers: skipped (needs PostgreSQL: not reachable" in out
    assert "Nothing was measured." in out


def test_an_unreachable_postgresql_in_json_mode():
    out, _ = _bench(
        "--json", "--databases", "postgresql", "--postgres-url", UNREACHABLE_PG
    )

    data = json.loads(out)
    assert data["databases"] == {}
    assert data["skipped"]["postgresql"].startswith("not reachable at")
    assert data["workers"]["skipped"].startswith("needs PostgreSQL")


# --- real PostgreSQL and Redis ------------------------------------------------

POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/13")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run the server tests).")
    pytest.skip(reason)


@pytest.fixture
def scratch_postgres():
    admin = f"{POSTGRES.rstrip('/')}/postgres"
    try:
        with psycopg.connect(admin, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        _unavailable(f"PostgreSQL is not reachable at {POSTGRES}: {exc}")
    broker = urlsplit(BROKER)
    try:
        socket.create_connection((broker.hostname, broker.port or 6379), 3).close()
    except OSError as exc:
        _unavailable(f"Redis is not reachable at {BROKER}: {exc}")
    name = f"aicmo_bench_test_{uuid.uuid4().hex[:8]}"
    yield f"{POSTGRES.rstrip('/')}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.server
@pytest.mark.slow
def test_postgresql_and_one_worker_for_real(scratch_postgres, tmp_path):
    out, _ = _bench(
        "--json",
        "--databases",
        "postgresql",
        "--postgres-url",
        scratch_postgres,
        "--workers",
        "1",
        "--worker-runs",
        "2",
        "--broker-url",
        BROKER,
        "--runs",
        "1",
        "--warmup",
        "0",
        "--repeat",
        "1",
        "--scratch-dir",
        str(tmp_path),
    )

    data = json.loads(out)
    assert data["skipped"] == {}
    assert data["failed"] == {}
    rows = data["databases"]["postgresql"]["rows"]
    assert set(rows) == {"full", "noop", "bare"}
    [one] = data["workers"]["results"]
    assert one["workers"] == 1
    assert one["statuses"] == {"completed": 2}
    assert one["runs_per_s"] > 0
    with psycopg.connect(scratch_postgres) as conn:
        left = conn.execute(
            "SELECT count(*) FROM orchestration_workflowrun WHERE workflow = %s",
            [baseline.BARE_WORKFLOW],
        ).fetchone()
    assert left == (0,)
