"""Issue 11, finding 5: imports are bounded, and a confirm step takes only its own file.

Real uploads through the admin as a signed-in operator (briefs: orchestration's
import page; leads: cam's), and the ``import_leads`` command. A file past a limit is
refused with a form error naming the limit, and nothing is stored; the preview lists
at most ``AICMO_IMPORT_PREVIEW_ROWS`` rows; a confirm step refuses a file name its
session did not upload, and reads or deletes nothing.
"""

import csv
import io
import os
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from import_export.tmp_storages import TempFolderStorage

from cam.models import Lead
from onboarding.models import Brief
from orchestration.resources import BRIEF_COLUMNS
from tests.cam.factories import CampaignFactory
from tests.orchestration.admin.test_intake import _row as brief_row

pytestmark = pytest.mark.django_db

BRIEF_IMPORT_URL = reverse("admin:orchestration_brief_import")
BRIEF_CONFIRM_URL = reverse("admin:orchestration_brief_process_import")
LEAD_IMPORT_URL = reverse("admin:cam_lead_import")
LEAD_CONFIRM_URL = reverse("admin:cam_lead_process_import")
CSV_FORMAT, XLSX_FORMAT = "0", "1"
FORMATS = {CSV_FORMAT: "briefs.csv", XLSX_FORMAT: "briefs.xlsx"}
LEAD_COLUMNS = ("name", "email", "company", "base_score")


def _signed_in(django_user_model, username):
    user = django_user_model.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name="operators"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def operator(django_user_model):
    return _signed_in(django_user_model, "olivia")


@pytest.fixture
def other_operator(django_user_model):
    return _signed_in(django_user_model, "oscar")


def _file(rows, columns, file_format):
    """Return a CSV or XLSX file's bytes: a header row, then ``rows`` (dicts)."""
    if file_format == CSV_FORMAT:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column, "") for column in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _briefs(count, **changes):
    return [brief_row(client_name=f"Client {n}", **changes) for n in range(count)]


def _leads(count, **changes):
    return [
        {
            "name": f"Lead {n}",
            "email": f"lead{n}@acme.example",
            "company": "Acme",
            "base_score": "0.5",
            **changes,
        }
        for n in range(count)
    ]


def _upload_briefs(client, content, file_format=CSV_FORMAT):
    return client.post(
        BRIEF_IMPORT_URL,
        {
            "import_file": SimpleUploadedFile(FORMATS[file_format], content),
            "format": file_format,
        },
    )


def _upload_leads(client, campaign, content, file_format=CSV_FORMAT):
    name = "leads.csv" if file_format == CSV_FORMAT else "leads.xlsx"
    return client.post(
        LEAD_IMPORT_URL,
        {
            "campaign": campaign.pk,
            "format": file_format,
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def _confirm_data(preview):
    confirm = preview.context["confirm_form"]
    return {name: confirm.initial.get(name, "") for name in confirm.fields}


def _refused(response, message):
    """The upload page came back with ``message`` as the file's only error."""
    assert response.status_code == 200
    assert response.context["form"].errors == {"import_file": [message]}
    assert response.context.get("confirm_form") is None
    assert response.context.get("result") is None


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def _padded(content, size):
    # Trailing empty lines are no rows: the CSV keeps its rows at any size.
    assert len(content) <= size
    return content + b"\n" * (size - len(content))


ROWS_MESSAGE = (
    "The file has more than 3 rows after the header; an import takes at most 3 "
    "(AICMO_IMPORT_MAX_ROWS). Split the file."
)


# --- briefs -------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_a_brief_file_over_the_size_limit_is_refused_before_it_is_read(
    operator, settings, file_format
):
    settings.AICMO_IMPORT_MAX_BYTES = 10 * 1024
    content = _file(_briefs(1), BRIEF_COLUMNS, file_format)
    content = _padded(content, 20 * 1024)  # an XLSX with junk after it: never read

    response = _upload_briefs(operator, content, file_format)

    _refused(
        response,
        "The file is 20 KB; an import takes at most 10 KB (AICMO_IMPORT_MAX_BYTES).",
    )
    assert Brief.objects.count() == 0


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_a_brief_file_with_too_many_rows_is_refused(operator, settings, file_format):
    settings.AICMO_IMPORT_MAX_ROWS = 3

    at_limit = _upload_briefs(
        operator, _file(_briefs(3), BRIEF_COLUMNS, file_format), file_format
    )
    past_limit = _upload_briefs(
        operator, _file(_briefs(4), BRIEF_COLUMNS, file_format), file_format
    )

    assert at_limit.context["result"].totals["new"] == 3
    _refused(past_limit, ROWS_MESSAGE)
    assert Brief.objects.count() == 0


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_a_brief_file_with_a_cell_too_long_is_refused(operator, settings, file_format):
    settings.AICMO_IMPORT_MAX_CELL_CHARS = 60
    rows = [*_briefs(1), brief_row(target_audience="x" * 61)]

    response = _upload_briefs(
        operator, _file(rows, BRIEF_COLUMNS, file_format), file_format
    )

    _refused(
        response,
        "Line 3, column target_audience, has 61 characters; a cell takes at most 60 "
        "(AICMO_IMPORT_MAX_CELL_CHARS).",
    )
    assert Brief.objects.count() == 0


def test_a_workbook_that_unpacks_past_the_limit_is_refused_before_it_is_opened(
    operator, settings
):
    # 2 MB of one letter packs into a few KB: the zip directory tells the truth.
    # (openpyxl writes at most 32,767 characters a cell, so the cell is put in by hand.)
    settings.AICMO_IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    workbook = _file([brief_row(tone="PLACEHOLDER")], BRIEF_COLUMNS, XLSX_FORMAT)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info).replace(b"PLACEHOLDER", b"a" * 2_000_000)
            target.writestr(info.filename, data)
    content = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    assert len(content) < 50 * 1024 < 2_000_000 < unpacked

    response = _upload_briefs(operator, content, XLSX_FORMAT)

    _refused(
        response,
        f"The workbook unpacks to {unpacked / 1024 / 1024:.1f} MB; an import takes at "
        "most 1 MB unpacked (AICMO_IMPORT_MAX_UNPACKED_BYTES).",
    )
    assert Brief.objects.count() == 0


