"""Account teams (issue 11, item 12) on client acquisition: agency-wide only.

Campaigns, leads, suppressions and outreach plans belong to no client, so a user
whose account teams limit them to some clients sees none of them: REST lists are
empty, details and writes on existing rows answer 404 ``NOT_FOUND`` exactly as an
unknown id does, creates answer 403 ``PERMISSION_DENIED``; every cam admin lists
nothing, opens nothing, acts on nothing, adds nothing and imports nothing. A user in
no team, or in a team for all clients, keeps full access.
"""

import csv
import dataclasses
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from aicmo_site.kernel.scope import Scope
from cam import api as cam_api
from cam.dto import SuppressionReason
from cam.errors import ClientAcquisitionDenied, LeadNotFound
from cam.models import Campaign, Lead, OutreachAttempt, OutreachPlan, Suppression
from cam.resources import LEAD_EXPORT_COLUMNS
from onboarding.models import AccountTeam
from orchestration import api as orchestration_api
from tests.teams import example_brief, staff_admin, team_admin, team_api

pytestmark = pytest.mark.django_db

DENIED = ClientAcquisitionDenied.default_message
CSV_FORMAT = "0"  # LeadAdmin's first import and export format
ADMIN_INDEX = reverse("admin:index")
MODELS = ("campaign", "lead", "suppression", "outreachplan", "outreachattempt")


@dataclasses.dataclass(frozen=True)
class Acquisition:
    client_id: str
    campaign_id: str
    lead_id: str
    suppression_id: str
    plan_id: str
    attempt_ids: tuple[str, ...]


@pytest.fixture
def acq() -> Acquisition:
    """One client (for the team), and a campaign with a planned lead, a suppression."""
    brief = orchestration_api.brief_submit(
        data=example_brief("brightsmile_dental.json")
    )
    campaign = cam_api.campaign_create(
        name="Dentists Q1",
        niche="Dental clinics",
        offer="Patient acquisition retainer",
        target_clients=5,
    )
    lead = cam_api.lead_ingest(
        campaign_id=campaign.id,
        name="Jane Doe",
        email="jane@acme-dental.example",
        company="Acme Dental",
        base_score=Decimal("0.8"),
    ).lead
    suppression = cam_api.suppression_add(
        email="gone@else.example", reason=SuppressionReason.UNSUBSCRIBED
    ).suppression
    plan = cam_api.lead_plan_outreach(lead_id=lead.id).plan
    return Acquisition(
        client_id=brief.client_id,
        campaign_id=campaign.id,
        lead_id=lead.id,
        suppression_id=suppression.id,
        plan_id=plan.id,
        attempt_ids=tuple(sorted(message.id for message in plan.messages)),
    )


def _all_clients_api(django_user_model, username: str) -> APIClient:
    """An operator in an "all clients" team: agency-wide, like a user in no team."""
    user = django_user_model.objects.create_user(username)
    user.groups.add(Group.objects.get(name="operators"))
    AccountTeam.objects.create(name="Agency", all_clients=True).members.add(user)
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}"
    )
    return client


def _no_team_admin(django_user_model, username: str) -> Client:
    return staff_admin(django_user_model, username, "operators")


def _snapshot() -> dict[str, object]:
    """Everything a write could change."""
    return {
        "campaigns": list(Campaign.objects.values_list("id", "status", "name")),
        "leads": list(Lead.objects.values_list("id", "status", "email", "grade")),
        "suppressions": list(Suppression.objects.values_list("id", "email")),
        "plans": list(OutreachPlan.objects.values_list("id", "replaced_at")),
        "attempts": list(OutreachAttempt.objects.values_list("id", "status")),
    }


def _ids(response) -> list[str]:
    assert response.status_code == 200
    return [row["id"] for row in response.json()["results"]]


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- REST ---------------------------------------------------------------------


