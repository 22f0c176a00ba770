"""Output shapes of client acquisition's endpoints."""

from typing import Any

from rest_framework import serializers

from cam.dto import CampaignMode, CampaignStatus, LeadGrade, LeadStatus


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
    lost_reason = serializers.CharField()
    contract_value = money(allow_null=True)
    client_email = serializers.CharField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
