"""Account teams (issue 11, item 12): who sees which client, decided in one place.

The resolver (``onboarding.selectors.scope_for_user`` behind ``kernel.scope.scope_of``),
the teams' own admin (superusers only), and onboarding's surfaces: the api's client
and brief reads, brief intake for a limited user, and the admin's client, brief,
normalized brief, project and transition lists, change pages and brief export.
"""

import csv
import io

import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.contrib.auth.models import Group, Permission
from django.test import Client as BrowserClient
from django.urls import reverse

from aicmo_site.kernel import permissions
from aicmo_site.kernel.admin import ScopedAdminMixin
from aicmo_site.kernel.scope import ALL, NOTHING, Scope, scope_of
from onboarding import api as onboarding_api
from onboarding.errors import BriefNotFound, ClientNotFound, InvalidBrief
from onboarding.models import AccountTeam, Brief, Client, NormalizedBrief, Project
from onboarding.resources import BRIEF_COLUMNS
from orchestration import api as orchestration_api
from tests.teams import (
    changelist_ids,
    engagements,
    example_brief,
    staff_admin,
    team_admin,
    team_user,
)

pytestmark = pytest.mark.django_db

APPS = (
    "onboarding",
    "strategy",
    "production",
    "qc",
    "delivery",
    "cam",
    "orchestration",
)
OUT_OF_TEAM = (
    "This client is not one of your account team's clients (matched by name and "
    "website). Ask an administrator to add it to your team."
)


@pytest.fixture
def pair():
    return engagements()


# --- the resolver ---------------------------------------------------------------


def test_a_team_member_sees_the_teams_clients_and_their_briefs(django_user_model, pair):
    ours, theirs = pair
    user = team_user(django_user_model, "mia", "viewers", (ours.client_id,))

    scope = scope_of(user)

    assert scope == Scope.of_clients({ours.client_id}, {ours.brief_id})
    assert not scope.is_all
    assert scope.allows_brief(ours.brief_id)
    assert not scope.allows_brief(theirs.brief_id)


def test_two_teams_add_up_and_a_team_for_all_clients_opens_everything(
    django_user_model, pair
):
    ours, theirs = pair
    user = team_user(django_user_model, "mia", "viewers", (ours.client_id,))
    second = AccountTeam.objects.create(name="Restaurants")
    second.clients.add(theirs.client_id)
    second.members.add(user)

    assert scope_of(django_user_model.objects.get(pk=user.pk)) == Scope.of_clients(
        {ours.client_id, theirs.client_id}, {ours.brief_id, theirs.brief_id}
    )

    AccountTeam.objects.create(name="Agency staff", all_clients=True).members.add(user)
    assert scope_of(django_user_model.objects.get(pk=user.pk)) is ALL


def test_no_team_keeps_todays_access_unless_teams_are_required(
    django_user_model, settings
):
    user = django_user_model.objects.create_user("nora")
    assert scope_of(user) is ALL

    settings.AICMO_ACCOUNT_TEAMS_REQUIRED = True
    assert scope_of(django_user_model.objects.get(pk=user.pk)) is NOTHING


def test_superusers_see_everything_whatever_their_teams(django_user_model, settings):
    settings.AICMO_ACCOUNT_TEAMS_REQUIRED = True
    root = django_user_model.objects.create_superuser("root", "root@agency.test", "x")
    AccountTeam.objects.create(name="Empty").members.add(root)

    assert scope_of(root) is ALL


def test_anonymous_users_see_nothing():
    from django.contrib.auth.models import AnonymousUser

    assert scope_of(AnonymousUser()) is NOTHING
    assert scope_of(None) is NOTHING


def test_a_team_with_no_clients_sees_nothing(django_user_model, pair):
    user = team_user(django_user_model, "mia", "viewers", ())

    assert scope_of(user) == Scope.of_clients((), ())
    assert onboarding_api.brief_list(scope=scope_of(user)) == []


