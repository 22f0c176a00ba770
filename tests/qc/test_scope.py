"""Account teams (issue 11, item 12) on QC's surfaces.

A member of an account team lists, opens and revokes its clients' QC results (and
reads their checks) only; another client's result answers what an unknown id answers
and is left unchanged. Covered: the REST list and detail, the api's reads and revoke,
and the admin's change lists, change pages and revoke action; a user in no team still
sees both clients.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client as BrowserClient
from django.urls import reverse

from aicmo_site.kernel.scope import scope_of
from qc import api as qc_api
from qc.errors import QcResultNotFound
from qc.models import QcCheck, QcResult
from tests.teams import engagements, team_admin, team_api, team_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return engagements()


def _state(result_id: str) -> tuple:
    result = QcResult.objects.get(id=result_id)
    return result.status, result.updated_at


def _missing(browser, url, verbose_name, obj_id):
    """Assert the admin answers as for a row that does not exist."""
    response = browser.get(url, follow=True)
    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"{verbose_name} with ID “{obj_id}” doesn’t exist. Perhaps it was deleted?"
    ]


def _changelist(browser, model) -> set[str]:
    response = browser.get(reverse(f"admin:qc_{model}_changelist"))
    assert response.status_code == 200
    return {str(row.pk) for row in response.context["cl"].result_list}


# --- REST -----------------------------------------------------------------------


def test_rest_lists_and_shows_the_teams_results_only(django_user_model, pair):
    ours, theirs = pair
    member = team_api(django_user_model, "mia", "viewers", (ours.client_id,))

    listed = member.get("/api/v1/qc-results/")
    assert listed.status_code == 200
    assert [r["id"] for r in listed.json()["results"]] == [ours.qc_result_id]
    by_draft = member.get("/api/v1/qc-results/", {"draft_id": theirs.draft_id})
    assert by_draft.status_code == 200
    assert by_draft.json()["results"] == []

    mine = member.get(f"/api/v1/qc-results/{ours.qc_result_id}/")
    assert mine.status_code == 200
    assert mine.json()["id"] == ours.qc_result_id

    hidden = member.get(f"/api/v1/qc-results/{theirs.qc_result_id}/")
    unknown = member.get("/api/v1/qc-results/qc_nope/")
    assert (hidden.status_code, unknown.status_code) == (404, 404)
    assert hidden.json()["error_code"] == unknown.json()["error_code"] == "NOT_FOUND"
    assert hidden.json()["message"] == f"QC result {theirs.qc_result_id} not found."
    assert hidden.json()["details"] == unknown.json()["details"]


def test_rest_shows_both_clients_to_a_user_in_no_team(viewer, pair):
    ours, theirs = pair

    listed = viewer.get("/api/v1/qc-results/")

    assert [r["id"] for r in listed.json()["results"]] == [
        ours.qc_result_id,
        theirs.qc_result_id,
    ]
    assert viewer.get(f"/api/v1/qc-results/{theirs.qc_result_id}/").status_code == 200


# --- api ------------------------------------------------------------------------


def test_api_reads_and_revoke_stop_at_the_team(django_user_model, pair):
    ours, theirs = pair
    user = team_user(django_user_model, "mia", "operators", (ours.client_id,))
    scope = scope_of(user)
    before = _state(theirs.qc_result_id)

    assert [r.id for r in qc_api.result_list(scope=scope)] == [ours.qc_result_id]
    for call in (
        lambda: qc_api.result_get(result_id=theirs.qc_result_id, scope=scope),
        lambda: qc_api.result_revoke(result_id=theirs.qc_result_id, scope=scope),
    ):
        with pytest.raises(QcResultNotFound) as error:
            call()
        assert error.value.message == f"QC result {theirs.qc_result_id} not found."

    assert _state(theirs.qc_result_id) == before
    revoked = qc_api.result_revoke(result_id=ours.qc_result_id, scope=scope)
    assert revoked.status == "revoked"


# --- admin ----------------------------------------------------------------------


def test_admin_lists_and_opens_the_teams_results_and_checks_only(
    django_user_model, pair
):
    ours, theirs = pair
    member = team_admin(django_user_model, "mia", "viewers", (ours.client_id,))
    our_checks = {
        str(pk)
        for pk in QcCheck.objects.filter(result_id=ours.qc_result_id).values_list(
            "pk", flat=True
        )
    }
    their_check = QcCheck.objects.filter(result_id=theirs.qc_result_id).first()

    assert _changelist(member, "qcresult") == {ours.qc_result_id}
    assert our_checks
    assert _changelist(member, "qccheck") == our_checks

    for model, verbose, mine, other in (
        ("qcresult", "qc result", ours.qc_result_id, theirs.qc_result_id),
        ("qccheck", "qc check", min(our_checks), their_check.pk),
    ):
        url = reverse(f"admin:qc_{model}_change", args=[mine])
        assert member.get(url).status_code == 200
        _missing(
            member, reverse(f"admin:qc_{model}_change", args=[other]), verbose, other
        )


def test_admin_revoke_leaves_other_clients_results_alone(django_user_model, pair):
    ours, theirs = pair
    member = team_admin(django_user_model, "mia", "operators", (ours.client_id,))
    before = _state(theirs.qc_result_id)

    response = member.post(
        reverse("admin:qc_qcresult_changelist"),
        {
            "action": "revoke_results",
            "_selected_action": [ours.qc_result_id, theirs.qc_result_id],
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "Revoked 1 QC result(s)." in response.content.decode()
    assert QcResult.objects.get(id=ours.qc_result_id).status == "revoked"
    assert _state(theirs.qc_result_id) == before


def test_admin_shows_both_clients_to_a_user_in_no_team(django_user_model, pair):
    ours, theirs = pair
    user = django_user_model.objects.create_user("victor", is_staff=True)
    user.groups.add(Group.objects.get(name="viewers"))
    browser = BrowserClient()
    browser.force_login(user)

    assert _changelist(browser, "qcresult") == set(
        QcResult.objects.values_list("id", flat=True)
    )
    assert {ours.qc_result_id, theirs.qc_result_id} <= _changelist(browser, "qcresult")
    assert (
        browser.get(
            reverse("admin:qc_qcresult_change", args=[theirs.qc_result_id])
        ).status_code
        == 200
    )
