"""Qualifying a lead: the rules' verdict moves it to LOST, MANUAL_REVIEW or onward.

The rules themselves are pure and live in :mod:`cam.qualification`; this module reads
what they need, records their verdict and moves the lead.
"""

from dataclasses import dataclass

from django.db import transaction

from aicmo_site.kernel.scope import ALL, Scope
from cam import qualification as rules
from cam.dto import QualificationOutcome, QualificationReason
from cam.models import Lead
from cam.services import leads, rows, suppression

LeadStatus = Lead.Status

# Qualification is the gate before QUALIFIED: it takes leads still in the funnel.
QUALIFIABLE_LEAD_STATUSES = frozenset(
    {
        LeadStatus.NEW,
        LeadStatus.ENRICHED,
        LeadStatus.CONTACTED,
        LeadStatus.REPLIED,
        LeadStatus.MANUAL_REVIEW,
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Qualified:
    """What :func:`lead_qualify` did to a lead."""

    lead: Lead
    outcome: QualificationOutcome
    moved: bool
    reasons: tuple[QualificationReason, ...]


@transaction.atomic
def lead_qualify(*, lead_id: str, scope: Scope = ALL) -> Qualified:
    """Run the qualification rules on a lead and move it by their verdict.

    A rejection moves the lead to LOST (first code and message kept, review codes
    cleared); borderline findings move it to MANUAL_REVIEW (codes replaced, new
    messages appended, the status it came from remembered in ``review_from_status``).
    Both cancel the lead's QUEUED outreach attempts. A clean lead in REPLIED becomes
    QUALIFIED. A clean lead in a MANUAL_REVIEW that qualification itself opened
    (``review_codes`` set) goes back to the status the review was opened from, so the
    funnel is never skipped: to QUALIFIED only if that was REPLIED (outcome
    QUALIFIED), else back to NEW, ENRICHED or CONTACTED (outcome PASSED, moved). Any
    other clean lead is PASSED: unchanged. A lead in MANUAL_REVIEW that is still
    borderline stays there, its reasons refreshed. QUALIFIED, ROUTED and LOST leads
    are refused (IllegalLeadTransition).
    """
    lead = rows.lock_lead(lead_id, scope=scope)
    current = lead.status
    if current not in QUALIFIABLE_LEAD_STATUSES:
        raise leads.illegal_move(
            lead,
            Lead.Status.QUALIFIED,
            "Only leads in NEW, ENRICHED, CONTACTED, REPLIED or MANUAL_REVIEW can be "
            "qualified.",
        )
    verdict = rules.evaluate(
        email=lead.email,
        company=lead.company,
        grade=lead.grade,
        competitor_domains=lead.campaign.competitor_domains,
        suppressed=suppression.is_suppressed(
            email=lead.email, campaign_id=lead.campaign_id
        ),
    )
    if verdict.rejections:
        first = verdict.rejections[0]
        lead.status = Lead.Status.LOST
        lead.lost_reason_code = first.code.value
        lead.lost_reason = first.message
        lead.review_codes = []
        lead.review_from_status = ""
        rows.save(
            lead,
            update_fields=[
                "status",
                "lost_reason_code",
                "lost_reason",
                "review_codes",
                "review_from_status",
            ],
        )
        rows.cancel_queued(lead_id=lead.id)
        return Qualified(
            lead=lead,
            outcome=QualificationOutcome.LOST,
            moved=True,
            reasons=verdict.rejections,
        )
    if verdict.reviews:
        messages = [r.message for r in verdict.reviews]
        lead.review_codes = [r.code.value for r in verdict.reviews]
        lead.review_reasons = [
            *lead.review_reasons,
            *(m for m in messages if m not in lead.review_reasons),
        ]
        moved = current != Lead.Status.MANUAL_REVIEW
        if moved:
            lead.review_from_status = current
        lead.status = Lead.Status.MANUAL_REVIEW
        rows.save(
            lead,
            update_fields=[
                "status",
                "review_codes",
                "review_reasons",
                "review_from_status",
            ],
        )
        rows.cancel_queued(lead_id=lead.id)
        return Qualified(
            lead=lead,
            outcome=QualificationOutcome.MANUAL_REVIEW,
            moved=moved,
            reasons=verdict.reviews,
        )
    opened_by_rules = current == Lead.Status.MANUAL_REVIEW and bool(lead.review_codes)
    origin = lead.review_from_status if opened_by_rules else ""
    target: str
    if current == Lead.Status.REPLIED or origin == Lead.Status.REPLIED:
        target = Lead.Status.QUALIFIED
    elif origin:
        target = origin  # NEW, ENRICHED or CONTACTED: the funnel resumes there
    else:
        target = current
    if target == current:
        if opened_by_rules:
            # A review opened before its origin was recorded: a person decides.
            lead.review_codes = []
            rows.save(lead, update_fields=["review_codes"])
        return Qualified(
            lead=lead, outcome=QualificationOutcome.PASSED, moved=False, reasons=()
        )
    lead.status = target
    lead.review_codes = []
    lead.review_from_status = ""
    rows.save(lead, update_fields=["status", "review_codes", "review_from_status"])
    outcome = (
        QualificationOutcome.QUALIFIED
        if target == Lead.Status.QUALIFIED
        else QualificationOutcome.PASSED
    )
    return Qualified(lead=lead, outcome=outcome, moved=True, reasons=())
