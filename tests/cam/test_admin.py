import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.admin.sites import site
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cam.errors import CampaignCompleted
from cam.models import Campaign, Lead
from cam.services import leads as lead_services
from tests.cam.factories import CampaignFactory, LeadFactory, lead_in

pytestmark = pytest.mark.django_db

CAMPAIGNS_URL = reverse("admin:cam_campaign_changelist")
LEADS_URL = reverse("admin:cam_lead_changelist")


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _campaign_with_leads():
    campaign = CampaignFactory()
    LeadFactory(campaign=campaign, base_score=Decimal("1"), engagement=Decimal("1"))
    LeadFactory(campaign=campaign, base_score=Decimal("0.1"), engagement=Decimal("0"))
    lead_in("QUALIFIED", campaign=campaign, base_score=Decimal("0.1"))
    return campaign


def test_campaign_changelist_shows_lead_counts_per_status_and_grade(admin_client):
    _campaign_with_leads()

    response = admin_client.get(CAMPAIGNS_URL)

    row = response.context["cl"].result_list[0]
    assert row.leads_total == 3
    assert row.leads_status_NEW == 2
    assert row.leads_status_QUALIFIED == 1
    assert row.leads_grade_A == 1
    assert row.leads_grade_D == 2
    content = response.content.decode()
    assert "New: 2, Qualified: 1" in content
    assert "A: 1, D: 2" in content


def test_campaign_changelist_query_count_does_not_grow_with_campaigns(admin_client):
    _campaign_with_leads()
    few = _queries(admin_client, CAMPAIGNS_URL)
    for _ in range(5):
        _campaign_with_leads()

    assert _queries(admin_client, CAMPAIGNS_URL) == few


def test_lead_changelist_query_count_does_not_grow_with_leads(admin_client):
    _campaign_with_leads()
    few = _queries(admin_client, LEADS_URL)
    for _ in range(5):
        _campaign_with_leads()

    assert _queries(admin_client, LEADS_URL) == few


def test_lead_changelist_filters_by_campaign_status_and_grade(admin_client):
    campaign = _campaign_with_leads()
    _campaign_with_leads()

    def listed(query):
        response = admin_client.get(f"{LEADS_URL}?{query}")
        return {lead.pk for lead in response.context["cl"].result_list}

    ours = set(Lead.objects.filter(campaign=campaign).values_list("pk", flat=True))
    assert listed(f"campaign__id__exact={campaign.pk}") == ours
    assert listed("status__exact=QUALIFIED") == set(
        Lead.objects.filter(status="QUALIFIED").values_list("pk", flat=True)
    )
    assert listed("grade__exact=A") == set(
        Lead.objects.filter(grade="A").values_list("pk", flat=True)
    )


def test_lead_changelist_searches_email_and_company(admin_client):
    wanted = LeadFactory(email="Needle@Haystack.example", company="Acme Dental")
    LeadFactory(email="other@example.com", company="Other Co")

    def found(term):
        response = admin_client.get(LEADS_URL, {"q": term})
        return [lead.pk for lead in response.context["cl"].result_list]

    assert found("needle@haystack") == [wanted.pk]
    assert found("acme dental") == [wanted.pk]


def test_admin_adds_a_campaign_through_the_service(admin_client):
    response = admin_client.post(
        reverse("admin:cam_campaign_add"),
        {
            "name": " Dentists ",
            "niche": "Dental clinics",
            "offer": "Retainer",
            "target_clients": "4",
            "target_monthly_revenue": "",
            "mode": "SIMULATION",
            "banned_words": "cheap, free\nguaranteed",
            "competitor_domains": "@Rival.example\nwww.other.example",
            "daily_send_cap": "20",
            "send_timezone": "Europe/Berlin",
            "send_window_start": "08:30",
            "send_window_end": "16:00",
        },
    )

    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.competitor_domains == ["rival.example", "other.example"]
    assert (campaign.daily_send_cap, campaign.send_timezone) == (20, "Europe/Berlin")
    assert (campaign.send_window_start, campaign.send_window_end) == (
        dt.time(8, 30),
        dt.time(16, 0),
    )
    assert campaign.id.startswith("cam_")
    assert campaign.name == "Dentists"
    assert campaign.status == "ACTIVE"
    assert campaign.banned_words == ["cheap", "free", "guaranteed"]


