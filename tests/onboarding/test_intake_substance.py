"""The brief's substance (SPEC §5): industry family, FAQs, proof, places, key dates.

Each field is checked where briefs come in (``POST /api/v1/briefs/``, ``run_workflow``
and the admin's CSV/XLSX import), then read back as the ``BriefContext`` the
generators consume. So are the channels issue 12 added (SMS, Nextdoor, Events, Print,
Podcast) and their synonyms.
"""

import copy
import csv
import datetime as dt
import io
import json
from io import StringIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from aicmo_site.kernel import briefs
from aicmo_site.kernel.briefs import Faq, KeyDate, Location
from onboarding import api as onboarding_api
from onboarding import intake
from onboarding.dto import BRIEF_COLUMNS, JSON_COLUMNS
from onboarding.models import Brief, Client, NormalizedBrief
from orchestration import api as orchestration_api
from orchestration.resources import column_errors
from tests.onboarding.conftest import PACKS
from tests.orchestration.admin.conftest import staff_client

pytestmark = pytest.mark.django_db

FAMILIES = (
    "consumer_subscription, local_service, education, b2b_industrial, "
    "public_sector_health, saas, other"
)
DATE_MESSAGE = "Must be a date in ISO form, such as 2027-01-11."
LONG = "x" * 501
SUBSTANCE = {
    "industry_family": "B2B-Industrial",
    "faqs": [
        {
            "question": "Do you ship spare seals?",
            "answer": "Yes; within 48 hours across the EU.",
        },
        {"question": "Which standards apply?", "answer": "EN 1983 and PN 160."},
    ],
    "proof_points": [
        "-40 °C to +200 °C rated",
        "ISO 9001 certified since 2004",
    ],
    "locations": [
        {
            "name": "Hamburg works",
            "address": "Am Hafen 12, 20457 Hamburg, Straße 3",
            "hours": "Mon-Fri 7:00-16:00",
        },
        {"name": "Trade counter, Bremen"},
    ],
    "key_dates": [
        {"date": "2027-03-02", "label": "Valve World Expo opens"},
        {"date": "2027-04-19", "label": "Distributor pricing goes live"},
    ],
}
NORMALIZED = {
    "industry_family": "b2b_industrial",
    "faqs": SUBSTANCE["faqs"],
    "proof_points": SUBSTANCE["proof_points"],
    "locations": [
        SUBSTANCE["locations"][0],
        {"name": "Trade counter, Bremen", "address": "", "hours": ""},
    ],
    "key_dates": SUBSTANCE["key_dates"],
}
EMPTY = {
    "industry_family": "",
    "faqs": [],
    "proof_points": [],
    "locations": [],
    "key_dates": [],
}
# One bad value of a substance field, and every error it must give, exactly.
BAD_SHAPES = [
    pytest.param(
        "faqs",
        "Do you ship? Yes.",
        {"faqs": ["Expected a list, not a string."]},
        id="faqs-not-a-list",
    ),
    pytest.param(
        "locations",
        {"name": "Hamburg works"},
        {"locations": ["Expected a list, not an object."]},
        id="locations-not-a-list",
    ),
    pytest.param(
        "key_dates",
        20270302,
        {"key_dates": ["Expected a list, not a number."]},
        id="key-dates-not-a-list",
    ),
    pytest.param(
        "proof_points",
        "ISO 9001",
        {"proof_points": ["Expected a list, not a string."]},
        id="proof-points-not-a-list",
    ),
    pytest.param(
        "faqs",
        ["Do you ship spare seals?"],
        {"faqs[0]": ["Expected an object with question and answer."]},
        id="faq-not-an-object",
    ),
    pytest.param(
        "locations",
        ["Hamburg works"],
        {"locations[0]": ["Expected an object with name, address and hours."]},
        id="location-not-an-object",
    ),
    pytest.param(
        "key_dates",
        [["2027-03-02", "Expo"]],
        {"key_dates[0]": ["Expected an object with date and label."]},
        id="key-date-not-an-object",
    ),
    pytest.param(
        "faqs",
        [{"question": "Do you ship spare seals?"}],
        {"faqs[0].answer": ["This field is required."]},
        id="faq-without-answer",
    ),
    pytest.param(
        "locations",
        [{"address": "Am Hafen 12"}],
        {"locations[0].name": ["This field is required."]},
        id="location-without-name",
    ),
    pytest.param(
        "key_dates",
        [{"label": "Expo"}],
        {"key_dates[0].date": ["This field is required."]},
        id="key-date-without-date",
    ),
    pytest.param(
        "faqs",
        [{"question": "Q?", "answer": "A.", "foo": "bar"}],
        {"faqs[0].foo": ["Unknown field."]},
        id="faq-unknown-key",
    ),
    pytest.param(
        "faqs",
        [{"Question": "Q?", "question": "Again?", "answer": "A."}],
        {"faqs[0].question": ["Given twice (as 'Question' and 'question')."]},
        id="faq-key-given-twice",
    ),
    pytest.param(
        "faqs",
        [{"question": "   ", "answer": "A."}],
        {"faqs[0].question": ["This field is required."]},
        id="faq-empty-question",
    ),
    pytest.param(
        "key_dates",
        [{"date": "2027-03-02", "label": ""}],
        {"key_dates[0].label": ["This field is required."]},
        id="key-date-empty-label",
    ),
    pytest.param(
        "proof_points",
        ["ISO 9001", ""],
        {"proof_points[1]": ["Must be a non-empty string."]},
        id="proof-point-empty",
    ),
    pytest.param(
        "faqs",
        [{"question": "Q?", "answer": 42}],
        {"faqs[0].answer": ["Must be a string."]},
        id="faq-answer-a-number",
    ),
    pytest.param(
        "faqs",
        [{"question": "Q?", "answer": LONG}],
        {"faqs[0].answer": ["Must be at most 500 characters."]},
        id="faq-answer-too-long",
    ),
    pytest.param(
        "locations",
        [{"name": "Hamburg works", "hours": LONG}],
        {"locations[0].hours": ["Must be at most 500 characters."]},
        id="location-hours-too-long",
    ),
    pytest.param(
        "proof_points",
        ["ISO 9001", LONG],
        {"proof_points[1]": ["Must be at most 500 characters."]},
        id="proof-point-too-long",
    ),
    pytest.param(
        "key_dates",
        [
            {"date": "2027-03-02", "label": "Expo"},
            {"date": "2027-02-30", "label": "Pricing"},
        ],
        {"key_dates[1].date": [DATE_MESSAGE]},
        id="key-date-not-a-day",
    ),
    pytest.param(
        "key_dates",
        [{"date": 20270302, "label": "Expo"}],
        {"key_dates[0].date": [DATE_MESSAGE]},
        id="key-date-a-number",
    ),
    pytest.param(
        "faqs",
        [{"question": f"Q{n}?", "answer": "A."} for n in range(21)],
        {"faqs": ["Give at most 20 items, not 21."]},
        id="faqs-too-many",
    ),
    pytest.param(
        "industry_family",
        "Aerospace",
        {
            "industry_family": [
                f"Unknown industry family 'Aerospace'. Known: {FAMILIES}."
            ]
        },
        id="family-unknown",
    ),
    pytest.param(
        "industry_family",
        7,
        {"industry_family": ["Must be a string."]},
        id="family-a-number",
    ),
    pytest.param(
        "industry_family",
        "b" * 41,
        {"industry_family": ["Must be at most 40 characters."]},
        id="family-too-long",
    ),
]
# Several bad fields at once: each is named in one pass.
SEVERAL_BAD = {
    "industry_family": "Shipbuilding",
    "faqs": [{"question": "Q?", "answer": "A.", "foo": "bar"}, "Why us?"],
    "proof_points": [""],
    "locations": [{"hours": "24/7"}],
    "key_dates": [
        {"date": "2027-03-02", "label": "Expo"},
        {"date": "March 2027", "label": "Pricing"},
    ],
}
SEVERAL_BAD_ERRORS = {
    "industry_family": [f"Unknown industry family 'Shipbuilding'. Known: {FAMILIES}."],
    "proof_points[0]": ["Must be a non-empty string."],
    "faqs[0].foo": ["Unknown field."],
    "faqs[1]": ["Expected an object with question and answer."],
    "locations[0].name": ["This field is required."],
    "key_dates[1].date": [DATE_MESSAGE],
}
NEW_CHANNELS = [
    ("SMS", "SMS"),
    ("SMS", "text message"),
    ("Nextdoor", "Nextdoor"),
    ("Nextdoor", "next door"),
    ("Events", "Events"),
    ("Events", "trade fairs"),
    ("Print", "Print"),
    ("Print", "flyers"),
    ("Podcast", "Podcast"),
    ("Podcast", "podcasts"),
]