def test_the_brief_preview_lists_a_bounded_number_of_rows(operator, settings):
    settings.AICMO_IMPORT_PREVIEW_ROWS = 2

    preview = _upload_briefs(operator, _file(_briefs(5), BRIEF_COLUMNS, CSV_FORMAT))

    result = preview.context["result"]
    assert (result.totals["new"], len(result.rows)) == (5, 2)
    assert preview.context["preview_hidden"] == 3
    page = preview.content.decode()
    assert "3 more rows are not shown." in page
    assert "Client 1" in page
    assert "Client 2" not in page
    operator.post(BRIEF_CONFIRM_URL, _confirm_data(preview))
    assert Brief.objects.count() == 5  # the confirm step imports every row


def test_the_brief_preview_of_bad_rows_lists_a_bounded_number(operator, settings):
    settings.AICMO_IMPORT_PREVIEW_ROWS = 2

    preview = _upload_briefs(
        operator, _file(_briefs(5, objective="Fame"), BRIEF_COLUMNS, CSV_FORMAT)
    )

    result = preview.context["result"]
    assert [row.number for row in result.invalid_rows] == [2, 3]
    page = preview.content.decode()
    assert "5 rows are not valid briefs, so nothing will be imported." in page
    assert "3 more rows are not shown." in page
    assert Brief.objects.count() == 0


def _someone_elses_pending_brief_import(client):
    preview = _upload_briefs(client, _file(_briefs(2), BRIEF_COLUMNS, CSV_FORMAT))
    data = _confirm_data(preview)
    path = TempFolderStorage(name=os.path.basename(data["import_file_name"]))
    assert os.path.exists(path.get_full_path())
    return data, path.get_full_path()


def test_a_forged_brief_import_file_name_is_refused_and_the_file_is_kept(
    operator, other_operator
):
    data, path = _someone_elses_pending_brief_import(other_operator)

    forged = operator.post(BRIEF_CONFIRM_URL, data, follow=True)

    assert forged.redirect_chain == [(BRIEF_IMPORT_URL, 302)]
    assert _messages(forged) == [
        "Nothing was imported: this import is not one you previewed in this session, "
        "or it was already confirmed. Upload the file again."
    ]
    assert os.path.exists(path)
    assert Brief.objects.count() == 0
    # The file stays its owner's to confirm.
    other_operator.post(BRIEF_CONFIRM_URL, data)
    assert Brief.objects.count() == 2
    assert not os.path.exists(path)


