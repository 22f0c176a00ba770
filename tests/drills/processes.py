"""The plumbing under a drill's cluster: processes, their environment, waiting.

Each long-running process is a :class:`Proc`, a subprocess in its own session (so its
whole process group can be signalled) with its output in a log file. ``manage`` runs a
one-off management command; ``base_env`` is the environment every process gets, with
the drill's PostgreSQL database (``db_url``) and broker; ``wait_until`` polls until a
condition holds, or fails saying what it waited for.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CELERY = BIN / "celery"
MANAGE = ROOT / "manage.py"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
POSTGRES_URL = os.environ.get(
    "DRILL_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"
)

POLL = 0.2
LOG_TAIL_LINES = 150

T = TypeVar("T")


class DrillTimeout(AssertionError):
    """A condition the drill waited for never came true."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(
    probe: Callable[[], T],
    *,
    timeout: float,
    what: str,
    interval: float = POLL,
    describe: Callable[[], str] | None = None,
) -> T:
    """Call ``probe`` until it returns something truthy; return that, or fail."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() >= deadline:
            detail = f"\n{describe()}" if describe else f" (last value: {value!r})"
            raise DrillTimeout(
                f"timed out after {timeout:.0f}s waiting for {what}{detail}"
            )
        time.sleep(interval)


def db_url(name: str) -> str:
    return f"{POSTGRES_URL.rstrip('/')}/{name}"


def admin_execute(sql: str) -> None:
    """Run one statement on the server's ``postgres`` database, in autocommit."""
    with psycopg.connect(db_url("postgres"), autocommit=True, connect_timeout=5) as c:
        c.execute(sql)


def base_env(database: str, media: Path, broker: str, **extra: str) -> dict[str, str]:
    """The environment every process of a drill gets; nothing inherited leaks in."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "AICMO_", "CELERY_", "DATABASE_URL"))
    }
    env.update(
        {
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "aicmo_site.settings.local",
            "DJANGO_DEBUG": "false",
            "DATABASE_URL": db_url(database),
            "DJANGO_MEDIA_ROOT": str(media),
            "CELERY_BROKER_URL": broker,
            "AICMO_EXECUTOR": "celery",
            "AICMO_ALLOW_FAULT_INJECTION": "true",
            # The drills send hundreds of runs through the API in seconds.
            "AICMO_THROTTLE_ANON": "",
            "AICMO_THROTTLE_USER": "",
            "AICMO_THROTTLE_RUN_STARTS": "",
        }
    )
    env.update(extra)
    return env


def manage(
    env: dict[str, str], *args: str, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(MANAGE), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass
class Proc:
    """One long-running subprocess of the cluster, with its log file."""

    name: str
    argv: Sequence[str]
    log_path: Path
    popen: subprocess.Popen[bytes]
    stopped: bool = False  # SIGSTOPped by a drill

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def signal(self, sig: int) -> None:
        """Signal the whole process group (the process is its session leader)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, sig)

    def ask_to_stop(self) -> None:
        if self.popen.poll() is None:
            # A stopped process cannot act on SIGTERM until it runs again.
            self.signal(signal.SIGCONT)
            self.signal(signal.SIGTERM)

    def reap(self, deadline: float) -> None:
        """Wait for the process until ``deadline``, then kill its whole group."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=max(0.0, deadline - time.monotonic()))
        # Always sweep the group too: a child may outlive its leader.
        self.signal(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=5)

    def terminate(self, grace: float = 5.0) -> None:
        self.ask_to_stop()
        self.reap(time.monotonic() + grace)


def tail(text: str, lines: int = LOG_TAIL_LINES) -> str:
    kept = text.splitlines()[-lines:]
    return "\n".join(kept) if kept else "(empty)"
