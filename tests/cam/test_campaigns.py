import datetime as dt
from decimal import Decimal

import pytest

from cam import api
from cam.dto import CampaignMode, CampaignStatus
from cam.errors import CampaignNotFound, IllegalCampaignTransition, ValidationFailed
from cam.models import Campaign
from cam.services import campaigns as campaign_services
from tests.cam.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_campaign_create_starts_active_in_simulation_with_cleaned_fields():
    campaign = api.campaign_create(
        name="  Dentists Q1 ",
        niche="Dental clinics",
        offer="Patient acquisition retainer",
        target_clients=12,
        target_monthly_revenue=Decimal("30000"),
        banned_words=[" cheap ", "", "Cheap", "guaranteed"],
    )

    assert campaign.id.startswith("cam_")
    assert campaign.name == "Dentists Q1"
    assert campaign.status is CampaignStatus.ACTIVE
    assert campaign.mode is CampaignMode.SIMULATION
    assert campaign.target_clients == 12
    assert campaign.target_monthly_revenue == Decimal("30000.00")
    assert campaign.banned_words == ("cheap", "guaranteed")
    stored = Campaign.objects.get(pk=campaign.id)
    assert stored.status == "ACTIVE"
    assert stored.banned_words == ["cheap", "guaranteed"]
    assert api.campaign_get(campaign_id=campaign.id) == campaign


def test_campaign_create_accepts_live_mode_and_no_revenue_target():
    campaign = api.campaign_create(
        name="Gyms",
        niche="Fitness",
        offer="Memberships",
        target_clients=1,
        mode="LIVE",
    )

    assert campaign.mode is CampaignMode.LIVE
    assert campaign.target_monthly_revenue is None


def test_campaign_create_names_every_bad_field_and_stores_nothing():
    with pytest.raises(ValidationFailed) as exc_info:
        api.campaign_create(
            name=" ",
            niche="Dental clinics",
            offer="Retainer",
            target_clients=0,
            target_monthly_revenue=Decimal("-1"),
            mode="TURBO",
        )

    assert exc_info.value.code == "VALIDATION_ERROR"
    assert sorted(exc_info.value.fields) == [
        "mode",
        "name",
        "target_clients",
        "target_monthly_revenue",
    ]
    assert Campaign.objects.count() == 0


@pytest.mark.parametrize("target_clients", [0, -3, True, 2.5])
def test_campaign_create_rejects_target_clients_that_are_not_positive_integers(
    target_clients,
):
    with pytest.raises(ValidationFailed) as exc_info:
        api.campaign_create(
            name="Gyms",
            niche="Fitness",
            offer="Memberships",
            target_clients=target_clients,
        )

    assert list(exc_info.value.fields) == ["target_clients"]
    assert Campaign.objects.count() == 0


def test_campaign_create_accepts_zero_revenue_target_but_not_fractions_of_cents():
    zero = api.campaign_create(
        name="Pro bono",
        niche="Charities",
        offer="Free audit",
        target_clients=1,
        target_monthly_revenue=Decimal("0"),
    )
    assert zero.target_monthly_revenue == Decimal("0.00")

    with pytest.raises(ValidationFailed) as exc_info:
        api.campaign_create(
            name="Odd",
            niche="Charities",
            offer="Free audit",
            target_clients=1,
            target_monthly_revenue=Decimal("10.005"),
        )
    assert list(exc_info.value.fields) == ["target_monthly_revenue"]


def test_campaign_get_unknown_id_raises_not_found():
    with pytest.raises(CampaignNotFound) as exc_info:
        api.campaign_get(campaign_id="cam_missing")

    assert exc_info.value.code == "NOT_FOUND"


def test_campaign_list_filters_by_status_and_pages_by_id():
    active = sorted(CampaignFactory().id for _ in range(3))
    paused = CampaignFactory(status=Campaign.Status.PAUSED)

    first_page = api.campaign_list(status=CampaignStatus.ACTIVE, limit=2)
    second_page = api.campaign_list(
        status="ACTIVE", limit=2, after_id=first_page[-1].id
    )

    assert [c.id for c in first_page] == active[:2]
    assert [c.id for c in second_page] == active[2:]
    assert [c.id for c in api.campaign_list(status="PAUSED")] == [paused.id]
    assert len(api.campaign_list()) == 4


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"status": "DONE"}, "status"),
    ],
)
def test_campaign_list_rejects_bad_arguments(kwargs, field):
    with pytest.raises(ValidationFailed) as exc_info:
        api.campaign_list(**kwargs)

    assert list(exc_info.value.fields) == [field]


LEGAL_CAMPAIGN_MOVES = [
    ("ACTIVE", "PAUSED"),
    ("PAUSED", "ACTIVE"),
    ("ACTIVE", "COMPLETED"),
    ("PAUSED", "COMPLETED"),
]
ILLEGAL_CAMPAIGN_MOVES = [
    (current.value, to.value)
    for current in CampaignStatus
    for to in CampaignStatus
    if (current.value, to.value) not in LEGAL_CAMPAIGN_MOVES
]


