"""Admin clients for orchestration's admin tests, and what those tests share.

``operator`` and ``viewer`` here are browsers signed in to the admin (a session),
replacing the API clients of ``tests/conftest.py`` for the tests in this folder.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

RUNS_URL = reverse("admin:orchestration_workflowrun_changelist")


def staff_client(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def operator(django_user_model):
    return staff_client(django_user_model, "olivia", "operators")


@pytest.fixture
def viewer(django_user_model):
    return staff_client(django_user_model, "victor", "viewers")


def message_texts(response):
    return [str(message) for message in response.context["messages"]]
