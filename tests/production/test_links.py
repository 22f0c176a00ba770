"""The admin's draft view links as the reports do: http(s), mailto and anchors only."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from production.models import DraftVersion
from tests.links import BODY, LINK_TEXTS, SAFE_LINKED, read_links
from tests.production.factories import DraftFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = get_user_model().objects.create_superuser("ana", "ana@agency.test", "pw")
    client.force_login(user)
    return client


def _rendered(page: str):
    return read_links(
        page,
        lambda tag, attributes: (
            tag == "div" and attributes.get("class") == "aicmo-draft"
        ),
    )


@pytest.mark.parametrize("model", ["draft", "draftversion"])
def test_the_rendered_draft_keeps_only_safe_targets_and_every_link_text(
    staff_client, model
):
    draft = DraftFactory(markdown=f"# Plan\n\n## Overview\n\n{BODY}\n")
    version = DraftVersion.objects.create(
        draft=draft, version=1, sections=draft.sections, markdown=draft.markdown
    )
    shown = draft if model == "draft" else version

    response = staff_client.get(
        reverse(f"admin:production_{model}_change", args=[shown.id])
    )

    assert response.status_code == 200
    rendered = _rendered(response.content.decode())
    assert [href for href, _text in rendered.links] == [
        *SAFE_LINKED,
        "#contents",
        "#overview",
        "#nowhere",
    ]
    assert rendered.images == 0
    text = "".join(rendered.text)
    for label in LINK_TEXTS:
        assert f" {label} here." in text
