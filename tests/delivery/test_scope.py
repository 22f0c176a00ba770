"""Account teams (issue 11, item 12) on delivery's surfaces.

A member of a team limited to BrightSmile Dental (``ours``) sees its package, the
package's artifacts and jobs, and nothing of Harvest Table's (``theirs``): REST lists
leave them out, details and downloads answer what an unknown id answers (404
``NOT_FOUND``, no file bytes), the admin's changelists, change pages and the revoke
action find nothing of theirs. A user in no team still sees both.
"""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from aicmo_site.kernel.scope import Scope
from delivery import api as delivery_api
from delivery.dto import JobKind, PackageStatus
from delivery.errors import JobNotFound, PackageNotFound
from delivery.models import Package, PackageArtifact
from tests.conftest import api_client_for
from tests.teams import engagements, staff_admin, team_admin, team_api

pytestmark = pytest.mark.django_db

PACKAGES_URL = reverse("admin:delivery_package_changelist")
ARTIFACTS_URL = reverse("admin:delivery_packageartifact_changelist")
JOBS_URL = reverse("admin:delivery_executionjob_changelist")
ADMIN_INDEX = reverse("admin:index")


@pytest.fixture
def pair():
    """``(ours, theirs)``: two delivered engagements of two clients."""
    return engagements()


def _scope(engagement) -> Scope:
    return Scope.of_clients({engagement.client_id}, {engagement.brief_id})


