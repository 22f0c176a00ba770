"""REST endpoints of client acquisition: campaigns and leads (SPEC §5)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
        "competitor_domains",
        "daily_send_cap",
        "send_timezone",
        "send_window_start",
        "send_window_end",
        "created_at",
        "updated_at",
    }
    assert body["id"].startswith("cam_")
    assert (body["daily_send_cap"], body["send_timezone"]) == (50, "UTC")
    assert (body["send_window_start"], body["send_window_end"]) == (
        "09:00:00",
        "17:00:00",
    )
    assert body["competitor_domains"] == []
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


# --- campaign outreach settings ---------------------------------------------------


def test_a_campaign_is_created_with_its_outreach_settings(operator):
    response = operator.post(
        "/api/v1/campaigns/",
        CAMPAIGN
        | {
            "competitor_domains": [
                "@Rival.example",
                "rival.example",
                "www.other.example",
            ],
            "daily_send_cap": 20,
            "send_timezone": "Europe/Berlin",
            "send_window_start": "08:30",
            "send_window_end": "16:00",
        },
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["competitor_domains"] == ["rival.example", "other.example"]
    assert (body["daily_send_cap"], body["send_timezone"]) == (20, "Europe/Berlin")
    assert (body["send_window_start"], body["send_window_end"]) == (
        "08:30:00",
        "16:00:00",
    )
    assert api.campaign_get(campaign_id=body["id"]).daily_send_cap == 20


def test_bad_outreach_settings_are_each_named_and_nothing_is_stored(operator):
    response = operator.post(
        "/api/v1/campaigns/",
        CAMPAIGN
        | {
            "competitor_domains": ["rival", "ok.example"],
            "send_timezone": "Mars/Olympus",
            "send_window_start": "17:00",
            "send_window_end": "09:00",
        },
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "VALIDATION_ERROR"
    assert body["details"]["fields"] == {
        "competitor_domains": ["'rival' is not a domain such as rival.com."],
        "send_timezone": ["Must be an IANA time zone such as Europe/Berlin."],
        "send_window_end": ["Must be after the window start (17:00)."],
    }
    assert api.campaign_list() == []
    window = operator.post(
        "/api/v1/campaigns/",
        CAMPAIGN | {"send_window_start": "17:00", "send_window_end": "09:00"},
        format="json",
    )
    assert window.status_code == 400
    assert window.json()["details"]["fields"] == {
        "send_window_end": ["Must be after the window start (17:00)."]
    }
    assert operator.post(
        "/api/v1/campaigns/", CAMPAIGN | {"daily_send_cap": 0}, format="json"
    ).json()["details"]["fields"] == {
        "daily_send_cap": ["Ensure this value is greater than or equal to 1."]
    }
    assert api.campaign_list() == []


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


# --- suppressions -----------------------------------------------------------------


def test_suppressions_are_added_once_and_listed(operator, viewer, campaign):
    first = operator.post(
        "/api/v1/suppressions/",
        {
            "email": " Jane@Acme.example",
            "reason": "UNSUBSCRIBED",
            "campaign_id": campaign.id,
        },
        format="json",
    )
    again = operator.post(
        "/api/v1/suppressions/",
        {"email": "jane@acme.example", "reason": "BOUNCED", "campaign_id": campaign.id},
        format="json",
    )
    everywhere = operator.post(
        "/api/v1/suppressions/",
        {"email": "bob@acme.example", "reason": "BOUNCED"},
        format="json",
    )

    assert (first.status_code, again.status_code, everywhere.status_code) == (
        201,
        200,
        201,
    )
    body = first.json()
    assert again.json() == body
    assert set(body) == {"id", "email", "reason", "campaign_id", "note", "created_at"}
    assert (body["email"], body["reason"], body["campaign_id"], body["note"]) == (
        "jane@acme.example",
        "UNSUBSCRIBED",
        campaign.id,
        "",
    )
    listed = viewer.get(f"/api/v1/suppressions/?campaign_id={campaign.id}").json()
    assert [s["id"] for s in listed["results"]] == sorted(
        [body["id"], everywhere.json()["id"]]
    )
    bounced = viewer.get("/api/v1/suppressions/?reason=BOUNCED").json()
    assert [s["email"] for s in bounced["results"]] == ["bob@acme.example"]
    assert viewer.get("/api/v1/suppressions/?reason=NOPE").status_code == 400


def test_a_bad_suppression_names_every_bad_field(operator):
    response = operator.post(
        "/api/v1/suppressions/", {"email": "nope", "reason": "BORED"}, format="json"
    )
    unknown = operator.post(
        "/api/v1/suppressions/",
        {"email": "jane@acme.example", "reason": "BOUNCED", "campaign_id": "cam_nope"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["details"]["fields"] == {
        "email": ["Enter a valid email address."],
        "reason": ['"BORED" is not a valid choice.'],
    }
    assert unknown.status_code == 404
    assert api.suppression_list() == []


def test_a_viewer_cannot_add_a_suppression(viewer):
    response = viewer.post(
        "/api/v1/suppressions/",
        {"email": "jane@acme.example", "reason": "BOUNCED"},
        format="json",
    )

    assert response.status_code == 403
    assert api.suppression_list() == []
