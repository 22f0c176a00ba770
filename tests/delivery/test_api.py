"""Packages through the public API: stored files, idempotency, revoke, purge."""

import dataclasses
import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import transaction

from aicmo_site.kernel import events
from aicmo_site.kernel.errors import TransientError
from delivery import api
from delivery.dto import PackageData, PackageStatus
from delivery.errors import (
    ArtifactNotFound,
    DeliveryInputInvalid,
    PackageNotFound,
    StorageUnavailable,
)
from delivery.models import Package, PackageArtifact
from tests.delivery.factories import PackageFactory
from tests.delivery.pdftext import page_texts
from tests.delivery.samples import package_input

pytestmark = pytest.mark.django_db

KEY = "run_01jsample:create_package"
SUFFIX = hashlib.sha256(KEY.encode()).hexdigest()[:16]
EXPECTED_ID = f"pkg_draft_01jsample0000000000000000_{SUFFIX}"


def stored_files(directory="packages"):
    root = Path(default_storage.location) / directory
    if not root.exists():
        return []
    return sorted(str(p.relative_to(default_storage.location)) for p in root.rglob("*")
                  if p.is_file())  # fmt: skip


def read(path):
    with default_storage.open(path, "rb") as handle:
        return handle.read()


class Rollback(Exception):
    pass


def _create_and_abort(package, key):
    with transaction.atomic():
        api.package_create(package=package, idempotency_key=key)
        raise Rollback


def create_then_roll_back(package, key=KEY):
    """Create inside a transaction that rolls back: files stay, rows do not."""
    with pytest.raises(Rollback):
        _create_and_abort(package, key)


def test_create_stores_five_artifacts_in_order_under_the_package_folder(package):
    with events.recording() as recorded:
        created = api.package_create(package=package, idempotency_key=KEY)

    assert isinstance(created, PackageData)
    assert created.id == EXPECTED_ID
    assert (created.status, created.draft_id, created.qc_result_id) == (
        PackageStatus.ACTIVE,
        package.draft_id,
        package.qc_result_id,
    )
    assert [(a.name, a.format, a.path) for a in created.artifacts] == [
        (name, fmt, f"packages/{EXPECTED_ID}/{name}")
        for name, fmt in [("report.md", "markdown"), ("report.html", "html"),
                          ("report.pdf", "pdf"), ("data.json", "json"),
                          ("package.zip", "zip")]
    ]  # fmt: skip
    assert stored_files() == sorted(a.path for a in created.artifacts)
    assert [(e.type, e.payload["package_id"]) for e in recorded] == [
        ("package.created", EXPECTED_ID)
    ]


def test_sizes_and_hashes_match_the_stored_bytes(package):
    created = api.package_create(package=package, idempotency_key=KEY)

    for artifact in created.artifacts:
        content = read(artifact.path)
        assert artifact.size == len(content)
        assert artifact.sha256 == hashlib.sha256(content).hexdigest()
    assert read(created.artifacts[2].path).startswith(b"%PDF")


def test_zip_manifest_matches_the_stored_artifacts_and_the_manifest_hash(package):
    created = api.package_create(package=package, idempotency_key=KEY)
    archive = zipfile.ZipFile(io.BytesIO(read(created.artifacts[-1].path)))

    manifest = json.loads(archive.read("manifest.json"))

    assert archive.namelist() == ["report.md", "report.html", "report.pdf",
                                  "data.json", "manifest.json"]  # fmt: skip
    assert manifest["package_id"] == created.id
    assert manifest["manifest_hash"] == created.manifest_hash
    assert manifest["artifacts"] == [
        {"name": a.name, "format": a.format, "size": a.size, "sha256": a.sha256}
        for a in created.artifacts[:4]
    ]
    for artifact in created.artifacts[:4]:
        assert archive.read(artifact.name) == read(artifact.path)


