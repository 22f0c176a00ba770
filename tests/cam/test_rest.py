"""REST endpoints of client acquisition: campaigns and leads (SPEC §5)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cam import api
from tests.cam.factories import CampaignFactory, LeadFactory

pytestmark = pytest.mark.django_db

CAMPAIGN = {
    "name": "Dentists Q2",
    "niche": "Dental clinics",
    "offer": "Patient acquisition retainer",
    "target_clients": 5,
    "target_monthly_revenue": "12500.00",
    "banned_words": ["cheap"],
}
LEAD = {"name": "Jane Doe", "email": "Jane.Doe@Acme.Example", "base_score": 0.5}


def _client(django_user_model, username: str, group: str) -> APIClient:
    user = django_user_model.objects.create_user(username)
    user.groups.add(Group.objects.get(name=group))
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}"
    )
    return client


@pytest.fixture
def operator(django_user_model) -> APIClient:
    return _client(django_user_model, "olivia", "operators")


@pytest.fixture
def viewer(django_user_model) -> APIClient:
    return _client(django_user_model, "victor", "viewers")


def _qualified_lead(campaign_id: str) -> str:
    lead = api.lead_ingest(campaign_id=campaign_id, **LEAD).lead
    for status in ("ENRICHED", "CONTACTED", "REPLIED", "QUALIFIED"):
        api.lead_transition(lead_id=lead.id, to=status)
    return lead.id


# --- campaigns ------------------------------------------------------------------


def test_creating_a_campaign_answers_201_with_it(operator):
    response = operator.post("/api/v1/campaigns/", CAMPAIGN, format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {
        "id",
        "name",
        "niche",
        "offer",
        "target_clients",
        "target_monthly_revenue",
        "status",
        "mode",
        "banned_words",
        "created_at",
        "updated_at",
    }
    assert body["id"].startswith("cam_")
    assert (body["status"], body["mode"]) == ("ACTIVE", "SIMULATION")
    assert body["target_monthly_revenue"] == "12500.00"
    assert api.campaign_get(campaign_id=body["id"]).name == "Dentists Q2"


def test_a_bad_campaign_names_every_bad_field_and_stores_nothing(operator):
    response = operator.post(
        "/api/v1/campaigns/",
        {"name": "", "target_clients": 0, "mode": "LOUD"},
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "VALIDATION_ERROR"
    assert set(body["details"]["fields"]) == {
        "name",
        "niche",
        "offer",
        "target_clients",
        "mode",
    }
    assert api.campaign_list() == []


def test_a_viewer_cannot_create_a_campaign(viewer):
    response = viewer.post("/api/v1/campaigns/", CAMPAIGN, format="json")

    assert response.status_code == 403
    assert response.json()["error_code"] == "PERMISSION_DENIED"
    assert api.campaign_list() == []


def test_campaigns_are_retrieved_listed_and_filtered(viewer):
    active = CampaignFactory()
    paused = CampaignFactory(status="PAUSED")

    detail = viewer.get(f"/api/v1/campaigns/{active.id}/")
    everything = viewer.get("/api/v1/campaigns/").json()
    only_paused = viewer.get("/api/v1/campaigns/?status=PAUSED").json()

    assert detail.status_code == 200
    assert detail.json()["id"] == active.id
    assert [c["id"] for c in everything["results"]] == sorted([active.id, paused.id])
    assert [c["id"] for c in only_paused["results"]] == [paused.id]
    assert viewer.get("/api/v1/campaigns/cam_nope/").status_code == 404


def test_the_campaign_list_pages_with_next(viewer):
    campaigns = sorted(CampaignFactory.create_batch(3), key=lambda c: c.id)

    first = viewer.get("/api/v1/campaigns/?limit=2").json()
    second = viewer.get(first["next"]).json()

    assert [c["id"] for c in first["results"]] == [c.id for c in campaigns[:2]]
    assert [c["id"] for c in second["results"]] == [campaigns[2].id]
    assert second["next"] is None


def test_the_campaign_list_runs_a_constant_number_of_queries(
    viewer, django_assert_num_queries
):
    CampaignFactory()
    with CaptureQueriesContext(connection) as one:
        assert viewer.get("/api/v1/campaigns/").status_code == 200
    CampaignFactory.create_batch(19)

    with django_assert_num_queries(len(one.captured_queries)):
        response = viewer.get("/api/v1/campaigns/")

    assert len(response.json()["results"]) == 20


# --- leads ----------------------------------------------------------------------


def test_ingesting_a_lead_answers_201_then_200_for_the_same_email(operator, campaign):
    first = operator.post(
        "/api/v1/leads/", LEAD | {"campaign_id": campaign.id}, format="json"
    )
    again = operator.post(
        "/api/v1/leads/",
        LEAD | {"campaign_id": campaign.id, "email": " jane.doe@acme.example"},
        format="json",
    )

    assert (first.status_code, again.status_code) == (201, 200)
    body = first.json()
    assert again.json() == body
    assert body["id"].startswith("lead_")
    assert (body["status"], body["normalized_email"]) == (
        "NEW",
        "jane.doe@acme.example",
    )
    assert body["grade"] in {"A", "B", "C", "D"}
    assert body["base_score"] == "0.5000"
    assert len(api.lead_list()) == 1


def test_a_bad_lead_names_every_bad_field(operator, campaign):
    response = operator.post(
        "/api/v1/leads/",
        {"campaign_id": campaign.id, "email": "x@y.example", "base_score": 2},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["details"]["fields"]) == {"name", "base_score"}
    assert api.lead_list() == []


def test_a_lead_for_an_unknown_campaign_is_not_found(operator):
    response = operator.post(
        "/api/v1/leads/", LEAD | {"campaign_id": "cam_nope"}, format="json"
    )

    assert response.status_code == 404
    assert response.json()["error_code"] == "NOT_FOUND"


def test_a_lead_moves_along_and_an_illegal_move_is_a_conflict(operator, campaign):
    lead = api.lead_ingest(campaign_id=campaign.id, **LEAD).lead

    moved = operator.post(
        f"/api/v1/leads/{lead.id}/transition/", {"to": "ENRICHED"}, format="json"
    )
    skipped = operator.post(
        f"/api/v1/leads/{lead.id}/transition/", {"to": "QUALIFIED"}, format="json"
    )

    assert moved.status_code == 200
    assert moved.json()["status"] == "ENRICHED"
    assert skipped.status_code == 409
    assert skipped.json()["error_code"] == "CONFLICT"
    assert api.lead_get(lead_id=lead.id).status == "ENRICHED"


def test_routed_is_not_a_transition_target(operator, campaign):
    lead = api.lead_ingest(campaign_id=campaign.id, **LEAD).lead

    response = operator.post(
        f"/api/v1/leads/{lead.id}/transition/", {"to": "ROUTED"}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()["details"]["fields"]) == {"to"}


def test_closing_a_qualified_lead_routes_it(operator, campaign):
    lead_id = _qualified_lead(campaign.id)

    response = operator.post(
        f"/api/v1/leads/{lead_id}/close/", {"contract_value": "4500.00"}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["contract_value"]) == ("ROUTED", "4500.00")
    assert body["closed_at"] is not None


def test_closing_a_new_lead_is_a_conflict(operator, campaign):
    lead = api.lead_ingest(campaign_id=campaign.id, **LEAD).lead

    response = operator.post(
        f"/api/v1/leads/{lead.id}/close/", {"contract_value": "10.00"}, format="json"
    )

    assert response.status_code == 409
    assert api.lead_get(lead_id=lead.id).status == "NEW"


def test_a_viewer_cannot_change_leads(viewer, campaign):
    lead = api.lead_ingest(campaign_id=campaign.id, **LEAD).lead

    ingest = viewer.post(
        "/api/v1/leads/", LEAD | {"campaign_id": campaign.id}, format="json"
    )
    move = viewer.post(
        f"/api/v1/leads/{lead.id}/transition/", {"to": "ENRICHED"}, format="json"
    )

    assert (ingest.status_code, move.status_code) == (403, 403)
    assert api.lead_get(lead_id=lead.id).status == "NEW"


def test_leads_are_retrieved_listed_and_filtered(viewer, campaign):
    other = CampaignFactory()
    new = LeadFactory(campaign_id=campaign.id)
    lost = LeadFactory(campaign_id=campaign.id, status="LOST")
    elsewhere = LeadFactory(campaign_id=other.id)

    def ids(query: str) -> list[str]:
        response = viewer.get(f"/api/v1/leads/{query}")
        assert response.status_code == 200
        return [lead["id"] for lead in response.json()["results"]]

    assert viewer.get(f"/api/v1/leads/{new.id}/").json()["id"] == new.id
    assert ids("") == sorted([new.id, lost.id, elsewhere.id])
    assert ids(f"?campaign_id={campaign.id}") == sorted([new.id, lost.id])
    assert ids("?status=LOST") == [lost.id]
    assert ids(f"?grade={new.grade}&campaign_id={other.id}") == (
        [elsewhere.id] if elsewhere.grade == new.grade else []
    )
    assert viewer.get("/api/v1/leads/?grade=Z").status_code == 400


def test_the_lead_list_runs_a_constant_number_of_queries(
    viewer, campaign, django_assert_num_queries
):
    LeadFactory(campaign_id=campaign.id)
    with CaptureQueriesContext(connection) as one:
        assert viewer.get("/api/v1/leads/").status_code == 200
    LeadFactory.create_batch(19, campaign_id=campaign.id)

    with django_assert_num_queries(len(one.captured_queries)):
        response = viewer.get("/api/v1/leads/")

    assert len(response.json()["results"]) == 20
