"""API throttles (issue 11, finding 7): anonymous, per user, and run starts.

The suite runs with every rate off (aicmo_site/settings/test.py); each test here turns
on the rates it pins with the ``rates`` fixture, on a cleared cache.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from orchestration import api as orchestration_api
from tests.conftest import api_client_for
from tests.orchestration.conftest import load_example

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
ERROR_KEYS = {"error_code", "message", "details", "trace_id"}
BAD_TOKEN = "Token " + "0" * 40


@pytest.fixture
def rates(settings):
    """Turn on the named rates (``anon``, ``user``, ``run_starts``), the rest off."""

    def _set(num_proxies: int = 0, **on: str) -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                "anon": None,
                "user": None,
                "run_starts": None,
                **on,
            },
            "NUM_PROXIES": num_proxies,
        }

    cache.clear()
    yield _set
    cache.clear()


@pytest.fixture
def brief():
    return orchestration_api.brief_submit(data=load_example())


def _anonymous(token: str | None = BAD_TOKEN) -> APIClient:
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=token)
    return client


def _assert_rate_limited(response, window: int = 60) -> int:
    """Assert a 429 RATE_LIMITED in the error shape; return its Retry-After."""
    assert response.status_code == 429
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["error_code"] == "RATE_LIMITED"
    retry_after = response["Retry-After"]
    assert retry_after.isdigit()
    assert 1 <= int(retry_after) <= window
    assert body["details"] == {"retry_after": int(retry_after)}
    assert f"retry in {retry_after} seconds" in body["message"]
    return int(retry_after)


# --- anonymous: bad tokens and no credentials, per IP -----------------------------


def test_repeated_bad_tokens_meet_429_rate_limited_with_retry_after(rates):
    rates(anon="5/min")
    client = _anonymous()

    answers = [client.get("/api/v1/runs/") for _ in range(5)]
    over = client.get("/api/v1/runs/")

    assert [r.status_code for r in answers] == [401] * 5
    assert {r.json()["error_code"] for r in answers} == {"NOT_AUTHENTICATED"}
    _assert_rate_limited(over)


def test_retry_after_is_when_the_oldest_request_leaves_the_window(rates):
    rates(anon="1/min")
    client = _anonymous()

    assert client.get("/api/v1/runs/").status_code == 401
    retry_after = _assert_rate_limited(client.get("/api/v1/runs/"))

    assert retry_after in (59, 60)


def test_requests_without_credentials_are_limited_per_client_ip(rates):
    rates(anon="3/min")
    client = _anonymous(token=None)

    answers = [client.get("/api/v1/briefs/") for _ in range(3)]
    over = client.get("/api/v1/briefs/")
    elsewhere = client.get("/api/v1/briefs/", REMOTE_ADDR="203.0.113.9")

    assert [r.status_code for r in answers] == [401] * 3
    _assert_rate_limited(over)
    assert elsewhere.status_code == 401


def test_a_forged_forwarded_for_header_does_not_buy_a_fresh_allowance(rates):
    rates(anon="2/min")
    client = _anonymous()

    answers = [
        client.get("/api/v1/runs/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        for n in range(4)
    ]

    assert [r.status_code for r in answers] == [401, 401, 429, 429]


def test_behind_a_proxy_the_forwarded_client_address_is_the_one_limited(rates):
    rates(anon="1/min", num_proxies=1)
    client = _anonymous()

    first = client.get("/api/v1/runs/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    again = client.get("/api/v1/runs/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    other = client.get("/api/v1/runs/", HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert [r.status_code for r in (first, again, other)] == [401, 429, 401]


def test_a_valid_token_still_works_from_an_address_over_its_anonymous_rate(
    rates, operator
):
    rates(anon="2/min")
    bad = _anonymous()
    for _ in range(2):
        bad.get("/api/v1/runs/")
    _assert_rate_limited(bad.get("/api/v1/runs/"))

    response = operator.get("/api/v1/runs/")

    assert response.status_code == 200


def test_a_signed_in_session_is_not_metered_as_anonymous(rates, django_user_model):
    rates(anon="1/min")
    user = django_user_model.objects.create_user("sam", is_staff=True)
    client = APIClient()
    client.force_login(user)

    answers = [client.get("/api/v1/runs/") for _ in range(3)]

    assert [r.status_code for r in answers] == [403] * 3  # no role, but not limited


# --- per user ----------------------------------------------------------------------


def test_a_user_over_the_user_rate_gets_429_and_other_users_do_not(
    rates, operator, viewer
):
    rates(user="3/min")

    answers = [operator.get("/api/v1/runs/") for _ in range(3)]
    over = operator.get("/api/v1/runs/")
    other = viewer.get("/api/v1/runs/")

    assert [r.status_code for r in answers] == [200] * 3
    _assert_rate_limited(over)
    assert other.status_code == 200


# --- run starts ---------------------------------------------------------------------


def test_a_user_over_the_run_start_rate_gets_429_and_no_run_is_created(
    rates, operator, brief
):
    rates(run_starts="2/min", user="100/min")

    started = [
        operator.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")
        for _ in range(2)
    ]
    before = len(orchestration_api.run_list())
    over = operator.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")

    assert [r.status_code for r in started] == [201, 201]
    _assert_rate_limited(over)
    assert len(orchestration_api.run_list()) == before == 2
    # Reads are not run starts: the list still answers.
    assert operator.get("/api/v1/runs/").status_code == 200


def test_redeliveries_count_as_run_starts(rates, operator, brief):
    rates(run_starts="1/min")
    draft_id = orchestration_api.workflow_start(brief_id=brief.id).run.outputs[
        "draft_id"
    ]

    first = operator.post(f"/api/v1/drafts/{draft_id}/redeliver/", {}, format="json")
    before = len(orchestration_api.run_list())
    over = operator.post(f"/api/v1/drafts/{draft_id}/redeliver/", {}, format="json")
    start = operator.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")

    assert first.status_code == 201
    _assert_rate_limited(over)
    _assert_rate_limited(start)
    assert len(orchestration_api.run_list()) == before == 2


def test_the_run_start_rate_is_per_user(rates, operator, django_user_model, brief):
    rates(run_starts="1/min")
    other = api_client_for(django_user_model, "oscar", "operators")

    first = operator.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")
    over = operator.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")
    theirs = other.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")

    assert (first.status_code, over.status_code, theirs.status_code) == (201, 429, 201)
    assert len(orchestration_api.run_list()) == 2


def test_below_the_default_rates_requests_pass(rates, operator, brief):
    rates(anon="60/min", user="600/min", run_starts="30/min")

    reads = [operator.get("/api/v1/runs/") for _ in range(20)]
    starts = [
        operator.post("/api/v1/runs/", {"brief_id": brief.id}, format="json")
        for _ in range(5)
    ]
    unauthenticated = [_anonymous().get("/api/v1/runs/") for _ in range(10)]

    assert {r.status_code for r in reads} == {200}
    assert {r.status_code for r in starts} == {201}
    assert {r.status_code for r in unauthenticated} == {401}


# --- settings ------------------------------------------------------------------------

PROBE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'], "
    "settings.REST_FRAMEWORK['NUM_PROXIES'])"
)


def _probe(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AICMO_"))
    }
    clean.pop("DATABASE_URL", None)
    clean.update({"DJANGO_SETTINGS_MODULE": "aicmo_site.settings.base", **env})
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_rates_default_on_come_from_the_environment_and_empty_turns_one_off():
    defaults = _probe()
    tuned = _probe(
        AICMO_THROTTLE_ANON="10/hour",
        AICMO_THROTTLE_USER="",
        AICMO_THROTTLE_RUN_STARTS="5/s",
        AICMO_THROTTLE_NUM_PROXIES="1",
    )

    assert defaults.returncode == 0, defaults.stderr
    assert defaults.stdout.strip() == (
        "{'anon': '60/min', 'user': '600/min', 'run_starts': '30/min'} 0"
    )
    assert tuned.returncode == 0, tuned.stderr
    assert tuned.stdout.strip() == (
        "{'anon': '10/hour', 'user': None, 'run_starts': '5/s'} 1"
    )


def test_a_malformed_rate_refuses_to_start_naming_the_variable():
    probe = _probe(AICMO_THROTTLE_RUN_STARTS="lots")

    assert probe.returncode != 0
    assert "AICMO_THROTTLE_RUN_STARTS='lots'" in probe.stderr
    assert "ImproperlyConfigured" in probe.stderr
