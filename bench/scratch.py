"""Side by side: scratch databases, and the subprocesses that measure on them.

The command's default mode runs each measurement in a subprocess of
``bench_workflow --single --json`` with ``DATABASE_URL`` on a scratch database it
creates and migrates first, never on the configured one.
"""

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from bench.common import BenchError, Progress, quiet

MANAGE = Path(settings.BASE_DIR) / "manage.py"
SCRATCH_DIR = Path(settings.BASE_DIR) / "var" / "bench"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/aicmo_bench"


def sqlite_prepare(path: Path) -> str:
    """A fresh SQLite file (its old WAL and shm files gone); return its URL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path.resolve()}"


@contextlib.contextmanager
def scratch_lock(directory: Path, progress: Progress = quiet) -> Iterator[None]:
    """Hold ``directory/bench.lock``: one bench at a time on its scratch databases."""
    import fcntl

    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "bench.lock").open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            progress(f"waiting for {holder} to finish with {directory}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"bench_workflow pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def postgres_scratch(url: str, progress: Progress = quiet) -> Iterator[str]:
    """Drop and create the database ``url`` names; hold it until the block ends.

    An advisory lock, taken on the server's ``postgres`` database and held by this
    connection, keeps a concurrent bench from dropping the database mid-run; it
    waits instead. psycopg errors (an unreachable server) propagate.
    """
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise BenchError(f"unusable scratch database name {name!r} in {url}")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
        key = f"aicmo-bench:{name}"
        locked = conn.execute(
            "SELECT pg_try_advisory_lock(hashtext(%s))", [key]
        ).fetchone()
        if not (locked and locked[0]):
            progress(f"waiting for another bench_workflow to finish with {name}")
            conn.execute("SELECT pg_advisory_lock(hashtext(%s))", [key])
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        yield url


def child_env(database_url: str, media_root: str, **extra: str) -> dict[str, str]:
    """The environment of a measuring subprocess: nothing of ours inherited."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_MEDIA_ROOT")
        and key not in ("AICMO_EXECUTOR", "DJANGO_DEBUG")
    }
    env.setdefault("DJANGO_SETTINGS_MODULE", "aicmo_site.settings.local")
    env.update(
        {
            "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": database_url,
            "DJANGO_MEDIA_ROOT": media_root,
            "DJANGO_DEBUG": "false",
            "AICMO_EXECUTOR": "inline",
        }
    )
    env.update(extra)
    return env


def manage(
    env: dict[str, str], *args: str, capture: bool = True
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(MANAGE), *args],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if capture else None,
        text=True,
        check=False,
    )


def migrate(env: dict[str, str]) -> None:
    done = manage(env, "migrate", "--noinput", "-v", "0")
    if done.returncode != 0:
        raise BenchError(f"migrate failed:\n{(done.stdout + done.stderr)[-2000:]}")


def child(env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run ``bench_workflow --single --json ARGS``; return its JSON (stderr shown)."""
    done = manage(env, "bench_workflow", "--single", "--json", *args, capture=False)
    text = done.stdout
    if done.returncode != 0:
        raise BenchError(
            f"bench_workflow {args[1] if len(args) > 1 else ''} exited with "
            f"{done.returncode} (its traceback is above){text[-2000:]}"
        )
    start = text.find("{")
    if start < 0:
        raise BenchError(f"bench_workflow {' '.join(args)} printed no JSON: {text}")
    return json.loads(text[start:])


@contextlib.contextmanager
def media_dir() -> Iterator[str]:
    path = tempfile.mkdtemp(prefix="aicmo-bench-media-")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
