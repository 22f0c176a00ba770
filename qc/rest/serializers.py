"""Output shapes of QC's endpoints."""

from rest_framework import serializers

from qc.dto import CheckStatus, ResultStatus, Severity


class QcCheckSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The rule's id.")
    severity = serializers.ChoiceField(choices=[s.value for s in Severity])
    status = serializers.ChoiceField(choices=[s.value for s in CheckStatus])
    section = serializers.CharField()
    message = serializers.CharField()
    fix = serializers.CharField(help_text="How to fix it; empty when it passed.")


class QcResultSerializer(serializers.Serializer):
    """A QC verdict with every check it ran, passing or not."""

    id = serializers.CharField()
    draft_id = serializers.CharField()
    passed = serializers.BooleanField(
        help_text="No BLOCKER failed and the score is at least 70."
    )
    score = serializers.IntegerField(min_value=0, max_value=100)
    status = serializers.ChoiceField(choices=[s.value for s in ResultStatus])
    checks = QcCheckSerializer(many=True)
    created_at = serializers.DateTimeField()
