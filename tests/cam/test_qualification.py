from decimal import Decimal

import pytest

from cam import api
from cam.dto import QualificationCode, QualificationOutcome
from cam.errors import IllegalLeadTransition, LeadNotFound
from cam.models import Lead
from cam.qualification import FREE_MAIL_DOMAINS, ROLE_ACCOUNTS
from tests.cam.factories import CampaignFactory, lead_in

pytestmark = pytest.mark.django_db

# A clean lead: company address, company named, grade A (fit 0.8, probability 0.7).
CLEAN = {
    "email": "jane.doe@acme-dental.example",
    "company": "Acme Dental",
    "base_score": Decimal("0.8"),
    "engagement": Decimal("0.4667"),
}


def _lead(status="REPLIED", **overrides):
    return lead_in(status, **(CLEAN | overrides))


def _snapshot(lead_id):
    lead = Lead.objects.get(pk=lead_id)
    return (
        lead.status,
        lead.lost_reason,
        lead.lost_reason_code,
        lead.review_reasons,
        lead.review_codes,
        lead.updated_at,
    )


def test_a_clean_replied_lead_is_qualified():
    lead = _lead()
    assert lead.grade == "A"

    result = api.lead_qualify(lead_id=lead.id)

    assert (result.outcome, result.moved, result.reasons) == (
        QualificationOutcome.QUALIFIED,
        True,
        (),
    )
    assert result.lead.status == "QUALIFIED"
    assert Lead.objects.get(pk=lead.id).status == "QUALIFIED"


@pytest.mark.parametrize("status", ["NEW", "ENRICHED", "CONTACTED"])
def test_a_clean_lead_before_replied_passes_without_a_status_change(status):
    lead = _lead(status)
    before = _snapshot(lead.id)

    result = api.lead_qualify(lead_id=lead.id)

    assert (result.outcome, result.moved, result.reasons) == (
        QualificationOutcome.PASSED,
        False,
        (),
    )
    assert result.lead.status == status
    assert _snapshot(lead.id) == before


@pytest.mark.parametrize(
    ("overrides", "code", "message"),
    [
        (
            {"email": "jane@localhost"},
            QualificationCode.INVALID_EMAIL,
            "The domain 'localhost' has no dot, so outside mail cannot reach it.",
        ),
        (
            {"email": "jane@@acme.example"},
            QualificationCode.INVALID_EMAIL,
            "'jane@@acme.example' is not a valid email address.",
        ),
        (
            {"email": "Sales@Acme-Dental.example"},
            QualificationCode.ROLE_ACCOUNT,
            "Sales@ is a shared role inbox, not a person.",
        ),
        (
            {"email": "no.reply+leads@acme-dental.example"},
            QualificationCode.ROLE_ACCOUNT,
            "no.reply+leads@ is a shared role inbox, not a person.",
        ),
        (
            {"email": "jane@mail.rival.example"},
            QualificationCode.COMPETITOR_DOMAIN,
            "The domain mail.rival.example belongs to the competitor rival.example.",
        ),
    ],
)
def test_a_rejected_lead_becomes_lost_with_its_reason_code(overrides, code, message):
    campaign = CampaignFactory(competitor_domains=["rival.example"])
    lead = _lead("CONTACTED", campaign=campaign, **overrides)

    result = api.lead_qualify(lead_id=lead.id)

    assert (result.outcome, result.moved) == (QualificationOutcome.LOST, True)
    assert [(r.code, r.message) for r in result.reasons] == [(code, message)]
    stored = Lead.objects.get(pk=lead.id)
    assert (stored.status, stored.lost_reason_code, stored.lost_reason) == (
        "LOST",
        code.value,
        message,
    )
    assert result.lead.lost_reason_code is code


@pytest.mark.parametrize("scope", ["global", "campaign"])
def test_a_suppressed_lead_is_rejected(scope):
    lead = _lead("NEW", email="Jane.Doe@Acme-Dental.example")
    api.suppression_add(
        email=" JANE.DOE@acme-dental.example ",
        reason="UNSUBSCRIBED",
        campaign_id=lead.campaign_id if scope == "campaign" else None,
    )

    result = api.lead_qualify(lead_id=lead.id)

    assert result.outcome is QualificationOutcome.LOST
    assert [r.code for r in result.reasons] == [QualificationCode.SUPPRESSED]
    assert Lead.objects.get(pk=lead.id).lost_reason_code == "SUPPRESSED"


