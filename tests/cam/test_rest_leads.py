"""REST endpoints of client acquisition: leads, their moves and deals (SPEC §5)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cam import api
from tests.cam.factories import CampaignFactory, LeadFactory

pytestmark = pytest.mark.django_db


LEAD = {"name": "Jane Doe", "email": "Jane.Doe@Acme.Example", "base_score": 0.5}


def _qualified_lead(campaign_id: str) -> str:
    lead = api.lead_ingest(campaign_id=campaign_id, **LEAD).lead
    for status in ("ENRICHED", "CONTACTED", "REPLIED", "QUALIFIED"):
        api.lead_transition(lead_id=lead.id, to=status)
    return lead.id


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


def test_a_bad_email_and_a_bad_score_are_named_together(operator, campaign):
    response = operator.post(
        "/api/v1/leads/",
        {
            "campaign_id": campaign.id,
            "name": "Jane Doe",
            "email": "not-an-email",
            "base_score": 1.5,
        },
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "VALIDATION_ERROR"
    assert body["details"]["fields"] == {
        "email": ["Enter a valid email address."],
        "base_score": ["Ensure this value is less than or equal to 1."],
    }
    assert api.lead_list() == []


def test_a_bad_client_email_and_value_are_named_together(operator, campaign):
    lead_id = _qualified_lead(campaign.id)
    before = api.lead_get(lead_id=lead_id)

    response = operator.post(
        f"/api/v1/leads/{lead_id}/close/",
        {"contract_value": "-1.00", "client_email": "nobody"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["details"]["fields"] == {
        "contract_value": ["Ensure this value is greater than or equal to 0.01."],
        "client_email": ["Enter a valid email address."],
    }
    assert api.lead_get(lead_id=lead_id) == before


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
