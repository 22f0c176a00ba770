"""A small real cluster for the drills: Redis, PostgreSQL, Celery workers, API, sweeper.

Every process is a real subprocess started in its own session (so its whole process
group can be signalled), with its output in a log file under the test's tmp folder.
The test process never imports the project's models for these checks: it reads the
drill database with psycopg and talks to the API over HTTP, like an outsider would.
The process plumbing (``Proc``, ``manage``, ``wait_until``) is in ``processes.py``.

Longer than 600 lines on purpose: ``Cluster`` is the one object a drill drives
(processes, HTTP, the database reads and the exactly-once check), and splitting the
class would scatter what a drill calls.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row

from tests.drills.processes import (
    CELERY,
    MANAGE,
    REDIS_SERVER,
    ROOT,
    Proc,
    base_env,
    db_url,
    free_port,
    manage,
    tail,
    wait_until,
)

BRIEF_FILE = ROOT / "examples" / "brightsmile_dental.json"
PACK = "quick_social_basic"

STEPS = (
    "normalize_brief",
    "generate_strategy",
    "generate_draft",
    "qc_evaluate",
    "create_package",
)
ARTIFACT_NAMES = ("report.md", "report.html", "report.pdf", "data.json", "package.zip")
ACTIVE = ("pending", "running", "compensating")


@dataclass
class Cluster:
    """Real processes around one drill database; see the module docstring.

    ``lease``, ``stall`` and ``grace`` become ``AICMO_LEASE_SECONDS``,
    ``AICMO_STALL_SECONDS`` and ``AICMO_DOORBELL_GRACE_SECONDS`` for every process.
    """

    root: Path
    database: str
    token: str
    lease: float = 3.0
    stall: float = 30.0
    grace: float | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    procs: dict[str, Proc] = field(default_factory=dict)
    retired: list[Proc] = field(default_factory=list)
    api_url: str = ""

    def __post_init__(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.media = self.root / "media"
        self.media.mkdir(exist_ok=True)
        self.logs = self.root / "logs"
        self.logs.mkdir(exist_ok=True)
        self.redis_dir = self.root / "redis"
        self.redis_dir.mkdir(exist_ok=True)
        self.redis_port = free_port()
        self.broker = f"redis://127.0.0.1:{self.redis_port}/0"
        self._db: psycopg.Connection[dict[str, Any]] | None = None
        self._log_counter = 0

    # -- environment and processes ---------------------------------------------

    def env(self, **extra: str) -> dict[str, str]:
        settings = {
            "AICMO_LEASE_SECONDS": str(self.lease),
            "AICMO_STALL_SECONDS": str(self.stall),
            **(
                {"AICMO_DOORBELL_GRACE_SECONDS": str(self.grace)}
                if self.grace is not None
                else {}
            ),
            **self.extra_env,
            **extra,
        }
        return base_env(self.database, self.media, self.broker, **settings)

    def spawn(
        self, name: str, argv: Sequence[str], env: dict[str, str] | None = None
    ) -> Proc:
        if name in self.procs:
            old = self.procs.pop(name)
            old.terminate()
            self.retired.append(old)
        self._log_counter += 1
        log_path = self.logs / f"{self._log_counter:02d}-{name}.log"
        with log_path.open("wb") as log:
            popen = subprocess.Popen(  # noqa: S603 - fixed argv of our own tools
                list(argv),
                cwd=ROOT,
                env=env or self.env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        proc = Proc(name=name, argv=list(argv), log_path=log_path, popen=popen)
        self.procs[name] = proc
        return proc

    def _expect_alive(self, proc: Proc) -> None:
        if not proc.alive():
            raise AssertionError(
                f"{proc.name} exited with {proc.popen.returncode}:\n{tail(proc.log())}"
            )

    # Redis --------------------------------------------------------------------

    def start_redis(self, timeout: float = 20) -> Proc:
        proc = self.spawn(
            "redis",
            [
                REDIS_SERVER,
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.redis_dir),
                "--daemonize",
                "no",
            ],
        )

        def ready() -> bool:
            self._expect_alive(proc)
            return self.redis_ping()

        wait_until(ready, timeout=timeout, what=f"redis on port {self.redis_port}")
        return proc

    def redis_ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.redis_port), 1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def queued_messages(self, queue: str = "celery") -> int:
        """How many messages wait in a Celery queue (a Redis list)."""
        with socket.create_connection(("127.0.0.1", self.redis_port), 2) as sock:
            sock.sendall(f"LLEN {queue}\r\n".encode())
            reply = sock.recv(64)
        assert reply.startswith(b":"), reply
        return int(reply[1:].strip())

    def stop_redis(self, timeout: float = 20) -> None:
        proc = self.procs["redis"]
        proc.signal(signal.SIGTERM)
        proc.popen.wait(timeout=timeout)
        wait_until(lambda: not self.redis_ping(), timeout=timeout, what="redis to stop")

    # Workers, API, sweeper -----------------------------------------------------

    def start_worker(self, name: str) -> Proc:
        """Start a solo-pool Celery worker: one process, so its pid owns the leases."""
        return self.spawn(
            name,
            [
                str(CELERY),
                "-A",
                "aicmo_site",
                "worker",
                "-P",
                "solo",
                "-c",
                "1",
                "-n",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "info",
            ],
        )

    def wait_worker_ready(self, proc: Proc, timeout: float = 60) -> None:
        pattern = re.compile(rf"{re.escape(proc.name)}@\S+ ready\.")

        def ready() -> bool:
            self._expect_alive(proc)
            return bool(pattern.search(proc.log()))

        wait_until(ready, timeout=timeout, what=f"worker {proc.name} to be ready")

    def start_api(self) -> Proc:
        port = free_port()
        self.api_url = f"http://127.0.0.1:{port}"
        return self.spawn(
            "api",
            [
                sys.executable,
                str(MANAGE),
                "runserver",
                f"127.0.0.1:{port}",
                "--noreload",
                "--skip-checks",
            ],
            # runserver serves each request on a new thread; with persistent
            # connections (CONN_MAX_AGE) it leaves dozens of them open after a few
            # hundred requests, close to PostgreSQL's max_connections.
            env=self.env(DJANGO_CONN_MAX_AGE="0"),
        )

    def wait_api_ready(self, timeout: float = 60) -> None:
        proc = self.procs["api"]

        def ready() -> bool:
            self._expect_alive(proc)
            try:
                status, _ = self.http("GET", "/healthz", auth=False, timeout=2)
            except OSError:
                return False
            return status == 200

        wait_until(ready, timeout=timeout, what="the API's /healthz to answer 200")

    def start_sweeper(self, interval: float = 0.5) -> Proc:
        return self.spawn(
            "sweeper",
            [
                sys.executable,
                str(MANAGE),
                "recover_runs",
                "--loop",
                "--interval",
                str(interval),
            ],
        )

    def start(
        self, *, workers: Iterable[str] = (), api: bool = False, sweeper: bool = False
    ) -> None:
        """Start Redis, then the rest at once (they boot in parallel), and wait."""
        if "redis" not in self.procs or not self.procs["redis"].alive():
            self.start_redis()
        started = [self.start_worker(name) for name in workers]
        if api:
            self.start_api()
        if sweeper:
            self.start_sweeper()
        for proc in started:
            self.wait_worker_ready(proc)
        if api:
            self.wait_api_ready()
        if sweeper:
            time.sleep(0.3)
            self._expect_alive(self.procs["sweeper"])

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.procs[name]
        os.kill(proc.pid, sig)
        if sig == signal.SIGSTOP:
            proc.stopped = True
        elif sig == signal.SIGCONT:
            proc.stopped = False

    def worker_by_pid(self, pid: int) -> Proc:
        for proc in self.procs.values():
            if proc.pid == pid:
                return proc
        raise AssertionError(f"no process of this cluster has pid {pid}")

    def stop(self) -> None:
        """Stop every process; safe to call twice, and whatever state they are in."""
        # All at once (a worker's warm shutdown takes a second), Redis last, so the
        # workers do not spend their shutdown reconnecting.
        procs = [*self.procs.values(), *self.retired]
        others = [p for p in procs if p.name != "redis"]
        for proc in others:
            proc.ask_to_stop()
        deadline = time.monotonic() + 5
        for proc in others:
            proc.reap(deadline)
        for proc in procs:
            if proc.name == "redis":
                proc.terminate()
        self.close_db()

    def log_sections(self) -> list[tuple[str, str]]:
        sections = []
        for proc in [*self.retired, *self.procs.values()]:
            sections.append(
                (
                    f"drill log {proc.name} (pid {proc.pid}, {proc.log_path})",
                    tail(proc.log()),
                )
            )
        return sections

    # -- talking to it ----------------------------------------------------------

    def http(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        auth: bool = True,
        timeout: float = 30,
    ) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            self.api_url + path, data=data, method=method
        )
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if auth:
            request.add_header("Authorization", f"Token {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        try:
            return status, json.loads(raw) if raw else None
        except json.JSONDecodeError:
            return status, raw.decode(errors="replace")

    def submit_run(self, brief: dict[str, Any]) -> dict[str, Any]:
        """POST the brief, then a run for it; return the run JSON (expects 201/202)."""
        status, created = self.http("POST", "/api/v1/briefs/", brief)
        assert status == 201, (status, created)
        status, run = self.http("POST", "/api/v1/runs/", {"brief_id": created["id"]})
        assert status == 202, (status, run)
        return run

    def start_stalled_run(self, step: str) -> dict[str, Any]:
        """Start a run with ``run_workflow --stall-in STEP``: queued, not run."""
        result = manage(
            self.env(),
            "run_workflow",
            str(BRIEF_FILE),
            "--pack",
            PACK,
            "--stall-in",
            step,
            "--json",
            timeout=120,
        )
        assert result.returncode == 0, (
            f"run_workflow --stall-in exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
        run = json.loads(result.stdout)
        assert run["status"] == "pending", run
        return run

    def ring(self, run_id: str, times: int = 1, task_id: str | None = None) -> None:
        """Send the doorbell task for a run, as the executor or the sweeper would.

        With ``task_id`` every copy is the same message, as a broker's redelivery.
        """
        from celery import Celery

        app = Celery("drill-bell", broker=self.broker)
        try:
            for _ in range(times):
                app.send_task(
                    "orchestration.advance_run", args=[run_id], task_id=task_id
                )
        finally:
            app.close()

    # -- the database -------------------------------------------------------------

    def db(self) -> psycopg.Connection[dict[str, Any]]:
        if self._db is None or self._db.closed:
            self._db = psycopg.connect(
                db_url(self.database), autocommit=True, row_factory=dict_row
            )
        return self._db

    def close_db(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):
                self._db.close()
            self._db = None

    def sql(self, query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self.db().execute(query, params).fetchall()  # type: ignore[arg-type]

    def run_row(self, run_id: str) -> dict[str, Any]:
        rows = self.sql(
            "SELECT id, status, fence, lease_owner, lease_expires_at, outputs,"
            " brief_id, error FROM orchestration_workflowrun WHERE id = %s",
            [run_id],
        )
        assert rows, f"no run {run_id}"
        return rows[0]

    def step_rows(self, run_id: str) -> list[dict[str, Any]]:
        return self.sql(
            "SELECT name, status, attempts FROM orchestration_steprun"
            " WHERE run_id = %s ORDER BY position",
            [run_id],
        )

    def events(self, run_id: str, type_: str | None = None) -> list[dict[str, Any]]:
        query = (
            "SELECT seq, type, step, payload FROM orchestration_runevent"
            " WHERE run_id = %s"
        )
        params: list[Any] = [run_id]
        if type_:
            query += " AND type = %s"
            params.append(type_)
        return self.sql(query + " ORDER BY seq", params)

    def statuses(self, run_ids: Sequence[str]) -> dict[str, str]:
        rows = self.sql(
            "SELECT id, status FROM orchestration_workflowrun WHERE id = ANY(%s)",
            [list(run_ids)],
        )
        return {row["id"]: row["status"] for row in rows}

    def describe_runs(self, run_ids: Sequence[str]) -> str:
        rows = self.sql(
            "SELECT r.id, r.status, r.fence, r.lease_owner, r.lease_expires_at,"
            " (SELECT string_agg(s.name || '=' || s.status, ' ' ORDER BY s.position)"
            "  FROM orchestration_steprun s WHERE s.run_id = r.id) AS steps"
            " FROM orchestration_workflowrun r WHERE r.id = ANY(%s) ORDER BY r.id",
            [list(run_ids)],
        )
        shown = [r for r in rows if r["status"] != "completed"][:20] or rows[:5]
        counts: dict[str, int] = {}
        for row in rows:
            counts[row["status"]] = counts.get(row["status"], 0) + 1
        lines = [f"statuses: {counts}"]
        lines += [
            f"  {r['id']} {r['status']} fence={r['fence']} owner={r['lease_owner']!r}"
            f" expires={r['lease_expires_at']} steps: {r['steps']}"
            for r in shown
        ]
        return "\n".join(lines)

    def wait_finished(
        self, run_ids: Sequence[str], *, timeout: float = 120
    ) -> dict[str, str]:
        """Wait until no run is active any more; return each run's final status."""

        def done() -> dict[str, str] | None:
            statuses = self.statuses(run_ids)
            if len(statuses) == len(run_ids) and not any(
                s in ACTIVE for s in statuses.values()
            ):
                return statuses
            return None

        return wait_until(
            done,
            timeout=timeout,
            interval=0.5,
            what=f"{len(run_ids)} run(s) to finish",
            describe=lambda: self.describe_runs(run_ids),
        )

    def counts(self, run_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Per run: its status and how many rows each app holds for it.

        A row belongs to a run by the run's brief (every drill run has a brief of its
        own) and, separately, by its idempotency key ``<run_id>:<step>``: a duplicate
        would show as two rows under the brief even if its key differed.
        """
        rows = self.sql(
            """
            SELECT r.id, r.status, r.outputs, r.brief_id,
              (SELECT count(*) FROM onboarding_normalizedbrief x
                WHERE x.brief_id = r.brief_id) AS normalized_briefs,
              (SELECT count(*) FROM strategy_strategy x
                WHERE x.brief_id = r.brief_id) AS strategies,
              (SELECT count(*) FROM production_draft x
                WHERE x.brief_id = r.brief_id) AS drafts,
              (SELECT count(*) FROM qc_qcresult x
                WHERE x.brief_id = r.brief_id) AS qc_results,
              (SELECT count(*) FROM delivery_package x
                WHERE x.brief_id = r.brief_id) AS packages,
              (SELECT count(*) FROM delivery_packageartifact a
                JOIN delivery_package p ON p.id = a.package_id
                WHERE p.brief_id = r.brief_id) AS artifacts,
              (SELECT count(*) FROM strategy_strategy x
                WHERE x.idempotency_key = r.id || ':generate_strategy')
                AS strategy_keys,
              (SELECT count(*) FROM production_draft x
                WHERE x.idempotency_key = r.id || ':generate_draft') AS draft_keys,
              (SELECT count(*) FROM qc_qcresult x
                WHERE x.idempotency_key = r.id || ':qc_evaluate') AS qc_keys,
              (SELECT count(*) FROM delivery_package x
                WHERE x.idempotency_key = r.id || ':create_package') AS package_keys,
              (SELECT count(*) FROM orchestration_runevent e
                WHERE e.run_id = r.id AND e.type = 'run.claimed') AS claims,
              (SELECT string_agg(s.status, ',' ORDER BY s.position)
                FROM orchestration_steprun s WHERE s.run_id = r.id) AS step_statuses
            FROM orchestration_workflowrun r WHERE r.id = ANY(%s)
            """,
            [list(run_ids)],
        )
        return {row["id"]: row for row in rows}

    def step_completions(self, run_id: str) -> dict[str, int]:
        rows = self.sql(
            "SELECT step, count(*) AS n FROM orchestration_runevent"
            " WHERE run_id = %s AND type = 'step.completed' GROUP BY step",
            [run_id],
        )
        return {row["step"]: row["n"] for row in rows}

    def files(self) -> list[str]:
        """Every file under MEDIA_ROOT, relative and sorted."""
        return sorted(
            p.relative_to(self.media).as_posix()
            for p in self.media.rglob("*")
            if p.is_file()
        )

    def assert_exactly_one_of_each(self, run_ids: Sequence[str]) -> None:
        """Each run completed with one of every row and exactly its package's files."""
        counts = self.counts(run_ids)
        assert len(counts) == len(run_ids)
        problems = []
        expected_files = []
        for run_id in run_ids:
            row = counts[run_id]
            got = {
                k: row[k]
                for k in (
                    "normalized_briefs",
                    "strategies",
                    "drafts",
                    "qc_results",
                    "packages",
                    "strategy_keys",
                    "draft_keys",
                    "qc_keys",
                    "package_keys",
                )
            }
            if (
                row["status"] != "completed"
                or set(got.values()) != {1}
                or row["artifacts"] != len(ARTIFACT_NAMES)
                or row["step_statuses"] != ",".join(["completed"] * len(STEPS))
            ):
                problems.append(
                    f"{run_id}: {row['status']} steps={row['step_statuses']}"
                    f" artifacts={row['artifacts']} {got}"
                )
                continue
            outputs = row["outputs"]
            for key, prefix in (
                ("strategy_id", "strat_"),
                ("draft_id", "draft_"),
                ("qc_result_id", "qc_"),
                ("package_id", "pkg_"),
            ):
                if not str(outputs.get(key, "")).startswith(prefix):
                    problems.append(f"{run_id}: outputs lack {key}: {outputs}")
            package_id = outputs.get("package_id")
            expected_files += [f"packages/{package_id}/{n}" for n in ARTIFACT_NAMES]
        assert not problems, f"{len(problems)} run(s) wrong:\n" + "\n".join(
            problems[:30]
        )
        files = self.files()
        extra = sorted(set(files) - set(expected_files))
        missing = sorted(set(expected_files) - set(files))
        assert not extra, f"{len(extra)} file(s) no package owns: {extra[:10]}"
        assert not missing, f"{len(missing)} package file(s) missing: {missing[:10]}"
        assert len(files) == len(expected_files)


def owner_pid(lease_owner: str) -> int:
    """Return the pid in a lease owner ``host:pid:random``."""
    parts = lease_owner.split(":")
    assert len(parts) >= 3, lease_owner
    assert parts[-2].isdigit(), lease_owner
    return int(parts[-2])
