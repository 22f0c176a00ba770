import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from production.models import Asset, Draft
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