def test_reports_name_the_agency_from_settings_on_their_cover(package, settings):
    settings.AICMO_AGENCY_NAME = "Northwind Creative"

    created = api.package_create(package=package, idempotency_key=KEY)

    paths = {artifact.name: artifact.path for artifact in created.artifacts}
    cover = [
        " ".join(text.split()) for text in page_texts(read(paths["report.pdf"]))[0]
    ]
    assert "Prepared for Brightline Coffee Roasters" in cover
    assert "Prepared by Northwind Creative" in cover
    html = read(paths["report.html"]).decode()
    assert '<p class="prepared-for">Prepared for Brightline Coffee Roasters</p>' in html
    assert '<p class="prepared-by">Prepared by Northwind Creative</p>' in html


def test_create_is_idempotent_on_its_key(package):
    first = api.package_create(package=package, idempotency_key=KEY)
    changed = dataclasses.replace(package, title="Another title")

    with events.recording() as recorded:
        again = api.package_create(package=changed, idempotency_key=KEY)

    assert again == first
    assert Package.objects.count() == 1
    assert PackageArtifact.objects.count() == 5
    assert recorded == []


def test_retry_after_a_rollback_overwrites_the_same_files_with_the_same_bytes(
    package,
):
    create_then_roll_back(package)
    orphans = {path: read(path) for path in stored_files()}
    assert Package.objects.count() == 0
    assert len(orphans) == 5

    created = api.package_create(package=package, idempotency_key=KEY)

    assert stored_files() == sorted(orphans)
    assert {a.path: read(a.path) for a in created.artifacts} == orphans


def test_same_input_and_key_give_the_same_manifest_hash_after_a_rollback(package):
    create_then_roll_back(package)
    hashes_before = {path: hashlib.sha256(read(path)).hexdigest()
                     for path in stored_files()}  # fmt: skip

    created = api.package_create(package=package, idempotency_key=KEY)

    assert {a.path: a.sha256 for a in created.artifacts} == hashes_before


def test_revoke_deletes_the_files_keeps_the_row_and_is_idempotent(package):
    created = api.package_create(package=package, idempotency_key=KEY)

    with events.recording() as recorded:
        revoked = api.package_revoke(package_id=created.id)
        again = api.package_revoke(package_id=created.id)

    assert revoked.status == PackageStatus.REVOKED
    assert again == revoked
    assert revoked.artifacts == created.artifacts
    assert stored_files() == []
    assert not Path(default_storage.path(f"packages/{created.id}")).exists()
    assert Package.objects.get(id=created.id).status == Package.Status.REVOKED
    assert [(e.type, e.payload) for e in recorded] == [
        ("package.revoked", {"package_id": created.id, "draft_id": package.draft_id})
    ]


def test_revoke_succeeds_when_the_files_are_already_gone(package):
    created = api.package_create(package=package, idempotency_key=KEY)
    default_storage.delete(created.artifacts[0].path)
    default_storage.delete(created.artifacts[1].path)

    revoked = api.package_revoke(package_id=created.id)

    assert revoked.status == PackageStatus.REVOKED
    assert stored_files() == []


def test_revoke_of_an_unknown_package_raises_not_found():
    with pytest.raises(PackageNotFound) as error:
        api.package_revoke(package_id="pkg_missing")

    assert error.value.code == "NOT_FOUND"


def test_purge_orphans_deletes_files_a_rolled_back_create_left(package):
    create_then_roll_back(package)
    other = api.package_create(
        package=package_input(draft_id="draft_other"), idempotency_key="other-key"
    )

    deleted = api.package_purge_orphans(idempotency_key=KEY)

    assert deleted == 5
    assert stored_files() == sorted(a.path for a in other.artifacts)
    assert api.package_purge_orphans(idempotency_key=KEY) == 0


def test_purge_orphans_never_touches_an_active_package(package):
    created = api.package_create(package=package, idempotency_key=KEY)

    assert api.package_purge_orphans(idempotency_key=KEY) == 0
    assert stored_files() == sorted(a.path for a in created.artifacts)


def test_purge_orphans_cleans_leftovers_of_a_revoked_package(package):
    created = api.package_create(package=package, idempotency_key=KEY)
    api.package_revoke(package_id=created.id)
    default_storage.save(f"packages/{created.id}/report.md", io.BytesIO(b"late"))

    assert api.package_purge_orphans(idempotency_key=KEY) == 1
    assert stored_files() == []


def test_purge_orphans_with_nothing_stored_deletes_nothing():
    assert api.package_purge_orphans(idempotency_key="never-used") == 0


