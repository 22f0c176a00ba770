"""Orchestration's admin pages for intake: brief import (CSV, XLSX), starting runs."""

import copy
import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.tmp_storages import TempFolderStorage

from delivery.errors import DeliveryError
from onboarding.intake import validate_intake
from onboarding.models import Brief
from onboarding.resources import BRIEF_COLUMNS as EXPORT_COLUMNS
from orchestration import api as orchestration_api
from orchestration import sagas
from orchestration.models import WorkflowRun
from orchestration.resources import BRIEF_COLUMNS
from tests.orchestration.admin.conftest import RUNS_URL, message_texts
from tests.orchestration.conftest import EXAMPLES, load_example

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:orchestration_brief_import")
CONFIRM_URL = reverse("admin:orchestration_brief_process_import")
START_URL = reverse("admin:orchestration_brief_start_runs")
BRIEFS_URL = reverse("admin:onboarding_brief_changelist")
CSV_FORMAT, XLSX_FORMAT = "0", "1"


def _row(**changes):
    row = {
        "client_name": "Kiln & Crumb",
        "client_website": "kilnandcrumb.co.uk",
        "client_industry": "Artisan bakery",
        "client_geography": "Leeds, UK",
        "client_email": "",
        "primary_offer": "Weekly sourdough subscription",
        "objective": "Sales",
        "target_audience": "Busy professionals in Leeds who care about real food",
        "pain_points": "No time to queue; Supermarket bread goes stale",
        "desired_outcomes": "Fresh bread every week; Support local makers",
        "pack": "quick_social_basic",
        "channels": "Instagram; Facebook; email",
        "tone": "Warm, witty",
        "banned_words": "cheap",
        "competitors": "Greggs",
        "differentiators": "48-hour fermentation",
        "budget_amount": "6000",
        "budget_currency": "GBP",
        "duration_weeks": "12",
        "start_date": "2027-01-11",
        "industry_family": "",
        "proof_points": "",
        "faqs": "",
        "locations": "",
        "key_dates": "",
    }
    row.update(changes)
    return row


def _csv(rows, columns=BRIEF_COLUMNS):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _upload(client, content, name="briefs.csv", file_format=CSV_FORMAT):
    return client.post(
        IMPORT_URL,
        {"import_file": SimpleUploadedFile(name, content), "format": file_format},
    )


def _confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(CONFIRM_URL, form.initial, follow=True)


# --- import -------------------------------------------------------------------


def test_import_preview_of_valid_rows_offers_to_confirm_and_stores_nothing(operator):
    rows = [_row(), _row(client_name="Northwind"), _row(client_name="Harvest")]

    response = _upload(operator, _csv(rows))

    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert result.totals["new"] == 3
    assert response.context["confirm_form"] is not None
    assert Brief.objects.count() == 0


def test_confirming_an_import_stores_every_brief_through_the_api(operator):
    rows = [_row(), _row(client_name="Northwind", objective="Hiring", pack="")]
    preview = _upload(operator, _csv(rows))

    response = _confirm(operator, preview)

    assert response.redirect_chain[-1] == (BRIEFS_URL, 302)
    briefs = list(Brief.objects.order_by("created_at"))
    assert [b.client.name for b in briefs] == ["Kiln & Crumb", "Northwind"]
    first = briefs[0].intake
    assert first["client"] == {
        "name": "Kiln & Crumb",
        "website": "kilnandcrumb.co.uk",
        "industry": "Artisan bakery",
        "geography": "Leeds, UK",
    }
    assert first["pain_points"] == [
        "No time to queue",
        "Supermarket bread goes stale",
    ]
    assert first["budget"] == {"amount": 6000, "currency": "GBP"}
    assert first["duration_weeks"] == 12
    assert "pack" not in briefs[1].intake  # a blank cell is not given: the default
    assert briefs[1].pack == "quick_social_basic"
    [text] = message_texts(response)
    assert text.startswith("Imported 2 brief(s): ")
    assert briefs[0].id in text


