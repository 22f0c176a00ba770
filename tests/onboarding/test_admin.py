"""Onboarding's admin: read-only lists, brief export, and the hand-off to runs."""

import copy
import csv
import io
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client as BrowserClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from onboarding import api as onboarding_api
from onboarding.models import Brief, Client, NormalizedBrief, Project, ProjectTransition
from onboarding.resources import BRIEF_COLUMNS
from orchestration import api as orchestration_api

pytestmark = pytest.mark.django_db

BRIEFS_URL = reverse("admin:onboarding_brief_changelist")
EXPORT_URL = reverse("admin:onboarding_brief_export")


def _staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = BrowserClient()
    client.force_login(user)
    return client


@pytest.fixture
def operator(django_user_model):
    return _staff(django_user_model, "olivia", "operators")


@pytest.fixture
def viewer(django_user_model):
    return _staff(django_user_model, "victor", "viewers")


def _submit(raw_brief, number):
    data = copy.deepcopy(raw_brief)
    data["client"]["name"] = f"Client {number}"
    brief = orchestration_api.brief_submit(data=data)
    onboarding_api.brief_normalize(
        brief_id=brief.id,
        engagement_ref=f"run_{number}",
        idempotency_key=f"run_{number}:normalize_brief",
    )
    return brief


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "model", ["client", "brief", "normalizedbrief", "project", "projecttransition"]
)
def test_lists_make_as_many_queries_for_ten_rows_as_for_one(viewer, raw_brief, model):
    url = reverse(f"admin:onboarding_{model}_changelist")
    _submit(raw_brief, 0)
    one = _queries(viewer, url)
    for number in range(1, 10):
        _submit(raw_brief, number)

    assert _queries(viewer, url) == one


def test_an_operator_sees_import_export_and_the_start_runs_action(operator):
    response = operator.get(BRIEFS_URL)

    page = response.content.decode()
    assert f'href="{reverse("admin:orchestration_brief_import")}"' in page
    assert f'href="{EXPORT_URL}' in page
    assert [
        name
        for name, _ in response.context["action_form"].fields["action"].choices
        if name
    ] == ["start_runs"]


def test_a_viewer_sees_only_export_and_is_refused_the_start_action(viewer, raw_brief):
    brief = _submit(raw_brief, 1)

    listing = viewer.get(BRIEFS_URL)
    refused = viewer.post(
        BRIEFS_URL, {"action": "start_runs", "_selected_action": [brief.id]}
    )

    page = listing.content.decode()
    assert reverse("admin:orchestration_brief_import") not in page
    assert f'href="{EXPORT_URL}' in page
    assert listing.context["action_form"] is None
    assert refused.status_code == 403
    assert orchestration_api.run_list(brief_id=brief.id) == []


def test_the_start_runs_action_hands_the_selection_to_the_start_page(
    operator, raw_brief
):
    first, second = _submit(raw_brief, 1), _submit(raw_brief, 2)

    response = operator.post(
        BRIEFS_URL,
        {"action": "start_runs", "_selected_action": [second.id, first.id]},
    )

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == reverse("admin:orchestration_brief_start_runs")
    assert parse_qs(target.query) == {"ids": [f"{first.id},{second.id}"]}
    assert orchestration_api.run_list(brief_id=first.id) == []


def _export(client, file_format):
    return client.post(
        EXPORT_URL,
        {
            "format": file_format,
            "resource": "0",
            **{f"briefresource_{column}": "on" for column in BRIEF_COLUMNS},
        },
    )


def test_export_writes_flat_canonical_columns_as_csv(viewer, raw_brief):
    raw_brief["audience"] = raw_brief.pop("target_audience")
    _submit(raw_brief, 1)

    response = _export(viewer, "0")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(row) == list(BRIEF_COLUMNS)
    assert row["client_name"] == "Client 1"
    assert row["target_audience"] == raw_brief["audience"]
    assert row["channels"] == "Instagram; Facebook; Email"
    assert row["pain_points"] == "; ".join(raw_brief["pain_points"])
    assert (row["budget_amount"], row["budget_currency"]) == ("4500", "USD")
    assert (row["duration_weeks"], row["start_date"]) == ("12", "2027-01-11")


def test_export_writes_xlsx(viewer, raw_brief):
    _submit(raw_brief, 1)

    response = _export(viewer, "1")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, row = list(sheet.iter_rows(values_only=True))
    assert header == BRIEF_COLUMNS
    assert dict(zip(header, row, strict=True))["duration_weeks"] == 12


def test_the_brief_page_links_to_its_runs(viewer, raw_brief):
    brief = _submit(raw_brief, 1)

    response = viewer.get(reverse("admin:onboarding_brief_change", args=[brief.id]))

    runs = reverse("admin:orchestration_workflowrun_changelist")
    assert f'href="{runs}?brief_id={brief.id}"' in response.content.decode()


def test_nothing_onboarding_owns_can_be_added_changed_or_deleted_here():
    request = type("Request", (), {"user": None})()
    for model in (Client, Brief, NormalizedBrief, Project, ProjectTransition):
        model_admin = site._registry[model]
        assert model_admin.has_add_permission(request) is False
        assert model_admin.has_change_permission(request) is False
        assert model_admin.has_delete_permission(request) is False
