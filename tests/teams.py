"""Account teams in tests (issue 11, item 12): two clients' engagements, and users
limited to one of them, signed in by API token or to the admin.

``engagements()`` runs the whole workflow for two briefs of two clients, so every
app has rows for both: ``ours`` (BrightSmile Dental, the member's client) and
``theirs`` (Harvest Table, outside the member's team). Each is an ``Engagement``
holding the ids every surface needs.
"""

import dataclasses
import json
from pathlib import Path

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from onboarding.models import AccountTeam
from orchestration import api as orchestration_api

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@dataclasses.dataclass(frozen=True)
class Engagement:
    client_id: str
    brief_id: str
    run_id: str
    strategy_id: str
    draft_id: str
    qc_result_id: str
    package_id: str


def example_brief(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text())


def engagement(example: str) -> Engagement:
    """Submit the example brief and run it to delivery; return its ids."""
    brief = orchestration_api.brief_submit(data=example_brief(example))
    run = orchestration_api.workflow_start(brief_id=brief.id).run
    assert run.status == "completed", run.error
    return Engagement(
        client_id=brief.client_id,
        brief_id=brief.id,
        run_id=run.id,
        strategy_id=run.outputs["strategy_id"],
        draft_id=run.outputs["draft_id"],
        qc_result_id=run.outputs["qc_result_id"],
        package_id=run.outputs["package_id"],
    )


def engagements() -> tuple[Engagement, Engagement]:
    """``(ours, theirs)``: BrightSmile Dental's and Harvest Table's delivered runs."""
    return (
        engagement("brightsmile_dental.json"),
        engagement("harvest_table_restaurant.json"),
    )


def team_user(
    django_user_model,
    username: str,
    group: str | None,
    client_ids: tuple[str, ...],
    *,
    staff: bool = False,
):
    """A user in ``group`` and in one account team holding ``client_ids``."""
    user = django_user_model.objects.create_user(username, is_staff=staff)
    if group:
        user.groups.add(Group.objects.get(name=group))
    team = AccountTeam.objects.create(name=f"{username}'s team")
    team.clients.set(client_ids)
    team.members.add(user)
    return user


def team_api(django_user_model, username, group, client_ids) -> APIClient:
    """An API client signed in by token as a team member (``team_user``)."""
    user = team_user(django_user_model, username, group, client_ids)
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}"
    )
    return client


def team_admin(django_user_model, username, group, client_ids) -> Client:
    """A browser signed in to the admin (``is_staff``) as a team member."""
    user = team_user(django_user_model, username, group, client_ids, staff=True)
    client = Client()
    client.force_login(user)
    return client


def staff_admin(django_user_model, username, group) -> Client:
    """A browser signed in to the admin as a user in ``group`` and in no team."""
    user = django_user_model.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def changelist_ids(browser, url) -> set[str]:
    """The primary keys an admin change list shows (its first page)."""
    response = browser.get(url)
    assert response.status_code == 200
    return {str(row.pk) for row in response.context["cl"].result_list}


def assert_admin_missing(browser, url, verbose_name, obj_id) -> None:
    """Assert the admin answers ``url`` as for a row that does not exist."""
    response = browser.get(url, follow=True)
    assert response.redirect_chain == [(reverse("admin:index"), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"{verbose_name} with ID “{obj_id}” doesn’t exist. Perhaps it was deleted?"
    ]


def assert_rest_hides(member, collection, *, mine, theirs, unknown, filters):
    """Assert a REST collection shows ``mine`` and hides ``theirs`` as ``unknown``.

    The list holds ``mine`` alone; ``filters`` (a query naming the other client's
    rows) finds nothing; ``mine``'s detail answers 200; ``theirs`` answers the 404
    an unknown id answers. Returns the hidden detail's body for further checks.
    """
    listed = member.get(collection)
    assert listed.status_code == 200
    assert [r["id"] for r in listed.json()["results"]] == [mine]
    filtered = member.get(collection, filters)
    assert filtered.status_code == 200
    assert filtered.json()["results"] == []
    shown = member.get(f"{collection}{mine}/")
    assert shown.status_code == 200
    assert shown.json()["id"] == mine
    hidden = member.get(f"{collection}{theirs}/")
    missing = member.get(f"{collection}{unknown}/")
    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert hidden.json()["error_code"] == missing.json()["error_code"] == "NOT_FOUND"
    return hidden.json()
