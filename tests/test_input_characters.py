"""Issue 11, finding 1: text that is not text is refused at every input boundary.

Lone surrogates, NUL and the other control characters (C0 and C1 but tab, line feed
and carriage return; DEL; U+FFFE and U+FFFF) are refused with VALIDATION_ERROR naming
the field, and nothing is stored: over the API, by run_workflow, in the brief and
lead imports, by cam's services and in draft amendments (aicmo_site.kernel.text).
"""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from cam import api as cam_api
from cam.errors import LeadImportFailed
from cam.errors import ValidationFailed as CamValidationFailed
from cam.models import Campaign, Lead, Suppression
from onboarding import intake
from onboarding.models import Brief, Client
from orchestration import api as orchestration_api
from orchestration.resources import BRIEF_COLUMNS
from production import api as production_api
from production.errors import InvalidProductionInput
from tests.inputs import PACKS, brief_file, counts, error_of, post_json
from tests.orchestration.admin.conftest import staff_client
from tests.orchestration.conftest import load_example

pytestmark = pytest.mark.django_db

# One of each kind the kernel refuses: NUL, ESC, DEL, a C1 control, surrogates, and
# a noncharacter.
FORBIDDEN = ["\x00", "\x1b", "\x7f", "\x85", "\ud800", "\udc00", "\uffff"]
LEAD = {"name": "Jane Doe", "email": "jane@acme.example", "base_score": 0.7}


def _kind(char: str) -> str:
    if 0xD800 <= ord(char) <= 0xDFFF:
        return "lone surrogate"
    return "noncharacter" if char == "\uffff" else "control character"


@pytest.fixture
def start():
    brief = orchestration_api.brief_submit(data=load_example())

    def _start():
        return orchestration_api.workflow_start(brief_id=brief.id).run

    return _start


@pytest.fixture
def campaign():
    return cam_api.campaign_create(
        name="Dentists", niche="Dental clinics", offer="Retainer", target_clients=3
    )


# --- finding 1: forbidden characters, over the API ------------------------------


def test_a_lone_surrogate_tone_is_refused_and_the_brief_list_still_answers(operator):
    # The exact probe of the issue: the raw JSON escape, not an encoded character.
    body = json.dumps(load_example())[:-1] + ', "tone": "\\ud800"}'

    response = post_json(operator, "/api/v1/briefs/", body)

    error = error_of(response, 400, "VALIDATION_ERROR")
    assert list(error["details"]["fields"]) == ["tone"]
    assert error["details"]["fields"]["tone"][0].startswith(
        "Contains a lone surrogate (U+D800) at position 0"
    )
    assert Brief.objects.count() == 0
    assert operator.get("/api/v1/briefs/").status_code == 200


@pytest.mark.parametrize("char", FORBIDDEN)
@pytest.mark.parametrize(
    ("path", "field"),
    [
        (("tone",), "tone"),
        (("client", "name"), "client.name"),
        (("pain_points", 1), "pain_points[1]"),
    ],
)
def test_a_forbidden_character_in_a_brief_is_named_and_nothing_is_stored(
    operator, char, path, field
):
    data = load_example()
    holder = data
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = f"Bad {char} text"
    before = counts()

    response = post_json(operator, "/api/v1/briefs/", data)

    error = error_of(response, 400, "VALIDATION_ERROR")
    assert list(error["details"]["fields"]) == [field]
    assert error["details"]["fields"][field][0].startswith(
        f"Contains a {_kind(char)} (U+{ord(char):04X}) at position 4;"
    )
    assert counts() == before


def test_a_forbidden_character_in_a_field_name_is_named_escaped(operator):
    body = json.dumps(load_example())[:-1] + ', "\\udc00x": "y"}'

    response = post_json(operator, "/api/v1/briefs/", body)

    error = error_of(response, 400, "VALIDATION_ERROR")
    assert error["details"]["fields"] == {
        "\\udc00x": [
            "The field name contains a lone surrogate (U+DC00) at position 0; "
            "control characters (other than tab and line breaks) and lone "
            "surrogates are not allowed."
        ]
    }
    assert Brief.objects.count() == 0


