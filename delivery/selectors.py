"""Delivery reads, limited to a scope (the caller's account teams).

A package belongs to its brief's client; an execution job to its package's (a job of
no package belongs to no client, so only unrestricted scopes see it).
"""

from django.db.models import QuerySet

from aicmo_site.kernel import paging
from aicmo_site.kernel.scope import ALL, Scope
from delivery.errors import JobNotFound, PackageNotFound
from delivery.models import ExecutionJob, Package

JOB_BRIEF_FIELD = "package__brief_id"


def package_get(*, package_id: str, scope: Scope = ALL) -> Package:
    """Return the package with its artifacts prefetched; out of scope is not found."""
    packages = scope.by_brief(Package.objects.prefetch_related("artifacts"))
    package = packages.filter(id=package_id).first()
    if package is None:
        raise PackageNotFound(f"Package {package_id} not found.")
    return package


def package_list(
    *,
    draft_id: str | None = None,
    status: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> QuerySet[Package]:
    """Return packages in scope by id; revoked ones only when ``status`` asks."""
    packages = scope.by_brief(Package.objects.prefetch_related("artifacts"))
    if draft_id is not None:
        packages = packages.filter(draft_id=draft_id)
    if status is not None:
        packages = packages.filter(status=status)
    else:
        packages = packages.exclude(status=Package.Status.REVOKED)
    return paging.page_by_id(packages, limit=limit, after_id=after_id)


def job_get(*, job_id: str, scope: Scope = ALL) -> ExecutionJob:
    """Return the execution job; out of scope is not found."""
    jobs = scope.by_brief(ExecutionJob.objects.all(), JOB_BRIEF_FIELD)
    job = jobs.filter(id=job_id).first()
    if job is None:
        raise JobNotFound(f"Job {job_id} not found.")
    return job


def job_list(
    *,
    status: str | None = None,
    package_id: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> QuerySet[ExecutionJob]:
    """Return jobs in scope oldest first, optionally by status and package."""
    jobs = scope.by_brief(ExecutionJob.objects.all(), JOB_BRIEF_FIELD)
    if status is not None:
        jobs = jobs.filter(status=status)
    if package_id is not None:
        jobs = jobs.filter(package_id=package_id)
    return paging.page_by_id(jobs, limit=limit, after_id=after_id)
