import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from production.models import Asset, Draft, DraftVersion
from tests.production.factories import AssetFactory, DraftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("ana", "ana@agency.test", "pw")
    client.force_login(user)
    return client


def test_draft_page_renders_the_report_and_escapes_html_from_the_brief(staff_client):
    draft = DraftFactory(
        markdown="# Plan\n\n## Overview\n\n**Bold** <script>alert(1)</script>\n"
    )

    response = staff_client.get(
        reverse("admin:production_draft_change", args=[draft.id])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_discard_action_discards_the_selected_drafts(staff_client):
    draft = DraftFactory()

    staff_client.post(
        reverse("admin:production_draft_changelist"),
        {"action": "discard_selected", "_selected_action": [draft.id]},
    )

    draft.refresh_from_db()
    assert draft.status == Draft.Status.DISCARDED


def test_publish_action_refuses_an_asset_that_is_not_scheduled(staff_client):
    asset = AssetFactory()

    response = staff_client.post(
        reverse("admin:production_asset_changelist"),
        {"action": "publish_selected", "_selected_action": [asset.id]},
        follow=True,
    )

    asset.refresh_from_db()
    assert asset.status == Asset.Status.DRAFT
    assert f"Cannot move asset {asset.id} from DRAFT to PUBLISHED" in (
        response.content.decode()
    )


def _role_client(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _draft_with_asset_and_version():
    draft = DraftFactory()
    AssetFactory(draft=draft)
    DraftVersion.objects.create(
        draft=draft, version=1, markdown=draft.markdown, sections=draft.sections
    )


@pytest.mark.parametrize("model", ["draft", "draftversion", "asset"])
def test_lists_make_as_many_queries_for_ten_rows_as_for_one(django_user_model, model):
    viewer = _role_client(django_user_model, "victor", "viewers")
    url = reverse(f"admin:production_{model}_changelist")
    _draft_with_asset_and_version()
    one = _queries(viewer, url)
    for _ in range(9):
        _draft_with_asset_and_version()

    assert _queries(viewer, url) == one


def test_the_report_drops_script_links_and_keeps_quotes_and_tables(staff_client):
    draft = DraftFactory(
        markdown=(
            "# Plan\n\n> Fresh bread, every week.\n\n"
            "[click](javascript:alert(1)) [site](https://kiln.example)\n\n"
            "| Date | Hook |\n|---|---|\n| 2027-01-11 | Hello |\n"
        )
    )

    response = staff_client.get(
        reverse("admin:production_draft_change", args=[draft.id])
    )

    page = response.content.decode()
    assert "<blockquote>" in page
    assert "<td>2027-01-11</td>" in page
    assert "<p>click <a" in page  # the link text stays, as plain text; no target
    assert 'href="javascript:' not in page
    assert '<a href="https://kiln.example">site</a>' in page


def test_a_viewer_reads_drafts_but_is_refused_discarding(django_user_model):
    viewer = _role_client(django_user_model, "victor", "viewers")
    draft = DraftFactory()
    url = reverse("admin:production_draft_changelist")

    page = viewer.get(reverse("admin:production_draft_change", args=[draft.id]))
    refused = viewer.post(
        url, {"action": "discard_selected", "_selected_action": [draft.id]}
    )

    assert page.status_code == 200
    assert refused.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Draft.Status.ACTIVE


def test_a_draft_version_page_renders_its_report(staff_client):
    draft = DraftFactory()
    version = DraftVersion.objects.create(
        draft=draft, version=1, markdown="# Plan\n\n## Overview\n\n**Bold** <b>x</b>\n"
    )

    response = staff_client.get(
        reverse("admin:production_draftversion_change", args=[version.id])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Bold</strong>" in page
    assert "&lt;b&gt;x" in page


def _amend_url(draft):
    return reverse("admin:production_draft_amend", args=[draft.id])


def test_an_operator_amends_a_section_from_the_admin(django_user_model):
    draft = DraftFactory()
    key = draft.sections[0]["key"]
    operator = _role_client(django_user_model, "otto", "operators")

    form = operator.get(_amend_url(draft))
    response = operator.post(
        _amend_url(draft),
        {
            "section_key": key,
            "body": "A sharper opening paragraph for the client.",
            "note": "client call",
            "expected_version": draft.version,
        },
    )

    assert form.status_code == 200
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.sections[0]["body"] == "A sharper opening paragraph for the client."
    assert DraftVersion.objects.filter(
        draft=draft, version=2, amended_by="otto"
    ).exists()


def test_a_stale_admin_amendment_changes_nothing(django_user_model):
    draft = DraftFactory()
    key = draft.sections[0]["key"]
    operator = _role_client(django_user_model, "otto", "operators")
    before = draft.sections[0]["body"]

    response = operator.post(
        _amend_url(draft),
        {"section_key": key, "body": "Late edit.", "expected_version": 7},
        follow=True,
    )

    draft.refresh_from_db()
    assert response.status_code == 200
    assert "version" in response.content.decode().lower()
    assert (draft.version, draft.sections[0]["body"]) == (1, before)


def test_a_viewer_cannot_open_the_amend_page(django_user_model):
    draft = DraftFactory()
    viewer = _role_client(django_user_model, "vera", "viewers")

    response = viewer.post(
        _amend_url(draft),
        {"section_key": draft.sections[0]["key"], "body": "x", "expected_version": 1},
    )

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.version == 1