@pytest.fixture
def stored(raw_brief) -> tuple[int, int]:
    """One brief already stored, so "nothing stored" is a count that stays put."""
    onboarding_api.brief_submit(data=raw_brief, known_packs=PACKS)
    return Brief.objects.count(), Client.objects.count()


def _validate(data: dict) -> intake.IntakeResult:
    return intake.validate_intake(data, known_packs=PACKS)


def _context(brief_id: str) -> briefs.BriefContext:
    normalized = onboarding_api.brief_normalize(
        brief_id=brief_id, engagement_ref="run_x", idempotency_key=f"{brief_id}:n"
    )
    return onboarding_api.brief_context_get(normalized_brief_id=normalized.id)


def _substance(context: briefs.BriefContext) -> tuple:
    return (
        context.industry_family,
        context.faqs,
        context.proof_points,
        context.locations,
        context.key_dates,
    )


EXPECTED_CONTEXT = (
    "b2b_industrial",
    (
        Faq(
            question="Do you ship spare seals?",
            answer="Yes; within 48 hours across the EU.",
        ),
        Faq(question="Which standards apply?", answer="EN 1983 and PN 160."),
    ),
    ("-40 °C to +200 °C rated", "ISO 9001 certified since 2004"),
    (
        Location(
            name="Hamburg works",
            address="Am Hafen 12, 20457 Hamburg, Straße 3",
            hours="Mon-Fri 7:00-16:00",
        ),
        Location(name="Trade counter, Bremen", address="", hours=""),
    ),
    (
        KeyDate(date=dt.date(2027, 3, 2), label="Valve World Expo opens"),
        KeyDate(date=dt.date(2027, 4, 19), label="Distributor pricing goes live"),
    ),
)


