"""The admin sign-in lockout (django-axes; issue 11, finding 7).

Before it, 50 wrong admin passwords in a row changed nothing: the right one still
signed in. Now, after AICMO_LOGIN_LOCKOUT_FAILURES (10) wrong passwords for one
username from one address, that pair gets 429 and no session, even with the right
password, until the cool-off (AICMO_LOGIN_LOCKOUT_MINUTES, 15) has passed or an
administrator resets it. The test settings turn the lockout off for the rest of the
suite; these tests turn it on.
"""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.db.models import F
from django.test import Client

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "The right passphrase, long enough"
LOCKED = "Account locked: too many login attempts"


@pytest.fixture(autouse=True)
def _lockout_on(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def ana(django_user_model):
    return django_user_model.objects.create_user(
        "ana", password=PASSWORD, is_staff=True
    )


def _sign_in(client: Client, password: str, address: str = "127.0.0.1"):
    return client.post(
        LOGIN, {"username": "ana", "password": password}, REMOTE_ADDR=address
    )


def _lock_out(client: Client) -> list[int]:
    return [_sign_in(client, f"wrong {n}").status_code for n in range(10)]


def test_the_right_password_is_refused_after_ten_wrong_ones(ana):
    client = Client()

    statuses = _lock_out(client)
    right = _sign_in(client, PASSWORD)

    assert statuses == [200] * 9 + [429]
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session
    ana.refresh_from_db()
    assert ana.last_login is None
    assert client.get("/admin/").status_code == 302  # back to the sign-in page


def test_nine_wrong_passwords_do_not_lock_the_account(ana):
    client = Client()
    for n in range(9):
        _sign_in(client, f"wrong {n}")

    right = _sign_in(client, PASSWORD)

    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    # A success clears the count of wrong passwords (AXES_RESET_ON_SUCCESS).
    assert AccessAttempt.objects.count() == 0


def test_the_lockout_holds_one_username_from_one_address(ana):
    _lock_out(Client())

    elsewhere = _sign_in(Client(), PASSWORD, address="203.0.113.7")

    assert elsewhere.status_code == 302
    assert elsewhere["Location"] == "/admin/"


def test_an_administrator_reset_lifts_the_lockout(ana):
    client = Client()
    _lock_out(client)
    assert _sign_in(client, PASSWORD).status_code == 429

    call_command("axes_reset_username", "ana", stdout=open(os.devnull, "w"))  # noqa: SIM115
    right = _sign_in(client, PASSWORD)

    assert right.status_code == 302
    assert int(client.session["_auth_user_id"]) == ana.pk


def test_the_lockout_ends_after_the_cool_off(ana):
    client = Client()
    _lock_out(client)
    assert _sign_in(client, PASSWORD).status_code == 429

    # Fifteen minutes and a second pass (the attempts' clock is moved back).
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - dt.timedelta(minutes=15, seconds=1)
    )
    right = _sign_in(client, PASSWORD)

    assert right.status_code == 302
    assert int(client.session["_auth_user_id"]) == ana.pk


PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.AXES_ENABLED, s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME * 60, "
    "s.AXES_LOCKOUT_PARAMETERS)"
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "True 10 15.0 [['username', 'ip_address']]"),
        (
            {
                "AICMO_LOGIN_LOCKOUT": "false",
                "AICMO_LOGIN_LOCKOUT_FAILURES": "5",
                "AICMO_LOGIN_LOCKOUT_MINUTES": "60",
            },
            "False 5 60.0 [['username', 'ip_address']]",
        ),
    ],
)
def test_the_lockout_is_configured_from_the_environment(variables, expected):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AICMO_")}
    env.update(DJANGO_SETTINGS_MODULE="aicmo_site.settings.local", **variables)

    probe = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == expected
