"""Tests that need a real server: skip without it on a laptop, fail in CI.

In CI (``CI=true``) a skipped server-backed test would hide a broken setup, so it
fails instead, with the same reason.
"""

import os

import pytest


def unavailable(reason: str) -> None:
    """Skip the current test for ``reason``, or fail it in CI."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run server-backed tests)")
    pytest.skip(reason)