def test_a_bad_row_is_reported_by_line_with_every_field_error_and_nothing_is_saved(
    operator,
):
    rows = [
        _row(),
        _row(
            client_name="",
            client_website="not a site",
            objective="Fame",
            pack="premium_gold",
            channels="Instagram; Carrier pigeon",
            budget_amount="-5",
            duration_weeks="0",
            start_date="2027-13-01",
        ),
        _row(client_name="Northwind"),
    ]

    response = _upload(operator, _csv(rows))

    result = response.context["result"]
    assert response.context.get("confirm_form") is None
    [invalid] = result.invalid_rows
    assert invalid.number == 3  # the header is line 1, the first brief line 2
    assert invalid.error_dict == {
        "client_name": ["This field is required."],
        "client_website": ["Enter a valid website address, such as example.com."],
        "objective": [
            "Must be one of: Awareness, Leads, Sales, Hiring, Partnerships, Retention."
        ],
        "pack": [
            "Unknown pack 'premium_gold'. Known packs: quick_social_basic, "
            "strategy_campaign_standard."
        ],
        "channels": [
            "Unknown channel 'Carrier pigeon'. Known: Blog, Email, Events, Facebook, "
            "Google Ads, Instagram, LinkedIn, Nextdoor, Pinterest, Podcast, Print, "
            "SMS, Threads, TikTok, WhatsApp, X, YouTube."
        ],
        "budget_amount": ["Must be a positive number."],
        "duration_weeks": ["Must be a whole number of weeks from 1 to 104."],
        "start_date": ["Must be a date in ISO form, such as 2027-01-11."],
    }
    page = response.content.decode()
    assert "Line 3:" in page
    assert "nothing will be imported" in page
    assert Brief.objects.count() == 0


def test_several_bad_rows_are_each_reported(operator):
    rows = [_row(objective=""), _row(), _row(pain_points=" ; ")]

    response = _upload(operator, _csv(rows))

    result = response.context["result"]
    assert [(r.number, sorted(r.error_dict)) for r in result.invalid_rows] == [
        (2, ["objective"]),
        (4, ["pain_points"]),
    ]


def test_the_confirm_step_stores_nothing_when_a_row_is_bad(operator):
    # The file behind a confirm form is re-read and re-validated: if it no longer
    # validates, no row is stored, not even the good ones before the bad one.
    preview = _upload(operator, _csv([_row(), _row()]))
    form = preview.context["confirm_form"]
    path = TempFolderStorage(name=form.initial["import_file_name"]).get_full_path()
    with open(path, "wb") as changed:  # the file changed since the preview
        changed.write(_csv([_row(), _row(objective="Fame")]))

    response = operator.post(CONFIRM_URL, form.initial)

    assert response.status_code == 200
    assert [r.number for r in response.context["result"].invalid_rows] == [3]
    assert message_texts(response) == ["Nothing was imported: fix the file and retry."]
    assert Brief.objects.count() == 0


def test_an_unknown_column_is_reported_and_nothing_is_offered(operator):
    content = _csv([{**_row(), "notes": "call back"}], (*BRIEF_COLUMNS, "notes"))

    response = _upload(operator, content)

    result = response.context["result"]
    assert response.context.get("confirm_form") is None
    [error] = result.base_errors
    assert "unknown column(s) notes" in str(error.error)


def test_blank_lines_are_skipped_and_headers_are_forgiving(operator):
    header = [c.replace("_", " ").title() for c in BRIEF_COLUMNS]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerow([_row()[c] for c in BRIEF_COLUMNS])
    writer.writerow([""] * len(BRIEF_COLUMNS))
    preview = _upload(operator, out.getvalue().encode())

    _confirm(operator, preview)

    assert Brief.objects.count() == 1


def test_an_xlsx_file_imports_with_typed_cells(operator):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(BRIEF_COLUMNS))
    values = _row(budget_amount=4500, duration_weeks=8)
    values["start_date"] = dt.datetime(2027, 2, 1)  # noqa: DTZ001 - a spreadsheet date
    sheet.append([values[c] for c in BRIEF_COLUMNS])
    content = io.BytesIO()
    workbook.save(content)

    preview = _upload(operator, content.getvalue(), "briefs.xlsx", XLSX_FORMAT)
    _confirm(operator, preview)

    intake = Brief.objects.get().intake
    assert intake["budget"] == {"amount": 4500, "currency": "GBP"}
    assert (intake["duration_weeks"], intake["start_date"]) == (8, "2027-02-01")


def test_a_file_in_the_wrong_format_is_refused(operator):
    response = _upload(operator, b"\x00\x01 not a workbook", "x.xlsx", XLSX_FORMAT)

    assert response.context.get("result") is None
    assert "while reading the file" in str(response.context["form"].errors)


