"""``POST /api/v1/briefs/`` as integrations call it: channel spellings, list types."""

import pytest

from onboarding import api as onboarding_api
from onboarding.models import Brief, Client
from tests.onboarding.intake_cases import (
    KNOWN,
    LIST_FIELDS,
    OPTIONAL_LISTS,
    SYNONYMS,
    WRONG_TYPES,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(raw_brief) -> tuple[int, int]:
    """One brief already stored, so "nothing stored" is a count that stays put."""
    onboarding_api.brief_submit(data=raw_brief, known_packs={"quick_social_basic"})
    return Brief.objects.count(), Client.objects.count()


def _spellings(canonical: str) -> list[str]:
    """The channel by its name, each synonym, and the name in other spellings."""
    return [
        canonical,
        *SYNONYMS[canonical],
        canonical.upper(),
        f"  {canonical.lower()}  ",
        canonical.lower().replace(" ", "-"),
        canonical.lower().replace(" ", "_"),
    ]


def _channels_of(brief_id: str) -> tuple[str, ...]:
    normalized = onboarding_api.brief_normalize(
        brief_id=brief_id, engagement_ref="run_x", idempotency_key=f"{brief_id}:n"
    )
    context = onboarding_api.brief_context_get(normalized_brief_id=normalized.id)
    return context.channels


@pytest.mark.parametrize("canonical", list(SYNONYMS))
def test_every_spelling_of_a_channel_is_accepted_as_that_channel(
    operator, raw_brief, canonical
):
    data = raw_brief | {"channels": _spellings(canonical)}

    response = operator.post("/api/v1/briefs/", data, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["intake"] == data
    assert _channels_of(response.json()["id"]) == (canonical,)


def test_an_unknown_channel_is_a_validation_error_naming_it(operator, raw_brief):
    data = raw_brief | {"channels": ["linked-in", "Carrier pigeon"]}

    response = operator.post("/api/v1/briefs/", data, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "VALIDATION_ERROR"
    assert body["details"]["fields"] == {
        "channels[1]": [f"Unknown channel 'Carrier pigeon'. Known: {KNOWN}."]
    }
    assert Brief.objects.count() == 0


@pytest.mark.parametrize("field", LIST_FIELDS)
@pytest.mark.parametrize(("value", "kind"), WRONG_TYPES)
def test_a_list_field_of_another_type_is_a_400_naming_it_and_stores_nothing(
    operator, raw_brief, stored, field, value, kind
):
    response = operator.post(
        "/api/v1/briefs/", raw_brief | {field: value}, format="json"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["error_code"] == "VALIDATION_ERROR"
    assert body["details"]["fields"] == {field: [f"Expected a list, not {kind}."]}
    assert (Brief.objects.count(), Client.objects.count()) == stored


def test_every_list_field_of_a_wrong_type_is_named_at_once(operator, raw_brief):
    data = raw_brief | dict.fromkeys(LIST_FIELDS, "one; two")

    response = operator.post("/api/v1/briefs/", data, format="json")

    assert response.status_code == 400
    assert set(response.json()["details"]["fields"]) == set(LIST_FIELDS)
    assert Brief.objects.count() == 0


def test_null_optional_lists_are_not_given(operator, raw_brief):
    data = raw_brief | dict.fromkeys(OPTIONAL_LISTS)

    response = operator.post("/api/v1/briefs/", data, format="json")

    assert response.status_code == 201
