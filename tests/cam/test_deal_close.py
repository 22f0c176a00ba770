from decimal import Decimal

import pytest

from aicmo_site.kernel import events
from cam import api
from cam.dto import LeadStatus
from cam.errors import IllegalLeadTransition, LeadNotFound, ValidationFailed
from cam.models import Lead
from tests.cam.factories import lead_in

pytestmark = pytest.mark.django_db


def _snapshot(lead_id):
    lead = Lead.objects.get(pk=lead_id)
    return (
        lead.status,
        lead.contract_value,
        lead.client_email,
        lead.closed_at,
        lead.updated_at,
    )


def test_deal_close_routes_the_lead_and_records_one_client_signed_event():
    lead = lead_in(
        "QUALIFIED", name="Jane Doe", email=" Jane@Acme.Example", company="Acme Dental"
    )

    with events.recording() as recorded:
        result = api.deal_close(lead_id=lead.id, contract_value=Decimal("12500"))

    assert recorded == [
        events.DomainEvent(
            type="cam.client_signed",
            payload={
                "client_name": "Acme Dental",
                "email": "jane@acme.example",
                "company": "Acme Dental",
                "contract_value": "12500.00",
                "lead_id": lead.id,
                "campaign_id": lead.campaign_id,
            },
        )
    ]
    assert result.status is LeadStatus.ROUTED
    assert result.contract_value == Decimal("12500.00")
    assert result.client_email == "jane@acme.example"
    assert result.closed_at is not None
    stored = Lead.objects.get(pk=lead.id)
    assert stored.status == "ROUTED"
    assert stored.contract_value == Decimal("12500.00")
    assert stored.closed_at == result.closed_at


def test_deal_close_names_the_client_after_the_lead_without_a_company():
    lead = lead_in("QUALIFIED", name="Sam Solo", email="sam@solo.example", company="")

    with events.recording() as recorded:
        api.deal_close(
            lead_id=lead.id,
            contract_value=Decimal("999.99"),
            client_email="  Billing@Solo.Example ",
        )

    assert recorded == [
        events.DomainEvent(
            type="cam.client_signed",
            payload={
                "client_name": "Sam Solo",
                "email": "billing@solo.example",
                "company": "",
                "contract_value": "999.99",
                "lead_id": lead.id,
                "campaign_id": lead.campaign_id,
            },
        )
    ]
    assert Lead.objects.get(pk=lead.id).client_email == "billing@solo.example"


def test_deal_close_after_manual_review_and_qualification(campaign):
    lead = api.lead_ingest(
        campaign_id=campaign.id, name="Jane", email="jane@acme.example", base_score=0.9
    ).lead
    api.lead_transition(lead_id=lead.id, to="MANUAL_REVIEW", reason="Large account")
    api.lead_transition(lead_id=lead.id, to="QUALIFIED")

    with events.recording() as recorded:
        result = api.deal_close(lead_id=lead.id, contract_value=Decimal("5000.50"))

    assert result.status is LeadStatus.ROUTED
    assert [event.type for event in recorded] == ["cam.client_signed"]


@pytest.mark.parametrize(
    "status", [status for status in LeadStatus if status is not LeadStatus.QUALIFIED]
)
def test_deal_close_from_a_lead_that_is_not_qualified_fails_and_emits_nothing(status):
    lead = lead_in(status)
    before = _snapshot(lead.id)

    with (
        events.recording() as recorded,
        pytest.raises(IllegalLeadTransition) as exc_info,
    ):
        api.deal_close(lead_id=lead.id, contract_value=Decimal("100"))

    assert exc_info.value.code == "CONFLICT"
    assert exc_info.value.message == (
        f"Lead {lead.id} is {status}; it cannot move to ROUTED. "
        "A deal can be closed only for a QUALIFIED lead."
    )
    assert recorded == []
    assert _snapshot(lead.id) == before


def test_deal_close_twice_fails_the_second_time_and_emits_once():
    lead = lead_in("QUALIFIED")

    with events.recording() as recorded:
        api.deal_close(lead_id=lead.id, contract_value=Decimal("100"))
        with pytest.raises(IllegalLeadTransition):
            api.deal_close(lead_id=lead.id, contract_value=Decimal("200"))

    assert len(recorded) == 1
    assert Lead.objects.get(pk=lead.id).contract_value == Decimal("100.00")


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({"contract_value": Decimal("0")}, ["contract_value"]),
        ({"contract_value": Decimal("-5")}, ["contract_value"]),
        ({"contract_value": Decimal("10.005")}, ["contract_value"]),
        ({"contract_value": Decimal("NaN")}, ["contract_value"]),
        ({"contract_value": Decimal("1e15")}, ["contract_value"]),
        ({"contract_value": Decimal("10"), "client_email": "nope"}, ["client_email"]),
        (
            {"contract_value": Decimal("0"), "client_email": ""},
            ["client_email", "contract_value"],
        ),
    ],
)
def test_deal_close_rejects_bad_input_and_emits_nothing(kwargs, fields):
    lead = lead_in("QUALIFIED")
    before = _snapshot(lead.id)

    with events.recording() as recorded, pytest.raises(ValidationFailed) as exc_info:
        api.deal_close(lead_id=lead.id, **kwargs)

    assert exc_info.value.code == "VALIDATION_ERROR"
    assert sorted(exc_info.value.fields) == fields
    assert recorded == []
    assert _snapshot(lead.id) == before


def test_deal_close_unknown_lead_raises_not_found_and_emits_nothing():
    with events.recording() as recorded, pytest.raises(LeadNotFound):
        api.deal_close(lead_id="lead_missing", contract_value=Decimal("100"))

    assert recorded == []