def test_a_limited_user_lists_no_campaigns_leads_or_suppressions(
    django_user_model, operator, acq
):
    member = team_api(django_user_model, "mia", "operators", (acq.client_id,))
    agency = _all_clients_api(django_user_model, "ada")

    for url in (
        "/api/v1/campaigns/",
        "/api/v1/leads/",
        f"/api/v1/leads/?campaign_id={acq.campaign_id}",
        "/api/v1/suppressions/",
    ):
        assert member.get(url).json() == {"results": [], "next": None}, url
    for everyone in (operator, agency):
        assert _ids(everyone.get("/api/v1/campaigns/")) == [acq.campaign_id]
        assert _ids(everyone.get("/api/v1/leads/")) == [acq.lead_id]
        assert _ids(everyone.get("/api/v1/suppressions/")) == [acq.suppression_id]


def test_a_limited_users_details_are_not_found_like_unknown_ids(
    django_user_model, operator, acq
):
    member = team_api(django_user_model, "mia", "viewers", (acq.client_id,))

    campaign = member.get(f"/api/v1/campaigns/{acq.campaign_id}/")
    lead = member.get(f"/api/v1/leads/{acq.lead_id}/")
    unknown = member.get("/api/v1/leads/lead_nope/")

    assert (campaign.status_code, campaign.json()["error_code"]) == (404, "NOT_FOUND")
    assert campaign.json()["message"] == f"Campaign {acq.campaign_id!r} not found."
    assert (lead.status_code, lead.json()["error_code"]) == (404, "NOT_FOUND")
    assert lead.json()["message"] == f"Lead {acq.lead_id!r} not found."
    assert unknown.json()["message"] == "Lead 'lead_nope' not found."
    assert operator.get(f"/api/v1/leads/{acq.lead_id}/").json()["id"] == acq.lead_id


def test_a_limited_users_writes_on_existing_rows_are_not_found(django_user_model, acq):
    member = team_api(django_user_model, "mia", "operators", (acq.client_id,))
    before = _snapshot()
    lead_url = f"/api/v1/leads/{acq.lead_id}"

    answers = [
        member.post(f"{lead_url}/transition/", {"to": "LOST", "reason": "x"}),
        member.post(f"{lead_url}/close/", {"contract_value": "100.00"}),
        member.post(f"{lead_url}/qualify/"),
        member.post(f"{lead_url}/plan-outreach/", {}, format="json"),
    ]

    assert [(a.status_code, a.json()["error_code"]) for a in answers] == [
        (404, "NOT_FOUND")
    ] * 4
    assert {a.json()["message"] for a in answers} == {
        f"Lead {acq.lead_id!r} not found."
    }
    assert _snapshot() == before


def test_a_limited_users_creates_are_refused_with_a_clear_403(django_user_model, acq):
    member = team_api(django_user_model, "mia", "operators", (acq.client_id,))
    before = _snapshot()

    answers = [
        member.post(
            "/api/v1/campaigns/",
            {"name": "Mine", "niche": "Dentists", "offer": "SEO", "target_clients": 1},
            format="json",
        ),
        member.post(
            "/api/v1/leads/",
            {
                "campaign_id": acq.campaign_id,
                "name": "New One",
                "email": "new@acme-dental.example",
                "base_score": "0.5",
            },
            format="json",
        ),
        member.post(
            "/api/v1/suppressions/",
            {"email": "other@else.example", "reason": "BOUNCED"},
            format="json",
        ),
    ]

    assert [(a.status_code, a.json()["error_code"]) for a in answers] == [
        (403, "PERMISSION_DENIED")
    ] * 3
    assert {a.json()["message"] for a in answers} == {DENIED}
    assert "agency-wide" in DENIED
    assert _snapshot() == before


