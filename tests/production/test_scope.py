"""Account teams (issue 11, item 12) on production's surfaces.

A member of an account team lists, opens, amends and acts on its clients' drafts,
draft versions and assets only; another client's row answers what an unknown id
answers and is left unchanged. Covered: the REST draft list, detail and section
amendment, the api's reads and commands, and the admin's change lists, change pages,
amend page and actions; a user in no team still sees both clients.
"""

import pytest
from django.urls import reverse

from aicmo_site.kernel.scope import scope_of
from production import api as production_api
from production.errors import AssetNotFound, DraftNotFound
from production.models import Asset, Draft, DraftVersion
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
    """The two engagements, each with one creative asset of its draft."""
    ours, theirs = engagements()
    for engagement in (ours, theirs):
        production_api.asset_create(
            brief_id=engagement.brief_id,
            draft_id=engagement.draft_id,
            platform="Instagram",
            format="Reel",
            hook="A hook.",
            caption="A caption.",
            cta="Book now.",
        )
    return ours, theirs


def _asset_id(engagement) -> str:
    return Asset.objects.get(draft_id=engagement.draft_id).id


def _state(draft_id: str) -> tuple:
    """What an amendment or a discard would change on the draft."""
    draft = Draft.objects.get(id=draft_id)
    return (
        draft.version,
        draft.status,
        draft.sections,
        DraftVersion.objects.filter(draft_id=draft_id).count(),
    )


def _section_key(draft_id: str) -> str:
    return Draft.objects.get(id=draft_id).sections[0]["key"]


def _changelist(browser, model) -> set[str]:
    return changelist_ids(browser, reverse(f"admin:production_{model}_changelist"))


# --- REST -----------------------------------------------------------------------


def test_rest_lists_and_shows_the_teams_drafts_only(django_user_model, pair):
    ours, theirs = pair
    member = team_api(django_user_model, "mia", "viewers", (ours.client_id,))

    hidden = assert_rest_hides(
        member,
        "/api/v1/drafts/",
        mine=ours.draft_id,
        theirs=theirs.draft_id,
        unknown="draft_nope",
        filters={"brief_id": theirs.brief_id},
    )

    assert hidden["message"] == f"Draft {theirs.draft_id!r} not found."
    assert hidden["details"] == {"draft_id": theirs.draft_id}


def test_rest_amends_the_teams_drafts_only(django_user_model, pair):
    ours, theirs = pair
    member = team_api(django_user_model, "mia", "operators", (ours.client_id,))
    before = _state(theirs.draft_id)
    key = _section_key(theirs.draft_id)

    hidden = member.put(
        f"/api/v1/drafts/{theirs.draft_id}/sections/{key}/",
        {"body": "Rewritten by another team.", "expected_version": before[0]},
        format="json",
    )

    assert hidden.status_code == 404
    assert hidden.json()["error_code"] == "NOT_FOUND"
    assert hidden.json()["message"] == f"Draft {theirs.draft_id!r} not found."
    assert _state(theirs.draft_id) == before

    # A stale version or an unknown section of another client's draft: still 404,
    # so nothing about the draft leaks.
    stale = member.put(
        f"/api/v1/drafts/{theirs.draft_id}/sections/no_such_section/",
        {"body": "Text.", "expected_version": 99},
        format="json",
    )
    assert stale.status_code == 404
    assert stale.json()["error_code"] == "NOT_FOUND"

    version = Draft.objects.get(id=ours.draft_id).version
    mine = member.put(
        f"/api/v1/drafts/{ours.draft_id}/sections/{_section_key(ours.draft_id)}/",
        {"body": "Rewritten by the team.", "expected_version": version},
        format="json",
    )
    assert mine.status_code == 200
    assert mine.json()["version"] == version + 1


def test_rest_shows_both_clients_to_a_user_in_no_team(viewer, pair):
    ours, theirs = pair

    listed = viewer.get("/api/v1/drafts/")

    assert [r["id"] for r in listed.json()["results"]] == [
        ours.draft_id,
        theirs.draft_id,
    ]
    assert viewer.get(f"/api/v1/drafts/{theirs.draft_id}/").status_code == 200


# --- api ------------------------------------------------------------------------


