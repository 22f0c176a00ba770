"""Delivery reads."""

from django.db.models import QuerySet

from aicmo_site.kernel import paging
from delivery.errors import JobNotFound, PackageNotFound
from delivery.models import ExecutionJob, Package


def package_get(*, package_id: str) -> Package:
    """Return the package with its artifacts prefetched."""
    package = (
        Package.objects.prefetch_related("artifacts").filter(id=package_id).first()
    )
    if package is None:
        raise PackageNotFound(f"Package {package_id} not found.")
    return package


def package_list(
    *,
    draft_id: str | None = None,
    status: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
) -> QuerySet[Package]:
    """Return packages by id; revoked ones only when ``status`` asks for them."""
    packages = Package.objects.prefetch_related("artifacts")
    if draft_id is not None:
        packages = packages.filter(draft_id=draft_id)
    if status is not None:
        packages = packages.filter(status=status)
    else:
        packages = packages.exclude(status=Package.Status.REVOKED)
    return paging.page_by_id(packages, limit=limit, after_id=after_id)


def job_get(*, job_id: str) -> ExecutionJob:
    """Return the execution job."""
    job = ExecutionJob.objects.filter(id=job_id).first()
    if job is None:
        raise JobNotFound(f"Job {job_id} not found.")
    return job


def job_list(
    *,
    status: str | None = None,
    package_id: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
) -> QuerySet[ExecutionJob]:
    """Return jobs oldest first, optionally by status and package."""
    jobs = ExecutionJob.objects.all()
    if status is not None:
        jobs = jobs.filter(status=status)
    if package_id is not None:
        jobs = jobs.filter(package_id=package_id)
    return paging.page_by_id(jobs, limit=limit, after_id=after_id)
