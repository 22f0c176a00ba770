import pytest

from aicmo_site.kernel import events
from cam import api
from cam.dto import LeadStatus
from cam.errors import IllegalLeadTransition, LeadNotFound, ValidationFailed
from cam.models import Lead
from tests.cam.factories import lead_in

pytestmark = pytest.mark.django_db

# The contract, written out independently of cam.services. QUALIFIED -> ROUTED is
# taken only by deal_close (see test_deal_close.py), never by lead_transition.
LEGAL_MOVES = {
    ("NEW", "ENRICHED"),
    ("ENRICHED", "CONTACTED"),
    ("CONTACTED", "REPLIED"),
    ("REPLIED", "QUALIFIED"),
    ("NEW", "LOST"),
    ("ENRICHED", "LOST"),
    ("CONTACTED", "LOST"),
    ("REPLIED", "LOST"),
    ("QUALIFIED", "LOST"),
    ("MANUAL_REVIEW", "LOST"),
    ("NEW", "MANUAL_REVIEW"),
    ("ENRICHED", "MANUAL_REVIEW"),
    ("CONTACTED", "MANUAL_REVIEW"),
    ("REPLIED", "MANUAL_REVIEW"),
    ("MANUAL_REVIEW", "QUALIFIED"),
}
ILLEGAL_MOVES = sorted(
    (current.value, to.value)
    for current in LeadStatus
    for to in LeadStatus
    if (current.value, to.value) not in LEGAL_MOVES
)


def _snapshot(lead_id):
    lead = Lead.objects.get(pk=lead_id)
    return (
        lead.status,
        lead.review_reasons,
        lead.lost_reason,
        lead.contract_value,
        lead.closed_at,
        lead.updated_at,
    )


def test_every_pair_of_statuses_is_covered():
    assert len(LEGAL_MOVES) + len(ILLEGAL_MOVES) == len(LeadStatus) ** 2


@pytest.mark.parametrize(("current", "to"), sorted(LEGAL_MOVES))
def test_lead_transition_takes_every_legal_move(current, to):
    lead = lead_in(current)

    result = api.lead_transition(lead_id=lead.id, to=to, reason="Checked by ops")

    assert result.status == to
    assert Lead.objects.get(pk=lead.id).status == to


@pytest.mark.parametrize(("current", "to"), ILLEGAL_MOVES)
def test_lead_transition_refuses_every_illegal_move_and_changes_nothing(current, to):
    lead = lead_in(current)
    before = _snapshot(lead.id)

    with (
        events.recording() as recorded,
        pytest.raises(IllegalLeadTransition) as exc_info,
    ):
        api.lead_transition(lead_id=lead.id, to=to, reason="Because")

    error = exc_info.value
    assert error.code == "CONFLICT"
    assert error.http_status == 409
    assert error.message.startswith(
        f"Lead {lead.id} is {current}; it cannot move to {to}."
    )
    assert error.extra["current_status"] == current
    assert error.extra["requested_status"] == to
    assert _snapshot(lead.id) == before
    assert recorded == []


def test_lead_transition_to_routed_points_to_deal_close():
    lead = lead_in("QUALIFIED")

    with pytest.raises(IllegalLeadTransition) as exc_info:
        api.lead_transition(lead_id=lead.id, to="ROUTED")

    assert exc_info.value.message == (
        f"Lead {lead.id} is QUALIFIED; it cannot move to ROUTED. "
        "A lead is routed only by closing its deal (deal_close)."
    )


def test_lead_walks_the_whole_funnel_one_step_at_a_time(campaign):
    lead = api.lead_ingest(
        campaign_id=campaign.id, name="Jane", email="jane@acme.example", base_score=0.7
    ).lead

    for to in ("ENRICHED", "CONTACTED", "REPLIED", "QUALIFIED"):
        lead = api.lead_transition(lead_id=lead.id, to=to)

    assert lead.status is LeadStatus.QUALIFIED


def test_manual_review_appends_each_reason():
    lead = lead_in("CONTACTED", review_reasons=["Earlier flag"])

    result = api.lead_transition(
        lead_id=lead.id, to=LeadStatus.MANUAL_REVIEW, reason="  Email bounced  "
    )

    assert result.status is LeadStatus.MANUAL_REVIEW
    assert result.review_reasons == ("Earlier flag", "Email bounced")
    assert Lead.objects.get(pk=lead.id).review_reasons == [
        "Earlier flag",
        "Email bounced",
    ]


def test_manual_review_then_qualified_keeps_the_reasons():
    lead = lead_in("REPLIED")
    api.lead_transition(lead_id=lead.id, to="MANUAL_REVIEW", reason="Budget unclear")

    result = api.lead_transition(lead_id=lead.id, to="QUALIFIED")

    assert result.status is LeadStatus.QUALIFIED
    assert result.review_reasons == ("Budget unclear",)


@pytest.mark.parametrize("reason", ["", "   "])
def test_manual_review_without_a_reason_is_refused_and_changes_nothing(reason):
    lead = lead_in("NEW")
    before = _snapshot(lead.id)

    with pytest.raises(ValidationFailed) as exc_info:
        api.lead_transition(lead_id=lead.id, to="MANUAL_REVIEW", reason=reason)

    assert exc_info.value.code == "VALIDATION_ERROR"
    assert list(exc_info.value.fields) == ["reason"]
    assert _snapshot(lead.id) == before


def test_lost_keeps_its_reason():
    lead = lead_in("CONTACTED")

    result = api.lead_transition(lead_id=lead.id, to="LOST", reason="Chose a rival")

    assert result.status is LeadStatus.LOST
    assert result.lost_reason == "Chose a rival"
    assert result.review_reasons == ()


def test_lead_transition_rejects_an_unknown_status():
    lead = lead_in("NEW")

    with pytest.raises(ValidationFailed) as exc_info:
        api.lead_transition(lead_id=lead.id, to="WON")

    assert list(exc_info.value.fields) == ["to"]
    assert Lead.objects.get(pk=lead.id).status == "NEW"


def test_lead_transition_unknown_lead_raises_not_found():
    with pytest.raises(LeadNotFound) as exc_info:
        api.lead_transition(lead_id="lead_missing", to="ENRICHED")

    assert exc_info.value.code == "NOT_FOUND"