def test_admin_add_campaign_shows_field_errors_and_stores_nothing(admin_client):
    response = admin_client.post(
        reverse("admin:cam_campaign_add"),
        {
            "name": "   ",
            "niche": "Dental clinics",
            "offer": "Retainer",
            "target_clients": "0",
            "mode": "SIMULATION",
            "competitor_domains": "not a domain",
            "daily_send_cap": "5",
            "send_timezone": "UTC",
            "send_window_start": "17:00",
            "send_window_end": "09:00",
        },
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {
        "name",
        "target_clients",
        "competitor_domains",
        "send_window_end",
    }
    assert Campaign.objects.count() == 0


def _lead_form(campaign, **overrides):
    data = {
        "campaign": campaign.pk,
        "name": "Jane Doe",
        "email": "Jane@Acme.example",
        "company": "Acme",
        "role": "Owner",
        "source": "admin",
        "base_score": "0.7",
        "has_timeline": "on",
        "pain_points": "",
        "engagement": "1",
    }
    data.update(overrides)
    return data


def test_admin_adds_a_scored_lead_through_the_service(admin_client):
    campaign = CampaignFactory()

    response = admin_client.post(reverse("admin:cam_lead_add"), _lead_form(campaign))

    assert response.status_code == 302
    lead = Lead.objects.get()
    assert lead.normalized_email == "jane@acme.example"
    assert (lead.fit_score, lead.conversion_probability, lead.grade) == (
        Decimal("0.8000"),
        Decimal("0.8600"),
        "A",
    )
    assert lead.status == "NEW"


def test_admin_add_lead_refuses_a_duplicate_email(admin_client):
    campaign = CampaignFactory()
    existing = LeadFactory(campaign=campaign, email="jane@acme.example")

    response = admin_client.post(
        reverse("admin:cam_lead_add"), _lead_form(campaign, email=" JANE@acme.example")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "email": [f"Lead {existing.pk} of this campaign has this email."]
    }
    assert Lead.objects.count() == 1


def test_admin_change_lead_recomputes_the_score(admin_client):
    lead = LeadFactory(base_score=Decimal("0.3"), engagement=Decimal("0"))
    assert lead.grade == "D"

    response = admin_client.post(
        reverse("admin:cam_lead_change", args=[lead.pk]),
        _lead_form(lead.campaign, email=lead.email, base_score="0.6", engagement="0"),
    )

    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.fit_score, lead.grade) == (Decimal("0.7000"), "B")


