"""The configuration contract of SPEC §7."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_SECRET_KEY",
    "DJANGO_DEBUG",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "DJANGO_MEDIA_ROOT",
    "AICMO_EXECUTOR",
    "CELERY_BROKER_URL",
    "AICMO_LEASE_SECONDS",
    "AICMO_ALLOW_FAULT_INJECTION",
}
PROBE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DEBUG, settings.AICMO_ALLOW_FAULT_INJECTION, "
    "settings.AICMO_EXECUTOR, settings.DATABASES['default']['ENGINE'])"
)


def _settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AICMO_"))
    }
    clean.pop("DATABASE_URL", None)
    clean.update({"DJANGO_SETTINGS_MODULE": module, **env})
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_env_example_lists_every_variable_of_the_spec():
    text = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))

    assert listed >= SPEC_VARIABLES


def test_local_settings_default_to_sqlite_inline_and_fault_injection_on():
    probe = _settings("aicmo_site.settings.local")

    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split() == [
        "True",
        "True",
        "inline",
        "django.db.backends.sqlite3",
    ]


# A key production accepts (tests/test_production_settings.py covers the ones it
# refuses, fault injection and debug on among them).
STRONG_KEY = "7c!x0%q@l9(k_m2#vf4^bz+h8w&r1$ya3=tn5)dg6-sj*pe_uo0vb3kw"


def test_production_settings_turn_debug_and_fault_injection_off():
    probe = _settings(
        "aicmo_site.settings.production",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="aicmo.example.com",
    )

    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.split()[:2] == ["False", "False"]


def test_production_settings_refuse_to_start_without_a_secret_key():
    probe = _settings("aicmo_site.settings.production")

    assert probe.returncode != 0
    assert "DJANGO_SECRET_KEY" in probe.stderr


@pytest.mark.parametrize("value", ["true", "false"])
def test_fault_injection_follows_its_variable(value):
    probe = _settings("aicmo_site.settings.local", AICMO_ALLOW_FAULT_INJECTION=value)

    assert probe.stdout.split()[1] == str(value == "true")
