"""REST endpoints of client acquisition: qualifying leads and planning outreach."""

import pytest

from cam import api

pytestmark = pytest.mark.django_db


# --- qualification ----------------------------------------------------------------

CLEAN_LEAD = {
    "name": "Jane Doe",
    "email": "jane@acme-dental.example",
    "company": "Acme Dental",
    "base_score": 0.9,
    "engagement": 1,
}


def _replied_lead(campaign_id: str, **overrides) -> str:
    lead = api.lead_ingest(campaign_id=campaign_id, **(CLEAN_LEAD | overrides)).lead
    for status in ("ENRICHED", "CONTACTED", "REPLIED"):
        api.lead_transition(lead_id=lead.id, to=status)
    return lead.id


def test_qualifying_a_clean_replied_lead_answers_200_qualified(operator, campaign):
    lead_id = _replied_lead(campaign.id)

    response = operator.post(f"/api/v1/leads/{lead_id}/qualify/")

    assert response.status_code == 200
    body = response.json()
    assert (body["outcome"], body["moved"], body["reasons"]) == ("QUALIFIED", True, [])
    assert body["lead"]["status"] == "QUALIFIED"
    assert (body["lead"]["lost_reason_code"], body["lead"]["review_codes"]) == (
        None,
        [],
    )


def test_qualifying_a_role_account_answers_the_rejection(operator, campaign):
    lead_id = _replied_lead(campaign.id, email="Support@acme-dental.example")

    body = operator.post(f"/api/v1/leads/{lead_id}/qualify/").json()

    assert (body["outcome"], body["moved"]) == ("LOST", True)
    assert body["reasons"] == [
        {
            "code": "ROLE_ACCOUNT",
            "message": "Support@ is a shared role inbox, not a person.",
        }
    ]
    assert (body["lead"]["status"], body["lead"]["lost_reason_code"]) == (
        "LOST",
        "ROLE_ACCOUNT",
    )


def test_qualifying_a_borderline_lead_sends_it_to_review(operator, campaign):
    lead_id = _replied_lead(campaign.id, email="jane@gmail.com", company="")

    body = operator.post(f"/api/v1/leads/{lead_id}/qualify/").json()

    assert body["outcome"] == "MANUAL_REVIEW"
    assert [r["code"] for r in body["reasons"]] == [
        "FREE_MAIL_DOMAIN",
        "MISSING_COMPANY",
    ]
    assert body["lead"]["review_codes"] == ["FREE_MAIL_DOMAIN", "MISSING_COMPANY"]


def test_qualifying_a_lost_lead_is_a_conflict_and_changes_nothing(operator, campaign):
    lead_id = _replied_lead(campaign.id)
    api.lead_transition(lead_id=lead_id, to="LOST", reason="No budget")
    before = api.lead_get(lead_id=lead_id)

    response = operator.post(f"/api/v1/leads/{lead_id}/qualify/")

    assert response.status_code == 409
    body = response.json()
    assert body["error_code"] == "CONFLICT"
    assert body["details"]["current_status"] == "LOST"
    assert api.lead_get(lead_id=lead_id) == before


def test_qualify_and_plan_outreach_of_an_unknown_lead_are_not_found(operator):
    for action in ("qualify", "plan-outreach"):
        response = operator.post(f"/api/v1/leads/lead_nope/{action}/")
        assert response.status_code == 404
        assert response.json()["error_code"] == "NOT_FOUND"


def test_a_viewer_can_neither_qualify_nor_plan(viewer, campaign):
    lead_id = _replied_lead(campaign.id)

    qualify = viewer.post(f"/api/v1/leads/{lead_id}/qualify/")
    plan = viewer.post(f"/api/v1/leads/{lead_id}/plan-outreach/")

    assert (qualify.status_code, plan.status_code) == (403, 403)
    assert qualify.json()["error_code"] == "PERMISSION_DENIED"
    assert api.lead_get(lead_id=lead_id).status == "REPLIED"
    assert api.outreach_plan_get(lead_id=lead_id) is None


# --- outreach plans ---------------------------------------------------------------


