"""Account teams in orchestration's admin (issue 11): lists, run pages, actions,
the brief import and the start-runs page.

A member of a team holding only BrightSmile Dental (``ours``) sees and acts on its
runs only; Harvest Table's (``theirs``) do not exist for them.
"""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from onboarding.models import Brief
from orchestration.models import (
    EventDelivery,
    OutboxEvent,
    RunEvent,
    StepRun,
    WorkflowRun,
)
from orchestration.resources import BRIEF_COLUMNS
from tests.orchestration.admin.conftest import RUNS_URL, message_texts
from tests.teams import engagements, team_admin

pytestmark = pytest.mark.django_db

GROUPS = ["operators", "viewers"]
STEPS_URL = reverse("admin:orchestration_steprun_changelist")
EVENTS_URL = reverse("admin:orchestration_runevent_changelist")
OUTBOX_URL = reverse("admin:orchestration_outboxevent_changelist")
DELIVERIES_URL = reverse("admin:orchestration_eventdelivery_changelist")
IMPORT_URL = reverse("admin:orchestration_brief_import")
CONFIRM_URL = reverse("admin:orchestration_brief_process_import")
START_URL = reverse("admin:orchestration_brief_start_runs")


@pytest.fixture
def pair():
    """``(ours, theirs)``: two clients' delivered engagements, and one outbox event."""
    event = OutboxEvent.objects.create(
        type="ClientSigned", payload={}, occurred_at=timezone.now()
    )
    EventDelivery.objects.create(
        event_id=event.id, subscriber="onboarding", delivered_at=timezone.now()
    )
    return engagements()


def _limited(django_user_model, pair, group="operators"):
    ours, _theirs = pair
    return team_admin(django_user_model, "lena", group, (ours.client_id,))


