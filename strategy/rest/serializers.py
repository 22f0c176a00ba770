"""Output shapes of strategy's endpoints."""

from rest_framework import serializers

from strategy.dto import StrategyStatus


class StrategyPillarSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    example_topics = serializers.ListField(child=serializers.CharField())


class StrategyKpiSerializer(serializers.Serializer):
    name = serializers.CharField()
    target = serializers.DecimalField(
        max_digits=None, decimal_places=None, help_text="A decimal, as a string."
    )
    unit = serializers.CharField()
    timeframe = serializers.CharField()


class StrategyChannelSerializer(serializers.Serializer):
    channel = serializers.CharField()
    budget_pct = serializers.IntegerField(
        help_text="Share of the budget; the plan's shares sum to 100."
    )
    tactics = serializers.ListField(child=serializers.CharField())
    rationale = serializers.CharField()


class StrategyMilestoneSerializer(serializers.Serializer):
    week = serializers.IntegerField()
    date = serializers.DateField()
    title = serializers.CharField()
    deliverable = serializers.CharField()


class StrategySerializer(serializers.Serializer):
    """A versioned strategy for a brief."""

    id = serializers.CharField()
    brief_id = serializers.CharField()
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=[s.value for s in StrategyStatus])
    executive_summary = serializers.CharField()
    positioning = serializers.CharField()
    key_messages = serializers.ListField(child=serializers.CharField())
    pillars = StrategyPillarSerializer(many=True)
    kpis = StrategyKpiSerializer(many=True)
    channel_plan = StrategyChannelSerializer(many=True)
    milestones = StrategyMilestoneSerializer(many=True)
    approved_by = serializers.CharField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