def test_a_brief_file_that_was_never_uploaded_is_neither_read_nor_deleted(operator):
    storage = TempFolderStorage(encoding="utf-8-sig", read_mode="r")
    storage.save(_file(_briefs(1), BRIEF_COLUMNS, CSV_FORMAT))

    forged = operator.post(
        BRIEF_CONFIRM_URL,
        {
            "import_file_name": storage.name,
            "original_file_name": "briefs.csv",
            "format": CSV_FORMAT,
        },
    )

    assert forged.status_code == 302
    assert os.path.exists(storage.get_full_path())
    assert Brief.objects.count() == 0
    storage.remove()


def test_a_brief_import_is_confirmed_once_and_in_its_own_format(operator):
    preview = _upload_briefs(operator, _file(_briefs(1), BRIEF_COLUMNS, CSV_FORMAT))
    data = _confirm_data(preview)

    other_format = operator.post(BRIEF_CONFIRM_URL, {**data, "format": XLSX_FORMAT})
    done = operator.post(BRIEF_CONFIRM_URL, data)
    again = operator.post(BRIEF_CONFIRM_URL, data, follow=True)

    assert other_format.status_code == done.status_code == 302
    assert Brief.objects.count() == 1
    assert _messages(again)[-1].startswith(
        "Nothing was imported: this import is not one you previewed"
    )


# --- leads --------------------------------------------------------------------------


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_a_lead_file_over_the_size_limit_is_refused_before_it_is_read(
    operator, settings, file_format
):
    settings.AICMO_IMPORT_MAX_BYTES = 10 * 1024
    campaign = CampaignFactory()
    content = _padded(_file(_leads(1), LEAD_COLUMNS, file_format), 20 * 1024)

    response = _upload_leads(operator, campaign, content, file_format)

    _refused(
        response,
        "The file is 20 KB; an import takes at most 10 KB (AICMO_IMPORT_MAX_BYTES).",
    )
    assert Lead.objects.count() == 0


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_a_lead_file_with_too_many_rows_is_refused(operator, settings, file_format):
    settings.AICMO_IMPORT_MAX_ROWS = 3
    campaign = CampaignFactory()

    at_limit = _upload_leads(
        operator, campaign, _file(_leads(3), LEAD_COLUMNS, file_format), file_format
    )
    past_limit = _upload_leads(
        operator, campaign, _file(_leads(4), LEAD_COLUMNS, file_format), file_format
    )

    assert at_limit.context["result"].totals["new"] == 3
    _refused(past_limit, ROWS_MESSAGE)
    assert Lead.objects.count() == 0


@pytest.mark.parametrize("file_format", [CSV_FORMAT, XLSX_FORMAT])
def test_a_lead_file_with_a_cell_too_long_is_refused(operator, settings, file_format):
    settings.AICMO_IMPORT_MAX_CELL_CHARS = 60
    campaign = CampaignFactory()
    rows = [*_leads(2), {**_leads(1)[0], "email": "x@y.example", "company": "c" * 61}]

    response = _upload_leads(
        operator, campaign, _file(rows, LEAD_COLUMNS, file_format), file_format
    )

    _refused(
        response,
        "Line 4, column company, has 61 characters; a cell takes at most 60 "
        "(AICMO_IMPORT_MAX_CELL_CHARS).",
    )
    assert Lead.objects.count() == 0


def test_a_sheet_row_far_below_the_rest_counts_every_row_between(operator, settings):
    settings.AICMO_IMPORT_MAX_ROWS = 100
    campaign = CampaignFactory()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(LEAD_COLUMNS))
    sheet.append(["Jane", "jane@acme.example", "Acme", 0.5])
    sheet.cell(row=1_000_000, column=1, value="Far away")
    out = io.BytesIO()
    workbook.save(out)

    response = _upload_leads(operator, campaign, out.getvalue(), XLSX_FORMAT)

    _refused(
        response,
        "The file has more than 100 rows after the header; an import takes at most "
        "100 (AICMO_IMPORT_MAX_ROWS). Split the file.",
    )
    assert Lead.objects.count() == 0


def test_the_lead_preview_lists_a_bounded_number_of_rows(operator, settings):
    settings.AICMO_IMPORT_PREVIEW_ROWS = 2
    campaign = CampaignFactory()

    preview = _upload_leads(operator, campaign, _file(_leads(5), LEAD_COLUMNS, "0"))

    result = preview.context["result"]
    assert (result.totals["new"], len(result.rows)) == (5, 2)
    page = preview.content.decode()
    assert "3 more rows are not shown." in page
    assert "lead1@acme.example" in page
    assert "lead2@acme.example" not in page
    operator.post(LEAD_CONFIRM_URL, _confirm_data(preview))
    assert Lead.objects.filter(campaign=campaign).count() == 5


