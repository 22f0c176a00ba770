"""Output shapes of delivery's endpoints."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from delivery.dto import PackageStatus


class PackageArtifactSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="File name, such as `report.pdf`.")
    format = serializers.CharField(help_text="markdown, html, pdf, json or zip.")
    size = serializers.IntegerField(help_text="Bytes.")
    sha256 = serializers.CharField(help_text="Hex SHA-256 of the file's bytes.")
    download_url = serializers.URLField(
        allow_null=True, help_text="Where to download it; null once revoked."
    )


class PackageSerializer(serializers.Serializer):
    """A client-ready package; artifacts come in the fixed delivery order."""

    id = serializers.CharField()
    draft_id = serializers.CharField()
    brief_id = serializers.CharField()
    strategy_id = serializers.CharField()
    qc_result_id = serializers.CharField()
    status = serializers.ChoiceField(choices=[s.value for s in PackageStatus])
    manifest_hash = serializers.CharField()
    artifacts = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    @extend_schema_field(PackageArtifactSerializer(many=True))
    def get_artifacts(self, package: Any) -> Any:
        request = self.context.get("request")
        rows = [
            {
                "name": artifact.name,
                "format": artifact.format,
                "size": artifact.size,
                "sha256": artifact.sha256,
                "download_url": (
                    reverse(
                        "delivery:artifact-download",
                        kwargs={"package_id": package.id, "name": artifact.name},
                        request=request,
                    )
                    if package.status == PackageStatus.ACTIVE
                    else None
                ),
            }
            for artifact in package.artifacts
        ]
        return PackageArtifactSerializer(rows, many=True).data
