"""Delivery writes: create and revoke packages, purge orphaned files, move jobs."""

import hashlib
import json
import re

from django.conf import settings
from django.db import transaction

from aicmo_site.kernel import events
from aicmo_site.kernel.models import ID_MAX_LENGTH
from aicmo_site.kernel.scope import ALL, Scope
from delivery import artifacts, storage
from delivery.dto import PackageInput
from delivery.errors import (
    DeliveryInputInvalid,
    IllegalJobTransition,
    JobNotFound,
    PackageNotFound,
    PackageRevoked,
)
from delivery.models import ExecutionJob, Package, PackageArtifact

# Ids become storage folder names, so they must be safe path segments.
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
KEY_DIGEST_LENGTH = 16


def key_suffix(idempotency_key: str) -> str:
    """Return the package-id suffix for a key: the first 16 hex of its SHA-256."""
    return hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[
        :KEY_DIGEST_LENGTH
    ]


def package_id_for(*, draft_id: str, idempotency_key: str) -> str:
    """Return the deterministic id ``pkg_<draft_id>_<suffix>`` for a create call."""
    return f"pkg_{draft_id}_{key_suffix(idempotency_key)}"


def _validate(package: PackageInput, idempotency_key: str) -> None:
    fields: dict[str, list[str]] = {}
    if not idempotency_key.strip():
        fields["idempotency_key"] = ["Must not be empty."]
    for name in ("brief_id", "strategy_id", "draft_id", "qc_result_id"):
        value = getattr(package, name)
        if not _SAFE_ID.fullmatch(value):
            fields[name] = ["Must be an id of letters, digits, '_' or '-'."]
    # The package id embeds the draft id and must fit the id column.
    if len(package_id_for(draft_id=package.draft_id, idempotency_key="")) > (
        ID_MAX_LENGTH
    ):
        fields["draft_id"] = [f"Too long to fit a package id of {ID_MAX_LENGTH}."]
    for name in ("client_name", "pack_key", "pack_label", "title"):
        if not getattr(package, name).strip():
            fields[name] = ["Must not be empty."]
    if not package.sections:
        fields["sections"] = ["A package needs at least one section."]
    keys = [section.key for section in package.sections]
    if len(set(keys)) != len(keys):
        fields["sections"] = ["Section keys must be unique."]
    if not 0 <= package.qc_score <= 100:
        fields["qc_score"] = ["Must be between 0 and 100."]
    if package.generated_at.utcoffset() is None:
        fields["generated_at"] = ["Must be timezone-aware."]
    if fields:
        raise DeliveryInputInvalid(fields)


@transaction.atomic
def package_create(*, package: PackageInput, idempotency_key: str) -> Package:
    """Render and store the package's files, then record it with its artifacts.

    Files are written before the rows; if the transaction then rolls back, the files
    stay at the key's deterministic path until a retry overwrites them or
    :func:`package_purge_orphans` removes them.
    """
    existing = Package.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    _validate(package, idempotency_key)
    package_id = package_id_for(
        draft_id=package.draft_id, idempotency_key=idempotency_key
    )
    try:
        rendered = artifacts.render_package(
            package,
            package_id=package_id,
            prepared_by=getattr(settings, "AICMO_AGENCY_NAME", "AICMO"),
        )
    except TypeError as error:
        raise DeliveryInputInvalid({"data": [str(error)]}) from error

    directory = storage.package_dir(package_id)
    row = Package(
        id=package_id,
        draft_id=package.draft_id,
        brief_id=package.brief_id,
        strategy_id=package.strategy_id,
        qc_result_id=package.qc_result_id,
        client_name=package.client_name,
        pack_key=package.pack_key,
        pack_label=package.pack_label,
        title=package.title,
        qc_passed=package.qc_passed,
        qc_score=package.qc_score,
        generated_at=package.generated_at,
        storage_dir=directory,
        manifest_hash=rendered.manifest_hash,
        status=Package.Status.ACTIVE,
        idempotency_key=idempotency_key,
    )
    row.full_clean()
    artifact_rows = []
    for position, file in enumerate(rendered.files):
        path = storage.write(f"{directory}/{file.name}", file.content)
        artifact_rows.append(
            PackageArtifact(
                package=row,
                position=position,
                name=file.name,
                format=file.format,
                size=file.size,
                sha256=file.sha256,
                path=path,
            )
        )
    row.save(force_insert=True)
    for artifact in artifact_rows:
        artifact.full_clean()
    PackageArtifact.objects.bulk_create(artifact_rows)
    events.record(
        events.DomainEvent(
            type="package.created",
            payload={
                "package_id": row.id,
                "draft_id": row.draft_id,
                "brief_id": row.brief_id,
                "qc_result_id": row.qc_result_id,
                "manifest_hash": row.manifest_hash,
            },
        )
    )
    return row