def _listed(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return sorted(str(row.pk) for row in response.context["cl"].result_list)


def _files(package_id: str) -> list[str]:
    return [
        path
        for path in PackageArtifact.objects.filter(package_id=package_id).values_list(
            "path", flat=True
        )
        if default_storage.exists(path)
    ]


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- REST -----------------------------------------------------------------------


def test_the_package_list_leaves_other_clients_packages_out(django_user_model, pair):
    ours, theirs = pair
    member = team_api(django_user_model, "mia", "viewers", (ours.client_id,))
    everyone = api_client_for(django_user_model, "nora", "viewers")

    body = member.get("/api/v1/packages/").json()
    by_draft = member.get(f"/api/v1/packages/?draft_id={theirs.draft_id}").json()
    all_packages = everyone.get("/api/v1/packages/").json()

    assert [row["id"] for row in body["results"]] == [ours.package_id]
    assert body["next"] is None
    assert by_draft["results"] == []
    assert sorted(row["id"] for row in all_packages["results"]) == sorted(
        [ours.package_id, theirs.package_id]
    )


def test_the_package_list_pages_by_the_scoped_query(django_user_model, pair):
    ours, _ = pair
    member = team_api(django_user_model, "mia", "viewers", (ours.client_id,))

    first = member.get("/api/v1/packages/?limit=1").json()
    second = member.get(first["next"]).json()

    assert [row["id"] for row in first["results"]] == [ours.package_id]
    assert second == {"results": [], "next": None}


def test_another_clients_package_is_not_found_like_an_unknown_id(
    django_user_model, pair
):
    ours, theirs = pair
    member = team_api(django_user_model, "mia", "viewers", (ours.client_id,))

    mine = member.get(f"/api/v1/packages/{ours.package_id}/")
    hidden = member.get(f"/api/v1/packages/{theirs.package_id}/")
    unknown = member.get("/api/v1/packages/pkg_nope/")

    assert mine.status_code == 200
    assert mine.json()["id"] == ours.package_id
    assert (hidden.status_code, hidden.json()["error_code"]) == (404, "NOT_FOUND")
    assert hidden.json()["message"] == f"Package {theirs.package_id} not found."
    assert unknown.json()["message"] == "Package pkg_nope not found."


def test_another_clients_artifact_download_is_404_without_bytes(
    django_user_model, pair
):
    ours, theirs = pair
    member = team_api(django_user_model, "mia", "viewers", (ours.client_id,))
    everyone = api_client_for(django_user_model, "nora", "viewers")
    url = f"/api/v1/packages/{theirs.package_id}/artifacts/report.pdf/"

    hidden = member.get(url)
    mine = member.get(f"/api/v1/packages/{ours.package_id}/artifacts/report.pdf/")
    open_to_all = everyone.get(url)

    assert hidden.status_code == 404
    assert not hidden.streaming
    assert "Content-Disposition" not in hidden
    assert hidden["Content-Type"] == "application/json"
    assert hidden.json()["error_code"] == "NOT_FOUND"
    assert hidden.json()["message"] == f"Package {theirs.package_id} not found."
    assert b"%PDF" not in hidden.content
    assert mine.status_code == 200
    assert b"".join(mine.streaming_content).startswith(b"%PDF")
    assert open_to_all.status_code == 200
    assert b"".join(open_to_all.streaming_content).startswith(b"%PDF")


# --- api: revoke and jobs ----------------------------------------------------------


def test_revoking_another_clients_package_is_not_found_and_changes_nothing(pair):
    ours, theirs = pair
    files = _files(theirs.package_id)

    with pytest.raises(PackageNotFound) as error:
        delivery_api.package_revoke(package_id=theirs.package_id, scope=_scope(ours))

    assert error.value.message == f"Package {theirs.package_id} not found."
    assert Package.objects.get(pk=theirs.package_id).status == Package.Status.ACTIVE
    assert files
    assert _files(theirs.package_id) == files
    revoked = delivery_api.package_revoke(
        package_id=ours.package_id, scope=_scope(ours)
    )
    assert revoked.status == PackageStatus.REVOKED


def test_jobs_follow_their_package_and_jobs_of_no_package_are_agency_wide(pair):
    ours, theirs = pair
    mine = delivery_api.job_enqueue(
        kind=JobKind.EMAIL, payload={}, package_id=ours.package_id
    )
    other = delivery_api.job_enqueue(
        kind=JobKind.EMAIL, payload={}, package_id=theirs.package_id
    )
    loose = delivery_api.job_enqueue(kind=JobKind.CRM_SYNC, payload={})
    scope = _scope(ours)

    assert [job.id for job in delivery_api.job_list(scope=scope)] == [mine.id]
    assert delivery_api.job_get(job_id=mine.id, scope=scope).id == mine.id
    for hidden in (other.id, loose.id):
        with pytest.raises(JobNotFound) as error:
            delivery_api.job_get(job_id=hidden, scope=scope)
        assert error.value.message == f"Job {hidden} not found."
    assert [job.id for job in delivery_api.job_list()] == sorted(
        [mine.id, other.id, loose.id]
    )


# --- admin ------------------------------------------------------------------------


def test_admin_changelists_list_only_the_teams_packages_artifacts_and_jobs(
    django_user_model, pair
):
    ours, theirs = pair
    mine = delivery_api.job_enqueue(
        kind=JobKind.EMAIL, payload={}, package_id=ours.package_id
    )
    other = delivery_api.job_enqueue(
        kind=JobKind.EMAIL, payload={}, package_id=theirs.package_id
    )
    loose = delivery_api.job_enqueue(kind=JobKind.CRM_SYNC, payload={})
    member = team_admin(django_user_model, "mia", "viewers", (ours.client_id,))
    everyone = staff_admin(django_user_model, "nora", "viewers")
    our_artifacts = sorted(
        PackageArtifact.objects.filter(package_id=ours.package_id).values_list(
            "pk", flat=True
        )
    )

    assert _listed(member, PACKAGES_URL) == [ours.package_id]
    assert _listed(member, ARTIFACTS_URL) == our_artifacts
    assert _listed(member, JOBS_URL) == [mine.id]
    assert _listed(everyone, PACKAGES_URL) == sorted(
        [ours.package_id, theirs.package_id]
    )
    assert len(_listed(everyone, ARTIFACTS_URL)) == 2 * len(our_artifacts)
    assert _listed(everyone, JOBS_URL) == sorted([mine.id, other.id, loose.id])


def test_admin_change_pages_of_another_client_do_not_exist(django_user_model, pair):
    ours, theirs = pair
    member = team_admin(django_user_model, "mia", "viewers", (ours.client_id,))
    job = delivery_api.job_enqueue(
        kind=JobKind.EMAIL, payload={}, package_id=theirs.package_id
    )
    artifact = PackageArtifact.objects.filter(package_id=theirs.package_id).first()
    mine = member.get(reverse("admin:delivery_package_change", args=[ours.package_id]))

    hidden = [
        member.get(reverse("admin:delivery_package_change", args=[theirs.package_id])),
        member.get(
            reverse("admin:delivery_packageartifact_change", args=[artifact.pk])
        ),
        member.get(reverse("admin:delivery_executionjob_change", args=[job.id])),
    ]

    assert mine.status_code == 200
    download = reverse(
        "delivery:artifact-download",
        kwargs={"package_id": ours.package_id, "name": "report.pdf"},
    )
    assert download in mine.content.decode()
    assert [(r.status_code, r["Location"]) for r in hidden] == [(302, ADMIN_INDEX)] * 3


def test_the_admins_download_link_honours_the_session_users_team(
    django_user_model, pair
):
    ours, theirs = pair
    member = team_admin(django_user_model, "mia", "viewers", (ours.client_id,))

    def download(engagement):
        return member.get(
            reverse(
                "delivery:artifact-download",
                kwargs={"package_id": engagement.package_id, "name": "report.md"},
            )
        )

    hidden = download(theirs)
    mine = download(ours)

    assert hidden.status_code == 404
    assert hidden.json()["error_code"] == "NOT_FOUND"
    assert "Content-Disposition" not in hidden
    assert mine.status_code == 200
    assert b"".join(mine.streaming_content)


def test_the_revoke_action_cannot_reach_another_clients_package(
    django_user_model, pair
):
    ours, theirs = pair
    member = team_admin(django_user_model, "olivia", "operators", (ours.client_id,))
    files = _files(theirs.package_id)

    refused = member.post(
        PACKAGES_URL,
        {"action": "revoke_packages", "_selected_action": [theirs.package_id]},
        follow=True,
    )

    assert refused.status_code == 200
    assert _messages(refused) == ["Revoked 0 package(s)."]
    assert Package.objects.get(pk=theirs.package_id).status == Package.Status.ACTIVE
    assert files
    assert _files(theirs.package_id) == files

    both = member.post(
        PACKAGES_URL,
        {
            "action": "revoke_packages",
            "_selected_action": [ours.package_id, theirs.package_id],
        },
        follow=True,
    )

    assert _messages(both) == ["Revoked 1 package(s)."]
    assert Package.objects.get(pk=ours.package_id).status == Package.Status.REVOKED
    assert Package.objects.get(pk=theirs.package_id).status == Package.Status.ACTIVE
    assert _files(theirs.package_id) == files
