"""``run_workflow BRIEF.json`` as scripts call it: channel spellings, list types."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from onboarding import api as onboarding_api
from onboarding.models import Brief, Client
from orchestration import api as orchestration_api
from strategy import api as strategy_api
from tests.onboarding.intake_cases import KNOWN, LIST_FIELDS, WRONG_TYPES

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(raw_brief) -> tuple[int, int]:
    """One brief already stored, so "nothing stored" is a count that stays put."""
    onboarding_api.brief_submit(data=raw_brief, known_packs={"quick_social_basic"})
    return Brief.objects.count(), Client.objects.count()


def _run(tmp_path, data: dict, *args: str) -> tuple[int, str]:
    path = tmp_path / "brief.json"
    path.write_text(json.dumps(data))
    out = StringIO()
    try:
        call_command("run_workflow", str(path), *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue()


@pytest.mark.parametrize("field", LIST_FIELDS)
@pytest.mark.parametrize(("value", "kind"), WRONG_TYPES)
def test_a_list_field_of_another_type_exits_2_naming_it_and_stores_nothing(
    tmp_path, raw_brief, stored, field, value, kind
):
    code, message = _run(tmp_path, raw_brief | {field: value})

    assert code == 2
    assert message.splitlines() == [
        f"VALIDATION_ERROR: The brief in {tmp_path / 'brief.json'} is not valid.",
        f"  {field}: Expected a list, not {kind}.",
    ]
    assert (Brief.objects.count(), Client.objects.count()) == stored
    assert orchestration_api.run_list() == []


def test_the_json_output_names_the_field_too(tmp_path, raw_brief):
    out = StringIO()
    path = tmp_path / "brief.json"
    path.write_text(json.dumps(raw_brief | {"competitors": "Lone Star Smiles"}))

    with pytest.raises(CommandError) as caught:
        call_command("run_workflow", str(path), "--json", stdout=out)

    assert caught.value.returncode == 2
    body = json.loads(out.getvalue())
    assert body["error_code"] == "VALIDATION_ERROR"
    assert body["details"]["fields"] == {
        "competitors": ["Expected a list, not a string."]
    }
    assert Brief.objects.count() == 0


def test_an_unknown_channel_exits_2_naming_it_and_the_known_ones(
    tmp_path, raw_brief, stored
):
    code, message = _run(tmp_path, raw_brief | {"channels": ["IG", "Fax"]})

    assert code == 2
    assert f"  channels[1]: Unknown channel 'Fax'. Known: {KNOWN}." in message
    assert (Brief.objects.count(), Client.objects.count()) == stored


def test_channels_in_any_spelling_run_as_their_canonical_names(tmp_path, raw_brief):
    data = raw_brief | {"channels": ["linked_in", " INSTA ", "E-Mail", "mailchimp"]}

    code, out = _run(tmp_path, data, "--json")

    assert code == 0
    run = json.loads(out)
    assert run["status"] == "completed"
    strategy = strategy_api.strategy_get(strategy_id=run["outputs"]["strategy_id"])
    assert [c.channel for c in strategy.channel_plan] == [
        "LinkedIn",
        "Instagram",
        "Email",
    ]
