"""Reads of campaigns, leads, suppressions and outreach. No writes, no locks.

The reads a user's request makes take ``scope`` (their account teams): cam's rows
belong to no client, so a scope limited to some clients finds none of them.
"""

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count, Prefetch, Q, QuerySet

from aicmo_site.kernel import paging
from aicmo_site.kernel.scope import ALL, Scope
from cam.errors import CampaignNotFound, LeadNotFound, OutreachAttemptNotFound
from cam.models import Campaign, Lead, OutreachAttempt, OutreachPlan, Suppression

# Keeps each IN (...) list far below every backend's limit on query parameters.
IN_CHUNK = 2000


def campaign_get(*, campaign_id: str, scope: Scope = ALL) -> Campaign:
    """Return the campaign, or raise :class:`CampaignNotFound` (also out of scope)."""
    try:
        return scope.agency_wide(Campaign.objects.all()).get(pk=campaign_id)
    except Campaign.DoesNotExist:
        raise CampaignNotFound(f"Campaign {campaign_id!r} not found.") from None


def campaign_list(
    *,
    status: str | None = None,
    limit: int,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> QuerySet[Campaign]:
    """Return up to ``limit`` campaigns in scope after ``after_id``, in id order."""
    queryset = scope.agency_wide(Campaign.objects.all())
    if status is not None:
        queryset = queryset.filter(status=status)
    return paging.page_by_id(queryset, limit=limit, after_id=after_id)


def campaign_lead_count_annotations() -> dict[str, Count]:
    """Return ``Count`` annotations of a campaign's leads: total, per status, per grade.

    Keys are ``leads_total``, ``leads_status_<STATUS>`` and ``leads_grade_<GRADE>``.
    """
    annotations = {"leads_total": Count("leads")}
    for status in Lead.Status.values:
        annotations[f"leads_status_{status}"] = Count(
            "leads", filter=Q(leads__status=status)
        )
    for grade in Lead.Grade.values:
        annotations[f"leads_grade_{grade}"] = Count(
            "leads", filter=Q(leads__grade=grade)
        )
    return annotations


def lead_get(*, lead_id: str, scope: Scope = ALL) -> Lead:
    """Return the lead, or raise :class:`LeadNotFound` (also out of scope)."""
    try:
        return scope.agency_wide(Lead.objects.all()).get(pk=lead_id)
    except Lead.DoesNotExist:
        raise LeadNotFound(f"Lead {lead_id!r} not found.") from None


def lead_find_by_email(*, campaign_id: str, normalized_email: str) -> Lead | None:
    """Return the campaign's lead with this normalized email, if there is one."""
    return Lead.objects.filter(
        campaign_id=campaign_id, normalized_email=normalized_email
    ).first()


def lead_list(
    *,
    campaign_id: str | None = None,
    status: str | None = None,
    grade: str | None = None,
    limit: int,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> QuerySet[Lead]:
    """Return up to ``limit`` matching leads in scope after ``after_id``, by id."""
    queryset = scope.agency_wide(Lead.objects.all())
    if campaign_id is not None:
        queryset = queryset.filter(campaign_id=campaign_id)
    if status is not None:
        queryset = queryset.filter(status=status)
    if grade is not None:
        queryset = queryset.filter(grade=grade)
    return paging.page_by_id(queryset, limit=limit, after_id=after_id)


def lead_ids_by_email(
    *, campaign_id: str, normalized_emails: Sequence[str]
) -> dict[str, str]:
    """Return the campaign's lead id for each of these normalized emails it has.

    One query per :data:`IN_CHUNK` emails, never one per email.
    """
    found: dict[str, str] = {}
    unique = sorted(set(normalized_emails))
    for index in range(0, len(unique), IN_CHUNK):
        found.update(
            Lead.objects.filter(
                campaign_id=campaign_id,
                normalized_email__in=unique[index : index + IN_CHUNK],
            ).values_list("normalized_email", "id")
        )
    return found


# --- suppressions -----------------------------------------------------------------


def suppression_find(*, email: str, campaign_id: str) -> Suppression | None:
    """Return a suppression of this normalized email for the campaign or for all."""
    return (
        Suppression.objects.filter(email=email)
        .filter(Q(campaign__isnull=True) | Q(campaign_id=campaign_id))
        .order_by("id")
        .first()
    )


def suppression_get_exact(*, email: str, campaign_id: str | None) -> Suppression | None:
    """Return the suppression of this email with exactly this scope, if any."""
    queryset = Suppression.objects.filter(email=email)
    if campaign_id is None:
        return queryset.filter(campaign__isnull=True).first()
    return queryset.filter(campaign_id=campaign_id).first()


def suppression_list(
    *,
    email: str | None = None,
    campaign_id: str | None = None,
    reason: str | None = None,
    limit: int,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> QuerySet[Suppression]:
    """Return up to ``limit`` matching suppressions after ``after_id``, in id order.

    ``campaign_id`` keeps the suppressions that apply to that campaign: its own and
    the global ones. A scope limited to some clients gets none.
    """
    queryset = scope.agency_wide(Suppression.objects.all())
    if email is not None:
        queryset = queryset.filter(email=email)
    if campaign_id is not None:
        queryset = queryset.filter(
            Q(campaign__isnull=True) | Q(campaign_id=campaign_id)
        )
    if reason is not None:
        queryset = queryset.filter(reason=reason)
    return paging.page_by_id(queryset, limit=limit, after_id=after_id)


# --- outreach ---------------------------------------------------------------------


def _plans_with_attempts() -> QuerySet[OutreachPlan]:
    return OutreachPlan.objects.prefetch_related(
        Prefetch("attempts", queryset=OutreachAttempt.objects.order_by("position"))
    )


def outreach_plan_for_lead(*, lead_id: str, scope: Scope = ALL) -> OutreachPlan | None:
    """Return the lead's current (not replaced) outreach plan with its attempts."""
    return (
        scope.agency_wide(_plans_with_attempts())
        .filter(lead_id=lead_id, replaced_at__isnull=True)
        .first()
    )


def outreach_day_times(
    *, campaign_id: str, from_date: dt.date, status: str
) -> dict[dt.date, set[dt.datetime]]:
    """Return the send times each send day holds, from a day, of attempts in ``status``.

    The campaign's daily cap counts the attempts of its current mode: QUEUED in LIVE,
    PROOF_SENT in SIMULATION; cancelled ones free their slot.
    """
    rows = (
        OutreachAttempt.objects.filter(
            campaign_id=campaign_id, send_date__gte=from_date, status=status
        )
        .order_by()
        .values_list("send_date", "scheduled_for")
    )
    times: dict[dt.date, set[dt.datetime]] = {}
    for send_date, scheduled_for in rows:
        times.setdefault(send_date, set()).add(scheduled_for)
    return times


def outreach_attempt_get(*, attempt_id: str) -> OutreachAttempt:
    """Return the attempt with its lead and campaign, or raise a not-found error."""
    try:
        return OutreachAttempt.objects.select_related("lead", "campaign").get(
            pk=attempt_id
        )
    except OutreachAttempt.DoesNotExist:
        raise OutreachAttemptNotFound(
            f"Outreach attempt {attempt_id!r} not found."
        ) from None


def outreach_attempt_list(
    *,
    campaign_id: str | None = None,
    lead_id: str | None = None,
    status: str | None = None,
    limit: int,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> QuerySet[OutreachAttempt]:
    """Return up to ``limit`` matching attempts in scope after ``after_id``, by id."""
    queryset = scope.agency_wide(OutreachAttempt.objects.all())
    if campaign_id is not None:
        queryset = queryset.filter(campaign_id=campaign_id)
    if lead_id is not None:
        queryset = queryset.filter(lead_id=lead_id)
    if status is not None:
        queryset = queryset.filter(status=status)
    return paging.page_by_id(queryset, limit=limit, after_id=after_id)