def test_tabs_line_breaks_and_format_characters_are_accepted(operator):
    data = load_example()
    data["tone"] = "Warm,\tplain\r\nand kind \u200d\U0001f600 \u200fשלום"

    response = post_json(operator, "/api/v1/briefs/", data)

    assert response.status_code == 201
    assert Brief.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/campaigns/", {"name": "a\x00b"}, "name"),
        ("/api/v1/leads/", {"company": "Acme\x1b"}, "company"),
        ("/api/v1/suppressions/", {"note": "\x07"}, "note"),
        ("/api/v1/runs/", {"brief_id": "brief_\x00"}, "brief_id"),
    ],
)
@pytest.mark.parametrize("form", ["json", "multipart"])
def test_other_api_bodies_refuse_forbidden_characters_by_name(
    operator, campaign, path, body, field, form
):
    full = {
        "/api/v1/campaigns/": {
            "name": "x",
            "niche": "y",
            "offer": "z",
            "target_clients": 2,
        },
        "/api/v1/leads/": {"campaign_id": campaign.id, **LEAD},
        "/api/v1/suppressions/": {"email": "a@b.example", "reason": "UNSUBSCRIBED"},
        "/api/v1/runs/": {},
    }[path] | body
    before = counts()

    response = operator.post(path, full, format=form)

    error = error_of(response, 400, "VALIDATION_ERROR")
    assert list(error["details"]["fields"]) == [field]
    assert error["details"]["fields"][field][0].startswith("Contains a control ")
    assert counts() == before


# --- finding 1: the same check below the API -------------------------------------


def test_intake_names_a_forbidden_character_and_every_other_problem():
    raw = load_example() | {"tone": "Calm\x00", "objective": "Fame\ud800"}

    result = intake.validate_intake(raw, known_packs=PACKS)

    assert result.errors == {
        "tone": [
            "Contains a control character (U+0000) at position 4; control "
            "characters (other than tab and line breaks) and lone surrogates are "
            "not allowed."
        ],
        "objective": [
            "Contains a lone surrogate (U+D800) at position 4; control characters "
            "(other than tab and line breaks) and lone surrogates are not allowed.",
            "Must be one of: Awareness, Leads, Sales, Hiring, Partnerships, Retention.",
        ],
    }


def test_a_stored_brief_with_a_forbidden_character_still_exports_cleanly():
    # Briefs stored before the check: the canonical form (the export's rows) leaves
    # the forbidden characters out rather than failing the whole export.
    raw = load_example() | {"tone": "Calm\x00\ud800"}

    result = intake.validate_intake(raw, known_packs=PACKS)

    assert result.data["tone"] == "Calm"


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(BRIEF_COLUMNS), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_the_brief_import_names_a_control_character_and_stores_nothing(
    django_user_model,
):
    admin = staff_client(django_user_model, "olivia", "operators")
    row = {
        "client_name": "Kiln & Crumb",
        "client_website": "kilnandcrumb.co.uk",
        "client_industry": "Artisan bakery",
        "client_geography": "Leeds, UK",
        "primary_offer": "Weekly sourdough subscription",
        "objective": "Sales",
        "target_audience": "Busy professionals in Leeds",
        "pain_points": "No time to queue",
        "desired_outcomes": "Fresh bread every week",
        "tone": "Warm\x00witty",
    }

    response = admin.post(
        reverse("admin:orchestration_brief_import"),
        {
            "import_file": SimpleUploadedFile("briefs.csv", _csv([row])),
            "format": "0",
        },
    )

    [invalid] = response.context["result"].invalid_rows
    assert list(invalid.error_dict) == ["tone"]
    assert invalid.error_dict["tone"][0].startswith(
        "Contains a control character (U+0000) at position 4"
    )
    assert response.context.get("confirm_form") is None
    assert Brief.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"name": "Jane\x00"}, "name"),
        ({"company": "\ud800"}, "company"),
        ({"role": "Owner\x9b"}, "role"),
        ({"pain_points": "slow\x1b[2J"}, "pain_points"),
    ],
)
def test_cam_refuses_forbidden_characters_in_a_lead(campaign, fields, named):
    with pytest.raises(CamValidationFailed) as caught:
        cam_api.lead_ingest(campaign_id=campaign.id, **(LEAD | fields))

    assert list(caught.value.fields) == [named]
    assert Lead.objects.count() == 0


