"""Lead import and export through cam.resources: the admin's path, and the commands."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cam import api, resources
from cam.errors import LeadImportFailed
from cam.models import Campaign, Lead
from cam.services import imports as import_services
from tests.cam.factories import CampaignFactory, LeadFactory

pytestmark = pytest.mark.django_db

HEADER = ["name", "email", "company", "base_score", "budget_known", "engagement"]


def _csv(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def _import(campaign, data, file_format="csv", **kwargs):
    dataset = resources.read_dataset(data, file_format)
    return resources.import_dataset(campaign_id=campaign.id, dataset=dataset, **kwargs)


def _leads(campaign):
    return list(
        Lead.objects.filter(campaign=campaign)
        .order_by("normalized_email")
        .values_list("normalized_email", "fit_score", "conversion_probability", "grade")
    )


BOUNDARY_ROWS = [
    # base, budget, engagement -> fit, probability, grade (as the API scores them)
    ("a@x.example", "0.8", "no", "0.4667", "0.8000", "0.7000", "A"),
    ("b@x.example", "0.8", "no", "0.4663", "0.8000", "0.6999", "B"),
    ("c@x.example", "0.6", "no", "1", "0.6000", "0.7200", "B"),
    ("d@x.example", "0.3999", "yes", "0", "0.5999", "0.4199", "C"),
    ("e@x.example", "0.4", "", "", "0.4000", "0.2800", "C"),
    ("f@x.example", "0.3999", "0", "1", "0.3999", "0.5799", "D"),
]


def test_an_import_stores_every_row_scored_exactly_like_an_ingested_lead():
    campaign = CampaignFactory()
    data = _csv(
        [
            (f"Lead {e[0]}", e, "Acme", b, budget, eng)
            for e, b, budget, eng, *_ in BOUNDARY_ROWS
        ]
    )

    resource, result = _import(campaign, data)

    assert resources.result_problems(result) == []
    assert result.totals["new"] == 6
    expected = [
        (email, Decimal(fit), Decimal(prob), grade)
        for email, _b, _bu, _e, fit, prob, grade in BOUNDARY_ROWS
    ]
    assert _leads(campaign) == expected
    assert [lead.normalized_email for lead in resource.created] == [
        row[0] for row in BOUNDARY_ROWS
    ]
    ingested = CampaignFactory()
    for email, base, budget, engagement, *_ in BOUNDARY_ROWS:
        api.lead_ingest(
            campaign_id=ingested.id,
            name="Same",
            email=email,
            base_score=base,
            budget_known=budget == "yes",
            engagement=engagement or 0,
        )
    assert _leads(ingested) == expected
    lead = Lead.objects.get(campaign=campaign, normalized_email="d@x.example")
    assert (lead.status, lead.source, lead.budget_known, lead.company) == (
        "NEW",
        "import",
        True,
        "Acme",
    )


def test_rows_whose_email_is_already_a_lead_are_skipped_and_reported():
    campaign = CampaignFactory()
    existing = LeadFactory(campaign=campaign, email="jane@acme.example", name="Old")
    data = _csv(
        [
            ("Jane Again", "  JANE@Acme.Example ", "Acme", "0.9", "yes", "1"),
            ("Bob", "bob@acme.example", "Acme", "0.5", "no", "0"),
        ]
    )

    resource, result = _import(campaign, data)

    assert resources.result_problems(result) == []
    assert resource.plan.skipped == {2: existing.id}
    assert [row.import_type for row in result.rows] == ["skip", "new"]
    assert result.rows[0].object_id == existing.id
    assert Lead.objects.get(pk=existing.id).name == "Old"
    assert Lead.objects.filter(campaign=campaign).count() == 2


def test_a_repeated_email_in_the_file_is_an_error_naming_both_lines():
    campaign = CampaignFactory()
    data = _csv(
        [
            ("Jane", "jane@acme.example", "Acme", "0.5", "", ""),
            ("Bob", "bob@acme.example", "Acme", "0.5", "", ""),
            ("Jane Twin", " Jane@ACME.example", "Acme", "0.5", "", ""),
        ]
    )

    _, result = _import(campaign, data)

    assert resources.result_problems(result) == [
        "line 4: email: Line 2 has the same email (jane@acme.example); a lead may "
        "appear once per file."
    ]
    assert Lead.objects.count() == 0


BAD_FILE = [
    ("Jane", "jane@acme.example", "Acme", "0.5", "yes", "0.2"),
    ("Bob", "bob@", "Acme", "1.5", "maybe", "0.2"),
    ("", "carol@acme.example", "Acme", "", "no", "-1"),
    ("Dan", "dan@acme.example", "Acme", "0.4", "no", "0.2"),
]
BAD_FILE_PROBLEMS = [
    "line 3: email: Enter a valid email address.",
    "line 3: base_score: Must be between 0 and 1.",
    "line 3: budget_known: Must be yes or no (true/false, 1/0).",
    "line 4: name: This field is required.",
    "line 4: base_score: This field is required.",
    "line 4: engagement: Must be between 0 and 1.",
]


def test_a_file_with_bad_rows_stores_nothing_and_names_each_line():
    campaign = CampaignFactory()

    resource, result = _import(campaign, _csv(BAD_FILE))

    assert resources.result_problems(result) == BAD_FILE_PROBLEMS
    assert [row.number for row in result.invalid_rows] == [3, 4]
    assert resource.created == []
    assert Lead.objects.count() == 0


# Line 3 is empty and Bob's quoted company spans lines 5 and 6: Carol is on line 7.
CSV_WITH_GAPS = (
    "name,email,company,base_score\r\n"
    "Jane,jane@acme.example,Acme,0.5\r\n"
    "\r\n"
    "Old,OLD@acme.example,Acme,0.5\r\n"
    'Bob,bob@acme.example,"Acme\r\nDental",0.5\r\n'
    "Carol,carol@acme,Acme,2\r\n"
    "Jane Twin,JANE@acme.example,Acme,0.5\r\n"
)


def test_csv_errors_name_the_physical_line_after_empty_lines_and_quoted_breaks():
    campaign = CampaignFactory()
    existing = LeadFactory(campaign=campaign, email="old@acme.example")

    resource, result = _import(campaign, CSV_WITH_GAPS.encode())

    assert resources.result_problems(result) == [
        "line 7: email: Enter a valid email address.",
        "line 7: base_score: Must be between 0 and 1.",
        "line 8: email: Line 2 has the same email (jane@acme.example); a lead may "
        "appear once per file.",
    ]
    assert [row.number for row in result.invalid_rows] == [7, 8]
    assert resource.plan.skipped == {4: existing.id}
    assert sorted(resource.plan.leads) == [2, 5]
    assert resource.plan.leads[5].company == "Acme\r\nDental"
    assert Lead.objects.count() == 1


def test_the_import_command_names_the_physical_line_of_a_csv(tmp_path, capsys):
    campaign = CampaignFactory()
    path = tmp_path / "leads.csv"
    path.write_bytes(CSV_WITH_GAPS.encode())

    with pytest.raises(CommandError):
        call_command("import_leads", str(path), campaign=campaign.id)

    assert capsys.readouterr().err.splitlines() == [
        "line 7: email: Enter a valid email address.",
        "line 7: base_score: Must be between 0 and 1.",
        "line 8: email: Line 2 has the same email (jane@acme.example); a lead may "
        "appear once per file.",
    ]
    assert Lead.objects.count() == 0


def test_xlsx_errors_name_the_sheet_row_after_an_empty_row():
    campaign = CampaignFactory()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["name", "email", "company", "base_score"])  # row 1
    sheet.append(["Jane", "jane@acme.example", "Acme\nDental", 0.5])  # row 2
    sheet.append(["Bob", "bob@acme.example", "Acme", 0.5])  # row 3, then row 4 empty
    sheet.cell(row=5, column=1, value="Carol")
    sheet.cell(row=5, column=2, value="carol@acme")
    sheet.cell(row=5, column=4, value=0.5)
    out = io.BytesIO()
    book.save(out)

    _, result = _import(campaign, out.getvalue(), "xlsx")

    assert resources.result_problems(result) == [
        "line 5: email: Enter a valid email address."
    ]
    assert Lead.objects.count() == 0


def test_the_import_command_reports_bad_lines_and_stores_nothing(tmp_path, capsys):
    campaign = CampaignFactory()
    path = tmp_path / "leads.csv"
    path.write_bytes(_csv(BAD_FILE))

    with pytest.raises(CommandError) as exc_info:
        call_command("import_leads", str(path), campaign=campaign.id)

    assert str(exc_info.value) == "Nothing was imported: 6 problem(s) in leads.csv."
    assert capsys.readouterr().err.splitlines() == BAD_FILE_PROBLEMS
    assert Lead.objects.count() == 0


def test_the_import_command_imports_an_xlsx_file(tmp_path, capsys):
    campaign = CampaignFactory()
    existing = LeadFactory(campaign=campaign, email="old@acme.example")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["Name", "Email", "Company", "Base Score", "Has Timeline", "Pain points"]
    )
    sheet.append(["Jane Doe", "Jane@Acme.example", "Acme", 0.7, True, "No-shows"])
    sheet.append(["Old Lead", "OLD@acme.example", "Acme", 0.5, False, ""])
    sheet.append([None, None, None, None, None, None])  # a trailing blank row
    path = tmp_path / "leads.xlsx"
    book.save(path)

    call_command("import_leads", str(path), campaign=campaign.id)

    assert capsys.readouterr().out.splitlines() == [
        f"Imported 1 lead(s) into {campaign.id}; 1 skipped (already leads).",
        f"  line 3: already lead {existing.id}",
    ]
    jane = Lead.objects.get(normalized_email="jane@acme.example")
    # 0.7 + 0.1 timeline + 0.1 pain points
    assert (jane.fit_score, jane.grade, jane.has_timeline) == (
        Decimal("0.9000"),
        "B",
        True,
    )


def test_a_dry_run_of_the_command_stores_nothing(tmp_path, capsys):
    campaign = CampaignFactory()
    path = tmp_path / "leads.csv"
    path.write_bytes(_csv([("Jane", "jane@acme.example", "", "0.5", "", "")]))

    call_command("import_leads", str(path), campaign=campaign.id, dry_run=True)

    assert capsys.readouterr().out.strip() == (
        f"Would import 1 lead(s) into {campaign.id}; 0 skipped (already leads)."
    )
    assert Lead.objects.count() == 0


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        (
            ["name", "email", "score"],
            "file: The header row has unknown column(s) score; missing column(s) "
            "base_score.",
        ),
        (
            ["name", "email", "base_score", "Email"],
            "file: The header row has column(s) given twice: email.",
        ),
    ],
)
def test_a_bad_header_fails_the_whole_file(header, problem):
    campaign = CampaignFactory()
    data = _csv([["Jane", "jane@acme.example", "0.5", "x"][: len(header)]], header)

    _, result = _import(campaign, data)

    problems = resources.result_problems(result)
    assert len(problems) == 1
    assert problems[0].startswith(problem)
    assert Lead.objects.count() == 0


def test_a_completed_campaign_takes_no_import():
    campaign = CampaignFactory(status="COMPLETED")
    data = _csv([("Jane", "jane@acme.example", "", "0.5", "", "")])

    _, result = _import(campaign, data)

    assert resources.result_problems(result) == [
        f"file: Campaign {campaign.id} is COMPLETED; it takes no new leads."
    ]
    assert Lead.objects.count() == 0


def test_an_export_imports_into_another_campaign():
    source = CampaignFactory()
    LeadFactory(campaign=source, email="jane@acme.example", has_timeline=True)
    LeadFactory(campaign=source, email="bob@acme.example", pain_points="Churn")
    exported = resources.LeadExportResource().export(
        Lead.objects.filter(campaign=source)
    )
    assert exported.headers == list(resources.LEAD_EXPORT_COLUMNS)
    target = CampaignFactory()

    _, result = _import(target, exported.export("csv").encode())

    assert resources.result_problems(result) == []
    assert _leads(target) == _leads(source)


def test_an_email_taken_after_the_check_makes_the_commit_store_nothing():
    campaign = CampaignFactory()
    plan = import_services.lead_import_prepare(
        campaign_id=campaign.id,
        rows=[
            (2, {"name": "Jane", "email": "jane@acme.example", "base_score": "0.5"}),
            (3, {"name": "Bob", "email": "bob@acme.example", "base_score": "0.5"}),
        ],
    )
    winner = api.lead_ingest(
        campaign_id=campaign.id, name="Jane", email="JANE@acme.example", base_score=1
    ).lead

    with pytest.raises(LeadImportFailed) as exc_info:
        import_services.lead_import_commit(plan=plan)

    assert exc_info.value.extra == {
        "lines": {2: {"email": [f"Lead {winner.id} took this email."]}}
    }
    assert Lead.objects.count() == 1


def test_api_lead_import_is_all_or_nothing():
    campaign = CampaignFactory()
    existing = LeadFactory(campaign=campaign, email="old@acme.example")
    good = {"name": "Jane", "email": "jane@acme.example", "base_score": "0.5"}

    with pytest.raises(LeadImportFailed) as exc_info:
        api.lead_import(
            campaign_id=campaign.id,
            rows=[(2, good), (3, {"name": "Bob", "email": "bob", "base_score": "2"})],
        )
    assert exc_info.value.extra["lines"] == {
        3: {
            "email": ["Enter a valid email address."],
            "base_score": ["Must be between 0 and 1."],
        }
    }
    assert Lead.objects.count() == 1

    result = api.lead_import(
        campaign_id=campaign.id,
        rows=[
            (2, good),
            (3, {"name": "Old", "email": "Old@acme.example ", "base_score": 1}),
        ],
    )

    assert len(result.created) == 1
    assert result.skipped == ((3, existing.id),)
    assert Lead.objects.count() == 2


def test_the_import_makes_no_query_per_row():
    def queries(rows):
        campaign = CampaignFactory()
        data = _csv(
            [
                (f"L{n}", f"l{n}@acme.example", "Acme", "0.5", "", "")
                for n in range(rows)
            ]
        )
        dataset = resources.read_dataset(data, "csv")
        with CaptureQueriesContext(connection) as captured:
            resources.import_dataset(campaign_id=campaign.id, dataset=dataset)
        inserts = [
            q for q in captured.captured_queries if q["sql"].startswith("INSERT")
        ]
        return len(captured.captured_queries) - len(inserts), len(inserts)

    few_other, few_inserts = queries(5)
    many_other, many_inserts = queries(300)

    assert many_other == few_other
    assert few_inserts == 1
    assert Lead.objects.count() == 305
    # bulk_create batches: SQLite takes 999 parameters (37 leads), PostgreSQL 1000.
    assert many_inserts == (9 if connection.vendor == "sqlite" else 1)


def test_the_benchmark_imports_through_the_same_path_and_cleans_up(capsys):
    call_command("bench_lead_import", rows=120, repeat=2)

    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Generated 120 rows (0.01 MB of CSV)."
    assert out[1].startswith("run 1: ")
    assert out[2].startswith("run 2: ")
    assert out[3].startswith("median of 2: ")
    assert out[3].endswith("rows/s (scratch campaigns deleted)")
    assert Campaign.objects.count() == 0
    assert Lead.objects.count() == 0
