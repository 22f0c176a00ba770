"""Delivery's public API: client-ready packages and execution jobs.

Delivery owns the package files (Markdown, HTML and PDF reports, JSON data and a ZIP
of them all with ``manifest.json``), stored through Django's storage API under
``packages/<package_id>/``, and the queued social/email/CRM-sync jobs that ship them.
The same input and idempotency key always produce the same package id and bytes.

Reads and user actions take ``scope`` (the caller's account teams, default every
client): a package of a brief outside it, and its artifacts and jobs, do not exist
for the caller (the same not-found error as an unknown id), and lists leave them out.
"""

from typing import TypeVar

from django.core.files import File

from aicmo_site.kernel import paging
from aicmo_site.kernel.scope import ALL, Scope
from delivery import selectors, services, storage
from delivery.dto import (
    ArtifactData,
    JobData,
    JobKind,
    JobStatus,
    PackageData,
    PackageInput,
    PackageStatus,
)
from delivery.errors import ArtifactNotFound, DeliveryInputInvalid, PackageNotFound
from delivery.models import ExecutionJob, Package, PackageArtifact

_Enum = TypeVar("_Enum", JobKind, JobStatus, PackageStatus)


def package_create(*, package: PackageInput, idempotency_key: str) -> PackageData:
    """Render, store and record a package; the same key returns the same package.

    The id is ``pkg_<draft_id>_<first 16 hex of sha256(key)>``, so a create retried
    after a rollback overwrites the same files. Emits ``package.created``.

    Raises:
        DeliveryInputInvalid: An id is not a safe path segment, a text is empty,
            ``generated_at`` is naive, section keys repeat or ``data`` is not JSON.
        StorageUnavailable: Storage failed (transient: retry).
    """
    row = services.package_create(package=package, idempotency_key=idempotency_key)
    return _to_package_data(selectors.package_get(package_id=row.id))


def package_get(*, package_id: str, scope: Scope = ALL) -> PackageData:
    """Return the package, whatever its status.

    Raises:
        PackageNotFound: No package has this id, or ``scope`` does not include it.
    """
    return _to_package_data(selectors.package_get(package_id=package_id, scope=scope))


