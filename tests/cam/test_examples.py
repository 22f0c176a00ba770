"""examples/leads.csv imports cleanly and, qualified, shows every outcome (README)."""

import io
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from cam import api, resources
from cam.dto import QualificationOutcome

pytestmark = pytest.mark.django_db

LEADS_CSV = Path(__file__).resolve().parents[2] / "examples" / "leads.csv"

# email -> fit score, conversion probability, grade, then what qualifying it does
# (with sanjay@ suppressed first): outcome, lost_reason_code, review_codes.
EXPECTED = {
    "maria.keller@smileworks-berlin.de": ("1.0000", "0.8500", "A", "PASSED", None, ()),
    "jonas.weber@zahnarzt-weber.de": ("0.8500", "0.8350", "A", "PASSED", None, ()),
    "priya@brightbite.co.uk": ("0.7000", "0.5500", "B", "PASSED", None, ()),
    "info@praxis-am-markt.de": ("0.8000", "0.5600", "B", "LOST", "ROLE_ACCOUNT", ()),
    "lena.fischer.dds@gmail.com": (
        "0.9000", "0.8100", "A", "MANUAL_REVIEW", None, ("FREE_MAIL_DOMAIN",),
    ),
    "tom.becker@rivalgrowth.com": (
        "0.6500", "0.4550", "B", "LOST", "COMPETITOR_DOMAIN", (),
    ),
    "ahmed@yilmaz-dental.de": (
        "0.8000", "0.6500", "B", "MANUAL_REVIEW", None, ("MISSING_COMPANY",),
    ),
    "s.rossi@clinicadentalsol.es": (
        "0.4500", "0.3450", "C", "MANUAL_REVIEW", None, ("LOW_GRADE",),
    ),
    "peter.hall@hallfamilydental.com": (
        "0.2000", "0.1700", "D", "MANUAL_REVIEW", None, ("LOW_GRADE",),
    ),
    "chloe.martin@outlook.com": (
        "0.3000", "0.2100", "D", "MANUAL_REVIEW", None,
        ("FREE_MAIL_DOMAIN", "MISSING_COMPANY", "LOW_GRADE"),
    ),
    "nina.berg@nordsmile.se": ("0.8000", "0.6200", "B", "PASSED", None, ()),
    "sanjay@patelorthodontics.com": ("0.6500", "0.6650", "B", "LOST", "SUPPRESSED", ()),
}  # fmt: skip


@pytest.fixture
def campaign():
    """The campaign the README imports the example into."""
    return api.campaign_create(
        name="Dental clinics Q1",
        niche="Dental clinics",
        offer="Patient acquisition retainer",
        target_clients=5,
        competitor_domains=["rivalgrowth.com"],
    )


def _import(campaign_id: str):
    dataset = resources.read_dataset(LEADS_CSV.read_bytes(), "csv")
    return resources.import_dataset(campaign_id=campaign_id, dataset=dataset)


def _leads(campaign_id: str):
    return {
        lead.normalized_email: lead
        for lead in api.lead_list(campaign_id=campaign_id, limit=200)
    }


def test_the_example_imports_every_row_with_the_documented_scores(campaign):
    resource, result = _import(campaign.id)

    assert resources.result_problems(result) == []
    assert result.totals["new"] == 12
    assert [lead.normalized_email for lead in resource.created] == list(EXPECTED)
    leads = _leads(campaign.id)
    assert len(leads) == 12
    assert Counter(lead.grade.value for lead in leads.values()) == {
        "A": 3,
        "B": 6,
        "C": 1,
        "D": 2,
    }
    assert {
        email: (str(lead.fit_score), str(lead.conversion_probability), lead.grade)
        for email, lead in leads.items()
    } == {email: expected[:3] for email, expected in EXPECTED.items()}
    assert {lead.status.value for lead in leads.values()} == {"NEW"}
    assert all(lead.source != "import" for lead in leads.values())


def test_qualifying_the_example_shows_every_outcome_and_reason_code(campaign):
    _import(campaign.id)
    api.suppression_add(
        email="sanjay@patelorthodontics.com",
        reason="UNSUBSCRIBED",
        campaign_id=campaign.id,
    )

    verdicts = {
        email: api.lead_qualify(lead_id=lead.id)
        for email, lead in _leads(campaign.id).items()
    }

    assert {
        email: (
            verdict.outcome.value,
            verdict.lead.lost_reason_code and verdict.lead.lost_reason_code.value,
            tuple(code.value for code in verdict.lead.review_codes),
        )
        for email, verdict in verdicts.items()
    } == {email: expected[3:] for email, expected in EXPECTED.items()}
    assert Counter(v.outcome for v in verdicts.values()) == {
        QualificationOutcome.PASSED: 4,
        QualificationOutcome.LOST: 3,
        QualificationOutcome.MANUAL_REVIEW: 5,
    }


def test_importing_the_example_again_with_the_command_skips_every_row(campaign):
    _import(campaign.id)
    out = io.StringIO()

    call_command("import_leads", str(LEADS_CSV), campaign=campaign.id, stdout=out)

    assert out.getvalue().splitlines()[0] == (
        f"Imported 0 lead(s) into {campaign.id}; 12 skipped (already leads)."
    )
    assert [line.split(":")[0].strip() for line in out.getvalue().splitlines()[1:]] == [
        f"line {n}" for n in range(2, 14)
    ]
    assert len(_leads(campaign.id)) == 12
