"""run_workflow and recover_runs as an operator uses them."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from onboarding import api as onboarding_api
from orchestration import api as orchestration_api

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BRIEF = str(EXAMPLES / "brightsmile_dental.json")


def _run(*args):
    out = StringIO()
    code = 0
    try:
        call_command("run_workflow", *args, stdout=out)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def test_a_completed_run_prints_steps_and_artifact_paths():
    code, out = _run(BRIEF)

    assert code == 0
    assert ": COMPLETED" in out
    for step in (
        "normalize_brief",
        "generate_strategy",
        "generate_draft",
        "qc_evaluate",
        "create_package",
    ):
        assert step in out
    paths = [
        line.split()[1]
        for line in out.splitlines()
        if line.strip().startswith(("markdown ", "html ", "pdf ", "json ", "zip "))
    ]
    assert [Path(p).name for p in paths] == [
        "report.md",
        "report.html",
        "report.pdf",
        "data.json",
        "package.zip",
    ]
    assert all(Path(p).is_file() for p in paths)


def test_json_output_is_the_run_json():
    code, out = _run(BRIEF, "--json")

    body = json.loads(out)
    assert code == 0
    assert body["status"] == "completed"
    assert body["error"] is None
    assert body == orchestration_api.run_get(run_id=body["id"]).as_json()


@pytest.mark.parametrize(
    ("fault", "compensated"),
    [
        ("qc", ["generate_draft", "generate_strategy", "normalize_brief"]),
        (
            "delivery",
            ["qc_evaluate", "generate_draft", "generate_strategy", "normalize_brief"],
        ),
    ],
)
def test_force_fail_exits_1_with_the_compensation_order(fault, compensated):
    code, out = _run(BRIEF, "--force-fail", fault, "--json")

    body = json.loads(out)
    assert code == 1
    assert body["status"] == "compensated"
    assert body["compensated_steps"] == compensated


def test_a_bad_brief_exits_2_names_every_field_and_stores_nothing():
    with pytest.raises(CommandError) as caught:
        _run(str(EXAMPLES / "invalid_brief.json"))

    message = str(caught.value)
    assert caught.value.returncode == 2
    for field in (
        "client.name",
        "client.website",
        "client.geography",
        "objective",
        "pain_points",
        "desired_outcomes",
        "channels[1]",
        "budget.amount",
        "budget.currency",
        "duration_weeks",
    ):
        assert f"  {field}: " in message
    assert onboarding_api.brief_list() == []
    assert orchestration_api.run_list() == []


def test_bad_options_and_a_bad_brief_are_reported_together(tmp_path):
    brief = tmp_path / "b.json"
    brief.write_text(json.dumps({"objective": "Leads"}))

    with pytest.raises(CommandError) as caught:
        _run(str(brief), "--pack", "nope", "--crash-after", "everything")

    message = str(caught.value)
    assert "  --pack: " in message
    assert "  --crash-after: " in message
    assert "  client: " in message
    assert onboarding_api.brief_list() == []


@pytest.mark.parametrize("content", ["{not json", ""])
def test_a_file_that_is_not_json_exits_2(tmp_path, content):
    brief = tmp_path / "b.json"
    brief.write_text(content)

    with pytest.raises(CommandError) as caught:
        _run(str(brief))

    assert caught.value.returncode == 2
    assert "is not valid JSON" in str(caught.value)


def test_a_missing_file_exits_2():
    with pytest.raises(CommandError) as caught:
        _run("/nonexistent/brief.json")

    assert caught.value.returncode == 2
    assert "No such brief file" in str(caught.value)


def test_fault_injection_disabled_exits_2_with_its_code(settings):
    settings.AICMO_ALLOW_FAULT_INJECTION = False

    with pytest.raises(CommandError) as caught:
        _run(BRIEF, "--force-fail", "qc")

    assert caught.value.returncode == 2
    assert "FAULT_INJECTION_DISABLED" in str(caught.value)
    assert onboarding_api.brief_list() == []


def test_an_idempotency_key_replay_prints_the_same_run():
    _, first = _run(BRIEF, "--idempotency-key", "demo-1", "--json")
    _, second = _run(BRIEF, "--idempotency-key", "demo-1", "--json")

    assert json.loads(first)["id"] == json.loads(second)["id"]
    assert len(orchestration_api.run_list()) == 1
    assert len(onboarding_api.brief_list()) == 1


def test_recover_runs_reports_when_nothing_needs_recovery():
    out = StringIO()

    call_command("recover_runs", stdout=out)

    assert out.getvalue().strip() == "No run needed recovery."
