import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Give every test its own MEDIA_ROOT, so stored files never leak between tests."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


def pytest_collection_modifyitems(config, items):
    """Deselect ``postgresql`` tests when the suite's database is not PostgreSQL.

    They pin behaviour only PostgreSQL has (row locks, SKIP LOCKED); the CI's
    PostgreSQL pass runs them. Deselected, not skipped: nothing is hidden.
    """
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    keep, drop = [], []
    for item in items:
        (drop if item.get_closest_marker("postgresql") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def api_client_for(django_user_model, username: str, group: str | None) -> APIClient:
    """An API client signed in by token as a new user in ``group`` (none: no role)."""
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
    """An API client of a user in ``operators`` (admin tests use a session instead)."""
    return api_client_for(django_user_model, "olivia", "operators")


@pytest.fixture
def viewer(django_user_model) -> APIClient:
    """An API client of a user in ``viewers``."""
    return api_client_for(django_user_model, "victor", "viewers")
