"""Fixtures of the drills: a migrated template database and a Cluster per test.

The session migrates one PostgreSQL database (``aicmo_drill_<random>``) and creates an
operator token in it. Each test clones it (``CREATE DATABASE … TEMPLATE``, well under a
second), gets its own Redis, MEDIA_ROOT and log folder, and every process and database
is removed afterwards. When a test fails, the tail of every process log is attached
to its report.

Without PostgreSQL or ``redis-server`` the drills are skipped, except in CI
(``CI=true``), where that fails instead: a skipped drill would hide a broken machine.
"""

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.drills.cluster import Cluster
from tests.drills.processes import (
    POSTGRES_URL,
    REDIS_SERVER,
    admin_execute,
    base_env,
    db_url,
    manage,
)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run the drills).")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def drill_template(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, str]]:
    """Migrate a template database once; yield its name and an operator token."""
    if not (shutil.which(REDIS_SERVER) or Path(REDIS_SERVER).exists()):
        _unavailable(f"{REDIS_SERVER} is missing: install Debian's 'redis-server'")
    try:
        with psycopg.connect(db_url("postgres"), connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as error:
        _unavailable(f"PostgreSQL is not reachable at {POSTGRES_URL}: {error}")

    name = f"aicmo_drill_{uuid.uuid4().hex[:8]}"
    admin_execute(f'CREATE DATABASE "{name}"')
    try:
        root = tmp_path_factory.mktemp("drill-template")
        env = base_env(name, root / "media", "redis://127.0.0.1:1/0")
        migrated = manage(env, "migrate", "--noinput", "-v", "0", timeout=300)
        assert migrated.returncode == 0, migrated.stdout + migrated.stderr
        operator = manage(env, "create_operator", "drill-operator")
        assert operator.returncode == 0, operator.stdout + operator.stderr
        token = operator.stdout.strip().splitlines()[-1]
        yield {"name": name, "token": token}
    finally:
        admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def make_cluster(
    drill_template: dict[str, str],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> Iterator[Callable[..., Cluster]]:
    """Return a factory: ``make_cluster(lease=3, stall=30, grace=None, extra_env={})``.

    Each cluster gets a fresh clone of the template database. Its processes are
    started by the test (``cluster.start(...)``) and always stopped afterwards.
    """
    clusters: list[Cluster] = []
    request.node.drill_clusters = clusters

    def factory(**options: Any) -> Cluster:
        index = len(clusters) + 1
        database = f"{drill_template['name']}_t{index}_{uuid.uuid4().hex[:4]}"
        admin_execute(
            f'CREATE DATABASE "{database}" TEMPLATE "{drill_template["name"]}"'
        )
        cluster = Cluster(
            root=tmp_path / f"cluster{index}",
            database=database,
            token=drill_template["token"],
            **options,
        )
        clusters.append(cluster)
        return cluster

    yield factory

    for cluster in clusters:
        try:
            cluster.stop()
        finally:
            with contextlib.suppress(psycopg.Error):
                admin_execute(
                    f'DROP DATABASE IF EXISTS "{cluster.database}" WITH (FORCE)'
                )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Attach every drill process's log tail to a failed test's report."""
    report = yield
    if report.failed:
        for cluster in getattr(item, "drill_clusters", ()):
            for title, text in cluster.log_sections():
                report.sections.append((title, text))
    return report