def package_list(
    *,
    draft_id: str | None = None,
    status: PackageStatus | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[PackageData]:
    """List packages in ``scope`` by id, leaving revoked ones out unless asked.

    Raises:
        DeliveryInputInvalid: ``limit`` is not from 1 to 200 or ``status`` is unknown.
    """
    paging.check_limit(limit, error=DeliveryInputInvalid)
    wanted = _parse(PackageStatus, status, "status")
    packages = selectors.package_list(
        draft_id=draft_id,
        status=None if wanted is None else wanted.value,
        limit=limit,
        after_id=after_id,
        scope=scope,
    )
    return [_to_package_data(package) for package in packages]


def package_revoke(*, package_id: str, scope: Scope = ALL) -> PackageData:
    """Revoke the package and delete all its files, keeping its row.

    Revoking a revoked package, or one whose files are already gone, succeeds. Queued
    jobs of the package fail. Emits ``package.revoked`` when the status changes.

    Raises:
        PackageNotFound: No package has this id, or ``scope`` does not include it.
        StorageUnavailable: Files could not be deleted (transient: retry).
    """
    row = services.package_revoke(package_id=package_id, scope=scope)
    return _to_package_data(selectors.package_get(package_id=row.id))


def package_purge_orphans(*, idempotency_key: str) -> int:
    """Delete files that a failed ``package_create`` with this key left behind.

    For the saga after a ``create_package`` step failed for good. Files of an active
    package made with the key are kept.

    Returns:
        How many files were deleted.

    Raises:
        StorageUnavailable: Storage failed (transient: retry).
    """
    return services.package_purge_orphans(idempotency_key=idempotency_key)


def artifact_open(
    *, package_id: str, name: str, scope: Scope = ALL
) -> tuple[ArtifactData, File]:
    """Open an artifact of an active package for download; the caller closes it.

    Raises:
        ArtifactNotFound: The package is unknown, outside ``scope`` or revoked, has
            no artifact of that name, or the file is missing from storage.
        StorageUnavailable: Storage failed (transient: retry).
    """
    try:
        package = selectors.package_get(package_id=package_id, scope=scope)
    except PackageNotFound:
        raise ArtifactNotFound(f"Package {package_id} not found.") from None
    if package.status != Package.Status.ACTIVE:
        raise ArtifactNotFound(f"Package {package_id} is revoked; its files are gone.")
    artifact = next((a for a in package.artifacts.all() if a.name == name), None)
    if artifact is None:
        raise ArtifactNotFound(f"Package {package_id} has no artifact {name!r}.")
    try:
        file = storage.open_file(artifact.path)
    except FileNotFoundError:
        raise ArtifactNotFound(
            f"The file of {name!r} is missing from storage ({artifact.path})."
        ) from None
    return _to_artifact_data(artifact), file


def job_enqueue(
    *,
    kind: JobKind,
    payload: dict,
    package_id: str | None = None,
    max_attempts: int = 3,
) -> JobData:
    """Queue an execution job (social post, email or CRM sync).

    Raises:
        DeliveryInputInvalid: Unknown kind, ``max_attempts`` below 1, or a payload
            that is not JSON-serialisable.
        PackageNotFound: ``package_id`` names no package.
        PackageRevoked: The package is revoked.
    """
    job_kind = _parse(JobKind, kind, "kind")
    if job_kind is None:
        raise DeliveryInputInvalid({"kind": ["This field is required."]})
    job = services.job_enqueue(
        kind=job_kind.value,
        payload=payload,
        package_id=package_id,
        max_attempts=max_attempts,
    )
    return _to_job_data(job)


def job_start(*, job_id: str) -> JobData:
    """Move a queued job to in progress, counting one more attempt.

    Raises:
        JobNotFound: No job has this id.
        IllegalJobTransition: The job is not queued (code ``CONFLICT``).
    """
    return _to_job_data(services.job_start(job_id=job_id))


def job_complete(*, job_id: str) -> JobData:
    """Mark an in-progress job done.

    Raises:
        JobNotFound: No job has this id.
        IllegalJobTransition: The job is not in progress (code ``CONFLICT``).
    """
    return _to_job_data(services.job_complete(job_id=job_id))


def job_fail(*, job_id: str, error: str) -> JobData:
    """Record a failed attempt: back to queued while attempts remain, else failed.

    Raises:
        DeliveryInputInvalid: ``error`` is empty.
        JobNotFound: No job has this id.
        IllegalJobTransition: The job is not in progress (code ``CONFLICT``).
    """
    return _to_job_data(services.job_fail(job_id=job_id, error=error))


def job_get(*, job_id: str, scope: Scope = ALL) -> JobData:
    """Return the execution job.

    Raises:
        JobNotFound: No job has this id, or ``scope`` does not include its package
            (a job of no package is in unrestricted scopes only).
    """
    return _to_job_data(selectors.job_get(job_id=job_id, scope=scope))


def job_list(
    *,
    status: JobStatus | None = None,
    package_id: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[JobData]:
    """List execution jobs in ``scope`` oldest first, optionally by status, package.

    Raises:
        DeliveryInputInvalid: ``limit`` is not from 1 to 200 or ``status`` is unknown.
    """
    paging.check_limit(limit, error=DeliveryInputInvalid)
    wanted = _parse(JobStatus, status, "status")
    jobs = selectors.job_list(
        status=None if wanted is None else wanted.value,
        package_id=package_id,
        limit=limit,
        after_id=after_id,
        scope=scope,
    )
    return [_to_job_data(job) for job in jobs]


def _parse(enum: type[_Enum], value: str | None, field: str) -> _Enum | None:
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        raise DeliveryInputInvalid({field: [f"Unknown value {value!r}."]}) from None


def _to_artifact_data(artifact: PackageArtifact) -> ArtifactData:
    return ArtifactData(
        name=artifact.name,
        format=artifact.format,
        size=artifact.size,
        sha256=artifact.sha256,
        path=artifact.path,
    )


def _to_package_data(package: Package) -> PackageData:
    return PackageData(
        id=package.id,
        draft_id=package.draft_id,
        brief_id=package.brief_id,
        strategy_id=package.strategy_id,
        qc_result_id=package.qc_result_id,
        status=PackageStatus(package.status),
        artifacts=tuple(_to_artifact_data(a) for a in package.artifacts.all()),
        manifest_hash=package.manifest_hash,
        created_at=package.created_at,
    )


def _to_job_data(job: ExecutionJob) -> JobData:
    return JobData(
        id=job.id,
        kind=JobKind(job.kind),
        status=JobStatus(job.status),
        package_id=job.package_id,
        payload=dict(job.payload),
        attempts=job.attempts,
        max_attempts=job.max_attempts,
        last_error=job.last_error or None,
        created_at=job.created_at,
        updated_at=job.updated_at,
    )
