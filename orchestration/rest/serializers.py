"""Output shapes of orchestration's endpoints: briefs and the run JSON of SPEC §4."""

from typing import Any

from rest_framework import serializers

from orchestration.dto import RunStatus, StepStatus


class BriefSerializer(serializers.Serializer):
    """A submitted brief: ``intake`` is the brief JSON exactly as it was sent."""

    id = serializers.CharField()
    client_id = serializers.CharField()
    client_name = serializers.CharField()
    pack = serializers.CharField()
    objective = serializers.CharField()
    primary_offer = serializers.CharField()
    intake = serializers.DictField()
    created_at = serializers.DateTimeField()


class RunStepSerializer(serializers.Serializer):
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=[s.value for s in StepStatus])
    attempts = serializers.IntegerField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    error = serializers.DictField(
        allow_null=True, help_text="The step's last error: `code` and `message`."
    )


class RunOutputsSerializer(serializers.Serializer):
    """The ids the run's steps produced; each appears once its step completed."""

    brief_id = serializers.CharField(required=False)
    strategy_id = serializers.CharField(required=False)
    draft_id = serializers.CharField(required=False)
    qc_result_id = serializers.CharField(required=False)
    package_id = serializers.CharField(required=False)


class RunErrorSerializer(serializers.Serializer):
    step = serializers.CharField()
    code = serializers.CharField(help_text="For example QC_FAILED.")
    message = serializers.CharField()


class RunSerializer(serializers.Serializer):
    """The run JSON of SPEC §4, the same as ``run_workflow --json`` prints."""

    id = serializers.CharField()
    workflow = serializers.CharField()
    status = serializers.ChoiceField(choices=[s.value for s in RunStatus])
    brief_id = serializers.CharField()
    pack = serializers.CharField()
    idempotency_key = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    outputs = RunOutputsSerializer()
    steps = RunStepSerializer(
        many=True, help_text="Every step of the workflow, in order."
    )
    compensated_steps = serializers.ListField(
        child=serializers.CharField(),
        help_text="Steps in the order their compensations ran.",
    )
    error = RunErrorSerializer(
        allow_null=True, help_text="Why the run failed; null for a completed run."
    )

    def to_representation(self, instance: Any) -> dict[str, Any]:
        """Return ``RunData.as_json()``: the one definition of the run JSON."""
        return instance.as_json()
