import pytest

from cam import api
from cam.dto import CampaignData


@pytest.fixture
def campaign() -> CampaignData:
    """An ACTIVE campaign created through the public API."""
    return api.campaign_create(
        name="Dentists Q1",
        niche="Dental clinics",
        offer="Patient acquisition retainer",
        target_clients=5,
    )