def _messages(response):
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def test_admin_save_of_a_lead_that_became_lost_shows_the_error_not_success(
    admin_client,
):
    # The page was opened while the lead was open; it was lost before the save.
    lead = lead_in("LOST")
    before = Lead.objects.filter(pk=lead.pk).values().get()
    url = reverse("admin:cam_lead_change", args=[lead.pk])

    response = admin_client.post(url, _lead_form(lead.campaign), follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert _messages(response) == [
        ("error", f"Lead {lead.pk} is LOST; its data can no longer change.")
    ]
    assert Lead.objects.filter(pk=lead.pk).values().get() == before
    assert LogEntry.objects.count() == 0


def test_admin_add_refused_by_the_service_shows_the_error_not_success(
    admin_client, monkeypatch
):
    campaign = CampaignFactory()

    def completed_meanwhile(**kwargs):
        raise CampaignCompleted(
            f"Campaign {campaign.pk} is COMPLETED; it takes no new leads."
        )

    monkeypatch.setattr(lead_services, "lead_ingest", completed_meanwhile)
    url = reverse("admin:cam_lead_add")

    response = admin_client.post(url, _lead_form(campaign), follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert _messages(response) == [
        ("error", f"Campaign {campaign.pk} is COMPLETED; it takes no new leads.")
    ]
    assert Lead.objects.count() == 0
    assert LogEntry.objects.count() == 0


def test_admin_save_of_a_campaign_completed_meanwhile_shows_the_error(admin_client):
    campaign = CampaignFactory(status="COMPLETED")
    url = reverse("admin:cam_campaign_change", args=[campaign.pk])

    response = admin_client.post(url, {"name": "Renamed"}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert _messages(response) == [
        ("error", f"Campaign {campaign.pk} is COMPLETED; it can no longer change.")
    ]
    campaign.refresh_from_db()
    assert campaign.name != "Renamed"
    assert LogEntry.objects.count() == 0


def test_admin_action_pauses_campaigns_and_reports_illegal_moves(admin_client):
    active = CampaignFactory()
    completed = CampaignFactory(status="COMPLETED")

    response = admin_client.post(
        CAMPAIGNS_URL,
        {"action": "pause_campaigns", "_selected_action": [active.pk, completed.pk]},
        follow=True,
    )

    active.refresh_from_db()
    completed.refresh_from_db()
    assert (active.status, completed.status) == ("PAUSED", "COMPLETED")
    texts = [str(message) for message in response.context["messages"]]
    assert f"Campaign {completed.pk} is COMPLETED; it cannot move to PAUSED." in texts
    assert "1 campaign(s) moved to PAUSED." in texts


def test_admin_action_sends_leads_to_manual_review_with_a_reason(admin_client):
    lead = lead_in("CONTACTED")

    admin_client.post(
        LEADS_URL, {"action": "mark_manual_review", "_selected_action": [lead.pk]}
    )

    lead.refresh_from_db()
    assert lead.status == "MANUAL_REVIEW"
    assert lead.review_reasons == ["Flagged for review in the admin by admin."]


def test_admin_never_deletes_campaigns_or_leads(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user

    assert site._registry[Campaign].has_delete_permission(request) is False
    assert site._registry[Lead].has_delete_permission(request) is False


@pytest.mark.parametrize("status", ["NEW", "QUALIFIED", "ROUTED", "LOST"])
def test_admin_lead_pages_render(admin_client, status):
    lead = lead_in(status, review_reasons=["Checked"])

    change = admin_client.get(reverse("admin:cam_lead_change", args=[lead.pk]))
    add = admin_client.get(reverse("admin:cam_lead_add"))

    assert change.status_code == 200
    assert add.status_code == 200
    assert lead.normalized_email in change.content.decode()


def test_admin_shows_a_completed_campaign_read_only(admin_client):
    campaign = CampaignFactory(status="COMPLETED", banned_words=["cheap"])

    response = admin_client.get(
        reverse("admin:cam_campaign_change", args=[campaign.pk])
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.fields == {}


def test_a_viewer_sees_no_campaign_action_and_is_refused_one(django_user_model):
    user = django_user_model.objects.create_user("victor", is_staff=True)
    user.groups.add(Group.objects.get(name="viewers"))
    viewer = Client()
    viewer.force_login(user)
    campaign = CampaignFactory()

    listing = viewer.get(CAMPAIGNS_URL)
    refused = viewer.post(
        CAMPAIGNS_URL,
        {"action": "pause_campaigns", "_selected_action": [campaign.pk]},
    )

    assert listing.context["action_form"] is None
    assert refused.status_code == 403
    campaign.refresh_from_db()
    assert campaign.status == "ACTIVE"


@pytest.mark.parametrize("url", [CAMPAIGNS_URL, LEADS_URL])
def test_lists_make_as_many_queries_for_ten_campaigns_as_for_one(admin_client, url):
    _campaign_with_leads()
    one = _queries(admin_client, url)
    for _ in range(9):
        _campaign_with_leads()

    assert _queries(admin_client, url) == one
