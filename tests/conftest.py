import pytest


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