def test_a_forged_lead_import_file_name_is_refused_and_the_file_is_kept(
    operator, other_operator
):
    campaign = CampaignFactory()
    preview = _upload_leads(
        other_operator, campaign, _file(_leads(2), LEAD_COLUMNS, CSV_FORMAT)
    )
    data = _confirm_data(preview)
    path = TempFolderStorage(name=os.path.basename(data["import_file_name"]))

    forged = operator.post(LEAD_CONFIRM_URL, data, follow=True)

    assert forged.redirect_chain == [(LEAD_IMPORT_URL, 302)]
    assert _messages(forged) == [
        "Nothing was imported: this import is not one you previewed in this session, "
        "or it was already confirmed. Upload the file again."
    ]
    assert os.path.exists(path.get_full_path())
    assert Lead.objects.count() == 0
    other_operator.post(LEAD_CONFIRM_URL, data)
    assert Lead.objects.count() == 2


def test_a_lead_import_goes_only_into_the_campaign_it_was_previewed_for(operator):
    campaign, elsewhere = CampaignFactory(), CampaignFactory()
    preview = _upload_leads(
        operator, campaign, _file(_leads(1), LEAD_COLUMNS, CSV_FORMAT)
    )
    data = _confirm_data(preview)

    moved = operator.post(LEAD_CONFIRM_URL, {**data, "campaign": elsewhere.pk})

    assert moved.status_code == 302
    assert Lead.objects.count() == 0
    operator.post(LEAD_CONFIRM_URL, data)
    assert list(Lead.objects.values_list("campaign_id", flat=True)) == [campaign.pk]


# --- the import_leads command ---------------------------------------------------------


def _command(path, campaign):
    call_command("import_leads", str(path), "--campaign", campaign.pk)


def test_the_command_refuses_a_file_over_the_size_limit(tmp_path, settings):
    settings.AICMO_IMPORT_MAX_BYTES = 10 * 1024
    campaign = CampaignFactory()
    path = tmp_path / "leads.csv"
    path.write_bytes(_padded(_file(_leads(1), LEAD_COLUMNS, CSV_FORMAT), 20 * 1024))

    with pytest.raises(CommandError) as refused:
        _command(path, campaign)

    assert str(refused.value) == (
        f"{path}: The file is 20 KB; an import takes at most 10 KB "
        "(AICMO_IMPORT_MAX_BYTES)."
    )
    assert Lead.objects.count() == 0


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_command_refuses_too_many_rows(tmp_path, settings, suffix):
    settings.AICMO_IMPORT_MAX_ROWS = 3
    campaign = CampaignFactory()
    path = tmp_path / f"leads.{suffix}"
    file_format = CSV_FORMAT if suffix == "csv" else XLSX_FORMAT
    path.write_bytes(_file(_leads(4), LEAD_COLUMNS, file_format))

    with pytest.raises(CommandError) as refused:
        _command(path, campaign)

    assert str(refused.value) == f"{path}: {ROWS_MESSAGE}"
    assert Lead.objects.count() == 0


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_command_refuses_a_cell_too_long(tmp_path, settings, suffix):
    settings.AICMO_IMPORT_MAX_CELL_CHARS = 60
    campaign = CampaignFactory()
    path = tmp_path / f"leads.{suffix}"
    file_format = CSV_FORMAT if suffix == "csv" else XLSX_FORMAT
    path.write_bytes(_file(_leads(1, name="n" * 61), LEAD_COLUMNS, file_format))

    with pytest.raises(CommandError) as refused:
        _command(path, campaign)

    assert str(refused.value) == (
        f"{path}: Line 2, column name, has 61 characters; a cell takes at most 60 "
        "(AICMO_IMPORT_MAX_CELL_CHARS)."
    )
    assert Lead.objects.count() == 0


def test_a_csv_cell_past_the_csv_modules_own_cap_is_named_as_ours(tmp_path):
    # The csv module stops at 131,072 characters, before our default of 32,767 is
    # checked; the refusal still names our limit.
    campaign = CampaignFactory()
    path = tmp_path / "leads.csv"
    path.write_bytes(_file(_leads(1, company="c" * 200_000), LEAD_COLUMNS, "0"))

    with pytest.raises(CommandError) as refused:
        _command(path, campaign)

    assert str(refused.value) == (
        f"{path}: Line 2 has a cell longer than 32,767 characters "
        "(AICMO_IMPORT_MAX_CELL_CHARS)."
    )
    assert Lead.objects.count() == 0
