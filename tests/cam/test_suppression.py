import pytest
from django.db import IntegrityError, transaction

from cam import api
from cam.dto import SuppressionReason
from cam.errors import CampaignNotFound, ValidationFailed
from cam.models import OutreachAttempt, Suppression
from tests.cam.factories import CampaignFactory, LeadFactory

pytestmark = pytest.mark.django_db


def test_suppression_add_stores_the_normalized_address():
    campaign = CampaignFactory()

    result = api.suppression_add(
        email="  Jane.Doe@Acme.Example ",
        reason="UNSUBSCRIBED",
        campaign_id=campaign.id,
        note=" Replied STOP ",
    )

    suppression = result.suppression
    assert (result.created, result.cancelled_attempts) == (True, 0)
    assert suppression.id.startswith("sup_")
    assert (suppression.email, suppression.reason, suppression.campaign_id) == (
        "jane.doe@acme.example",
        SuppressionReason.UNSUBSCRIBED,
        campaign.id,
    )
    assert suppression.note == "Replied STOP"
    assert Suppression.objects.get().email == "jane.doe@acme.example"


def test_adding_the_same_suppression_again_returns_it_unchanged():
    first = api.suppression_add(email="jane@acme.example", reason="BOUNCED")

    again = api.suppression_add(email=" JANE@acme.example", reason="UNSUBSCRIBED")

    assert (first.created, again.created) == (True, False)
    assert again.suppression == first.suppression
    assert again.suppression.reason is SuppressionReason.BOUNCED
    assert Suppression.objects.count() == 1


def test_a_global_and_a_campaign_suppression_of_one_address_coexist():
    campaign = CampaignFactory()

    api.suppression_add(email="jane@acme.example", reason="BOUNCED")
    scoped = api.suppression_add(
        email="jane@acme.example", reason="DO_NOT_CONTACT", campaign_id=campaign.id
    )

    assert scoped.created is True
    assert Suppression.objects.count() == 2


def test_the_database_refuses_a_second_global_suppression_of_an_address():
    api.suppression_add(email="jane@acme.example", reason="BOUNCED")

    with pytest.raises(IntegrityError), transaction.atomic():
        Suppression.objects.create(email="jane@acme.example", reason="BOUNCED")


def test_a_bad_suppression_names_every_bad_field_and_stores_nothing():
    with pytest.raises(ValidationFailed) as exc_info:
        api.suppression_add(email="not-an-email", reason="ANNOYED", note="x" * 2001)

    assert exc_info.value.fields == {
        "email": ["Enter a valid email address."],
        "reason": [
            "'ANNOYED' is not one of: UNSUBSCRIBED, DO_NOT_CONTACT, BOUNCED, "
            "COMPLAINED."
        ],
        "note": ["At most 2000 characters."],
    }
    assert Suppression.objects.count() == 0


def test_a_suppression_for_an_unknown_campaign_is_not_found():
    with pytest.raises(CampaignNotFound):
        api.suppression_add(
            email="jane@acme.example", reason="BOUNCED", campaign_id="cam_nope"
        )

    assert Suppression.objects.count() == 0


def test_suppression_list_filters_by_email_campaign_and_reason():
    campaign, other = CampaignFactory(), CampaignFactory()
    everywhere = api.suppression_add(email="a@acme.example", reason="BOUNCED")
    ours = api.suppression_add(
        email="b@acme.example", reason="UNSUBSCRIBED", campaign_id=campaign.id
    )
    theirs = api.suppression_add(
        email="c@acme.example", reason="UNSUBSCRIBED", campaign_id=other.id
    )

    def ids(**filters):
        return [s.id for s in api.suppression_list(**filters)]

    all_ids = sorted(
        [everywhere.suppression.id, ours.suppression.id, theirs.suppression.id]
    )
    assert ids() == all_ids
    assert ids(campaign_id=campaign.id) == sorted(
        [everywhere.suppression.id, ours.suppression.id]
    )
    assert ids(reason="UNSUBSCRIBED") == sorted(
        [ours.suppression.id, theirs.suppression.id]
    )
    assert ids(email=" A@ACME.example") == [everywhere.suppression.id]
    with pytest.raises(ValidationFailed):
        api.suppression_list(reason="NOPE")


def test_suppressing_an_address_cancels_its_queued_messages_in_scope():
    live = CampaignFactory(mode="LIVE")
    other = CampaignFactory(mode="LIVE")
    lead = LeadFactory(campaign=live, email="jane@acme.example")
    elsewhere = LeadFactory(campaign=other, email="JANE@acme.example")
    api.lead_plan_outreach(lead_id=lead.id)
    api.lead_plan_outreach(lead_id=elsewhere.id)

    result = api.suppression_add(
        email="jane@acme.example", reason="UNSUBSCRIBED", campaign_id=live.id
    )

    assert result.cancelled_attempts == 5
    assert set(
        OutreachAttempt.objects.filter(lead=lead).values_list("status", flat=True)
    ) == {"CANCELLED"}
    assert set(
        OutreachAttempt.objects.filter(lead=elsewhere).values_list("status", flat=True)
    ) == {"QUEUED"}
    assert api.email_is_suppressed(email="Jane@acme.example", campaign_id=live.id)
    assert not api.email_is_suppressed(email="jane@acme.example", campaign_id=other.id)
