import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from orchestration import api as orchestration_api

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load_example(name: str = "brightsmile_dental.json") -> dict:
    return json.loads((EXAMPLES / name).read_text())


@pytest.fixture
def brief():
    return orchestration_api.brief_submit(data=load_example())


@pytest.fixture
def start(brief):
    def _start(**kwargs):
        return orchestration_api.workflow_start(brief_id=brief.id, **kwargs).run

    return _start


def _user_client(django_user_model, username: str, group: str | None) -> APIClient:
    user = django_user_model.objects.create_user(username)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}"
    )
    return client


@pytest.fixture
def operator(django_user_model) -> APIClient:
    return _user_client(django_user_model, "olivia", "operators")


@pytest.fixture
def viewer(django_user_model) -> APIClient:
    return _user_client(django_user_model, "victor", "viewers")
