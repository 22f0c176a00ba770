"""REST endpoints of client acquisition: campaigns and their outreach settings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cam import api
from tests.cam.factories import CampaignFactory

pytestmark = pytest.mark.django_db

CAMPAIGN = {
    "name": "Dentists Q2",
    "niche": "Dental clinics",
    "offer": "Patient acquisition retainer",
    "target_clients": 5,
    "target_monthly_revenue": "12500.00",
    "banned_words": ["cheap"],
}


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