# --- validation ---------------------------------------------------------------


def test_every_substance_field_is_normalized(raw_brief):
    result = _validate(raw_brief | SUBSTANCE)

    assert result.errors == {}
    assert {name: result.data[name] for name in NORMALIZED} == NORMALIZED


def test_a_brief_without_substance_gets_empty_fields(raw_brief):
    result = _validate(raw_brief)

    assert result.errors == {}
    assert {name: result.data[name] for name in EMPTY} == EMPTY


@pytest.mark.parametrize(
    "spelling",
    ["B2B-Industrial", "b2b industrial", " B2B_INDUSTRIAL ", "b2b - industrial"],
)
def test_an_industry_family_in_any_spelling_gives_its_key(raw_brief, spelling):
    result = _validate(raw_brief | {"industry_family": spelling})

    assert result.errors == {}
    assert result.data["industry_family"] == "b2b_industrial"


@pytest.mark.parametrize("family", briefs.INDUSTRY_FAMILIES)
def test_every_known_family_is_accepted(raw_brief, family):
    assert _validate(raw_brief | {"industry_family": family}).data[
        "industry_family"
    ] == (family)


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_blank_industry_family_lets_the_writers_classify(raw_brief, blank):
    result = _validate(raw_brief | {"industry_family": blank})

    assert result.errors == {}
    assert result.data["industry_family"] == ""


@pytest.mark.parametrize(("field", "value", "errors"), BAD_SHAPES)
def test_a_bad_substance_field_is_named_exactly(raw_brief, field, value, errors):
    assert _validate(raw_brief | {field: value}).errors == errors


def test_record_keys_ignore_case_and_text_is_trimmed(raw_brief):
    data = raw_brief | {
        "faqs": [{" Question ": "  Do you  ship? ", "ANSWER": "Yes."}],
        "key_dates": [{"Date": " 2027-03-02 ", "Label": "Expo"}],
    }

    result = _validate(data)

    assert result.errors == {}
    assert result.data["faqs"] == [{"question": "Do you ship?", "answer": "Yes."}]
    assert result.data["key_dates"] == [{"date": "2027-03-02", "label": "Expo"}]


def test_repeated_records_and_proof_points_are_kept_once(raw_brief):
    data = raw_brief | {
        "faqs": [
            {"question": "Do you ship?", "answer": "Yes."},
            {"question": "DO YOU SHIP?", "answer": "yes."},
            {"question": "Do you ship?", "answer": "Only in the EU."},
        ],
        "proof_points": ["ISO 9001", "iso 9001"],
    }

    result = _validate(data)

    assert result.data["faqs"] == [
        {"question": "Do you ship?", "answer": "Yes."},
        {"question": "Do you ship?", "answer": "Only in the EU."},
    ]
    assert result.data["proof_points"] == ["ISO 9001"]


