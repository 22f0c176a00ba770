import datetime as dt
from decimal import Decimal

import pytest

from aicmo_site.kernel import events
from aicmo_site.kernel.errors import ValidationFailed
from onboarding import api as onboarding_api
from onboarding.dto import (
    NormalizedBriefStatus,
    ProjectAction,
    ProjectState,
    ProjectStatus,
)
from onboarding.errors import (
    BriefNotFound,
    IllegalProjectTransition,
    InvalidBrief,
    NormalizedBriefNotFound,
)
from onboarding.models import Brief, Client, NormalizedBrief, Project
from tests.onboarding.conftest import PACKS

pytestmark = pytest.mark.django_db


def _submit(raw):
    return onboarding_api.brief_submit(data=raw, known_packs=PACKS)


def _normalize(brief_id, key="run_x:normalize_brief"):
    return onboarding_api.brief_normalize(
        brief_id=brief_id, engagement_ref="run_x", idempotency_key=key
    )


def test_submit_stores_client_and_brief_with_prefixed_ids(raw_brief):
    brief = _submit(raw_brief)

    assert brief.id.startswith("brief_")
    assert brief.client_id.startswith("client_")
    assert brief.client_name == "BrightSmile Dental"
    assert brief.pack == "quick_social_basic"
    assert brief.objective == "Leads"
    assert brief.intake == raw_brief
    assert Brief.objects.count() == 1
    assert Client.objects.count() == 1


def test_submit_reuses_the_client_with_the_same_name_and_website(raw_brief):
    first = _submit(raw_brief)
    raw_brief["client"]["name"] = "brightsmile dental"

    second = _submit(raw_brief)

    assert second.client_id == first.client_id
    assert Client.objects.count() == 1
    assert Brief.objects.count() == 2


def test_submit_names_every_bad_field_and_stores_nothing():
    raw = {
        "client": {"name": "  ", "website": "not a site", "industry": "Retail"},
        "primary_offer": "Spring sale",
        "objective": "Fame",
        "target_audience": "Shoppers",
        "pain_points": [],
        "channels": ["Instagram", "Carrier pigeon"],
        "budget": {"amount": -5, "currency": "dollars"},
        "duration_weeks": 0,
        "colour": "blue",
    }

    with pytest.raises(InvalidBrief) as caught:
        _submit(raw)

    assert caught.value.code == "VALIDATION_ERROR"
    assert set(caught.value.fields) == {
        "client.name",
        "client.website",
        "client.geography",
        "objective",
        "pain_points",
        "desired_outcomes",
        "channels[1]",
        "budget.amount",
        "budget.currency",
        "duration_weeks",
        "colour",
    }
    assert Brief.objects.count() == 0
    assert Client.objects.count() == 0


@pytest.mark.parametrize("raw", [None, [], "brief", 3])
def test_submit_rejects_a_brief_that_is_not_an_object(raw):
    with pytest.raises(InvalidBrief) as caught:
        _submit(raw)

    assert caught.value.fields == {
        "non_field_errors": ["The brief must be a JSON object."]
    }
    assert Brief.objects.count() == 0


def test_submit_rejects_an_unknown_pack(raw_brief):
    raw_brief["pack"] = "mega_pack"

    with pytest.raises(InvalidBrief) as caught:
        _submit(raw_brief)

    assert list(caught.value.fields) == ["pack"]
    assert "mega_pack" in caught.value.fields["pack"][0]
    assert Brief.objects.count() == 0


