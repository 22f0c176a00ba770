"""Execution jobs: QUEUED → IN_PROGRESS → DONE | FAILED, with retries."""

import pytest

from aicmo_site.kernel import events
from delivery import api
from delivery.dto import JobData, JobKind, JobStatus
from delivery.errors import (
    DeliveryInputInvalid,
    IllegalJobTransition,
    JobNotFound,
    PackageNotFound,
    PackageRevoked,
)
from delivery.models import ExecutionJob, Package
from tests.delivery.factories import ExecutionJobFactory, PackageFactory

pytestmark = pytest.mark.django_db


def test_enqueue_creates_a_queued_job():
    package = PackageFactory()

    job = api.job_enqueue(
        kind=JobKind.EMAIL, payload={"to": "ops@brightline.example"},
        package_id=package.id,
    )  # fmt: skip

    assert isinstance(job, JobData)
    assert job.id.startswith("job_")
    assert (job.kind, job.status, job.package_id, job.payload) == (
        JobKind.EMAIL,
        JobStatus.QUEUED,
        package.id,
        {"to": "ops@brightline.example"},
    )
    assert (job.attempts, job.max_attempts, job.last_error) == (0, 3, None)
    assert api.job_get(job_id=job.id) == job


def test_a_job_runs_to_done():
    job = api.job_enqueue(kind=JobKind.SOCIAL_POST, payload={})

    started = api.job_start(job_id=job.id)
    done = api.job_complete(job_id=job.id)

    assert (started.status, started.attempts) == (JobStatus.IN_PROGRESS, 1)
    assert (done.status, done.attempts) == (JobStatus.DONE, 1)


def test_a_failed_attempt_requeues_until_attempts_run_out():
    job = api.job_enqueue(kind=JobKind.CRM_SYNC, payload={}, max_attempts=2)

    api.job_start(job_id=job.id)
    retry = api.job_fail(job_id=job.id, error="CRM answered 503")
    api.job_start(job_id=job.id)
    with events.recording() as recorded:
        failed = api.job_fail(job_id=job.id, error="CRM answered 504")

    assert (retry.status, retry.attempts, retry.last_error) == (
        JobStatus.QUEUED,
        1,
        "CRM answered 503",
    )
    assert (failed.status, failed.attempts, failed.last_error) == (
        JobStatus.FAILED,
        2,
        "CRM answered 504",
    )
    assert [e.type for e in recorded] == ["job.failed"]


def test_a_retried_job_can_still_succeed():
    job = api.job_enqueue(kind=JobKind.EMAIL, payload={}, max_attempts=3)
    api.job_start(job_id=job.id)
    api.job_fail(job_id=job.id, error="timeout")
    api.job_start(job_id=job.id)

    done = api.job_complete(job_id=job.id)

    assert (done.status, done.attempts, done.last_error) == (
        JobStatus.DONE,
        2,
        "timeout",
    )


@pytest.mark.parametrize(
    ("status", "action", "requested"),
    [
        (ExecutionJob.Status.QUEUED, "complete", "done"),
        (ExecutionJob.Status.QUEUED, "fail", "failed"),
        (ExecutionJob.Status.IN_PROGRESS, "start", "in_progress"),
        (ExecutionJob.Status.DONE, "start", "in_progress"),
        (ExecutionJob.Status.DONE, "complete", "done"),
        (ExecutionJob.Status.FAILED, "start", "in_progress"),
        (ExecutionJob.Status.FAILED, "fail", "failed"),
    ],
)
def test_illegal_moves_raise_conflict_naming_both_statuses(status, action, requested):
    job = ExecutionJobFactory(status=status, attempts=1)
    calls = {
        "start": lambda: api.job_start(job_id=job.id),
        "complete": lambda: api.job_complete(job_id=job.id),
        "fail": lambda: api.job_fail(job_id=job.id, error="boom"),
    }

    with pytest.raises(IllegalJobTransition) as error:
        calls[action]()

    assert error.value.code == "CONFLICT"
    assert error.value.http_status == 409
    assert error.value.extra == {"job_id": job.id, "current": status,
                                 "requested": requested}  # fmt: skip
    assert f"it is {status}" in error.value.message
    job.refresh_from_db()
    assert (job.status, job.attempts, job.last_error) == (status, 1, "")


def test_unknown_jobs_raise_not_found():
    for call in (api.job_get, api.job_start, api.job_complete):
        with pytest.raises(JobNotFound) as error:
            call(job_id="job_missing")
        assert error.value.code == "NOT_FOUND"


def test_enqueue_for_an_unknown_or_revoked_package_is_refused():
    revoked = PackageFactory(status=Package.Status.REVOKED)

    with pytest.raises(PackageNotFound) as missing:
        api.job_enqueue(kind=JobKind.EMAIL, payload={}, package_id="pkg_missing")
    with pytest.raises(PackageRevoked) as conflict:
        api.job_enqueue(kind=JobKind.EMAIL, payload={}, package_id=revoked.id)

    assert (missing.value.code, conflict.value.code) == ("NOT_FOUND", "CONFLICT")
    assert ExecutionJob.objects.count() == 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "fax", "payload": {}}, "kind"),
        ({"kind": JobKind.EMAIL, "payload": {}, "max_attempts": 0}, "max_attempts"),
        ({"kind": JobKind.EMAIL, "payload": {"x": object()}}, "payload"),
    ],
)
def test_enqueue_rejects_invalid_input(kwargs, field):
    with pytest.raises(DeliveryInputInvalid) as error:
        api.job_enqueue(**kwargs)

    assert list(error.value.fields) == [field]
    assert ExecutionJob.objects.count() == 0


def test_fail_needs_an_error_message():
    job = ExecutionJobFactory(status=ExecutionJob.Status.IN_PROGRESS, attempts=1)

    with pytest.raises(DeliveryInputInvalid):
        api.job_fail(job_id=job.id, error="  ")

    job.refresh_from_db()
    assert job.status == ExecutionJob.Status.IN_PROGRESS


def test_revoking_a_package_fails_its_queued_jobs_only():
    package = PackageFactory()
    queued = ExecutionJobFactory(package=package)
    running = ExecutionJobFactory(
        package=package, status=ExecutionJob.Status.IN_PROGRESS, attempts=1
    )
    elsewhere = ExecutionJobFactory()

    api.package_revoke(package_id=package.id)

    assert api.job_get(job_id=queued.id).status == JobStatus.FAILED
    assert api.job_get(job_id=queued.id).last_error == (
        f"Package {package.id} was revoked."
    )
    assert api.job_get(job_id=running.id).status == JobStatus.IN_PROGRESS
    assert api.job_get(job_id=elsewhere.id).status == JobStatus.QUEUED


def test_job_list_filters_by_status_and_package_and_pages():
    package = PackageFactory()
    first = ExecutionJobFactory(package=package)
    second = ExecutionJobFactory(package=package, status=ExecutionJob.Status.DONE)
    third = ExecutionJobFactory()

    assert [j.id for j in api.job_list()] == sorted([first.id, second.id, third.id])
    assert [j.id for j in api.job_list(status=JobStatus.DONE)] == [second.id]
    assert [j.id for j in api.job_list(package_id=package.id)] == sorted(
        [first.id, second.id]
    )
    everything = api.job_list()
    assert api.job_list(limit=1, after_id=everything[0].id) == [everything[1]]
    with pytest.raises(DeliveryInputInvalid):
        api.job_list(status="paused")