def test_cam_refuses_forbidden_characters_in_a_campaign_and_a_suppression(campaign):
    with pytest.raises(CamValidationFailed) as made:
        cam_api.campaign_create(
            name="A\x00",
            niche="Dental\x1f",
            offer="ok",
            target_clients=1,
            banned_words=["fine", "cheap\x00"],
        )
    with pytest.raises(CamValidationFailed) as suppressed:
        cam_api.suppression_add(
            email="a@b.example", reason="UNSUBSCRIBED", note="note\ud800"
        )

    assert sorted(made.value.fields) == ["banned_words", "name", "niche"]
    assert list(suppressed.value.fields) == ["note"]
    assert Campaign.objects.count() == 1
    assert Suppression.objects.count() == 0


def test_the_lead_import_names_the_line_and_column_of_a_control_character(campaign):
    rows = [
        (2, {"name": "Good", "email": "good@x.example", "base_score": "0.5"}),
        (3, {"name": "Bad\x00", "email": "bad@x.example", "base_score": "0.5"}),
    ]

    with pytest.raises(LeadImportFailed) as caught:
        cam_api.lead_import(campaign_id=campaign.id, rows=rows)

    lines = caught.value.extra["lines"]
    assert list(lines) == [3]
    assert list(lines[3]) == ["name"]
    assert Lead.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"body": "New text\x00"}, ["body"]),
        ({"body": "Tab\tand\nlines \ud800"}, ["body"]),
        ({"note": "why\x1b"}, ["note"]),
        ({"amended_by": "olivia\x00"}, ["amended_by"]),
        ({"body": "x" * 100_001}, ["body"]),
    ],
)
def test_an_amendment_with_a_forbidden_character_changes_nothing(start, changes, named):
    draft_id = start().outputs["draft_id"]
    before = production_api.draft_get(draft_id=draft_id)
    amendment = {
        "body": "New text.",
        "note": "",
        "amended_by": "olivia",
    } | changes

    with pytest.raises(InvalidProductionInput) as caught:
        production_api.draft_amend(
            draft_id=draft_id,
            section_key="overview",
            expected_version=before.version,
            **amendment,
        )

    assert sorted(caught.value.extra["fields"]) == named
    after = production_api.draft_get(draft_id=draft_id)
    assert (after.version, after.markdown) == (before.version, before.markdown)


@pytest.mark.parametrize("form", ["json", "multipart"])
def test_an_amendment_over_the_api_names_the_body(operator, start, form):
    draft_id = start().outputs["draft_id"]
    before = production_api.draft_get(draft_id=draft_id)

    response = operator.put(
        f"/api/v1/drafts/{draft_id}/sections/overview/",
        {"body": "New\x00text", "expected_version": before.version},
        format=form,
    )

    error = error_of(response, 400, "VALIDATION_ERROR")
    assert list(error["details"]["fields"]) == ["body"]
    assert production_api.draft_get(draft_id=draft_id).version == before.version


def test_run_workflow_names_a_surrogate_and_exits_2(tmp_path):
    brief = brief_file(
        tmp_path, json.dumps(load_example())[:-1] + ', "tone": "\\ud800"}'
    )

    with pytest.raises(CommandError) as caught:
        call_command("run_workflow", brief, stdout=io.StringIO())

    assert caught.value.returncode == 2
    assert "  tone: Contains a lone surrogate (U+D800)" in str(caught.value)
    assert str(caught.value).encode("utf-8")  # printable: no surrogate echoed
    assert counts()["briefs"] == 0


@pytest.mark.postgresql
def test_nul_in_a_brief_on_postgresql_answers_400(operator):
    data = load_example()
    data["client"]["name"] = "Bright\x00Smile"

    response = post_json(operator, "/api/v1/briefs/", data)

    error = error_of(response, 400, "VALIDATION_ERROR")
    assert list(error["details"]["fields"]) == ["client.name"]
    assert Brief.objects.count() == 0
    assert Client.objects.count() == 0
