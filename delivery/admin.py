"""Admin for packages (with download links) and execution jobs."""

from django.contrib import admin, messages
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from aicmo_site.kernel.errors import ApplicationError, TransientError
from delivery import services
from delivery.models import ExecutionJob, Package, PackageArtifact


class PackageArtifactInline(admin.TabularInline):
    model = PackageArtifact
    fields = ("position", "name", "format", "size", "sha256", "download")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["position"]

    def has_add_permission(
        self, request: HttpRequest, obj: Package | None = None
    ) -> bool:
        return False

    @admin.display(description="Download")
    def download(self, artifact: PackageArtifact) -> str:
        if artifact.package.status != Package.Status.ACTIVE:
            return "revoked"
        return format_html(
            '<a href="{}">{}</a>', default_storage.url(artifact.path), artifact.name
        )


@admin.register(Package)
class PackageAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "client_name",
        "pack_key",
        "status",
        "qc_score",
        "qc_passed",
        "created_at",
    ]
    list_filter = ["status", "pack_key", "qc_passed", "created_at"]
    search_fields = [
        "id",
        "draft_id",
        "brief_id",
        "strategy_id",
        "qc_result_id",
        "client_name",
        "idempotency_key",
    ]
    readonly_fields = [
        "id",
        "draft_id",
        "brief_id",
        "strategy_id",
        "qc_result_id",
        "client_name",
        "pack_key",
        "pack_label",
        "title",
        "qc_passed",
        "qc_score",
        "generated_at",
        "storage_dir",
        "manifest_hash",
        "status",
        "idempotency_key",
        "downloads",
        "created_at",
        "updated_at",
    ]
    inlines = [PackageArtifactInline]
    actions = ["revoke_packages"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: Package | None = None
    ) -> bool:
        return False

    @admin.display(description="Downloads")
    def downloads(self, package: Package) -> str:
        if package.status != Package.Status.ACTIVE:
            return "Revoked: files deleted."
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (default_storage.url(artifact.path), artifact.name)
                for artifact in package.artifacts.all()
            ),
        )

    @admin.action(description="Revoke selected packages and delete their files")
    def revoke_packages(
        self, request: HttpRequest, queryset: QuerySet[Package]
    ) -> None:
        revoked = 0
        for package in queryset:
            try:
                services.package_revoke(package_id=package.id)
            except (ApplicationError, TransientError) as error:
                self.message_user(request, f"{package.id}: {error}", messages.ERROR)
            else:
                revoked += 1
        self.message_user(request, f"Revoked {revoked} package(s).", messages.SUCCESS)


@admin.register(PackageArtifact)
class PackageArtifactAdmin(admin.ModelAdmin):
    list_display = ["name", "package", "format", "size", "created_at"]
    list_filter = ["format", "created_at"]
    search_fields = ["package__id", "name", "sha256", "path"]
    list_select_related = ["package"]
    readonly_fields = [
        "id",
        "package",
        "position",
        "name",
        "format",
        "size",
        "sha256",
        "path",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: PackageArtifact | None = None
    ) -> bool:
        return False


@admin.register(ExecutionJob)
class ExecutionJobAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "kind",
        "status",
        "package",
        "attempts",
        "max_attempts",
        "updated_at",
    ]
    list_filter = ["kind", "status", "created_at"]
    search_fields = ["id", "package__id", "last_error"]
    list_select_related = ["package"]
    readonly_fields = [
        "id",
        "kind",
        "status",
        "package",
        "payload",
        "attempts",
        "max_attempts",
        "last_error",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