def test_api_reads_and_commands_stop_at_the_team(django_user_model, pair):
    ours, theirs = pair
    user = team_user(django_user_model, "mia", "operators", (ours.client_id,))
    scope = scope_of(user)
    their_asset = _asset_id(theirs)
    before = _state(theirs.draft_id)

    assert [d.id for d in production_api.draft_list(scope=scope)] == [ours.draft_id]
    assert [a.brief_id for a in production_api.asset_list(scope=scope)] == [
        ours.brief_id
    ]
    assert production_api.draft_versions(draft_id=ours.draft_id, scope=scope)
    for call in (
        lambda: production_api.draft_get(draft_id=theirs.draft_id, scope=scope),
        lambda: production_api.draft_versions(draft_id=theirs.draft_id, scope=scope),
        lambda: production_api.draft_discard(draft_id=theirs.draft_id, scope=scope),
    ):
        with pytest.raises(DraftNotFound) as error:
            call()
        assert error.value.message == f"Draft {theirs.draft_id!r} not found."
    for call in (
        lambda: production_api.asset_get(asset_id=their_asset, scope=scope),
        lambda: production_api.asset_transition(
            asset_id=their_asset, to="APPROVED", scope=scope
        ),
    ):
        with pytest.raises(AssetNotFound) as error:
            call()
        assert error.value.message == f"Asset {their_asset!r} not found."

    assert _state(theirs.draft_id) == before
    assert Asset.objects.get(id=their_asset).status == "DRAFT"


# --- admin ----------------------------------------------------------------------


def test_admin_lists_and_opens_the_teams_rows_only(django_user_model, pair):
    ours, theirs = pair
    member = team_admin(django_user_model, "mia", "viewers", (ours.client_id,))
    our_versions = set(
        DraftVersion.objects.filter(draft_id=ours.draft_id).values_list("id", flat=True)
    )
    their_version = DraftVersion.objects.filter(draft_id=theirs.draft_id).first()

    assert _changelist(member, "draft") == {ours.draft_id}
    assert _changelist(member, "draftversion") == our_versions
    assert _changelist(member, "asset") == {_asset_id(ours)}

    for model, verbose, mine, other in (
        ("draft", "draft", ours.draft_id, theirs.draft_id),
        ("draftversion", "draft version", min(our_versions), their_version.id),
        ("asset", "asset", _asset_id(ours), _asset_id(theirs)),
    ):
        url = reverse(f"admin:production_{model}_change", args=[mine])
        assert member.get(url).status_code == 200
        assert_admin_missing(
            member,
            reverse(f"admin:production_{model}_change", args=[other]),
            verbose,
            other,
        )


def test_admin_amend_page_is_not_found_for_another_clients_draft(
    django_user_model, pair
):
    ours, theirs = pair
    member = team_admin(django_user_model, "mia", "operators", (ours.client_id,))
    before = _state(theirs.draft_id)
    url = reverse("admin:production_draft_amend", args=[theirs.draft_id])

    assert member.get(url).status_code == 404
    response = member.post(
        url,
        {
            "section_key": _section_key(theirs.draft_id),
            "body": "Rewritten by another team.",
            "note": "",
            "expected_version": before[0],
        },
    )
    assert response.status_code == 404
    assert _state(theirs.draft_id) == before

    version = Draft.objects.get(id=ours.draft_id).version
    mine = reverse("admin:production_draft_amend", args=[ours.draft_id])
    assert member.get(mine).status_code == 200
    saved = member.post(
        mine,
        {
            "section_key": _section_key(ours.draft_id),
            "body": "Rewritten by the team.",
            "note": "",
            "expected_version": version,
        },
    )
    assert saved.status_code == 302
    assert Draft.objects.get(id=ours.draft_id).version == version + 1


def test_admin_actions_leave_other_clients_rows_alone(django_user_model, pair):
    ours, theirs = pair
    member = team_admin(django_user_model, "mia", "operators", (ours.client_id,))
    before = _state(theirs.draft_id)
    our_asset, their_asset = _asset_id(ours), _asset_id(theirs)

    drafts = member.post(
        reverse("admin:production_draft_changelist"),
        {
            "action": "discard_selected",
            "_selected_action": [ours.draft_id, theirs.draft_id],
        },
        follow=True,
    )
    assets = member.post(
        reverse("admin:production_asset_changelist"),
        {"action": "approve_selected", "_selected_action": [our_asset, their_asset]},
        follow=True,
    )

    assert Draft.objects.get(id=ours.draft_id).status == "discarded"
    assert _state(theirs.draft_id) == before
    assert dict(Asset.objects.values_list("id", "status")) == {
        our_asset: "APPROVED",
        their_asset: "DRAFT",
    }
    assert theirs.draft_id not in drafts.content.decode()
    assert their_asset not in assets.content.decode()


def test_admin_shows_both_clients_to_a_user_in_no_team(django_user_model, pair):
    ours, theirs = pair
    browser = staff_admin(django_user_model, "victor", "viewers")

    assert _changelist(browser, "draft") == {ours.draft_id, theirs.draft_id}
    assert _changelist(browser, "asset") == {_asset_id(ours), _asset_id(theirs)}
    assert (
        browser.get(
            reverse("admin:production_draft_change", args=[theirs.draft_id])
        ).status_code
        == 200
    )