def test_artifact_open_returns_the_stored_file(package):
    created = api.package_create(package=package, idempotency_key=KEY)

    artifact, file = api.artifact_open(package_id=created.id, name="data.json")
    with file:
        content = file.read()

    assert artifact == created.artifacts[3]
    assert hashlib.sha256(content).hexdigest() == artifact.sha256


def test_artifact_open_refuses_unknown_names_revoked_packages_and_missing_files(
    package,
):
    created = api.package_create(package=package, idempotency_key=KEY)
    default_storage.delete(created.artifacts[0].path)

    with pytest.raises(ArtifactNotFound) as unknown_name:
        api.artifact_open(package_id=created.id, name="secrets.txt")
    with pytest.raises(ArtifactNotFound) as missing_file:
        api.artifact_open(package_id=created.id, name="report.md")
    with pytest.raises(ArtifactNotFound) as unknown_package:
        api.artifact_open(package_id="pkg_missing", name="report.md")
    api.package_revoke(package_id=created.id)
    with pytest.raises(ArtifactNotFound) as revoked:
        api.artifact_open(package_id=created.id, name="report.pdf")

    errors = [unknown_name, missing_file, unknown_package, revoked]
    assert [e.value.code for e in errors] == ["NOT_FOUND"] * 4
    assert [e.value.http_status for e in errors] == [404] * 4


def test_get_returns_the_package_and_raises_not_found_for_unknown_ids(package):
    created = api.package_create(package=package, idempotency_key=KEY)

    assert api.package_get(package_id=created.id) == created
    with pytest.raises(PackageNotFound) as error:
        api.package_get(package_id="pkg_nope")
    assert error.value.code == "NOT_FOUND"


def test_list_leaves_revoked_packages_out_unless_asked():
    active = PackageFactory(draft_id="draft_a")
    revoked = PackageFactory(draft_id="draft_a", status=Package.Status.REVOKED)
    other = PackageFactory(draft_id="draft_b")

    assert [p.id for p in api.package_list()] == sorted([active.id, other.id])
    assert [p.id for p in api.package_list(status=PackageStatus.REVOKED)] == [
        revoked.id
    ]
    assert [p.id for p in api.package_list(draft_id="draft_a")] == [active.id]
    first = api.package_list(limit=1)
    assert [p.id for p in api.package_list(after_id=first[0].id)] == [
        max(active.id, other.id)
    ]


def test_storage_failure_raises_storage_unavailable_and_records_nothing(
    package, settings, tmp_path
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a regular file where the media folder should be")
    settings.MEDIA_ROOT = str(blocker)

    with pytest.raises(StorageUnavailable) as error:
        api.package_create(package=package, idempotency_key=KEY)

    assert isinstance(error.value, TransientError)
    assert error.value.code == "STORAGE_UNAVAILABLE"
    assert Package.objects.count() == 0
    assert PackageArtifact.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"draft_id": "../etc"}, "draft_id"),
        ({"draft_id": "draft_1\n"}, "draft_id"),
        ({"draft_id": "draft_" + "x" * 94}, "draft_id"),
        ({"client_name": " "}, "client_name"),
        ({"sections": ()}, "sections"),
        ({"qc_score": 101}, "qc_score"),
        ({"generated_at": dt.datetime(2027, 1, 4, 9, 30)}, "generated_at"),  # noqa: DTZ001
        ({"data": {"when": object()}}, "data"),
    ],
)
def test_create_rejects_invalid_input_and_stores_nothing(package, changes, field):
    bad = dataclasses.replace(package, **changes)

    with pytest.raises(DeliveryInputInvalid) as error:
        api.package_create(package=bad, idempotency_key=KEY)

    assert error.value.code == "VALIDATION_ERROR"
    assert list(error.value.fields) == [field]
    assert Package.objects.count() == 0
    assert stored_files() == []


def test_duplicate_section_keys_are_rejected(package):
    bad = dataclasses.replace(package, sections=package.sections[:1] * 2)

    with pytest.raises(DeliveryInputInvalid) as error:
        api.package_create(package=bad, idempotency_key=KEY)

    assert error.value.fields == {"sections": ["Section keys must be unique."]}
