"""Admin for packages (with download links) and execution jobs.

Artifacts link to the REST download (``/api/v1/packages/{id}/artifacts/{name}/``),
which checks the signed-in user's role, never to ``MEDIA_URL``: package files are
client deliverables and are not served publicly. Every admin here is scoped to the
signed-in user's account teams (``ScopedAdminMixin``): a package through its brief,
artifacts and jobs through their package; the download checks the scope again.
"""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.admin import (
    ReadOnlyAdminMixin,
    RoleActionsMixin,
    ScopedAdminMixin,
)
from aicmo_site.kernel.errors import ApplicationError, TransientError
from aicmo_site.kernel.scope import scope_of
from delivery import services
from delivery.models import ExecutionJob, Package, PackageArtifact


def download_url(artifact: PackageArtifact) -> str:
    """Return the authenticated REST download of an artifact."""
    return reverse(
        "delivery:artifact-download",
        kwargs={"package_id": artifact.package_id, "name": artifact.name},
    )


def _download_link(artifact: PackageArtifact) -> SafeString:
    return format_html(
        '<a href="{}" class="aicmo-download" download>{}</a>',
        download_url(artifact),
        artifact.name,
    )


class PackageArtifactInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = PackageArtifact
    fields = ("position", "name", "format", "size", "sha256", "download")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["position"]

    @admin.display(description=_("Download"))
    def download(self, artifact: PackageArtifact) -> str:
        if artifact.package.status != Package.Status.ACTIVE:
            return gettext("revoked")
        return _download_link(artifact)


@admin.register(Package)
class PackageAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    scope_brief_field = "brief_id"
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
    list_select_related = ()
    search_fields = [
        "id",
        "draft_id",
        "brief_id",
        "strategy_id",
        "qc_result_id",
        "client_name",
        "idempotency_key",
    ]
    date_hierarchy = "created_at"
    readonly_fields = [
        "id",
        "downloads",
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
        "created_at",
        "updated_at",
    ]
    inlines = [PackageArtifactInline]
    actions = ["revoke_packages"]

    @admin.display(description=_("Downloads"))
    def downloads(self, package: Package) -> str:
        if package.status != Package.Status.ACTIVE:
            return gettext("Revoked: files deleted.")
        return format_html_join(
            " · ",
            "{}",
            ((_download_link(artifact),) for artifact in package.artifacts.all()),
        )

    @admin.action(
        description=_("Revoke selected packages and delete their files"),
        permissions=["amend"],
    )
    def revoke_packages(
        self, request: HttpRequest, queryset: QuerySet[Package]
    ) -> None:
        """Revoke each package (of the user's scope) through delivery's services."""
        scope = scope_of(request.user)
        revoked = 0
        for package in queryset:
            try:
                services.package_revoke(package_id=package.id, scope=scope)
            except (ApplicationError, TransientError) as error:
                self.message_user(request, f"{package.id}: {error}", messages.ERROR)
            else:
                revoked += 1
        self.message_user(request, f"Revoked {revoked} package(s).", messages.SUCCESS)


@admin.register(PackageArtifact)
class PackageArtifactAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    scope_brief_field = "package__brief_id"
    list_display = ["name", "package", "format", "size", "download", "created_at"]
    list_filter = ["format", "created_at"]
    list_select_related = ["package"]
    search_fields = ["package__id", "name", "sha256", "path"]
    readonly_fields = [
        "id",
        "package",
        "position",
        "name",
        "format",
        "size",
        "sha256",
        "path",
        "download",
        "created_at",
        "updated_at",
    ]

    @admin.display(description=_("Download"))
    def download(self, artifact: PackageArtifact) -> str:
        if artifact.package.status != Package.Status.ACTIVE:
            return gettext("revoked")
        return _download_link(artifact)


@admin.register(ExecutionJob)
class ExecutionJobAdmin(
    ScopedAdminMixin, RoleActionsMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    # A job of no package belongs to no client: only unrestricted users see it.
    scope_brief_field = "package__brief_id"
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
    list_select_related = ["package"]
    search_fields = ["id", "package__id", "last_error"]
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