def test_an_all_clients_team_keeps_full_access(django_user_model, acq):
    agency = _all_clients_api(django_user_model, "ada")

    created = agency.post(
        "/api/v1/campaigns/",
        {"name": "Ours", "niche": "Dentists", "offer": "SEO", "target_clients": 1},
        format="json",
    )
    lead = agency.post(
        "/api/v1/leads/",
        {
            "campaign_id": acq.campaign_id,
            "name": "New One",
            "email": "new@acme-dental.example",
            "base_score": "0.5",
        },
        format="json",
    )
    suppression = agency.post(
        "/api/v1/suppressions/",
        {"email": "other@else.example", "reason": "BOUNCED"},
        format="json",
    )
    moved = agency.post(
        f"/api/v1/leads/{lead.json()['id']}/transition/", {"to": "ENRICHED"}
    )

    assert [r.status_code for r in (created, lead, suppression)] == [201] * 3
    assert (moved.status_code, moved.json()["status"]) == (200, "ENRICHED")
    assert agency.get(f"/api/v1/campaigns/{acq.campaign_id}/").status_code == 200


# --- api: what REST does not expose -----------------------------------------------


def test_outreach_reads_and_imports_honour_a_limited_scope(acq):
    limited = Scope.of_clients({acq.client_id}, ())

    with pytest.raises(LeadNotFound):
        cam_api.outreach_plan_get(lead_id=acq.lead_id, scope=limited)
    assert cam_api.outreach_attempt_list(scope=limited) == []
    with pytest.raises(ClientAcquisitionDenied):
        cam_api.lead_import(
            campaign_id=acq.campaign_id,
            rows=[(2, {"name": "A", "email": "a@b.example", "base_score": "0.5"})],
            scope=limited,
        )
    assert cam_api.outreach_plan_get(lead_id=acq.lead_id).id == acq.plan_id
    assert [m.id for m in cam_api.outreach_attempt_list()] == list(acq.attempt_ids)
    assert Lead.objects.count() == 1


# --- admin ------------------------------------------------------------------------


def test_every_cam_changelist_is_empty_for_a_limited_user(django_user_model, acq):
    member = team_admin(django_user_model, "mia", "operators", (acq.client_id,))
    everyone = _no_team_admin(django_user_model, "nora")
    expected = {
        "campaign": [acq.campaign_id],
        "lead": [acq.lead_id],
        "suppression": [acq.suppression_id],
        "outreachplan": [acq.plan_id],
        "outreachattempt": list(acq.attempt_ids),
    }

    for model in MODELS:
        url = reverse(f"admin:cam_{model}_changelist")
        limited = member.get(url)
        full = everyone.get(url)
        assert limited.status_code == 200, model
        assert list(limited.context["cl"].result_list) == [], model
        # The campaign filter lists only campaigns of listed rows: none here.
        assert "Dentists Q1" not in limited.content.decode(), model
        assert sorted(row.pk for row in full.context["cl"].result_list) == sorted(
            expected[model]
        )


def test_cam_change_and_add_pages_are_closed_to_a_limited_user(django_user_model, acq):
    member = team_admin(django_user_model, "mia", "operators", (acq.client_id,))
    everyone = _no_team_admin(django_user_model, "nora")
    before = _snapshot()
    rows = {
        "campaign": acq.campaign_id,
        "lead": acq.lead_id,
        "suppression": acq.suppression_id,
        "outreachplan": acq.plan_id,
        "outreachattempt": acq.attempt_ids[0],
    }

    for model, pk in rows.items():
        url = reverse(f"admin:cam_{model}_change", args=[pk])
        hidden = member.get(url)
        assert (hidden.status_code, hidden["Location"]) == (302, ADMIN_INDEX), model
        assert everyone.get(url).status_code == 200, model
    for model in ("campaign", "lead", "suppression"):
        assert member.get(reverse(f"admin:cam_{model}_add")).status_code == 403
        assert everyone.get(reverse(f"admin:cam_{model}_add")).status_code == 200
    posted = member.post(
        reverse("admin:cam_campaign_add"),
        {"name": "Mine", "niche": "Dentists", "offer": "SEO", "target_clients": 1},
    )
    edited = member.post(
        reverse("admin:cam_campaign_change", args=[acq.campaign_id]),
        {"name": "Renamed", "niche": "Dentists", "offer": "SEO", "target_clients": 1},
    )

    assert posted.status_code == 403
    assert (edited.status_code, edited["Location"]) == (302, ADMIN_INDEX)
    assert _snapshot() == before


