"""Production refuses unsafe settings and passes the deploy check (issue 11, item 6).

Each test starts a fresh interpreter with a clean, production-like environment: a
strong DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, and DATABASE_URL to a SQLite file in
the test's own folder. Nothing from the caller's DJANGO_/AICMO_ variables leaks in.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = "aicmo_site.settings.production"
HOST = "aicmo.example.com"
DEPLOY_CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def _production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "AICMO_", "CELERY_", "DATABASE_URL"))
    }
    clean.update(
        {
            "DJANGO_SETTINGS_MODULE": PRODUCTION,
            "DJANGO_SECRET_KEY": get_random_secret_key(),
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
    )
    clean.update(overrides)
    return clean


def _run(
    args: list[str], env: dict[str, str], cwd: Path = ROOT
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_production_like_variables(tmp_path):
    check = _run(DEPLOY_CHECK, _production_env(tmp_path))

    assert check.returncode == 0, check.stderr + check.stdout
    assert "System check identified no issues" in check.stdout
    assert check.stderr == ""


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        pytest.param("DJANGO_SECRET_KEY", "change-me", id="env-example-key"),
        pytest.param(
            "DJANGO_SECRET_KEY", "insecure-local-only-change-me", id="local-default"
        ),
        pytest.param(
            "DJANGO_SECRET_KEY",
            "django-insecure-" + get_random_secret_key(),
            id="startproject-key",
        ),
        pytest.param("DJANGO_SECRET_KEY", "change-me" * 8, id="long-default"),
        pytest.param("DJANGO_SECRET_KEY", "Xq7!pL2#", id="short"),
        pytest.param("DJANGO_SECRET_KEY", "k" * 64, id="one-character"),
        pytest.param("DJANGO_SECRET_KEY", "s3cret-" * 8, id="repeated-pattern"),
        pytest.param("DJANGO_SECRET_KEY", "", id="empty"),
        pytest.param("DJANGO_DEBUG", "true", id="debug"),
        pytest.param("AICMO_ALLOW_FAULT_INJECTION", "true", id="fault-injection"),
        pytest.param("DJANGO_ALLOWED_HOSTS", "", id="no-hosts"),
    ],
)
def test_production_refuses_to_start_on_an_unsafe_variable(tmp_path, variable, value):
    check = _run(DEPLOY_CHECK, _production_env(tmp_path, **{variable: value}))

    assert check.returncode != 0
    assert "ImproperlyConfigured" in check.stderr
    assert variable in check.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "db.sqlite3").exists()


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]

    check = _run(DEPLOY_CHECK, env)

    assert check.returncode != 0
    assert "DJANGO_SECRET_KEY" in check.stderr


def test_a_secret_key_beginning_with_a_dollar_is_taken_as_it_is(tmp_path):
    # django-environ would read "$rest" as the value of a variable named "rest".
    key = "$" + get_random_secret_key()[1:]

    check = _run(DEPLOY_CHECK, _production_env(tmp_path, DJANGO_SECRET_KEY=key))

    assert check.returncode == 0, check.stderr


def _copy_settings_package(destination: Path) -> None:
    """Copy the settings package alone, so a .env can sit beside it, not in the repo."""
    package = destination / "aicmo_site"
    shutil.copytree(
        ROOT / "aicmo_site" / "settings",
        package / "settings",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    (package / "__init__.py").write_text("")


SETTINGS_PROBE = (
    "import importlib, os; "
    "s = importlib.import_module(os.environ['DJANGO_SETTINGS_MODULE']); "
    "print(s.AICMO_AGENCY_NAME, s.DEBUG, s.AICMO_ALLOW_FAULT_INJECTION)"
)


def test_production_does_not_read_a_dotenv_file(tmp_path):
    # Given a project folder whose .env holds what .env.example ships, plus a marker
    project = tmp_path / "project"
    _copy_settings_package(project)
    (project / ".env").write_text(
        "DJANGO_DEBUG=true\nAICMO_ALLOW_FAULT_INJECTION=true\n"
        "AICMO_AGENCY_NAME=Read from .env\n"
    )
    env = _production_env(tmp_path, PYTHONPATH=str(project))

    # When production and local settings are imported from it
    production = _run(["-c", SETTINGS_PROBE], env, cwd=project)
    local = _run(
        ["-c", SETTINGS_PROBE],
        {**env, "DJANGO_SETTINGS_MODULE": "aicmo_site.settings.local"},
        cwd=project,
    )

    # Then production ignores the file; local reads it (so the file was readable)
    assert production.returncode == 0, production.stderr
    assert production.stdout.split() == ["AICMO", "Agency", "False", "False"]
    assert local.returncode == 0, local.stderr
    assert local.stdout.split() == ["Read", "from", ".env", "True", "True"]


HTTPS_PROBE = f"""
import django
django.setup()
from django.test import Client
client = Client(SERVER_NAME="{HOST}")
plain = client.get("/admin/login/")
print("plain", plain.status_code, plain["Location"])
secure = client.get("/admin/login/", headers={{"X-Forwarded-Proto": "https"}})
print("proxied", secure.status_code)
print("hsts", secure["Strict-Transport-Security"])
print("csp", secure["Content-Security-Policy"])
print("health", client.get("/healthz").status_code)
"""


def test_production_redirects_to_https_and_sends_hsts_behind_a_tls_proxy(tmp_path):
    probe = _run(["-c", HTTPS_PROBE], _production_env(tmp_path))

    assert probe.returncode == 0, probe.stderr
    lines = dict(line.split(" ", 1) for line in probe.stdout.splitlines())
    assert lines["plain"] == f"301 https://{HOST}/admin/login/"
    assert lines["proxied"] == "200"
    assert lines["hsts"] == "max-age=31536000; includeSubDomains"
    assert "default-src 'self'" in lines["csp"]
    # Load balancers probe /healthz over plain HTTP: no redirect for it.
    assert lines["health"] == "200"


def test_hsts_preload_and_the_ssl_redirect_follow_their_variables(tmp_path):
    env = _production_env(
        tmp_path,
        DJANGO_SECURE_HSTS_PRELOAD="true",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_HSTS_SECONDS="63072000",
    )
    probe = _run(["-c", HTTPS_PROBE.replace('plain["Location"]', '""')], env)

    assert probe.returncode == 0, probe.stderr
    lines = dict(line.split(" ", 1) for line in probe.stdout.splitlines())
    assert lines["plain"].startswith("200")
    assert lines["hsts"] == "max-age=63072000; includeSubDomains; preload"
    # With preload on, the deploy check has nothing silenced and still passes.
    check = _run(DEPLOY_CHECK, {**env, "DJANGO_SECURE_SSL_REDIRECT": "true"})
    assert check.returncode == 0, check.stderr + check.stdout
    assert "(0 silenced)" in check.stdout
