import pytest
from django.contrib.auth import get_user_model
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
