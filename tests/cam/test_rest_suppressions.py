"""REST endpoints of client acquisition: the suppression list."""

import pytest

from cam import api

pytestmark = pytest.mark.django_db


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