def test_normalize_resolves_aliases_trims_and_canonicalizes_channels():
    raw = {
        "client": {
            "brand": "  Acme   Bikes ",
            "url": "acmebikes.example",
            "sector": "Cycling retail",
            "region": "Leeds, UK",
        },
        "offer": "Free bike fit with any road bike",
        "goal": "sales",
        "audience": "Commuters in Leeds",
        "pains": ["Saddle pain", "Punctures"],
        "outcomes": ["More road-bike sales"],
        "platforms": ["ig", "Newsletter", "instagram", "TikTok"],
    }
    brief = _submit(raw)

    normalized = _normalize(brief.id)
    context = onboarding_api.brief_context_get(normalized_brief_id=normalized.id)

    assert context.brand == "Acme Bikes"
    assert context.objective == "Sales"
    assert context.pain_points == ("Saddle pain", "Punctures")
    assert context.channels == ("Instagram", "Email", "TikTok")
    assert context.duration_weeks == 12
    assert context.tone == "clear, confident and warm"
    assert context.budget_amount is None


def test_normalize_defaults_the_start_date_to_the_next_monday(raw_brief):
    del raw_brief["start_date"]
    brief = _submit(raw_brief)
    Brief.objects.filter(pk=brief.id).update(
        created_at=dt.datetime(2027, 3, 3, 12, tzinfo=dt.UTC)  # a Wednesday
    )

    context = onboarding_api.brief_context_get(
        normalized_brief_id=_normalize(brief.id).id
    )

    assert context.start_date == dt.date(2027, 3, 8)
    assert "No start date given; starting on Monday 2027-03-08." in context.warnings


def test_normalize_warns_about_a_leads_objective_with_a_generic_audience(raw_brief):
    raw_brief["target_audience"] = "everyone"
    brief = _submit(raw_brief)

    normalized = _normalize(brief.id)

    assert normalized.warnings[0].startswith(
        "A Leads objective needs a defined audience"
    )


def test_normalize_defaults_channels_by_objective(raw_brief):
    del raw_brief["channels"]
    brief = _submit(raw_brief)

    context = onboarding_api.brief_context_get(
        normalized_brief_id=_normalize(brief.id).id
    )

    assert context.channels == ("LinkedIn", "Email", "Instagram")


def test_normalize_builds_the_full_brief_context(raw_brief):
    brief = _submit(raw_brief)

    context = onboarding_api.brief_context_get(
        normalized_brief_id=_normalize(brief.id).id
    )

    assert context.brief_id == brief.id
    assert context.client_id == brief.client_id
    assert context.budget_amount == Decimal("4500.00")
    assert context.budget_currency == "USD"
    assert context.start_date == dt.date(2027, 1, 11)
    assert context.banned_words == ("cheap", "painless")
    assert context.channels == ("Instagram", "Facebook", "Email")


def test_normalize_is_idempotent_on_its_key(raw_brief):
    brief = _submit(raw_brief)

    first = _normalize(brief.id)
    second = _normalize(brief.id)

    assert first.id == second.id
    assert NormalizedBrief.objects.count() == 1
    assert Project.objects.count() == 1


def test_normalize_opens_the_project_at_intake_complete(raw_brief):
    brief = _submit(raw_brief)

    with events.recording() as recorded:
        normalized = _normalize(brief.id)
    project = onboarding_api.project_get(project_id=normalized.project_id)

    assert project.state == ProjectState.INTAKE_COMPLETE
    assert project.engagement_ref == "run_x"
    assert [(t.action, t.from_state, t.to_state) for t in project.history] == [
        ("complete_intake", ProjectState.CREATED, ProjectState.INTAKE_COMPLETE)
    ]
    assert [e.type for e in recorded] == ["brief.normalized"]


def test_normalize_unknown_brief_raises_not_found():
    with pytest.raises(BriefNotFound) as caught:
        _normalize("brief_missing")

    assert caught.value.code == "NOT_FOUND"
    assert NormalizedBrief.objects.count() == 0


def test_discard_marks_discarded_restores_created_and_is_idempotent(raw_brief):
    normalized = _normalize(_submit(raw_brief).id)

    first = onboarding_api.normalized_brief_discard(normalized_brief_id=normalized.id)
    second = onboarding_api.normalized_brief_discard(normalized_brief_id=normalized.id)
    project = onboarding_api.project_get(project_id=normalized.project_id)

    assert first.status == second.status == NormalizedBriefStatus.DISCARDED
    assert project.state == ProjectState.CREATED
    assert project.status == ProjectStatus.DISCARDED
    assert NormalizedBrief.objects.count() == 1


