"""Delivery's admin: packages link their files to the authenticated REST download."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delivery import api as delivery_api
from delivery.models import Package, PackageArtifact
from tests.delivery.factories import ExecutionJobFactory, PackageFactory
from tests.delivery.samples import package_input

pytestmark = pytest.mark.django_db

PACKAGES_URL = reverse("admin:delivery_package_changelist")


def _staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def operator(django_user_model):
    return _staff(django_user_model, "olivia", "operators")


@pytest.fixture
def viewer(django_user_model):
    return _staff(django_user_model, "victor", "viewers")


@pytest.fixture
def stored():
    return delivery_api.package_create(
        package=package_input(), idempotency_key="run_1:create_package"
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _package_with_job():
    package = PackageFactory()
    for position, name in enumerate(("report.md", "report.pdf")):
        PackageArtifact.objects.create(
            package=package,
            position=position,
            name=name,
            format=name.rsplit(".", 1)[1],
            size=10,
            sha256="0" * 64,
            path=f"packages/{package.id}/{name}",
        )
    ExecutionJobFactory(package=package)


@pytest.mark.parametrize("model", ["package", "packageartifact", "executionjob"])
def test_lists_make_as_many_queries_for_ten_rows_as_for_one(viewer, model):
    url = reverse(f"admin:delivery_{model}_changelist")
    _package_with_job()
    one = _queries(viewer, url)
    for _ in range(9):
        _package_with_job()

    assert _queries(viewer, url) == one


def test_the_package_page_links_each_file_to_the_authenticated_download(viewer, stored):
    response = viewer.get(reverse("admin:delivery_package_change", args=[stored.id]))

    page = response.content.decode()
    for artifact in stored.artifacts:
        url = f"/api/v1/packages/{stored.id}/artifacts/{artifact.name}/"
        assert f'href="{url}"' in page
    assert "/media/" not in page
    download = viewer.get(f"/api/v1/packages/{stored.id}/artifacts/report.pdf/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_revoked_package_shows_no_download(viewer, stored):
    delivery_api.package_revoke(package_id=stored.id)

    response = viewer.get(reverse("admin:delivery_package_change", args=[stored.id]))

    page = response.content.decode()
    assert "Revoked: files deleted." in page
    assert "/artifacts/" not in page


def test_an_operator_revokes_a_package(operator, stored):
    operator.post(
        PACKAGES_URL, {"action": "revoke_packages", "_selected_action": [stored.id]}
    )

    assert Package.objects.get(pk=stored.id).status == Package.Status.REVOKED


def test_a_viewer_sees_no_revoke_action_and_is_refused_it(viewer, stored):
    listing = viewer.get(PACKAGES_URL)
    refused = viewer.post(
        PACKAGES_URL, {"action": "revoke_packages", "_selected_action": [stored.id]}
    )

    assert listing.context["action_form"] is None
    assert refused.status_code == 403
    assert Package.objects.get(pk=stored.id).status == Package.Status.ACTIVE