def test_a_suppression_of_another_campaign_does_not_reject():
    lead = _lead()
    api.suppression_add(
        email=lead.email, reason="DO_NOT_CONTACT", campaign_id=CampaignFactory().id
    )

    result = api.lead_qualify(lead_id=lead.id)

    assert result.outcome is QualificationOutcome.QUALIFIED


def test_every_rejection_is_reported_and_the_first_is_stored():
    campaign = CampaignFactory(competitor_domains=["rival.example"])
    lead = _lead(campaign=campaign, email="info@rival.example")
    api.suppression_add(email="info@rival.example", reason="BOUNCED")

    result = api.lead_qualify(lead_id=lead.id)

    assert [r.code for r in result.reasons] == [
        QualificationCode.SUPPRESSED,
        QualificationCode.COMPETITOR_DOMAIN,
        QualificationCode.ROLE_ACCOUNT,
    ]
    assert Lead.objects.get(pk=lead.id).lost_reason_code == "SUPPRESSED"


@pytest.mark.parametrize(
    ("overrides", "codes"),
    [
        ({"email": "jane.doe@gmail.com"}, ["FREE_MAIL_DOMAIN"]),
        ({"company": "  "}, ["MISSING_COMPANY"]),
        # fit 0.5999 -> grade C; fit 0.3999 -> grade D
        ({"base_score": Decimal("0.5999")}, ["LOW_GRADE"]),
        ({"base_score": Decimal("0.3999")}, ["LOW_GRADE"]),
        (
            {"email": "jane@GMAIL.com", "company": "", "base_score": Decimal("0.1")},
            ["FREE_MAIL_DOMAIN", "MISSING_COMPANY", "LOW_GRADE"],
        ),
    ],
)
def test_a_borderline_lead_goes_to_manual_review_with_every_reason(overrides, codes):
    lead = _lead("ENRICHED", **overrides)

    result = api.lead_qualify(lead_id=lead.id)

    assert (result.outcome, result.moved) == (QualificationOutcome.MANUAL_REVIEW, True)
    assert [r.code.value for r in result.reasons] == codes
    stored = Lead.objects.get(pk=lead.id)
    assert stored.status == "MANUAL_REVIEW"
    assert stored.review_codes == codes
    assert stored.review_reasons == [r.message for r in result.reasons]
    assert [c.value for c in result.lead.review_codes] == codes


def test_grade_b_is_not_borderline():
    lead = _lead(base_score=Decimal("0.6"), engagement=Decimal("0"))
    assert lead.grade == "B"

    assert api.lead_qualify(lead_id=lead.id).outcome is QualificationOutcome.QUALIFIED


def test_a_review_opened_by_qualification_is_qualified_once_resolved():
    lead = _lead("REPLIED", company="")
    assert (
        api.lead_qualify(lead_id=lead.id).outcome is QualificationOutcome.MANUAL_REVIEW
    )

    again = api.lead_qualify(lead_id=lead.id)
    assert (again.outcome, again.moved) == (QualificationOutcome.MANUAL_REVIEW, False)
    assert Lead.objects.get(pk=lead.id).review_reasons == ["The lead names no company."]

    Lead.objects.filter(pk=lead.id).update(company="Acme Dental")
    resolved = api.lead_qualify(lead_id=lead.id)

    assert (resolved.outcome, resolved.moved) == (QualificationOutcome.QUALIFIED, True)
    stored = Lead.objects.get(pk=lead.id)
    assert (stored.status, stored.review_codes, stored.review_from_status) == (
        "QUALIFIED",
        [],
        "",
    )


@pytest.mark.parametrize("status", ["NEW", "ENRICHED", "CONTACTED"])
def test_a_resolved_review_returns_the_lead_to_where_it_was_never_further(status):
    lead = _lead(status, email="jane@gmail.com")
    review = api.lead_qualify(lead_id=lead.id)
    assert review.outcome is QualificationOutcome.MANUAL_REVIEW
    stored = Lead.objects.get(pk=lead.id)
    assert (stored.status, stored.review_from_status) == ("MANUAL_REVIEW", status)
    Lead.objects.filter(pk=lead.id).update(
        email="jane@acme-dental.example", normalized_email="jane@acme-dental.example"
    )

    resolved = api.lead_qualify(lead_id=lead.id)

    assert (resolved.outcome, resolved.moved, resolved.reasons) == (
        QualificationOutcome.PASSED,
        True,
        (),
    )
    assert resolved.lead.status == status
    stored = Lead.objects.get(pk=lead.id)
    assert (stored.status, stored.review_codes, stored.review_from_status) == (
        status,
        [],
        "",
    )
    assert stored.review_reasons == [
        "The address is at the free mail provider gmail.com, not a company domain."
    ]
    # Qualifying again is the ordinary clean verdict before REPLIED: nothing moves.
    again = api.lead_qualify(lead_id=lead.id)
    assert (again.outcome, again.moved) == (QualificationOutcome.PASSED, False)
    assert Lead.objects.get(pk=lead.id).status == status