def test_cam_autocomplete_offers_a_limited_user_no_campaign(django_user_model, acq):
    member = team_admin(django_user_model, "mia", "operators", (acq.client_id,))
    everyone = _no_team_admin(django_user_model, "nora")
    url = (
        reverse("admin:autocomplete")
        + "?app_label=cam&model_name=lead&field_name=campaign&term=Dent"
    )

    assert member.get(url).json()["results"] == []
    assert [r["id"] for r in everyone.get(url).json()["results"]] == [acq.campaign_id]


def test_cam_admin_actions_cannot_reach_rows_for_a_limited_user(django_user_model, acq):
    member = team_admin(django_user_model, "mia", "operators", (acq.client_id,))
    everyone = _no_team_admin(django_user_model, "nora")
    before = _snapshot()
    campaigns = reverse("admin:cam_campaign_changelist")
    leads = reverse("admin:cam_lead_changelist")

    for url, action, pk in (
        (campaigns, "pause_campaigns", acq.campaign_id),
        (campaigns, "complete_campaigns", acq.campaign_id),
        (leads, "mark_lost", acq.lead_id),
        (leads, "qualify_leads", acq.lead_id),
        (leads, "plan_outreach", acq.lead_id),
    ):
        response = member.post(
            url, {"action": action, "_selected_action": [pk]}, follow=True
        )
        assert response.status_code == 200, action
    assert _snapshot() == before

    paused = everyone.post(
        campaigns,
        {"action": "pause_campaigns", "_selected_action": [acq.campaign_id]},
        follow=True,
    )
    assert _messages(paused) == ["1 campaign(s) moved to PAUSED."]
    assert Campaign.objects.get(pk=acq.campaign_id).status == "PAUSED"


def _lead_file() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "leads.csv",
        b"name,email,company,base_score\nNew One,new@acme.example,Acme,0.5\n",
        "text/csv",
    )


# Posting export_items calls import-export's deprecated default pk list (every lead);
# the export itself starts from the scoped changelist queryset.
@pytest.mark.filterwarnings("ignore:The 'get_valid_export_item_pks:DeprecationWarning")
def test_lead_import_is_refused_and_export_is_empty_for_a_limited_user(
    django_user_model, acq
):
    member = team_admin(django_user_model, "mia", "operators", (acq.client_id,))
    everyone = _no_team_admin(django_user_model, "nora")
    import_url = reverse("admin:cam_lead_import")
    export_url = reverse("admin:cam_lead_export")
    before = _snapshot()

    page = member.get(import_url)
    preview = member.post(
        import_url,
        {
            "campaign": acq.campaign_id,
            "format": CSV_FORMAT,
            "import_file": _lead_file(),
        },
    )
    confirm = member.post(
        reverse("admin:cam_lead_process_import"),
        {
            "campaign": acq.campaign_id,
            "format": CSV_FORMAT,
            "import_file_name": "x.csv",
            "original_file_name": "leads.csv",
            "resource": "0",
        },
    )
    listing = member.get(reverse("admin:cam_lead_changelist")).content.decode()

    assert [page.status_code, preview.status_code, confirm.status_code] == [403] * 3
    assert import_url not in listing
    assert _snapshot() == before
    assert everyone.get(import_url).status_code == 200

    def exported(client, **extra) -> list[list[str]]:
        form = client.get(export_url).context["form"]
        data = {"format": CSV_FORMAT, **extra}
        data.update({name: "on" for name in form.fields if name.startswith("lead")})
        response = client.post(export_url, data)
        assert response["Content-Type"].startswith("text/csv")
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert exported(member) == [list(LEAD_EXPORT_COLUMNS)]
    # As the changelist's "export selected" posts it: the id of a hidden row.
    chosen = {"export_items": [acq.lead_id]}
    assert exported(member, **chosen) == [list(LEAD_EXPORT_COLUMNS)]
    assert [row[0] for row in exported(everyone)[1:]] == [acq.lead_id]
    assert [row[0] for row in exported(everyone, **chosen)[1:]] == [acq.lead_id]