@transaction.atomic
def package_revoke(*, package_id: str, scope: Scope = ALL) -> Package:
    """Revoke the package and delete its files; revoking again only re-checks files.

    Queued execution jobs of the package fail, since there is nothing left to ship.
    A package outside ``scope`` is not found.
    """
    packages = scope.by_brief(Package.objects.select_for_update())
    package = packages.filter(id=package_id).first()
    if package is None:
        raise PackageNotFound(f"Package {package_id} not found.")
    storage.delete_tree(package.storage_dir)
    if package.status == Package.Status.REVOKED:
        return package
    package.status = Package.Status.REVOKED
    package.full_clean()
    package.save(update_fields=["status", "updated_at"])
    for job in ExecutionJob.objects.select_for_update().filter(
        package=package, status=ExecutionJob.Status.QUEUED
    ):
        job.status = ExecutionJob.Status.FAILED
        job.last_error = f"Package {package.id} was revoked."
        job.full_clean()
        job.save(update_fields=["status", "last_error", "updated_at"])
    events.record(
        events.DomainEvent(
            type="package.revoked",
            payload={"package_id": package.id, "draft_id": package.draft_id},
        )
    )
    return package


def package_purge_orphans(*, idempotency_key: str) -> int:
    """Delete files a failed create left for this key; return how many were deleted.

    Files of an active package are never touched.
    """
    package = Package.objects.filter(idempotency_key=idempotency_key).first()
    if package is not None:
        if package.status == Package.Status.ACTIVE:
            return 0
        return storage.delete_tree(package.storage_dir)
    # No row: the draft id is unknown, but the folder name ends with the key's suffix.
    suffix = f"_{key_suffix(idempotency_key)}"
    return sum(
        storage.delete_tree(directory)
        for directory in storage.list_package_dirs(suffix)
    )


@transaction.atomic
def job_enqueue(
    *, kind: str, payload: dict, package_id: str | None, max_attempts: int
) -> ExecutionJob:
    """Queue a job; a job for a package needs that package to be active."""
    fields: dict[str, list[str]] = {}
    if max_attempts < 1:
        fields["max_attempts"] = ["Must be at least 1."]
    try:
        json.dumps(payload)
    except (TypeError, ValueError) as error:
        fields["payload"] = [f"Must be JSON-serialisable: {error}."]
    if fields:
        raise DeliveryInputInvalid(fields)
    package = None
    if package_id is not None:
        package = Package.objects.filter(id=package_id).first()
        if package is None:
            raise PackageNotFound(f"Package {package_id} not found.")
        if package.status != Package.Status.ACTIVE:
            raise PackageRevoked(f"Package {package_id} is revoked.")
    job = ExecutionJob(
        kind=kind,
        status=ExecutionJob.Status.QUEUED,
        package=package,
        payload=payload,
        attempts=0,
        max_attempts=max_attempts,
    )
    job.full_clean()
    job.save(force_insert=True)
    events.record(
        events.DomainEvent(
            type="job.enqueued",
            payload={"job_id": job.id, "kind": job.kind, "package_id": package_id},
        )
    )
    return job


def _locked_job(job_id: str) -> ExecutionJob:
    job = ExecutionJob.objects.select_for_update().filter(id=job_id).first()
    if job is None:
        raise JobNotFound(f"Job {job_id} not found.")
    return job


def _require(job: ExecutionJob, *, allowed: str, requested: str, action: str) -> None:
    if job.status != allowed:
        raise IllegalJobTransition(
            job_id=job.id,
            current=str(job.status),
            requested=str(requested),
            required=str(allowed),
            action=action,
        )


@transaction.atomic
def job_start(*, job_id: str) -> ExecutionJob:
    """Move a queued job to in progress and count the attempt."""
    job = _locked_job(job_id)
    _require(
        job,
        allowed=ExecutionJob.Status.QUEUED,
        requested=ExecutionJob.Status.IN_PROGRESS,
        action="start",
    )
    job.status = ExecutionJob.Status.IN_PROGRESS
    job.attempts += 1
    job.full_clean()
    job.save(update_fields=["status", "attempts", "updated_at"])
    return job


@transaction.atomic
def job_complete(*, job_id: str) -> ExecutionJob:
    """Move an in-progress job to done."""
    job = _locked_job(job_id)
    _require(
        job,
        allowed=ExecutionJob.Status.IN_PROGRESS,
        requested=ExecutionJob.Status.DONE,
        action="complete",
    )
    job.status = ExecutionJob.Status.DONE
    job.full_clean()
    job.save(update_fields=["status", "updated_at"])
    events.record(
        events.DomainEvent(
            type="job.done", payload={"job_id": job.id, "attempts": job.attempts}
        )
    )
    return job


@transaction.atomic
def job_fail(*, job_id: str, error: str) -> ExecutionJob:
    """Record a failed attempt: queue the job again, or fail it when out of attempts."""
    if not error.strip():
        raise DeliveryInputInvalid({"error": ["Describe what went wrong."]})
    job = _locked_job(job_id)
    _require(
        job,
        allowed=ExecutionJob.Status.IN_PROGRESS,
        requested=ExecutionJob.Status.FAILED,
        action="fail",
    )
    retry = job.attempts < job.max_attempts
    job.status = ExecutionJob.Status.QUEUED if retry else ExecutionJob.Status.FAILED
    job.last_error = error
    job.full_clean()
    job.save(update_fields=["status", "last_error", "updated_at"])
    if not retry:
        events.record(
            events.DomainEvent(
                type="job.failed",
                payload={"job_id": job.id, "attempts": job.attempts, "error": error},
            )
        )
    return job
