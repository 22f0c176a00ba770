"""Issue 11, finding 4: exports never write a live spreadsheet formula.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
written with a leading apostrophe in CSV and XLSX alike, and an import reads the
apostrophe back off, so an export imports again unchanged.
"""

import csv
import io

import openpyxl
import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse

from aicmo_site.kernel import imports as kernel_imports
from cam.models import Lead
from onboarding.models import Brief
from onboarding.resources import BRIEF_COLUMNS
from orchestration import api as orchestration_api
from tests.cam.factories import CampaignFactory, LeadFactory
from tests.orchestration.conftest import load_example

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
HYPERLINK = '=HYPERLINK("http://evil.example","x")'
BRIEF_EXPORT_URL = reverse("admin:onboarding_brief_export")
BRIEF_IMPORT_URL = reverse("admin:orchestration_brief_import")
BRIEF_CONFIRM_URL = reverse("admin:orchestration_brief_process_import")
LEAD_EXPORT_URL = reverse("admin:cam_lead_export")
LEAD_IMPORT_URL = reverse("admin:cam_lead_import")
LEAD_CONFIRM_URL = reverse("admin:cam_lead_process_import")


@pytest.fixture
def operator(django_user_model):
    user = django_user_model.objects.create_user("olivia", is_staff=True)
    user.groups.add(Group.objects.get(name="operators"))
    client = Client()
    client.force_login(user)
    return client


def _csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _xlsx_rows(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows())
    names = [cell.value for cell in header]
    return [dict(zip(names, row, strict=True)) for row in rows]


# --- briefs -----------------------------------------------------------------------

BRIEF_CELLS = {
    "client_name": HYPERLINK,
    "primary_offer": "+1+2 offer",
    "target_audience": "-2+3 people who cook",
    "tone": "@SUM(A1:A9)",
    "pain_points": "=1+1; Slow mornings",
    "competitors": "-cmd|' /C calc'!A0",
}


def _formula_brief():
    data = load_example()
    data["client"]["name"] = HYPERLINK
    data["primary_offer"] = "+1+2 offer"
    data["target_audience"] = "-2+3 people who cook"
    data["tone"] = "@SUM(A1:A9)"
    data["pain_points"] = ["=1+1", "Slow mornings"]
    data["competitors"] = ["-cmd|' /C calc'!A0"]
    return orchestration_api.brief_submit(data=data)


def _export_briefs(client, file_format):
    return client.post(
        BRIEF_EXPORT_URL,
        {
            "format": file_format,
            "resource": "0",
            **{f"briefresource_{column}": "on" for column in BRIEF_COLUMNS},
        },
    )


def test_a_brief_export_to_csv_escapes_every_formula_cell(operator):
    _formula_brief()

    response = _export_briefs(operator, CSV_FORMAT)

    assert response.status_code == 200
    [row] = _csv_rows(response)
    assert {name: row[name] for name in BRIEF_CELLS} == {
        name: "'" + text for name, text in BRIEF_CELLS.items()
    }
    assert row["budget_amount"] == "4500"  # numbers and plain text are untouched


def test_a_brief_export_to_xlsx_writes_formula_cells_as_escaped_text(operator):
    _formula_brief()

    response = _export_briefs(operator, XLSX_FORMAT)

    assert response.status_code == 200
    [row] = _xlsx_rows(response)
    for name, text in BRIEF_CELLS.items():
        assert (name, row[name].data_type, row[name].value) == (name, "s", "'" + text)
    assert row["duration_weeks"].value == 12  # still a number


def test_an_escaped_brief_export_imports_back_unchanged(operator):
    original = _formula_brief()
    exported = _export_briefs(operator, CSV_FORMAT)

    preview = operator.post(
        BRIEF_IMPORT_URL,
        {
            "import_file": SimpleUploadedFile("briefs.csv", exported.content),
            "format": CSV_FORMAT,
        },
    )
    operator.post(BRIEF_CONFIRM_URL, preview.context["confirm_form"].initial)

    twin = Brief.objects.exclude(pk=original.id).get()
    assert twin.intake["client"]["name"] == HYPERLINK
    assert twin.intake["pain_points"] == ["=1+1", "Slow mornings"]
    assert twin.intake["competitors"] == ["-cmd|' /C calc'!A0"]
    assert twin.intake["tone"] == "@SUM(A1:A9)"