def _rows(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def _run_url(run_id):
    return reverse("admin:orchestration_workflowrun_change", args=[run_id])


# --- lists and pages ------------------------------------------------------------


@pytest.mark.parametrize("group", GROUPS)
def test_a_limited_user_lists_only_its_clients_runs_steps_and_events(
    django_user_model, pair, group
):
    ours, _theirs = pair
    WorkflowRun.objects.create(workflow="noop", definition_version=1, brief_id="")
    admin = _limited(django_user_model, pair, group)

    assert [r.pk for r in _rows(admin, RUNS_URL)] == [ours.run_id]
    assert {s.run_id for s in _rows(admin, STEPS_URL)} == {ours.run_id}
    assert {e.run_id for e in _rows(admin, EVENTS_URL)} == {ours.run_id}
    assert _rows(admin, OUTBOX_URL) == []  # agency-wide rows
    assert _rows(admin, DELIVERIES_URL) == []


@pytest.mark.parametrize("group", GROUPS)
def test_another_clients_run_step_and_event_pages_do_not_exist(
    django_user_model, pair, group
):
    ours, theirs = pair
    admin = _limited(django_user_model, pair, group)
    step = StepRun.objects.filter(run_id=theirs.run_id).first()
    event = RunEvent.objects.filter(run_id=theirs.run_id).first()

    mine = admin.get(_run_url(ours.run_id))
    hidden = admin.get(_run_url(theirs.run_id), follow=True)

    assert mine.status_code == 200
    assert 'class="aicmo-timeline"' in mine.content.decode()
    assert hidden.redirect_chain == [(reverse("admin:index"), 302)]
    assert "aicmo-timeline" not in hidden.content.decode()
    assert message_texts(hidden) == [
        f"workflow run with ID “{theirs.run_id}” doesn’t exist. Perhaps it was deleted?"
    ]
    for name, pk in (("steprun", step.pk), ("runevent", event.pk)):
        page = admin.get(reverse(f"admin:orchestration_{name}_change", args=[pk]))
        assert page.status_code == 302


def test_a_user_in_no_team_still_sees_both_clients(operator, pair):
    ours, theirs = pair

    assert {r.pk for r in _rows(operator, RUNS_URL)} == {ours.run_id, theirs.run_id}
    assert {s.run_id for s in _rows(operator, STEPS_URL)} == {
        ours.run_id,
        theirs.run_id,
    }
    assert len(_rows(operator, OUTBOX_URL)) == 1
    assert len(_rows(operator, DELIVERIES_URL)) == 1
    assert operator.get(_run_url(theirs.run_id)).status_code == 200


# --- run actions ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "verb"), [("retry_runs", "Retried"), ("cancel_runs", "Cancelled")]
)
def test_run_actions_skip_another_clients_runs(django_user_model, pair, action, verb):
    ours, theirs = pair
    pending = WorkflowRun.objects.create(
        workflow="client_to_delivery", definition_version=1, brief_id=theirs.brief_id
    )
    admin = _limited(django_user_model, pair)

    response = admin.post(
        RUNS_URL,
        {"action": action, "_selected_action": [theirs.run_id, pending.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert message_texts(response) == [f"{verb} no run."]
    pending.refresh_from_db()
    assert (pending.status, pending.cancel_requested_at) == ("pending", None)
    assert WorkflowRun.objects.get(pk=theirs.run_id).status == "completed"
    assert not RunEvent.objects.filter(run_id=pending.pk).exists()


# --- brief import ---------------------------------------------------------------


def _csv(*clients):
    rows = []
    for name, website in clients:
        rows.append(
            {
                "client_name": name,
                "client_website": website,
                "client_industry": "Dental clinic",
                "client_geography": "Austin, Texas",
                "primary_offer": "Free whitening with every check-up",
                "objective": "Leads",
                "target_audience": "Busy parents in Austin",
                "pain_points": "No time",
                "desired_outcomes": "More bookings",
            }
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(BRIEF_COLUMNS), restval="")
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("briefs.csv", out.getvalue().encode())


OURS = ("BrightSmile Dental", "https://brightsmiledental.example")
THEIRS = ("Harvest Table", "harvesttable.example")


def test_importing_a_row_for_another_client_is_a_row_error_and_stores_nothing(
    django_user_model, pair
):
    admin = _limited(django_user_model, pair)
    before = Brief.objects.count()

    preview = admin.post(IMPORT_URL, {"import_file": _csv(OURS, THEIRS), "format": "0"})

    assert preview.status_code == 200
    result = preview.context["result"]
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 3  # the header is line 1
    assert list(invalid.error_dict) == ["client_name"]
    assert "account team" in invalid.error_dict["client_name"][0]
    assert "confirm_form" not in preview.context
    assert Brief.objects.count() == before


def test_a_limited_operator_imports_briefs_for_its_own_client(django_user_model, pair):
    ours, _theirs = pair
    admin = _limited(django_user_model, pair)
    before = Brief.objects.count()

    preview = admin.post(IMPORT_URL, {"import_file": _csv(OURS), "format": "0"})
    admin.post(CONFIRM_URL, preview.context["confirm_form"].initial)

    assert Brief.objects.count() == before + 1
    assert Brief.objects.order_by("-created_at").first().client_id == ours.client_id


# --- start runs -----------------------------------------------------------------


def test_the_start_page_treats_another_clients_brief_as_not_found(
    django_user_model, pair
):
    ours, theirs = pair
    admin = _limited(django_user_model, pair)
    ids = f"{ours.brief_id},{theirs.brief_id}"

    page = admin.get(START_URL, {"ids": ids})

    assert [b.id for b in page.context["briefs"]] == [ours.brief_id]
    assert page.context["missing"] == [theirs.brief_id]

    before = set(WorkflowRun.objects.values_list("pk", flat=True))
    admin.post(START_URL, {"ids": ids, "pack": ""})

    new = WorkflowRun.objects.exclude(pk__in=before)
    assert [r.brief_id for r in new] == [ours.brief_id]


def test_the_start_page_starts_nothing_when_every_brief_is_another_clients(
    django_user_model, pair
):
    _ours, theirs = pair
    admin = _limited(django_user_model, pair)
    before = WorkflowRun.objects.count()

    response = admin.post(START_URL, {"ids": theirs.brief_id, "pack": ""})

    assert response.status_code == 200
    assert response.context["briefs"] == []
    assert response.context["missing"] == [theirs.brief_id]
    assert WorkflowRun.objects.count() == before