def test_the_scope_is_read_once_per_user_object(
    django_user_model, pair, django_assert_num_queries
):
    ours, _ = pair
    user = team_user(django_user_model, "mia", "viewers", (ours.client_id,))
    with django_assert_num_queries(3):
        scope_of(user)
    with django_assert_num_queries(0):
        scope_of(user)


# --- onboarding's api -------------------------------------------------------------


def test_reads_leave_out_and_hide_other_clients(django_user_model, pair):
    ours, theirs = pair
    scope = scope_of(team_user(django_user_model, "mia", "viewers", (ours.client_id,)))

    assert [b.id for b in onboarding_api.brief_list(scope=scope)] == [ours.brief_id]
    assert [c.id for c in onboarding_api.client_list(scope=scope)] == [ours.client_id]
    assert onboarding_api.brief_get(brief_id=ours.brief_id, scope=scope).id == (
        ours.brief_id
    )
    with pytest.raises(BriefNotFound) as brief_error:
        onboarding_api.brief_get(brief_id=theirs.brief_id, scope=scope)
    assert brief_error.value.message == f"Brief '{theirs.brief_id}' not found."
    with pytest.raises(ClientNotFound) as client_error:
        onboarding_api.client_get(client_id=theirs.client_id, scope=scope)
    assert client_error.value.message == f"Client '{theirs.client_id}' not found."
    # Filtering by another client's id finds nothing, rather than that client's.
    assert onboarding_api.brief_list(client_id=theirs.client_id, scope=scope) == []


def test_a_member_submits_briefs_for_the_teams_clients_only(django_user_model, pair):
    ours, theirs = pair
    scope = scope_of(
        team_user(django_user_model, "mia", "operators", (ours.client_id,))
    )
    briefs, clients = Brief.objects.count(), Client.objects.count()

    mine = onboarding_api.brief_submit(
        data=example_brief("brightsmile_dental.json"),
        known_packs={"quick_social_basic"},
        scope=scope,
    )
    assert mine.client_id == ours.client_id

    new_client = example_brief("brightsmile_dental.json")
    new_client["client"]["name"] = "A Client Nobody Has"
    for data in (example_brief("harvest_table_restaurant.json"), new_client):
        with pytest.raises(InvalidBrief) as error:
            onboarding_api.brief_submit(
                data=data, known_packs={"quick_social_basic"}, scope=scope
            )
        # The same words for an existing client of another team and a new one.
        assert error.value.fields == {"client": [OUT_OF_TEAM]}
    assert (Brief.objects.count(), Client.objects.count()) == (briefs + 1, clients)


def test_the_client_check_waits_for_a_valid_client(django_user_model, pair):
    ours, _ = pair
    scope = scope_of(
        team_user(django_user_model, "mia", "operators", (ours.client_id,))
    )
    data = example_brief("harvest_table_restaurant.json")
    data["client"]["website"] = "not a website"

    with pytest.raises(InvalidBrief) as error:
        onboarding_api.brief_check(
            data=data, known_packs={"quick_social_basic"}, scope=scope
        )

    assert list(error.value.fields) == ["client.website"]


# --- the teams' admin ---------------------------------------------------------------


def test_only_superusers_manage_account_teams(django_user_model):
    team = AccountTeam.objects.create(name="Dental")
    url = reverse("admin:onboarding_accountteam_change", args=[team.pk])
    user = django_user_model.objects.create_user("olivia", is_staff=True)
    user.groups.add(Group.objects.get(name="operators"))
    operator = BrowserClient()
    operator.force_login(user)

    assert (
        operator.get(reverse("admin:onboarding_accountteam_changelist")).status_code
        == 403
    )
    assert operator.get(url).status_code == 403
    response = operator.post(
        reverse("admin:onboarding_accountteam_add"),
        {"name": "Mine", "all_clients": "on"},
    )
    assert response.status_code == 403
    assert list(AccountTeam.objects.values_list("name", flat=True)) == ["Dental"]
    assert "Account teams" not in operator.get(reverse("admin:index")).content.decode()

    root = BrowserClient()
    root.force_login(
        django_user_model.objects.create_superuser("root", "root@agency.test", "x")
    )
    assert root.get(url).status_code == 200
    response = root.post(
        reverse("admin:onboarding_accountteam_add"),
        {"name": "Agency staff", "all_clients": "on"},
    )
    assert response.status_code == 302
    assert AccountTeam.objects.get(name="Agency staff").all_clients is True


