"""Account teams (issue 11, item 12) on QC's surfaces.

A member of an account team lists, opens and revokes its clients' QC results (and
reads their checks) only; another client's result answers what an unknown id answers
and is left unchanged. Covered: the REST list and detail, the api's reads and revoke,
and the admin's change lists, change pages and revoke action; a user in no team still
sees both clients.
"""

import pytest
from django.urls import reverse

from aicmo_site.kernel.scope import scope_of
from qc import api as qc_api
from qc.errors import QcResultNotFound
from qc.models import QcCheck, QcResult
from tests.teams import (
    assert_admin_missing,
    assert_rest_hides,
    changelist_ids,
    engagements,
    staff_admin,
    team_admin,
    team_api,
    team_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return engagements()


def _state(result_id: str) -> tuple:
    result = QcResult.objects.get(id=result_id)
    return result.status, result.updated_at


def _changelist(browser, model) -> set[str]:
    return changelist_ids(browser, reverse(f"admin:qc_{model}_changelist"))


# --- REST -----------------------------------------------------------------------


def test_rest_lists_and_shows_the_teams_results_only(django_user_model, pair):
    ours, theirs = pair
    member = team_api(django_user_model, "mia", "viewers", (ours.client_id,))

    hidden = assert_rest_hides(
        member,
        "/api/v1/qc-results/",
        mine=ours.qc_result_id,
        theirs=theirs.qc_result_id,
        unknown="qc_nope",
        filters={"draft_id": theirs.draft_id},
    )

    assert hidden["message"] == f"QC result {theirs.qc_result_id} not found."


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
        assert_admin_missing(
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
    browser = staff_admin(django_user_model, "victor", "viewers")

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
