import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Give every test its own MEDIA_ROOT, so stored files never leak between tests."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