def test_discard_unknown_raises_not_found():
    with pytest.raises(NormalizedBriefNotFound):
        onboarding_api.normalized_brief_discard(normalized_brief_id="nbrief_nope")


def test_project_walks_every_state_in_order(raw_brief):
    project_id = _normalize(_submit(raw_brief).id).project_id
    path = [
        (ProjectAction.GENERATE_STRATEGY, ProjectState.STRATEGY_GENERATED),
        (ProjectAction.APPROVE_STRATEGY, ProjectState.STRATEGY_APPROVED),
        (ProjectAction.DEFINE_CAMPAIGN, ProjectState.CAMPAIGN_DEFINED),
        (ProjectAction.GENERATE_CREATIVE, ProjectState.CREATIVE_GENERATED),
        (ProjectAction.FAIL_QC, ProjectState.QC_FAILED),
        (ProjectAction.APPROVE_QC, ProjectState.QC_APPROVED),
        (ProjectAction.DELIVER, ProjectState.DELIVERED),
    ]

    reached = [
        onboarding_api.project_advance(project_id=project_id, action=action)
        for action, _ in path
    ]

    assert reached == [state for _, state in path]


def test_an_illegal_move_names_action_current_and_required_state(raw_brief):
    project_id = _normalize(_submit(raw_brief).id).project_id

    with pytest.raises(IllegalProjectTransition) as caught:
        onboarding_api.project_advance(
            project_id=project_id, action=ProjectAction.DELIVER
        )

    assert caught.value.code == "CONFLICT"
    assert caught.value.message == (
        "Cannot deliver: the project is INTAKE_COMPLETE, "
        "and deliver requires QC_APPROVED."
    )
    project = onboarding_api.project_get(project_id=project_id)
    assert project.state == ProjectState.INTAKE_COMPLETE
    assert len(project.history) == 1


def test_moving_backwards_is_refused(raw_brief):
    project_id = _normalize(_submit(raw_brief).id).project_id
    onboarding_api.project_advance(
        project_id=project_id, action=ProjectAction.GENERATE_STRATEGY
    )

    with pytest.raises(IllegalProjectTransition):
        onboarding_api.project_advance(
            project_id=project_id, action=ProjectAction.COMPLETE_INTAKE
        )

    assert onboarding_api.project_get(project_id=project_id).state == (
        ProjectState.STRATEGY_GENERATED
    )


def test_restore_returns_to_a_visited_state_only(raw_brief):
    project_id = _normalize(_submit(raw_brief).id).project_id
    onboarding_api.project_advance(
        project_id=project_id, action=ProjectAction.GENERATE_STRATEGY
    )

    with pytest.raises(IllegalProjectTransition):
        onboarding_api.project_restore(
            project_id=project_id, state=ProjectState.DELIVERED
        )
    restored = onboarding_api.project_restore(
        project_id=project_id, state=ProjectState.INTAKE_COMPLETE
    )

    assert restored == ProjectState.INTAKE_COMPLETE
    history = onboarding_api.project_get(project_id=project_id).history
    assert history[-1].action == "compensate"


def test_brief_list_pages_by_id_newest_first(raw_brief):
    ids = sorted((_submit(raw_brief).id for _ in range(3)), reverse=True)

    first = onboarding_api.brief_list(limit=2)
    rest = onboarding_api.brief_list(limit=2, after_id=first[-1].id)

    assert [b.id for b in first] == ids[:2]
    assert [b.id for b in rest] == ids[2:]


@pytest.mark.parametrize("limit", [0, 201])
def test_lists_reject_a_limit_outside_1_to_200(limit):
    for list_call in (onboarding_api.brief_list, onboarding_api.client_list):
        with pytest.raises(ValidationFailed) as caught:
            list_call(limit=limit)
        assert list(caught.value.fields) == ["limit"]