def test_no_role_group_holds_a_permission_on_teams():
    permissions.roles_sync(apps=apps)

    granted = Permission.objects.filter(
        group__name__in=(permissions.OPERATORS, permissions.VIEWERS),
        content_type__model="accountteam",
    )

    assert list(granted) == []


def test_every_model_admin_of_the_apps_is_scoped():
    unscoped = sorted(
        f"{model._meta.app_label}.{model.__name__}"
        for model, model_admin in site._registry.items()
        if model._meta.app_label in APPS
        and model is not AccountTeam
        and not isinstance(model_admin, ScopedAdminMixin)
    )

    assert unscoped == []


# --- onboarding's admin -------------------------------------------------------------


def _changelist_ids(browser, model):
    return changelist_ids(browser, reverse(f"admin:onboarding_{model}_changelist"))


def test_admin_lists_and_pages_show_the_teams_clients_only(django_user_model, pair):
    ours, theirs = pair
    member = team_admin(django_user_model, "mia", "viewers", (ours.client_id,))
    our_project = Project.objects.get(brief_id=ours.brief_id)
    their_project = Project.objects.get(brief_id=theirs.brief_id)

    assert _changelist_ids(member, "client") == {ours.client_id}
    assert _changelist_ids(member, "brief") == {ours.brief_id}
    assert _changelist_ids(member, "normalizedbrief") == set(
        NormalizedBrief.objects.filter(brief_id=ours.brief_id).values_list(
            "id", flat=True
        )
    )
    assert _changelist_ids(member, "project") == {our_project.id}
    assert {
        str(pk) for pk in our_project.transitions.values_list("pk", flat=True)
    } == _changelist_ids(member, "projecttransition")

    for model, mine, other in (
        ("client", ours.client_id, theirs.client_id),
        ("brief", ours.brief_id, theirs.brief_id),
        ("project", our_project.id, their_project.id),
    ):
        assert (
            member.get(
                reverse(f"admin:onboarding_{model}_change", args=[mine])
            ).status_code
            == 200
        )
        response = member.get(reverse(f"admin:onboarding_{model}_change", args=[other]))
        # Django's answer for a row that does not exist: back to the index.
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")


def test_admin_filters_offer_only_the_teams_values(django_user_model, pair):
    ours, _ = pair
    member = team_admin(django_user_model, "mia", "viewers", (ours.client_id,))

    response = member.get(reverse("admin:onboarding_client_changelist"))

    industries = {
        choice["display"]
        for spec in response.context["cl"].filter_specs
        if spec.title == "industry"
        for choice in spec.choices(response.context["cl"])
    }
    assert industries == {"All", "Dental clinic"}


def test_the_brief_export_holds_the_teams_briefs_only(django_user_model, pair):
    ours, _ = pair
    member = team_admin(django_user_model, "mia", "viewers", (ours.client_id,))

    response = member.post(
        reverse("admin:onboarding_brief_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"briefresource_{column}": "on" for column in BRIEF_COLUMNS},
        },
    )

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["client_name"] for row in rows] == ["BrightSmile Dental"]


def test_a_user_in_no_team_still_sees_both_clients(django_user_model, pair):
    ours, theirs = pair
    viewer = staff_admin(django_user_model, "victor", "viewers")

    assert _changelist_ids(viewer, "brief") == {ours.brief_id, theirs.brief_id}
    assert (
        orchestration_api.brief_submit(
            data=example_brief("harvest_table_restaurant.json")
        ).client_id
        == theirs.client_id
    )