@pytest.mark.parametrize(
    ("alias", "field"),
    [
        ("playbook", "industry_family"),
        ("faq", "faqs"),
        ("questions", "faqs"),
        ("proof", "proof_points"),
        ("dates", "key_dates"),
    ],
)
def test_aliases_name_the_substance_fields(raw_brief, alias, field):
    result = _validate(raw_brief | {alias: SUBSTANCE[field]})

    assert result.errors == {}
    assert result.data[field] == NORMALIZED[field]


def test_an_alias_and_its_field_together_are_given_twice(raw_brief):
    data = raw_brief | {"faqs": SUBSTANCE["faqs"], "faq": SUBSTANCE["faqs"]}

    assert _validate(data).errors == {"faqs": ["Given twice (as 'faq' and an alias)."]}


def test_the_record_fields_match_the_json_columns():
    assert {name: tuple(spec) for name, spec in intake.RECORD_FIELDS.items()} == dict(
        JSON_COLUMNS
    )


# --- POST /api/v1/briefs/ ------------------------------------------------------


def test_the_api_accepts_every_substance_field_and_the_context_carries_it(
    operator, raw_brief
):
    data = raw_brief | SUBSTANCE

    response = operator.post("/api/v1/briefs/", data, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["intake"] == data
    assert _substance(_context(response.json()["id"])) == EXPECTED_CONTEXT


@pytest.mark.parametrize("field", list(SUBSTANCE))
def test_each_substance_field_alone_reaches_the_context(operator, raw_brief, field):
    response = operator.post(
        "/api/v1/briefs/", raw_brief | {field: SUBSTANCE[field]}, format="json"
    )

    assert response.status_code == 201, response.json()
    got = dict(zip(SUBSTANCE, _substance(_context(response.json()["id"])), strict=True))
    want = dict(zip(SUBSTANCE, EXPECTED_CONTEXT, strict=True))
    assert got[field] == want[field]
    assert all(not value for name, value in got.items() if name != field)


@pytest.mark.parametrize(("field", "value", "errors"), BAD_SHAPES)
def test_the_api_answers_400_naming_the_bad_field_and_stores_nothing(
    operator, raw_brief, stored, field, value, errors
):
    response = operator.post(
        "/api/v1/briefs/", raw_brief | {field: value}, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "VALIDATION_ERROR"
    assert body["details"]["fields"] == errors
    assert (Brief.objects.count(), Client.objects.count()) == stored


def test_the_api_names_several_bad_fields_in_one_answer(operator, raw_brief, stored):
    response = operator.post("/api/v1/briefs/", raw_brief | SEVERAL_BAD, format="json")

    assert response.status_code == 400
    assert response.json()["details"]["fields"] == SEVERAL_BAD_ERRORS
    assert (Brief.objects.count(), Client.objects.count()) == stored


@pytest.mark.parametrize(("canonical", "name"), NEW_CHANNELS)
def test_the_new_channels_and_their_synonyms_are_canonical(
    operator, raw_brief, canonical, name
):
    assert briefs.channel_name(name) == canonical

    response = operator.post(
        "/api/v1/briefs/", raw_brief | {"channels": [name]}, format="json"
    )

    assert response.status_code == 201, response.json()
    assert _context(response.json()["id"]).channels == (canonical,)


def test_synonyms_of_one_new_channel_collapse_in_the_brief_order(raw_brief):
    names = ["text message", "trade fairs", "SMS", "flyers", "podcasts", "next door"]

    result = _validate(raw_brief | {"channels": names})

    assert result.errors == {}
    assert result.data["channels"] == ["SMS", "Events", "Print", "Podcast", "Nextdoor"]


# --- BriefContext -------------------------------------------------------------


def test_a_brief_normalized_before_the_substance_fields_still_gives_a_context(
    raw_brief,
):
    brief = onboarding_api.brief_submit(data=raw_brief | SUBSTANCE, known_packs=PACKS)
    normalized = onboarding_api.brief_normalize(
        brief_id=brief.id, engagement_ref="run_x", idempotency_key="old:n"
    )
    # What brief_normalize stored before issue 12: none of the substance keys.
    row = NormalizedBrief.objects.get(pk=normalized.id)
    row.data = {k: v for k, v in row.data.items() if k not in SUBSTANCE}
    row.save(update_fields=["data"])

    context = onboarding_api.brief_context_get(normalized_brief_id=normalized.id)

    assert _substance(context) == ("", (), (), (), ())
    assert context.brand == "BrightSmile Dental"
    assert context.start_date == dt.date(2027, 1, 11)


# --- run_workflow --------------------------------------------------------------


def _run(tmp_path, data: dict, *args: str) -> tuple[int, str]:
    path = tmp_path / "brief.json"
    path.write_text(json.dumps(data))
    out = StringIO()
    try:
        call_command("run_workflow", str(path), *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue()


def test_run_workflow_runs_a_brief_with_every_substance_field(tmp_path, raw_brief):
    code, out = _run(tmp_path, raw_brief | SUBSTANCE, "--json")

    assert code == 0, out
    run = json.loads(out)
    assert run["status"] == "completed"
    normalized = NormalizedBrief.objects.get(brief_id=run["outputs"]["brief_id"])
    context = onboarding_api.brief_context_get(normalized_brief_id=normalized.id)
    assert _substance(context) == EXPECTED_CONTEXT


@pytest.mark.parametrize(("field", "value", "errors"), BAD_SHAPES)
def test_run_workflow_exits_2_naming_the_bad_field_and_stores_nothing(
    tmp_path, raw_brief, stored, field, value, errors
):
    code, message = _run(tmp_path, raw_brief | {field: value})

    assert code == 2
    assert message.splitlines() == [
        f"VALIDATION_ERROR: The brief in {tmp_path / 'brief.json'} is not valid.",
        *(f"  {name}: {text}" for name, texts in errors.items() for text in texts),
    ]
    assert (Brief.objects.count(), Client.objects.count()) == stored
    assert orchestration_api.run_list() == []


def test_run_workflow_names_several_bad_fields_at_once(tmp_path, raw_brief, stored):
    path = tmp_path / "brief.json"
    path.write_text(json.dumps(raw_brief | SEVERAL_BAD))
    out = StringIO()

    with pytest.raises(CommandError) as caught:
        call_command("run_workflow", str(path), "--json", stdout=out)

    assert caught.value.returncode == 2
    assert json.loads(out.getvalue())["details"]["fields"] == SEVERAL_BAD_ERRORS
    assert (Brief.objects.count(), Client.objects.count()) == stored
    assert orchestration_api.run_list() == []


# --- CSV and XLSX: export, then import ----------------------------------------

EXPORT_URL = reverse("admin:onboarding_brief_export")
IMPORT_URL = reverse("admin:orchestration_brief_import")
CONFIRM_URL = reverse("admin:orchestration_brief_process_import")
CSV_FORMAT, XLSX_FORMAT = "0", "1"


@pytest.fixture
def staff(django_user_model):
    """An operator signed in to the admin (a session, not a token)."""
    return staff_client(django_user_model, "olivia", "operators")


def _export(client, file_format: str):
    response = client.post(
        EXPORT_URL,
        {
            "format": file_format,
            "resource": "0",
            **{f"briefresource_{column}": "on" for column in BRIEF_COLUMNS},
        },
    )
    assert response.status_code == 200
    return response.content


def _import(client, content: bytes, name: str = "briefs.csv", fmt: str = CSV_FORMAT):
    preview = client.post(
        IMPORT_URL,
        {"import_file": SimpleUploadedFile(name, content), "format": fmt},
    )
    form = preview.context.get("confirm_form")
    if form is not None:
        client.post(CONFIRM_URL, form.initial, follow=True)
    return preview


def _intake(brief: Brief) -> dict:
    return intake.validate_intake(
        brief.intake, known_packs=set(orchestration_api.pack_keys())
    ).data


@pytest.mark.parametrize(
    ("file_format", "name"), [(CSV_FORMAT, "briefs.csv"), (XLSX_FORMAT, "b.xlsx")]
)
def test_export_then_import_keeps_every_substance_field(
    staff, raw_brief, file_format, name
):
    original = orchestration_api.brief_submit(data=raw_brief | SUBSTANCE)
    content = _export(staff, file_format)

    preview = _import(staff, content, name, file_format)

    assert not preview.context["result"].has_validation_errors()
    twin = Brief.objects.exclude(pk=original.id).get()
    assert twin.intake["faqs"] == SUBSTANCE["faqs"]
    assert _intake(twin) == _intake(Brief.objects.get(pk=original.id))
    assert {name: _intake(twin)[name] for name in NORMALIZED} == NORMALIZED


def test_the_export_writes_json_cells_and_joined_proof_points(staff, raw_brief):
    orchestration_api.brief_submit(data=raw_brief | SUBSTANCE)

    content = _export(staff, CSV_FORMAT).decode("utf-8-sig")

    [row] = list(csv.DictReader(io.StringIO(content)))
    assert row["industry_family"] == "b2b_industrial"
    # A cell that would start a formula is written with an apostrophe.
    assert (
        row["proof_points"] == "'-40 °C to +200 °C rated; ISO 9001 certified since 2004"
    )
    for name in JSON_COLUMNS:
        assert json.loads(row[name]) == NORMALIZED[name]


def test_an_export_of_a_brief_without_substance_leaves_its_cells_blank(
    staff, raw_brief
):
    orchestration_api.brief_submit(data=raw_brief)

    workbook = openpyxl.load_workbook(io.BytesIO(_export(staff, XLSX_FORMAT)))
    header, row = list(workbook.active.iter_rows(values_only=True))

    cells = dict(zip(header, row, strict=True))
    assert [cells[name] for name in EMPTY] == [None] * len(EMPTY)


def _row_csv(raw_brief: dict, **cells: str) -> bytes:
    row = {
        "client_name": raw_brief["client"]["name"],
        "client_website": raw_brief["client"]["website"],
        "client_industry": raw_brief["client"]["industry"],
        "client_geography": raw_brief["client"]["geography"],
        "primary_offer": raw_brief["primary_offer"],
        "objective": raw_brief["objective"],
        "target_audience": raw_brief["target_audience"],
        "pain_points": "; ".join(raw_brief["pain_points"]),
        "desired_outcomes": "; ".join(raw_brief["desired_outcomes"]),
        **cells,
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(BRIEF_COLUMNS))
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue().encode()


def test_a_bad_json_cell_is_named_by_its_column_and_nothing_is_stored(staff, raw_brief):
    broken = '[{"question": "Do you ship?", "answer": "Yes."}'
    content = _row_csv(raw_brief, faqs=broken, locations="Hamburg works")

    preview = _import(staff, content)

    [invalid] = preview.context["result"].invalid_rows
    assert invalid.number == 2
    assert invalid.error_dict == {
        "faqs": [
            "Not valid JSON (Expecting ',' delimiter at character 48). Give a list "
            'of objects, such as [{"question": "...", "answer": "..."}].'
        ],
        "locations": [
            "Not valid JSON (Expecting value at character 1). Give a list of "
            'objects, such as [{"name": "...", "address": "...", "hours": "..."}].'
        ],
    }
    assert preview.context.get("confirm_form") is None
    assert Brief.objects.count() == 0


def test_a_bad_item_in_a_json_cell_is_named_by_its_column_and_path(staff, raw_brief):
    content = _row_csv(
        raw_brief,
        industry_family="Shipbuilding",
        proof_points="ISO 9001",
        key_dates=json.dumps([{"date": "2027-02-30", "label": "Expo"}]),
        faqs=json.dumps([{"question": "Q?", "answer": "A.", "foo": "bar"}]),
    )

    preview = _import(staff, content)

    [invalid] = preview.context["result"].invalid_rows
    assert invalid.error_dict == {
        "industry_family": [
            f"Unknown industry family 'Shipbuilding'. Known: {FAMILIES}."
        ],
        "faqs": ["faqs[0].foo: Unknown field."],
        "key_dates": [f"key_dates[0].date: {DATE_MESSAGE}"],
    }
    assert Brief.objects.count() == 0


def test_item_errors_of_list_and_json_columns_land_in_their_columns():
    grouped = column_errors(
        {
            "proof_points[1]": ["Must be a non-empty string."],
            "locations[2].name": ["This field is required."],
            "locations": ["Give at most 20 items, not 21."],
        }
    )

    assert grouped == {
        "proof_points": ["Must be a non-empty string."],
        "locations": [
            "locations[2].name: This field is required.",
            "Give at most 20 items, not 21.",
        ],
    }


def test_an_imported_brief_with_substance_runs_with_it(staff, raw_brief):
    substance = copy.deepcopy(SUBSTANCE)
    content = _row_csv(
        raw_brief,
        industry_family=substance["industry_family"],
        proof_points="; ".join(substance["proof_points"]),
        **{name: json.dumps(substance[name]) for name in JSON_COLUMNS},
    )

    _import(staff, content)

    brief = Brief.objects.get()
    assert _substance(_context(brief.id)) == EXPECTED_CONTEXT
