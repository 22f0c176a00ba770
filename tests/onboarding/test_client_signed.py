"""Clients signed from a deal closed in client acquisition."""

import dataclasses
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from onboarding import api as onboarding_api
from onboarding.models import Client
from tests.onboarding.conftest import PACKS

pytestmark = pytest.mark.django_db


def _register(**overrides):
    values = {
        "source_ref": "lead_1",
        "name": "Acme Dental",
        "email": "jane@acme.example",
        "industry": "Dental clinics",
        "contract_value": Decimal("12500.00"),
        **overrides,
    }
    return onboarding_api.client_register_signed(**values)


def _fields(client):
    data = dataclasses.asdict(client)
    del data["id"], data["created_at"]
    return data


def test_registering_a_signed_client_creates_it_with_the_deal():
    client = _register()

    assert client.id.startswith("client_")
    assert _fields(client) == {
        "name": "Acme Dental",
        "website": "https://acme.example",
        "industry": "Dental clinics",
        "geography": "",
        "email": "jane@acme.example",
        "source_ref": "lead_1",
        "contract_value": Decimal("12500.00"),
    }
    assert onboarding_api.client_get(client_id=client.id) == client
    assert Client.objects.count() == 1


@pytest.mark.parametrize("email", ["sam@gmail.com", "Sam@Outlook.com"])
def test_a_mailbox_provider_address_leaves_the_website_blank(email):
    client = _register(name="Sam Solo", email=email)

    assert client.website == ""


def test_an_explicit_website_is_kept():
    client = _register(website=" https://acmedental.example ")

    assert client.website == "https://acmedental.example"


def test_registering_the_same_deal_again_returns_the_client_unchanged():
    first = _register()

    again = _register(
        name="Acme Dental Group",
        email="billing@other.example",
        contract_value=Decimal("99.00"),
    )

    assert again == first
    assert Client.objects.count() == 1


def test_a_client_from_a_brief_is_linked_to_the_deal_not_duplicated(raw_brief):
    raw_brief["client"].update(
        name="Acme Dental", website="https://ACME.example", email=""
    )
    brief = onboarding_api.brief_submit(data=raw_brief, known_packs=PACKS)

    client = _register()

    assert client.id == brief.client_id
    assert _fields(client) == {
        "name": "Acme Dental",
        "website": "https://ACME.example",
        "industry": raw_brief["client"]["industry"],
        "geography": raw_brief["client"]["geography"],
        "email": "jane@acme.example",
        "source_ref": "lead_1",
        "contract_value": Decimal("12500.00"),
    }
    assert Client.objects.count() == 1


def test_a_second_deal_of_the_same_company_keeps_the_first_deal():
    first = _register()

    second = _register(source_ref="lead_2", contract_value=Decimal("10.00"))

    assert second == first
    assert second.source_ref == "lead_1"
    assert Client.objects.count() == 1


def test_a_field_that_does_not_fit_is_refused_and_nothing_is_stored():
    with pytest.raises(ValidationError) as exc_info:
        _register(name="x" * 201)

    assert set(exc_info.value.message_dict) == {"name"}
    assert Client.objects.count() == 0
