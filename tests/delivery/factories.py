import datetime as dt

import factory

from delivery.models import ExecutionJob, Package


class PackageFactory(factory.django.DjangoModelFactory[Package]):
    """A package row without files, for list and job tests."""

    class Meta:
        model = Package

    id = factory.Sequence(lambda n: f"pkg_draft_{n:04d}_{n:016x}")
    draft_id = factory.Sequence(lambda n: f"draft_{n:04d}")
    brief_id = factory.Sequence(lambda n: f"brief_{n:04d}")
    strategy_id = factory.Sequence(lambda n: f"strat_{n:04d}")
    qc_result_id = factory.Sequence(lambda n: f"qc_{n:04d}")
    client_name = factory.Faker("company")
    pack_key = "quick_social_basic"
    pack_label = "Quick Social Basic"
    title = "30-Day Social Content Plan"
    qc_passed = True
    qc_score = 90
    generated_at = dt.datetime(2027, 1, 4, 9, 30, tzinfo=dt.UTC)
    storage_dir = factory.LazyAttribute(lambda package: f"packages/{package.id}")
    manifest_hash = "0" * 64
    status = Package.Status.ACTIVE
    idempotency_key = factory.Sequence(lambda n: f"run_{n}:create_package")


class ExecutionJobFactory(factory.django.DjangoModelFactory[ExecutionJob]):
    class Meta:
        model = ExecutionJob

    kind = ExecutionJob.Kind.SOCIAL_POST
    status = ExecutionJob.Status.QUEUED
    payload = factory.LazyFunction(lambda: {"channel": "Instagram"})
    attempts = 0
    max_attempts = 3
