"""Account teams (issue 11, item 12) on strategy's surfaces.

A member of an account team lists, opens, approves and discards its clients'
strategies only; another client's strategy answers what an unknown id answers. The
REST list and detail, the api's commands and the admin's change list, change page and
actions are covered; a user in no team still sees both clients.
"""

import pytest
from django.urls import reverse

from aicmo_site.kernel.scope import scope_of
from strategy import api as strategy_api
from strategy.errors import StrategyNotFound
from strategy.models import Strategy
from tests.teams import (
    assert_admin_missing,
    assert_rest_hides,
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


def _missing(browser, url, obj_id):
    assert_admin_missing(browser, url, "strategy", obj_id)


# --- REST -----------------------------------------------------------------------


def test_rest_lists_and_shows_the_teams_strategies_only(django_user_model, pair):
    ours, theirs = pair
    member = team_api(django_user_model, "mia", "viewers", (ours.client_id,))

    hidden = assert_rest_hides(
        member,
        "/api/v1/strategies/",
        mine=ours.strategy_id,
        theirs=theirs.strategy_id,
        unknown="strat_nope",
        filters={"brief_id": theirs.brief_id},
    )

    assert hidden["message"] == f"Strategy {theirs.strategy_id!r} not found."
    assert hidden["details"] == {"strategy_id": theirs.strategy_id}


def test_rest_shows_both_clients_to_a_user_in_no_team(viewer, pair):
    ours, theirs = pair

    listed = viewer.get("/api/v1/strategies/")

    assert [r["id"] for r in listed.json()["results"]] == [
        ours.strategy_id,
        theirs.strategy_id,
    ]
    assert viewer.get(f"/api/v1/strategies/{theirs.strategy_id}/").status_code == 200


# --- api commands ---------------------------------------------------------------


def test_commands_on_another_clients_strategy_are_not_found(django_user_model, pair):
    ours, theirs = pair
    user = team_user(django_user_model, "mia", "operators", (ours.client_id,))
    scope = scope_of(user)
    before = Strategy.objects.get(id=theirs.strategy_id)

    with pytest.raises(StrategyNotFound) as discard:
        strategy_api.strategy_discard(strategy_id=theirs.strategy_id, scope=scope)
    with pytest.raises(StrategyNotFound) as approve:
        strategy_api.strategy_approve(
            strategy_id=theirs.strategy_id, approved_by="mia", scope=scope
        )

    assert (
        discard.value.message
        == approve.value.message
        == (f"Strategy {theirs.strategy_id!r} not found.")
    )
    after = Strategy.objects.get(id=theirs.strategy_id)
    assert (after.status, after.updated_at) == (before.status, before.updated_at)
    discarded = strategy_api.strategy_discard(strategy_id=ours.strategy_id, scope=scope)
    assert discarded.status == "discarded"


# --- admin ----------------------------------------------------------------------


def test_admin_lists_and_opens_the_teams_strategies_only(django_user_model, pair):
    ours, theirs = pair
    member = team_admin(django_user_model, "mia", "viewers", (ours.client_id,))

    response = member.get(reverse("admin:strategy_strategy_changelist"))
    assert response.status_code == 200
    assert [row.pk for row in response.context["cl"].result_list] == [ours.strategy_id]
    assert (
        member.get(
            reverse("admin:strategy_strategy_change", args=[ours.strategy_id])
        ).status_code
        == 200
    )
    _missing(
        member,
        reverse("admin:strategy_strategy_change", args=[theirs.strategy_id]),
        theirs.strategy_id,
    )
    _missing(
        member,
        reverse("admin:strategy_strategy_history", args=[theirs.strategy_id]),
        theirs.strategy_id,
    )


def test_admin_actions_leave_other_clients_strategies_alone(django_user_model, pair):
    ours, theirs = pair
    member = team_admin(django_user_model, "mia", "operators", (ours.client_id,))

    response = member.post(
        reverse("admin:strategy_strategy_changelist"),
        {
            "action": "discard_selected",
            "_selected_action": [ours.strategy_id, theirs.strategy_id],
        },
        follow=True,
    )

    assert response.status_code == 200
    statuses = dict(Strategy.objects.values_list("id", "status"))
    assert statuses == {ours.strategy_id: "discarded", theirs.strategy_id: "approved"}
    page = response.content.decode()
    assert f"Discarded {ours.strategy_id}." in page
    assert theirs.strategy_id not in page

    # Only the other client's strategy selected: nothing is done to it.
    member.post(
        reverse("admin:strategy_strategy_changelist"),
        {"action": "discard_selected", "_selected_action": [theirs.strategy_id]},
    )
    assert Strategy.objects.get(id=theirs.strategy_id).status == "approved"


def test_admin_shows_both_clients_to_a_user_in_no_team(django_user_model, pair):
    ours, theirs = pair
    browser = staff_admin(django_user_model, "victor", "viewers")

    response = browser.get(reverse("admin:strategy_strategy_changelist"))

    assert {row.pk for row in response.context["cl"].result_list} == {
        ours.strategy_id,
        theirs.strategy_id,
    }
    assert (
        browser.get(
            reverse("admin:strategy_strategy_change", args=[theirs.strategy_id])
        ).status_code
        == 200
    )