def test_a_review_of_unknown_origin_is_left_to_a_person_when_resolved():
    # A review qualification opened before review_from_status was recorded.
    lead = _lead("MANUAL_REVIEW")
    Lead.objects.filter(pk=lead.id).update(
        review_codes=["MISSING_COMPANY"], review_reasons=["The lead names no company."]
    )

    result = api.lead_qualify(lead_id=lead.id)

    assert (result.outcome, result.moved) == (QualificationOutcome.PASSED, False)
    stored = Lead.objects.get(pk=lead.id)
    assert (stored.status, stored.review_codes) == ("MANUAL_REVIEW", [])


def test_a_rejection_clears_the_codes_of_an_earlier_review():
    lead = _lead("REPLIED", email="jane@gmail.com")
    api.lead_qualify(lead_id=lead.id)
    api.suppression_add(email="jane@gmail.com", reason="UNSUBSCRIBED")

    result = api.lead_qualify(lead_id=lead.id)

    assert (result.outcome, result.moved) == (QualificationOutcome.LOST, True)
    assert result.lead.review_codes == ()
    stored = Lead.objects.get(pk=lead.id)
    assert (
        stored.status,
        stored.lost_reason_code,
        stored.review_codes,
        stored.review_from_status,
    ) == ("LOST", "SUPPRESSED", [], "")
    assert stored.review_reasons == [
        "The address is at the free mail provider gmail.com, not a company domain."
    ]


def test_a_review_opened_by_a_person_is_left_to_the_person():
    lead = _lead("CONTACTED")
    api.lead_transition(lead_id=lead.id, to="MANUAL_REVIEW", reason="Odd reply")

    result = api.lead_qualify(lead_id=lead.id)

    assert (result.outcome, result.moved) == (QualificationOutcome.PASSED, False)
    stored = Lead.objects.get(pk=lead.id)
    assert (stored.status, stored.review_from_status) == ("MANUAL_REVIEW", "CONTACTED")


@pytest.mark.parametrize("status", ["QUALIFIED", "ROUTED", "LOST"])
def test_qualifying_a_lead_past_the_gate_is_an_illegal_move(status):
    lead = _lead(status, email="info@acme.example")
    before = _snapshot(lead.id)

    with pytest.raises(IllegalLeadTransition) as exc_info:
        api.lead_qualify(lead_id=lead.id)

    assert exc_info.value.code == "CONFLICT"
    assert exc_info.value.extra["current_status"] == status
    assert exc_info.value.extra["requested_status"] == "QUALIFIED"
    assert _snapshot(lead.id) == before


def test_qualifying_an_unknown_lead_is_not_found():
    with pytest.raises(LeadNotFound):
        api.lead_qualify(lead_id="lead_nope")


def test_the_documented_role_accounts_and_free_mail_domains():
    assert {
        "info",
        "sales",
        "support",
        "admin",
        "contact",
        "hello",
        "office",
        "noreply",
        "no-reply",
        "marketing",
        "team",
    } <= ROLE_ACCOUNTS
    assert {"gmail.com", "outlook.com", "yahoo.com", "hotmail.com"} <= FREE_MAIL_DOMAINS


def test_a_person_whose_name_contains_a_role_word_is_not_a_role_account():
    lead = _lead(email="salesforce.anna@acme-dental.example")

    assert api.lead_qualify(lead_id=lead.id).outcome is QualificationOutcome.QUALIFIED


def test_a_person_resolving_a_review_clears_the_review_codes():
    lead = _lead("REPLIED", email="jane@gmail.com")
    api.lead_qualify(lead_id=lead.id)

    resolved = api.lead_transition(lead_id=lead.id, to="QUALIFIED")

    assert (resolved.status.value, resolved.review_codes) == ("QUALIFIED", ())
    assert Lead.objects.get(pk=lead.id).review_from_status == ""
    assert resolved.review_reasons == (
        "The address is at the free mail provider gmail.com, not a company domain.",
    )
