import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from strategy.models import Strategy
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("ana", "ana@agency.test", "pw")
    client.force_login(user)
    return client


def test_change_page_renders_the_structured_strategy(staff_client):
    strategy = StrategyFactory()

    response = staff_client.get(
        reverse("admin:strategy_strategy_change", args=[strategy.id])
    )

    assert response.status_code == 200
    assert "Slow Fermentation" in response.content.decode()


def test_approve_action_approves_as_the_logged_in_user(staff_client):
    strategy = StrategyFactory()

    staff_client.post(
        reverse("admin:strategy_strategy_changelist"),
        {"action": "approve_selected", "_selected_action": [strategy.id]},
    )

    strategy.refresh_from_db()
    assert strategy.status == Strategy.Status.APPROVED
    assert strategy.approved_by == "ana"


def test_approve_action_reports_a_discarded_strategy_without_changing_it(staff_client):
    strategy = StrategyFactory(status=Strategy.Status.DISCARDED)

    response = staff_client.post(
        reverse("admin:strategy_strategy_changelist"),
        {"action": "approve_selected", "_selected_action": [strategy.id]},
        follow=True,
    )

    strategy.refresh_from_db()
    assert strategy.status == Strategy.Status.DISCARDED
    assert "only a draft strategy can be approved" in response.content.decode()


def _role_client(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_makes_as_many_queries_for_ten_strategies_as_for_one(
    django_user_model,
):
    viewer = _role_client(django_user_model, "victor", "viewers")
    url = reverse("admin:strategy_strategy_changelist")
    StrategyFactory()
    one = _queries(viewer, url)
    StrategyFactory.create_batch(9)

    assert _queries(viewer, url) == one


def test_a_viewer_sees_no_action_and_is_refused_approval(django_user_model):
    viewer = _role_client(django_user_model, "victor", "viewers")
    strategy = StrategyFactory()
    url = reverse("admin:strategy_strategy_changelist")

    listing = viewer.get(url)
    refused = viewer.post(
        url, {"action": "approve_selected", "_selected_action": [strategy.id]}
    )

    assert listing.context["action_form"] is None
    assert refused.status_code == 403
    strategy.refresh_from_db()
    assert strategy.status == Strategy.Status.DRAFT


def test_an_operator_approves(django_user_model):
    operator = _role_client(django_user_model, "olivia", "operators")
    strategy = StrategyFactory()

    operator.post(
        reverse("admin:strategy_strategy_changelist"),
        {"action": "approve_selected", "_selected_action": [strategy.id]},
    )

    strategy.refresh_from_db()
    assert (strategy.status, strategy.approved_by) == ("approved", "olivia")