def test_planning_outreach_answers_201_then_200_with_the_same_plan(operator, campaign):
    lead = api.lead_ingest(campaign_id=campaign.id, **CLEAN_LEAD).lead

    first = operator.post(
        f"/api/v1/leads/{lead.id}/plan-outreach/",
        {"start": "2027-01-11T07:00:00Z"},
        format="json",
    )
    again = operator.post(f"/api/v1/leads/{lead.id}/plan-outreach/", format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    body = first.json()
    assert again.json() == body
    assert body["id"].startswith("plan_")
    assert (body["lead_id"], body["mode"], body["timezone"]) == (
        lead.id,
        "SIMULATION",
        "UTC",
    )
    assert [
        (m["position"], m["channel"], m["step"], m["scheduled_for"], m["status"])
        for m in body["messages"]
    ] == [
        (1, "EMAIL", "intro", "2027-01-11T09:00:00Z", "PROOF_SENT"),
        (2, "EMAIL", "follow_up", "2027-01-14T09:00:00Z", "PROOF_SENT"),
        (3, "EMAIL", "break_up", "2027-01-18T09:00:00Z", "PROOF_SENT"),
        (4, "LINKEDIN", "connection_note", "2027-01-11T09:09:36Z", "PROOF_SENT"),
        (5, "LINKEDIN", "follow_up", "2027-01-18T09:09:36Z", "PROOF_SENT"),
    ]
    assert body["messages"][0]["subject"] == "An idea for Acme Dental"


def test_planning_outreach_for_a_suppressed_lead_is_refused(operator, campaign):
    lead = api.lead_ingest(campaign_id=campaign.id, **CLEAN_LEAD).lead
    api.suppression_add(email=CLEAN_LEAD["email"], reason="UNSUBSCRIBED")

    response = operator.post(f"/api/v1/leads/{lead.id}/plan-outreach/")

    assert response.status_code == 409
    body = response.json()
    assert body["error_code"] == "LEAD_SUPPRESSED"
    assert body["details"] == {"lead_id": lead.id, "email": CLEAN_LEAD["email"]}
    assert api.outreach_plan_get(lead_id=lead.id) is None


def test_planning_outreach_with_a_banned_company_is_refused(operator):
    campaign = api.campaign_create(
        name="Q",
        niche="Dental clinics",
        offer="Retainer",
        target_clients=1,
        banned_words=["acme"],
    )
    lead = api.lead_ingest(campaign_id=campaign.id, **CLEAN_LEAD).lead

    response = operator.post(f"/api/v1/leads/{lead.id}/plan-outreach/")

    assert response.status_code == 409
    body = response.json()
    assert body["error_code"] == "BANNED_WORD"
    assert body["details"] == {"field": "company", "word": "acme"}
    assert api.outreach_plan_get(lead_id=lead.id) is None


def test_planning_outreach_for_a_replied_lead_is_a_conflict(operator, campaign):
    lead_id = _replied_lead(campaign.id)

    response = operator.post(f"/api/v1/leads/{lead_id}/plan-outreach/")

    assert response.status_code == 409
    assert response.json()["error_code"] == "CONFLICT"
    assert api.outreach_plan_get(lead_id=lead_id) is None


def test_planning_outreach_with_a_naive_start_names_the_field(operator, campaign):
    lead = api.lead_ingest(campaign_id=campaign.id, **CLEAN_LEAD).lead

    response = operator.post(
        f"/api/v1/leads/{lead.id}/plan-outreach/",
        {"start": "not a time"},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["details"]["fields"]) == {"start"}
    assert api.outreach_plan_get(lead_id=lead.id) is None


def test_planning_outreach_with_a_start_without_time_zone_is_refused(
    operator, campaign
):
    lead = api.lead_ingest(campaign_id=campaign.id, **CLEAN_LEAD).lead

    response = operator.post(
        f"/api/v1/leads/{lead.id}/plan-outreach/",
        {"start": "2027-01-11T07:00:00"},
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "VALIDATION_ERROR"
    assert body["details"]["fields"] == {
        "start": [
            "Must be a date and time with a time zone (Z or an offset such as +01:00)."
        ]
    }
    assert api.outreach_plan_get(lead_id=lead.id) is None
    offset = operator.post(
        f"/api/v1/leads/{lead.id}/plan-outreach/",
        {"start": "2027-01-11T08:00:00+01:00"},
        format="json",
    )
    assert offset.status_code == 201
    assert offset.json()["starts_after"] == "2027-01-11T07:00:00Z"
