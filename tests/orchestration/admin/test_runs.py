"""Orchestration's run admin: the run page's timeline, run actions, roles, lists."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aicmo_site.kernel.errors import TransientError
from orchestration import api as orchestration_api
from orchestration import sagas
from orchestration.engine import definitions, runs
from tests.orchestration.admin.conftest import RUNS_URL, message_texts, staff_client

pytestmark = pytest.mark.django_db


# --- the run page -------------------------------------------------------------


def _section(page, css_class):
    match = re.search(rf'<table class="{css_class}".*?</table>', page, re.S)
    assert match, css_class
    return match.group(0)


def _names_in_order(html, names):
    found = {name: html.find(f"<td>{name}</td>") for name in names}
    return [name for name, at in sorted(found.items(), key=lambda i: i[1]) if at >= 0]


def _run_page(client, run_id):
    response = client.get(
        reverse("admin:orchestration_workflowrun_change", args=[run_id])
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_completed_run_shows_its_steps_events_and_files(viewer, start):
    run = start()

    page = _run_page(viewer, run.id)

    steps = _section(page, "aicmo-steps")
    assert _names_in_order(steps, [s.name for s in run.steps]) == [
        "normalize_brief",
        "generate_strategy",
        "generate_draft",
        "qc_evaluate",
        "create_package",
    ]
    assert "No step was compensated." in page
    events = _section(page, "aicmo-events")
    assert events.count("<tr>") == len(orchestration_api.run_events(run_id=run.id)) + 1
    assert "<td>run.completed</td>" in events
    package_id = run.outputs["package_id"]
    download = f"/api/v1/packages/{package_id}/artifacts/report.pdf/"
    assert f'href="{download}"' in page
    assert "/media/" not in page
    pdf = viewer.get(download)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_compensated_run_shows_its_compensations_in_the_order_they_ran(viewer, start):
    run = start(force_fail="delivery")

    page = _run_page(viewer, run.id)

    steps = _section(page, "aicmo-steps")
    assert "DELIVERY_UNAVAILABLE: Delivery system unavailable" in steps
    compensations = _section(page, "aicmo-compensations")
    assert _names_in_order(compensations, [s.name for s in run.steps]) == [
        "qc_evaluate",
        "generate_draft",
        "generate_strategy",
        "normalize_brief",
    ]
    assert compensations.count(">compensated</strong>") == 4
    assert (
        page.index("aicmo-steps")
        < page.index("aicmo-compensations")
        < (page.index("aicmo-events"))
    )


def _compensation_failed(start, monkeypatch):
    def broken(**kwargs):
        raise TransientError("strategy store offline")

    monkeypatch.setattr(sagas.strategy_api, "strategy_discard", broken)
    run = start(force_fail="qc")
    monkeypatch.undo()
    assert run.status == "compensation_failed"
    return run


def test_a_failed_compensation_shows_each_failed_attempt(viewer, start, monkeypatch):
    run = _compensation_failed(start, monkeypatch)

    page = _run_page(viewer, run.id)

    compensations = _section(page, "aicmo-compensations")
    assert _names_in_order(compensations, ["generate_draft", "generate_strategy"]) == [
        "generate_draft",
        "generate_strategy",
    ]
    assert ">compensation_failed</strong>" in compensations
    for attempt in (1, 2, 3):
        assert (
            f"attempt {attempt}: TRANSIENT_ERROR: TransientError: strategy store "
            "offline" in compensations
        )


# --- run actions and roles ----------------------------------------------------


def _act(client, action, *run_ids):
    return client.post(
        RUNS_URL, {"action": action, "_selected_action": list(run_ids)}, follow=True
    )


def test_an_operator_retries_a_compensation_failed_run(operator, start, monkeypatch):
    run = _compensation_failed(start, monkeypatch)

    response = _act(operator, "retry_runs", run.id)

    assert orchestration_api.run_get(run_id=run.id).status == "compensated"
    assert message_texts(response) == [f"Retried {run.id}: it is compensated."]
    compensations = _section(_run_page(operator, run.id), "aicmo-compensations")
    assert compensations.count(">compensated</strong>") == 3
    assert "attempt 3: TRANSIENT_ERROR" in compensations  # the history stays


def test_retrying_a_run_that_did_not_fail_is_reported_and_changes_nothing(
    operator, start
):
    run = start()

    response = _act(operator, "retry_runs", run.id)

    assert orchestration_api.run_get(run_id=run.id).status == "completed"
    assert message_texts(response) == [
        f"{run.id}: Run '{run.id}' is completed; only a compensation_failed run can "
        "be retried.",
        "Retried no run.",
    ]


def test_an_operator_cancels_a_pending_run(operator, brief):
    run, _, _ = runs.run_start(
        workflow=definitions.workflow_get("client_to_delivery"),
        brief_id=brief.id,
        pack="quick_social_basic",
        options={},
        idempotency_key=None,
    )

    response = _act(operator, "cancel_runs", run.id)

    assert orchestration_api.run_get(run_id=run.id).status == "cancelled"
    assert message_texts(response) == [f"Cancelled {run.id}: it is cancelled."]


def test_a_viewer_sees_no_run_actions_and_is_refused_them(viewer, start, monkeypatch):
    run = _compensation_failed(start, monkeypatch)

    listing = viewer.get(RUNS_URL)
    refused = viewer.post(
        RUNS_URL, {"action": "retry_runs", "_selected_action": [run.id]}
    )

    assert listing.status_code == 200
    assert listing.context["action_form"] is None
    assert refused.status_code == 403
    assert orchestration_api.run_get(run_id=run.id).status == "compensation_failed"


def test_a_user_without_a_role_sees_no_run(django_user_model, start):
    run = start()
    nobody = staff_client(django_user_model, "nadia", None)

    assert nobody.get(RUNS_URL).status_code == 403
    assert nobody.get(
        reverse("admin:orchestration_workflowrun_change", args=[run.id])
    ).status_code in (302, 403)


# --- lists: one query count whatever the number of rows ------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        RUNS_URL,
        reverse("admin:orchestration_steprun_changelist"),
        reverse("admin:orchestration_runevent_changelist"),
    ],
)
def test_run_lists_make_as_many_queries_for_ten_runs_as_for_one(viewer, brief, url):
    def runs(count):
        for _ in range(count):
            orchestration_api.workflow_start(brief_id=brief.id, force_fail="qc")

    runs(1)
    one = _queries(viewer, url)
    runs(9)

    assert _queries(viewer, url) == one


def test_create_operator_with_staff_may_sign_in_to_the_admin(django_user_model):
    err = io.StringIO()

    call_command("create_operator", "ana", "--staff", stdout=io.StringIO(), stderr=err)

    user = django_user_model.objects.get(username="ana")
    assert user.is_staff
    assert [g.name for g in user.groups.all()] == ["operators"]
    assert user.has_perm("orchestration.start_run")
    assert "python manage.py changepassword ana" in err.getvalue()