def test_export_then_import_gives_equal_briefs(operator):
    aliased = load_example()
    aliased["audience"] = aliased.pop("target_audience")
    aliased["client"]["brand"] = aliased["client"].pop("name")
    originals = [
        orchestration_api.brief_submit(data=data)
        for data in (
            aliased,
            load_example("northwind_logistics_hiring.json"),
            load_example("open_shelter_nonprofit.json"),
        )
    ]
    exported = operator.post(
        reverse("admin:onboarding_brief_export"),
        {
            "format": CSV_FORMAT,
            "resource": "0",
            **{f"briefresource_{column}": "on" for column in EXPORT_COLUMNS},
        },
    )
    assert exported.status_code == 200

    preview = _upload(operator, exported.content)
    _confirm(operator, preview)

    packs = set(orchestration_api.pack_keys())
    imported = Brief.objects.exclude(pk__in=[b.id for b in originals])
    twins = {brief.client.name: brief for brief in imported}
    assert len(twins) == 3
    for original in originals:
        twin = twins[original.client_name]
        assert validate_intake(twin.intake, known_packs=packs).data == (
            validate_intake(original.intake, known_packs=packs).data
        )


def test_export_and_import_columns_agree():
    assert EXPORT_COLUMNS == BRIEF_COLUMNS


def test_a_viewer_may_not_import(viewer):
    content = _csv([_row()])

    assert viewer.get(IMPORT_URL).status_code == 403
    assert _upload(viewer, content).status_code == 403
    assert viewer.post(CONFIRM_URL, {}).status_code == 403
    assert Brief.objects.count() == 0


def test_the_example_csv_imports_three_briefs(operator):
    preview = _upload(operator, (EXAMPLES / "briefs.csv").read_bytes())

    assert preview.context["result"].totals["new"] == 3
    _confirm(operator, preview)
    assert sorted(b.client.name for b in Brief.objects.all()) == [
        "BrightSmile Dental",
        "Harvest Table",
        "Ledgerly",
    ]


# --- starting runs ------------------------------------------------------------


@pytest.fixture
def briefs():
    first = load_example()
    second = copy.deepcopy(first)
    second["client"]["name"] = "Second Smile"
    return [orchestration_api.brief_submit(data=d) for d in (first, second)]


def test_the_start_page_lists_the_selected_briefs(operator, briefs):
    ids = ",".join(b.id for b in briefs)

    response = operator.get(START_URL, {"ids": f"{ids},brief_missing"})

    assert response.status_code == 200
    assert [b.id for b in response.context["briefs"]] == [b.id for b in briefs]
    assert response.context["missing"] == ["brief_missing"]
    assert WorkflowRun.objects.count() == 0


def test_starting_runs_runs_each_brief_and_links_each_run(operator, briefs):
    ids = ",".join(b.id for b in briefs)

    response = operator.post(START_URL, {"ids": ids, "pack": ""}, follow=True)

    runs = list(WorkflowRun.objects.order_by("created_at"))
    assert [r.brief_id for r in runs] == [b.id for b in briefs]
    assert {r.status for r in runs} == {"completed"}
    target, code = response.redirect_chain[-1]
    assert (target.split("?")[0], code) == (RUNS_URL, 302)
    assert {r.pk for r in response.context["cl"].result_list} == {r.pk for r in runs}
    texts = message_texts(response)
    for run, text in zip(runs, texts, strict=True):
        link = reverse("admin:orchestration_workflowrun_change", args=[run.pk])
        assert f'<a href="{link}">{run.pk}</a>' in text
        assert text.endswith(": completed.")


def test_a_pack_chosen_on_the_start_page_overrides_the_briefs_pack(operator, briefs):
    operator.post(
        START_URL, {"ids": briefs[0].id, "pack": "strategy_campaign_standard"}
    )

    assert WorkflowRun.objects.get().pack == "strategy_campaign_standard"


def test_a_run_that_fails_is_reported_with_its_error(operator, briefs, monkeypatch):
    class Refused(DeliveryError):
        code = "DELIVERY_REFUSED"

    def refuse(**kwargs):
        raise Refused("The printer is on fire.")

    monkeypatch.setattr(sagas.delivery_api, "package_create", refuse)

    response = operator.post(START_URL, {"ids": briefs[0].id}, follow=True)

    run = WorkflowRun.objects.get()
    assert run.status == "compensated"
    [message] = list(response.context["messages"])
    assert message.level_tag == "warning"
    assert str(message).endswith(
        ": compensated. DELIVERY_REFUSED: The printer is on fire."
    )


def test_a_viewer_may_not_start_runs(viewer, briefs):
    assert viewer.get(START_URL, {"ids": briefs[0].id}).status_code == 403
    assert viewer.post(START_URL, {"ids": briefs[0].id}).status_code == 403
    assert WorkflowRun.objects.count() == 0
