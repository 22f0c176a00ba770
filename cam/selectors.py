"""Reads of campaigns and leads. No writes, no locks."""

from django.db.models import Count, Q, QuerySet

from cam.errors import CampaignNotFound, LeadNotFound
from cam.models import Campaign, Lead


def campaign_get(*, campaign_id: str) -> Campaign:
    """Return the campaign, or raise :class:`CampaignNotFound`."""
    try:
        return Campaign.objects.get(pk=campaign_id)
    except Campaign.DoesNotExist:
        raise CampaignNotFound(f"Campaign {campaign_id!r} not found.") from None


def campaign_list(
    *, status: str | None = None, limit: int, after_id: str | None = None
) -> QuerySet[Campaign]:
    """Return up to ``limit`` campaigns after ``after_id``, in id order."""
    queryset = Campaign.objects.order_by("id")
    if status is not None:
        queryset = queryset.filter(status=status)
    if after_id is not None:
        queryset = queryset.filter(id__gt=after_id)
    return queryset[:limit]


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


def campaign_list_with_lead_counts() -> QuerySet[Campaign]:
    """Return every campaign annotated with its lead counts (one query)."""
    return Campaign.objects.annotate(**campaign_lead_count_annotations())


def lead_get(*, lead_id: str) -> Lead:
    """Return the lead, or raise :class:`LeadNotFound`."""
    try:
        return Lead.objects.get(pk=lead_id)
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
) -> QuerySet[Lead]:
    """Return up to ``limit`` matching leads after ``after_id``, in id order."""
    queryset = Lead.objects.order_by("id")
    if campaign_id is not None:
        queryset = queryset.filter(campaign_id=campaign_id)
    if status is not None:
        queryset = queryset.filter(status=status)
    if grade is not None:
        queryset = queryset.filter(grade=grade)
    if after_id is not None:
        queryset = queryset.filter(id__gt=after_id)
    return queryset[:limit]
