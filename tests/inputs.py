"""What the input-hardening tests share (issue 11, findings 1 to 3)."""

import json
from pathlib import Path

from cam.models import Campaign, Lead, Suppression
from onboarding.models import Brief, Client
from orchestration.models import WorkflowRun

ERROR_KEYS = {"error_code", "message", "details", "trace_id"}
PACKS = {"quick_social_basic", "strategy_campaign_standard"}


def error_of(response, status: int, code: str) -> dict:
    """Assert ``response`` is the one error shape with ``status`` and ``code``."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["error_code"] == code
    assert body["message"]
    return body


def post_json(client, path: str, data, method: str = "post"):
    """Send ``data`` as JSON text; a str or bytes ``data`` is sent as it is."""
    raw = data if isinstance(data, str | bytes) else json.dumps(data)
    return client.generic(method.upper(), path, raw, content_type="application/json")


def counts() -> dict[str, int]:
    """Rows of every kind an input could create."""
    return {
        "briefs": Brief.objects.count(),
        "clients": Client.objects.count(),
        "runs": WorkflowRun.objects.count(),
        "campaigns": Campaign.objects.count(),
        "leads": Lead.objects.count(),
        "suppressions": Suppression.objects.count(),
    }


def brief_file(tmp_path: Path, text: str) -> str:
    """Write ``text`` as a brief file for run_workflow; return its path."""
    path = tmp_path / "brief.json"
    path.write_text(text, encoding="utf-8")
    return str(path)
