"""Output shapes of client acquisition's endpoints."""

import datetime as dt
from enum import StrEnum
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cam.dto import (
    CampaignMode,
    CampaignStatus,
    LeadGrade,
    LeadStatus,
    OutreachAttemptStatus,
    OutreachChannel,
    QualificationCode,
    QualificationOutcome,
    SuppressionReason,
)


def choices(enum: type[StrEnum]) -> list[str]:
    """Return the values of a ``StrEnum`` as serializer choices."""
    return [member.value for member in enum]


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        "example": "09:00",
    }
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time of day without a zone: ``HH:MM`` in, ``HH:MM:SS`` out.

    Not OpenAPI's ``format: time``, which requires a UTC offset: a send window is
    local to the campaign's time zone.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%H:%M:%S")
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S"])
        super().__init__(**kwargs)


class AwareDateTimeField(serializers.DateTimeField):
    """An ISO 8601 date and time that must carry its zone (``Z`` or ``+01:00``).

    DRF would read a naive value in the server's ``TIME_ZONE``; a plan's start is
    refused instead, as the API refuses a naive ``start``.
    """

    default_error_messages = {
        "naive": "Must be a date and time with a time zone (Z or an offset such as "
        "+01:00)."
    }

    def enforce_timezone(self, value: dt.datetime) -> dt.datetime:
        if timezone.is_naive(value):
            self.fail("naive")
        return super().enforce_timezone(value)


def money(**kwargs: Any) -> serializers.DecimalField:
    """An amount with two decimal places, as a string."""
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


def score() -> serializers.DecimalField:
    """A score from 0 to 1 with four decimal places, as a string."""
    return serializers.DecimalField(max_digits=5, decimal_places=4)


class CampaignSerializer(serializers.Serializer):
    """A client-acquisition campaign."""

    id = serializers.CharField()
    name = serializers.CharField()
    niche = serializers.CharField()
    offer = serializers.CharField()
    target_clients = serializers.IntegerField()
    target_monthly_revenue = money(allow_null=True)
    status = serializers.ChoiceField(choices=[s.value for s in CampaignStatus])
    mode = serializers.ChoiceField(choices=[m.value for m in CampaignMode])
    banned_words = serializers.ListField(child=serializers.CharField())
    competitor_domains = serializers.ListField(child=serializers.CharField())
    daily_send_cap = serializers.IntegerField(
        help_text="At most this many outreach messages a send day, all channels."
    )
    send_timezone = serializers.CharField(help_text="IANA time zone of the window.")
    send_window_start = LocalTimeField(
        help_text="Messages go out on weekdays from this local time..."
    )
    send_window_end = LocalTimeField(help_text="...until this local time.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class LeadSerializer(serializers.Serializer):
    """A lead of a campaign, with its scores and, once ROUTED, its signed deal."""

    id = serializers.CharField()
    campaign_id = serializers.CharField()
    name = serializers.CharField()
    email = serializers.CharField()
    normalized_email = serializers.CharField()
    company = serializers.CharField()
    role = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]
    base_score = score()
    budget_known = serializers.BooleanField()
    has_timeline = serializers.BooleanField()
    pain_points = serializers.CharField()
    engagement = score()
    fit_score = score()
    conversion_probability = score()
    grade = serializers.ChoiceField(choices=[g.value for g in LeadGrade])
    status = serializers.ChoiceField(choices=[s.value for s in LeadStatus])
    review_reasons = serializers.ListField(child=serializers.CharField())
    review_codes = serializers.ListField(
        child=serializers.CharField(),
        help_text=(
            "Why qualification sent the lead to MANUAL_REVIEW: FREE_MAIL_DOMAIN, "
            "MISSING_COMPANY, LOW_GRADE."
        ),
    )
    lost_reason = serializers.CharField()
    lost_reason_code = serializers.CharField(
        allow_null=True,
        help_text=(
            "The qualification rule that rejected the lead (INVALID_EMAIL, "
            "SUPPRESSED, COMPETITOR_DOMAIN, ROLE_ACCOUNT); null otherwise."
        ),
    )
    contract_value = money(allow_null=True)
    client_email = serializers.CharField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class QualificationReasonSerializer(serializers.Serializer):
    """One finding of qualification."""

    code = serializers.ChoiceField(choices=choices(QualificationCode))
    message = serializers.CharField()


class LeadQualificationSerializer(serializers.Serializer):
    """The verdict on a lead, and the lead afterwards."""

    outcome = serializers.ChoiceField(
        choices=choices(QualificationOutcome),
        help_text=(
            "QUALIFIED, MANUAL_REVIEW or LOST: the lead's status now. PASSED: every "
            "check passed but the lead is not at a stage it may be QUALIFIED from."
        ),
    )
    moved = serializers.BooleanField(help_text="Whether the lead's status changed.")
    reasons = QualificationReasonSerializer(many=True)
    lead = LeadSerializer()


class OutreachMessageSerializer(serializers.Serializer):
    """One planned message: a proof (SIMULATION) or queued for delivery (LIVE)."""

    id = serializers.CharField()
    position = serializers.IntegerField()
    channel = serializers.ChoiceField(choices=choices(OutreachChannel))
    step = serializers.CharField()
    subject = serializers.CharField(help_text="Empty for LinkedIn messages.")
    body = serializers.CharField()
    scheduled_for = serializers.DateTimeField()
    send_date = serializers.DateField(help_text="The send day in the campaign's zone.")
    status = serializers.ChoiceField(choices=choices(OutreachAttemptStatus))


class OutreachPlanSerializer(serializers.Serializer):
    """A lead's outreach plan."""

    id = serializers.CharField()
    lead_id = serializers.CharField()
    campaign_id = serializers.CharField()
    mode = serializers.ChoiceField(choices=choices(CampaignMode))
    timezone = serializers.CharField()
    starts_after = serializers.DateTimeField()
    messages = OutreachMessageSerializer(many=True)
    created_at = serializers.DateTimeField()


class SuppressionSerializer(serializers.Serializer):
    """An address not to contact; ``campaign_id`` null means every campaign."""

    id = serializers.CharField()
    email = serializers.CharField()
    reason = serializers.ChoiceField(choices=choices(SuppressionReason))
    campaign_id = serializers.CharField(allow_null=True)
    note = serializers.CharField()
    created_at = serializers.DateTimeField()
