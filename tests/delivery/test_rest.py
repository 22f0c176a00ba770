"""REST endpoints of delivery: packages and artifact downloads (SPEC §5)."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from delivery import api
from tests.delivery.factories import PackageFactory
from tests.delivery.samples import package_input

pytestmark = pytest.mark.django_db

ARTIFACTS = ["report.md", "report.html", "report.pdf", "data.json", "package.zip"]
CONTENT_TYPES = {
    "report.md": "text/markdown; charset=utf-8",
    "report.html": "text/html; charset=utf-8",
    "report.pdf": "application/pdf",
    "data.json": "application/json",
    "package.zip": "application/zip",
}


@pytest.fixture
def stored(package):
    return api.package_create(package=package, idempotency_key="run_r:create_package")


def _download(client: APIClient, url: str) -> tuple[int, bytes, object]:
    response = client.get(url)
    content = b"".join(response.streaming_content) if response.streaming else b""
    return response.status_code, content, response


def test_a_package_lists_its_artifacts_with_download_urls(viewer, stored):
    response = viewer.get(f"/api/v1/packages/{stored.id}/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "id",
        "draft_id",
        "brief_id",
        "strategy_id",
        "qc_result_id",
        "status",
        "manifest_hash",
        "artifacts",
        "created_at",
    }
    assert body["id"] == stored.id
    assert body["status"] == "active"
    assert [a["name"] for a in body["artifacts"]] == ARTIFACTS
    for listed, artifact in zip(body["artifacts"], stored.artifacts, strict=True):
        assert set(listed) == {"name", "format", "size", "sha256", "download_url"}
        assert (listed["format"], listed["size"], listed["sha256"]) == (
            artifact.format,
            artifact.size,
            artifact.sha256,
        )
        assert listed["download_url"] == (
            f"http://testserver/api/v1/packages/{stored.id}/artifacts/{artifact.name}/"
        )


@pytest.mark.parametrize("name", ARTIFACTS)
def test_a_download_has_the_bytes_the_package_lists(viewer, stored, name):
    listed = {
        a["name"]: a
        for a in viewer.get(f"/api/v1/packages/{stored.id}/").json()["artifacts"]
    }[name]

    status, content, response = _download(viewer, listed["download_url"])

    assert status == 200
    assert hashlib.sha256(content).hexdigest() == listed["sha256"]
    assert len(content) == listed["size"]
    assert response["Content-Type"] == CONTENT_TYPES[name]
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["ETag"] == f'"{listed["sha256"]}"'


def test_a_download_ignores_the_accept_header(viewer, stored):
    response = viewer.get(
        f"/api/v1/packages/{stored.id}/artifacts/report.pdf/",
        HTTP_ACCEPT="application/pdf",
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_download_needs_credentials(stored):
    response = APIClient().get(f"/api/v1/packages/{stored.id}/artifacts/report.pdf/")

    assert response.status_code == 401
    assert response.json()["error_code"] == "NOT_AUTHENTICATED"


def test_an_unknown_artifact_is_not_found(viewer, stored):
    response = viewer.get(f"/api/v1/packages/{stored.id}/artifacts/secrets.txt/")

    assert response.status_code == 404
    assert response.json()["error_code"] == "NOT_FOUND"


def test_a_revoked_package_shows_its_status_and_its_files_are_gone(viewer, stored):
    api.package_revoke(package_id=stored.id)

    detail = viewer.get(f"/api/v1/packages/{stored.id}/").json()
    download = viewer.get(f"/api/v1/packages/{stored.id}/artifacts/report.md/")

    assert detail["status"] == "revoked"
    assert {a["download_url"] for a in detail["artifacts"]} == {None}
    assert download.status_code == 404
    assert download.json()["error_code"] == "NOT_FOUND"


def test_the_list_leaves_revoked_packages_out_unless_asked(viewer, stored):
    other = api.package_create(
        package=package_input(draft_id="draft_01jother00000000000000000"),
        idempotency_key="run_o:create_package",
    )
    api.package_revoke(package_id=other.id)

    def ids(query: str) -> list[str]:
        response = viewer.get(f"/api/v1/packages/{query}")
        assert response.status_code == 200
        return [p["id"] for p in response.json()["results"]]

    assert ids("") == [stored.id]
    assert ids("?status=revoked") == [other.id]
    assert ids(f"?draft_id={stored.draft_id}") == [stored.id]
    assert ids("?draft_id=draft_none") == []


def test_a_bad_status_filter_is_a_validation_error(viewer):
    response = viewer.get("/api/v1/packages/?status=lost")

    assert response.status_code == 400
    assert set(response.json()["details"]["fields"]) == {"status"}


def test_the_package_list_pages_with_next(viewer):
    packages = PackageFactory.create_batch(3)

    first = viewer.get("/api/v1/packages/?limit=2").json()
    second = viewer.get(first["next"]).json()

    assert [p["id"] for p in first["results"]] == [p.id for p in packages[:2]]
    assert [p["id"] for p in second["results"]] == [packages[2].id]
    assert second["next"] is None


def test_the_package_list_runs_a_constant_number_of_queries(
    viewer, stored, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as one:
        assert viewer.get("/api/v1/packages/").status_code == 200
    PackageFactory.create_batch(19)

    with django_assert_num_queries(len(one.captured_queries)):
        response = viewer.get("/api/v1/packages/")

    assert len(response.json()["results"]) == 20