# --- leads ------------------------------------------------------------------------

LEAD_CELLS = {
    "name": HYPERLINK,
    "company": "+1+2 Dental",
    "role": "-2+3",
    "pain_points": "@SUM(A1:A9)",
    "source": "\t=1+1",
}


def _formula_lead():
    # Stored as they are (rows from before input was checked for them, or typed
    # straight into the database): the export must still neutralise them.
    return LeadFactory(**LEAD_CELLS, email="jane@acme.example")


def _export_leads(client, file_format):
    form = client.get(LEAD_EXPORT_URL).context["form"]
    data = {"format": file_format}
    data.update({name: "on" for name in form.fields if name.startswith("lead")})
    return client.post(LEAD_EXPORT_URL, data)


def test_a_lead_export_to_csv_escapes_every_formula_cell(operator):
    lead = _formula_lead()
    LeadFactory(name="\r=2+3", company="-5", email="cr@acme.example")

    response = _export_leads(operator, CSV_FORMAT)

    assert response.status_code == 200
    rows = {row["email"]: row for row in _csv_rows(response)}
    first = rows["jane@acme.example"]
    assert {name: first[name] for name in LEAD_CELLS} == {
        name: "'" + text for name, text in LEAD_CELLS.items()
    }
    assert first["id"] == lead.id
    second = rows["cr@acme.example"]
    assert (second["name"], second["company"]) == ("'\r=2+3", "-5")  # -5: a number


def test_a_lead_export_to_xlsx_writes_formula_cells_as_escaped_text(operator):
    _formula_lead()

    response = _export_leads(operator, XLSX_FORMAT)

    assert response.status_code == 200
    [row] = _xlsx_rows(response)
    for name, text in LEAD_CELLS.items():
        assert (name, row[name].data_type, row[name].value) == (name, "s", "'" + text)
    assert row["email"].value == "jane@acme.example"


def test_an_escaped_lead_export_imports_back_unchanged(operator):
    _formula_lead()
    exported = _export_leads(operator, CSV_FORMAT)
    target = CampaignFactory()

    preview = operator.post(
        LEAD_IMPORT_URL,
        {
            "campaign": target.pk,
            "format": CSV_FORMAT,
            "import_file": SimpleUploadedFile("leads.csv", exported.content),
        },
    )
    confirm = preview.context["confirm_form"]
    operator.post(
        LEAD_CONFIRM_URL,
        {name: confirm.initial.get(name, "") for name in confirm.fields},
    )

    twin = Lead.objects.get(campaign=target)
    assert (twin.name, twin.company, twin.role, twin.pain_points) == (
        HYPERLINK,
        "+1+2 Dental",
        "-2+3",
        "@SUM(A1:A9)",
    )


# --- every export, and the rule itself ---------------------------------------------


def test_every_admin_export_escapes_formulae(django_user_model):
    request = RequestFactory().get("/")
    request.user = django_user_model.objects.create_superuser("root")
    exporting = {
        type(model_admin).__name__: model_admin.get_export_resource_classes(request)
        for model_admin in site._registry.values()
        if hasattr(model_admin, "get_export_resource_classes")
    }

    assert sorted(exporting) == ["BriefAdmin", "LeadAdmin"]
    for name, classes in exporting.items():
        assert classes, name
        for resource_class in classes:
            assert issubclass(resource_class, kernel_imports.EscapingResource), name


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width =
        ("'=1", "''=1"),  # an apostrophe already there is kept
        ("-5", "-5"),
        ("+12.50", "+12.50"),  # plain numbers are numbers, not formulae
        ("+1", "+1"),
        ("'-5", "''-5"),
        ("Acme = best", "Acme = best"),
        ("'quoted'", "'quoted'"),
        ("", ""),
        (None, None),
        (12, 12),
    ],
)
def test_formula_escape_and_its_inverse(value, escaped):
    assert kernel_imports.formula_escape(value) == escaped
    if isinstance(value, str):
        assert kernel_imports.formula_unescape(escaped) == value
