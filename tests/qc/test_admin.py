"""QC's admin: read-only results with their checks; operators may revoke."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qc.models import QcResult
from tests.qc.factories import QcCheckFactory, QcResultFactory

pytestmark = pytest.mark.django_db

RESULTS_URL = reverse("admin:qc_qcresult_changelist")


def _staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def operator(django_user_model):
    return _staff(django_user_model, "olivia", "operators")


@pytest.fixture
def viewer(django_user_model):
    return _staff(django_user_model, "victor", "viewers")


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _result_with_checks():
    result = QcResultFactory()
    QcCheckFactory.create_batch(2, result=result)
    return result


@pytest.mark.parametrize("model", ["qcresult", "qccheck"])
def test_lists_make_as_many_queries_for_ten_rows_as_for_one(viewer, model):
    url = reverse(f"admin:qc_{model}_changelist")
    _result_with_checks()
    one = _queries(viewer, url)
    for _ in range(9):
        _result_with_checks()

    assert _queries(viewer, url) == one


def test_the_result_page_lists_its_checks(viewer):
    result = _result_with_checks()

    response = viewer.get(reverse("admin:qc_qcresult_change", args=[result.id]))

    assert response.status_code == 200
    assert response.content.decode().count("sections_present") >= 2


def test_an_operator_revokes_a_result(operator):
    result = _result_with_checks()

    operator.post(
        RESULTS_URL, {"action": "revoke_results", "_selected_action": [result.id]}
    )

    assert QcResult.objects.get(pk=result.id).status == QcResult.Status.REVOKED


def test_a_viewer_is_refused_the_revoke_action(viewer):
    result = _result_with_checks()

    listing = viewer.get(RESULTS_URL)
    refused = viewer.post(
        RESULTS_URL, {"action": "revoke_results", "_selected_action": [result.id]}
    )

    assert listing.context["action_form"] is None
    assert refused.status_code == 403
    assert QcResult.objects.get(pk=result.id).status == QcResult.Status.CURRENT
