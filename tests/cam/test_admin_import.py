"""Lead import, export, actions and outreach pages in the admin."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cam import api
from cam.models import Lead, OutreachAttempt, OutreachPlan, Suppression
from cam.resources import LEAD_EXPORT_COLUMNS
from tests.cam.factories import CampaignFactory, LeadFactory, lead_in

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:cam_lead_import")
PROCESS_URL = reverse("admin:cam_lead_process_import")
EXPORT_URL = reverse("admin:cam_lead_export")
LEADS_URL = reverse("admin:cam_lead_changelist")
CSV_FORMAT = "0"  # LeadAdmin.import_formats = [CSV, XLSX]


def _upload(rows, header=("name", "email", "company", "base_score")):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile("leads.csv", out.getvalue().encode(), "text/csv")


def _preview(client, campaign, rows):
    return client.post(
        IMPORT_URL,
        {"campaign": campaign.pk, "format": CSV_FORMAT, "import_file": _upload(rows)},
    )


def _confirm(client, preview):
    confirm = preview.context["confirm_form"]
    data = {name: confirm.initial.get(name, "") for name in confirm.fields}
    return client.post(PROCESS_URL, data, follow=True)


def test_the_import_page_asks_for_the_campaign(admin_client):
    active = CampaignFactory(name="Active one")
    CampaignFactory(name="Done one", status="COMPLETED")

    response = admin_client.get(IMPORT_URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert [field.name for field in form.visible_fields()] == [
        "campaign",
        "import_file",
        "format",
    ]
    assert list(form.fields["campaign"].queryset) == [active]


def test_admin_import_previews_then_stores_the_leads_on_confirm(admin_client):
    campaign = CampaignFactory()
    existing = LeadFactory(campaign=campaign, email="old@acme.example")

    preview = _preview(
        admin_client,
        campaign,
        [
            ("Jane Doe", " Jane@Acme.example", "Acme", "0.8"),
            ("Old Lead", "OLD@acme.example", "Acme", "0.5"),
        ],
    )

    assert preview.status_code == 200
    result = preview.context["result"]
    assert [row.import_type for row in result.rows] == ["new", "skip"]
    assert [row.diff for row in result.rows] == [
        ["Jane Doe", "Jane@Acme.example", "Acme", "0.8000", "B", ""],
        ["Old Lead", "OLD@acme.example", "Acme", "", "", existing.id],
    ]
    assert Lead.objects.count() == 1  # the preview stores nothing

    done = _confirm(admin_client, preview)

    assert done.redirect_chain[-1][0] == LEADS_URL
    assert [str(m) for m in done.context["messages"]] == [
        "Imported 1 lead(s). 1 row(s) skipped: their email is already a lead of the "
        "campaign (unchanged)."
    ]
    jane = Lead.objects.get(normalized_email="jane@acme.example")
    assert (jane.campaign_id, jane.fit_score, jane.grade, jane.source) == (
        campaign.id,
        jane.fit_score,
        "B",
        "import",
    )
    assert str(jane.fit_score) == "0.8000"
    assert Lead.objects.count() == 2


def test_admin_import_of_a_bad_row_shows_its_line_and_stores_nothing(admin_client):
    campaign = CampaignFactory()

    preview = _preview(
        admin_client,
        campaign,
        [
            ("Jane Doe", "jane@acme.example", "Acme", "0.8"),
            ("Bob", "bob@acme.example", "Acme", "0.5"),
            ("", "carol@acme", "Acme", "7"),
        ],
    )

    assert preview.status_code == 200
    assert "confirm_form" not in preview.context
    result = preview.context["result"]
    assert [(row.number, row.error_dict) for row in result.invalid_rows] == [
        (
            4,
            {
                "name": ["This field is required."],
                "email": ["Enter a valid email address."],
                "base_score": ["Must be between 0 and 1."],
            },
        )
    ]
    html = preview.content.decode()
    assert "Some rows failed to validate" in html
    assert "<td>4 </td>" in html
    assert "Enter a valid email address." in html
    assert Lead.objects.count() == 0


def test_admin_import_names_the_physical_line_of_a_csv_row(admin_client):
    campaign = CampaignFactory()
    # Line 3 is empty and the quoted company spans lines 4 and 5: Carol is on line 6.
    data = (
        b"name,email,company,base_score\r\n"
        b"Jane Doe,jane@acme.example,Acme,0.8\r\n"
        b"\r\n"
        b'Bob,bob@acme.example,"Acme\r\nDental",0.5\r\n'
        b"Carol,carol@acme,Acme,0.5\r\n"
    )
    upload = SimpleUploadedFile("leads.csv", data, "text/csv")

    preview = admin_client.post(
        IMPORT_URL,
        {"campaign": campaign.pk, "format": CSV_FORMAT, "import_file": upload},
    )

    assert preview.status_code == 200
    result = preview.context["result"]
    assert [(row.number, row.error_dict) for row in result.invalid_rows] == [
        (6, {"email": ["Enter a valid email address."]})
    ]
    assert "<td>6 </td>" in preview.content.decode()
    assert Lead.objects.count() == 0


def test_admin_import_of_a_bad_header_shows_the_problem_without_a_traceback(
    admin_client,
):
    campaign = CampaignFactory()

    response = admin_client.post(
        IMPORT_URL,
        {
            "campaign": campaign.pk,
            "format": CSV_FORMAT,
            "import_file": _upload([("Jane", "0.5")], header=("name", "score")),
        },
    )

    html = response.content.decode()
    assert "The header row has unknown column(s) score; missing column(s) email, " in (
        html
    )
    assert "Traceback" not in html
    assert "confirm_form" not in response.context
    assert Lead.objects.count() == 0


def test_admin_import_confirm_checks_the_file_again(admin_client):
    campaign = CampaignFactory()
    rows = [
        ("Jane", "jane@acme.example", "Acme", "0.8"),
        ("Bob", "bob@x.example", "", "1"),
    ]
    preview = _preview(admin_client, campaign, rows)
    winner = api.lead_ingest(
        campaign_id=campaign.id, name="Winner", email="JANE@acme.example", base_score=1
    ).lead

    done = _confirm(admin_client, preview)

    assert [str(m) for m in done.context["messages"]] == [
        "Imported 1 lead(s). 1 row(s) skipped: their email is already a lead of the "
        "campaign (unchanged)."
    ]
    assert Lead.objects.get(normalized_email="jane@acme.example").pk == winner.id
    assert Lead.objects.get(pk=winner.id).name == "Winner"


def test_admin_import_confirm_stores_nothing_if_the_campaign_completed_meanwhile(
    admin_client,
):
    campaign = CampaignFactory()
    preview = _preview(admin_client, campaign, [("Jane", "jane@a.example", "", "1")])
    api.campaign_transition(campaign_id=campaign.id, to="COMPLETED")

    done = _confirm(admin_client, preview)

    assert done.redirect_chain[-1][0] == IMPORT_URL
    assert [str(m) for m in done.context["messages"]] == [
        f"Nothing was imported: file: Campaign {campaign.id} is COMPLETED; it takes "
        "no new leads."
    ]
    assert Lead.objects.count() == 0


def test_a_viewer_can_export_but_not_import(django_user_model):
    user = django_user_model.objects.create_user("victor", is_staff=True)
    user.groups.add(Group.objects.get(name="viewers"))
    viewer = Client()
    viewer.force_login(user)
    campaign = CampaignFactory()

    refused = viewer.post(
        IMPORT_URL,
        {
            "campaign": campaign.pk,
            "format": CSV_FORMAT,
            "import_file": _upload([("Jane", "jane@acme.example", "", "0.5")]),
        },
    )

    assert refused.status_code == 403
    assert viewer.get(EXPORT_URL).status_code == 200
    assert Lead.objects.count() == 0


def test_admin_export_writes_every_lead_with_its_scores(admin_client):
    lead = LeadFactory(email="Jane@Acme.example", company="Acme")
    form = admin_client.get(EXPORT_URL).context["form"]
    data = {"format": CSV_FORMAT}
    data.update({name: "on" for name in form.fields if name.startswith("lead")})

    response = admin_client.post(EXPORT_URL, data)

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == list(LEAD_EXPORT_COLUMNS)
    exported = dict(zip(rows[0], rows[1], strict=True))
    assert (exported["id"], exported["email"], exported["grade"]) == (
        lead.id,
        "Jane@Acme.example",
        lead.grade,
    )
    assert exported["fit_score"] == str(lead.fit_score)


def test_admin_action_qualifies_selected_leads(admin_client):
    good = lead_in("REPLIED", email="jane@acme.example", company="Acme", base_score=1)
    role = lead_in("NEW", email="info@acme.example", company="Acme")
    done = lead_in("ROUTED", email="done@acme.example")

    response = admin_client.post(
        LEADS_URL,
        {"action": "qualify_leads", "_selected_action": [good.pk, role.pk, done.pk]},
        follow=True,
    )

    texts = [str(m) for m in response.context["messages"]]
    assert texts[0].startswith(
        f"Lead {done.pk} is ROUTED; it cannot move to QUALIFIED."
    )
    assert texts[1] == "Qualified 2 lead(s): LOST 1, QUALIFIED 1."
    assert Lead.objects.get(pk=good.pk).status == "QUALIFIED"
    assert Lead.objects.get(pk=role.pk).lost_reason_code == "ROLE_ACCOUNT"


def test_admin_action_plans_outreach_and_reports_refusals(admin_client):
    campaign = CampaignFactory()
    lead = LeadFactory(campaign=campaign, email="jane@acme.example")
    suppressed = LeadFactory(campaign=campaign, email="gone@acme.example")
    api.suppression_add(email="gone@acme.example", reason="UNSUBSCRIBED")

    response = admin_client.post(
        LEADS_URL,
        {"action": "plan_outreach", "_selected_action": [lead.pk, suppressed.pk]},
        follow=True,
    )

    texts = [str(m) for m in response.context["messages"]]
    assert texts == [
        f"{suppressed.pk}: Lead {suppressed.pk}'s email gone@acme.example is "
        "suppressed; it gets no outreach.",
        "Planned outreach for 1 lead(s); 0 already had a plan (unchanged).",
    ]
    assert OutreachPlan.objects.get().lead_id == lead.pk
    assert OutreachAttempt.objects.count() == 5
    change = admin_client.get(reverse("admin:cam_lead_change", args=[lead.pk]))
    assert OutreachPlan.objects.get().id in change.content.decode()


def test_admin_adds_a_suppression_through_the_service(admin_client):
    campaign = CampaignFactory(mode="LIVE")
    lead = LeadFactory(campaign=campaign, email="jane@acme.example")
    api.lead_plan_outreach(lead_id=lead.id)

    response = admin_client.post(
        reverse("admin:cam_suppression_add"),
        {"email": " JANE@acme.example ", "reason": "UNSUBSCRIBED", "note": "STOP"},
        follow=True,
    )

    suppression = Suppression.objects.get()
    assert (suppression.email, suppression.campaign_id, suppression.note) == (
        "jane@acme.example",
        None,
        "STOP",
    )
    assert "5 queued outreach message(s) to jane@acme.example cancelled." in [
        str(m) for m in response.context["messages"]
    ]
    again = admin_client.post(
        reverse("admin:cam_suppression_add"),
        {"email": "jane@ACME.example", "reason": "BOUNCED", "note": ""},
    )
    assert again.context["adminform"].form.errors == {
        "email": [f"{suppression.id} already suppresses it."]
    }
    assert Suppression.objects.count() == 1


def test_outreach_pages_render(admin_client):
    lead = LeadFactory()
    plan = api.lead_plan_outreach(lead_id=lead.id).plan

    for url in (
        reverse("admin:cam_outreachplan_changelist"),
        reverse("admin:cam_outreachplan_change", args=[plan.id]),
        reverse("admin:cam_outreachattempt_changelist"),
        reverse("admin:cam_outreachattempt_change", args=[plan.messages[0].id]),
        reverse("admin:cam_suppression_changelist"),
    ):
        assert admin_client.get(url).status_code == 200
    page = admin_client.get(reverse("admin:cam_outreachplan_change", args=[plan.id]))
    assert plan.messages[0].body.splitlines()[0] in page.content.decode()