@pytest.mark.parametrize(("current", "to"), LEGAL_CAMPAIGN_MOVES)
def test_campaign_transition_moves_along_allowed_edges(current, to):
    campaign = CampaignFactory(status=current)

    result = api.campaign_transition(campaign_id=campaign.id, to=to)

    assert result.status == to
    campaign.refresh_from_db()
    assert campaign.status == to


@pytest.mark.parametrize(("current", "to"), ILLEGAL_CAMPAIGN_MOVES)
def test_campaign_transition_refuses_illegal_moves_and_changes_nothing(current, to):
    campaign = CampaignFactory(status=current)
    before = Campaign.objects.get(pk=campaign.pk)

    with pytest.raises(IllegalCampaignTransition) as exc_info:
        api.campaign_transition(campaign_id=campaign.id, to=to)

    assert exc_info.value.code == "CONFLICT"
    assert exc_info.value.message == (
        f"Campaign {campaign.id} is {current}; it cannot move to {to}."
    )
    after = Campaign.objects.get(pk=campaign.pk)
    assert (after.status, after.updated_at) == (before.status, before.updated_at)


def test_campaign_transition_rejects_unknown_status():
    campaign = CampaignFactory()

    with pytest.raises(ValidationFailed) as exc_info:
        api.campaign_transition(campaign_id=campaign.id, to="ARCHIVED")

    assert list(exc_info.value.fields) == ["to"]
    campaign.refresh_from_db()
    assert campaign.status == "ACTIVE"


def test_campaign_transition_unknown_campaign_raises_not_found():
    with pytest.raises(CampaignNotFound):
        api.campaign_transition(campaign_id="cam_missing", to="PAUSED")


def test_campaign_create_sets_outreach_defaults():
    campaign = api.campaign_create(
        name="Gyms", niche="Fitness", offer="Memberships", target_clients=1
    )

    assert campaign.competitor_domains == ()
    assert campaign.daily_send_cap == 50
    assert campaign.send_timezone == "UTC"
    assert (campaign.send_window_start, campaign.send_window_end) == (
        dt.time(9, 0),
        dt.time(17, 0),
    )


def test_campaign_create_cleans_competitor_domains():
    campaign = api.campaign_create(
        name="Gyms",
        niche="Fitness",
        offer="Memberships",
        target_clients=1,
        competitor_domains=[" @Rival.Example ", "www.rival.example", "", "b.co.uk"],
        send_window_start="08:00",
        send_window_end=dt.time(12, 30),
    )

    assert campaign.competitor_domains == ("rival.example", "b.co.uk")
    assert (campaign.send_window_start, campaign.send_window_end) == (
        dt.time(8, 0),
        dt.time(12, 30),
    )


def test_campaign_create_names_every_bad_outreach_setting():
    with pytest.raises(ValidationFailed) as exc_info:
        api.campaign_create(
            name="Gyms",
            niche="Fitness",
            offer="Memberships",
            target_clients=1,
            competitor_domains="rival.example",
            daily_send_cap=1001,
            send_timezone="Berlin",
            send_window_start="9am",
            send_window_end=dt.time(17, tzinfo=dt.UTC),
        )

    assert exc_info.value.fields == {
        "competitor_domains": ["Must be a list of domains."],
        "daily_send_cap": ["At most 1000."],
        "send_timezone": ["Must be an IANA time zone such as Europe/Berlin."],
        "send_window_start": ["Must be a time of day such as 09:00."],
        "send_window_end": [
            "Must be a time of day such as 09:00, without a time zone."
        ],
    }
    assert Campaign.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (
            {"send_window_end": dt.time(9, 0)},
            "Must be after the window start (09:00).",
        ),
        (
            {"send_window_start": "17:00"},
            "Must be after the window start (17:00).",
        ),
    ],
)
def test_campaign_update_checks_the_window_against_the_stored_bound(changes, error):
    campaign = CampaignFactory()

    with pytest.raises(ValidationFailed) as exc_info:
        campaign_services.campaign_update(campaign_id=campaign.id, changes=changes)

    assert exc_info.value.fields == {"send_window_end": [error]}
    campaign.refresh_from_db()
    assert (campaign.send_window_start, campaign.send_window_end) == (
        dt.time(9, 0),
        dt.time(17, 0),
    )


def test_campaign_update_changes_outreach_settings():
    campaign = CampaignFactory()

    campaign_services.campaign_update(
        campaign_id=campaign.id,
        changes={"send_window_end": "18:00", "daily_send_cap": 5},
    )

    campaign.refresh_from_db()
    assert (campaign.send_window_end, campaign.daily_send_cap) == (dt.time(18), 5)
