"""Output shapes of production's endpoints."""

from rest_framework import serializers

from production.dto import DraftStatus


class DraftSectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    body = serializers.CharField(help_text="Markdown, without the `## ` heading.")


class DraftPostSerializer(serializers.Serializer):
    date = serializers.DateField()
    platform = serializers.CharField()
    pillar = serializers.CharField()
    theme = serializers.CharField()
    hook = serializers.CharField()
    caption = serializers.CharField()
    cta = serializers.CharField()
    format = serializers.CharField()


class DraftSerializer(serializers.Serializer):
    """A content draft: one section per pack section, in pack order."""

    id = serializers.CharField()
    brief_id = serializers.CharField()
    strategy_id = serializers.CharField()
    pack = serializers.CharField()
    status = serializers.ChoiceField(choices=[s.value for s in DraftStatus])
    version = serializers.IntegerField(
        help_text="Bumped by every amendment; send it back as `expected_version`."
    )
    title = serializers.CharField()
    sections = DraftSectionSerializer(many=True)
    posts = DraftPostSerializer(many=True, help_text="The calendar's dated posts.")
    markdown = serializers.CharField(help_text="The whole report.")
    created_at = serializers.DateTimeField()
