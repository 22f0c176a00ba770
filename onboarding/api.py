"""Onboarding's public API: clients, briefs, normalized briefs and project state.

Onboarding owns intake validation (SPEC §5: every bad field named, nothing stored on
failure), normalization into the kernel's ``BriefContext``, and the engagement's project
state machine (SPEC §6).
"""

import datetime as dt
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.db import transaction

from aicmo_site.kernel import paging
from aicmo_site.kernel.briefs import BriefContext, Faq, KeyDate, Location
from aicmo_site.kernel.scope import ALL, Scope
from onboarding import selectors, services
from onboarding.dto import (
    BriefData,
    ClientData,
    NormalizedBriefData,
    NormalizedBriefStatus,
    ProjectAction,
    ProjectData,
    ProjectState,
    ProjectStatus,
    ProjectTransitionData,
)
from onboarding.errors import (
    BriefNotFound,
    ClientNotFound,
    NormalizedBriefNotFound,
    ProjectNotFound,
)
from onboarding.models import Brief, Client, NormalizedBrief, Project


def _to_client_data(client: Client) -> ClientData:
    return ClientData(
        id=client.id,
        name=client.name,
        website=client.website,
        industry=client.industry,
        geography=client.geography,
        email=client.email,
        created_at=client.created_at,
        source_ref=client.source_ref,
        contract_value=client.contract_value,
    )


def _to_brief_data(brief: Brief) -> BriefData:
    return BriefData(
        id=brief.id,
        client_id=brief.client_id,
        client_name=brief.client.name,
        pack=brief.pack,
        objective=brief.objective,
        primary_offer=brief.primary_offer,
        intake=brief.intake,
        created_at=brief.created_at,
    )


def _to_normalized_data(normalized: NormalizedBrief) -> NormalizedBriefData:
    return NormalizedBriefData(
        id=normalized.id,
        brief_id=normalized.brief_id,
        project_id=normalized.project.id,
        status=NormalizedBriefStatus(normalized.status),
        data=normalized.data,
        warnings=tuple(normalized.warnings),
        created_at=normalized.created_at,
    )


def _to_project_data(project: Project) -> ProjectData:
    return ProjectData(
        id=project.id,
        brief_id=project.brief_id,
        engagement_ref=project.engagement_ref,
        state=ProjectState(project.state),
        status=ProjectStatus(project.status),
        history=tuple(
            ProjectTransitionData(
                action=t.action,
                from_state=ProjectState(t.from_state),
                to_state=ProjectState(t.to_state),
                occurred_at=t.occurred_at,
            )
            for t in project.transitions.all()
        ),
    )


def _to_context(data: dict[str, Any]) -> BriefContext:
    client = data["client"]
    budget = data.get("budget")
    return BriefContext(
        brief_id=data["brief_id"],
        client_id=data["client_id"],
        brand=client["name"],
        website=client["website"],
        industry=client["industry"],
        geography=client["geography"],
        primary_offer=data["primary_offer"],
        objective=data["objective"],
        target_audience=data["target_audience"],
        pain_points=tuple(data["pain_points"]),
        desired_outcomes=tuple(data["desired_outcomes"]),
        pack=data["pack"],
        channels=tuple(data["channels"]),
        tone=data["tone"],
        banned_words=tuple(data["banned_words"]),
        competitors=tuple(data["competitors"]),
        differentiators=tuple(data["differentiators"]),
        budget_amount=Decimal(budget["amount"]) if budget else None,
        budget_currency=budget["currency"] if budget else None,
        duration_weeks=data["duration_weeks"],
        start_date=dt.date.fromisoformat(data["start_date"]),
        warnings=tuple(data.get("warnings", ())),
        # Briefs normalized before these fields existed have none of them.
        industry_family=data.get("industry_family") or "",
        faqs=tuple(
            Faq(question=item["question"], answer=item["answer"])
            for item in data.get("faqs") or ()
        ),
        proof_points=tuple(data.get("proof_points") or ()),
        locations=tuple(
            Location(
                name=item["name"],
                address=item.get("address", ""),
                hours=item.get("hours", ""),
            )
            for item in data.get("locations") or ()
        ),
        key_dates=tuple(
            KeyDate(date=dt.date.fromisoformat(item["date"]), label=item["label"])
            for item in data.get("key_dates") or ()
        ),
    )


def brief_submit(
    *, data: Any, known_packs: Collection[str], scope: Scope = ALL
) -> BriefData:
    """Validate a raw brief (SPEC §5) and store its client and the brief.

    Args:
        data: the brief JSON as parsed (aliases such as ``audience`` are accepted).
        known_packs: pack keys the caller accepts; others are a field error.
        scope: the submitter's account teams. A limited scope may only submit for
            clients already in it (matched by name and website); another client is a
            ``client`` field error, worded the same whether or not it exists.

    Raises:
        InvalidBrief: with ``fields`` naming every bad field; nothing is stored.
    """
    return _to_brief_data(
        services.brief_submit(data=data, known_packs=known_packs, scope=scope)
    )


def brief_check(*, data: Any, known_packs: Collection[str], scope: Scope = ALL) -> None:
    """Validate a raw brief (SPEC §5) without storing anything.

    Raises:
        InvalidBrief: with ``fields`` naming every bad field (the client too, when
            ``scope`` does not include it; see :func:`brief_submit`).
    """
    services.brief_check(data=data, known_packs=known_packs, scope=scope)


def brief_get(*, brief_id: str, scope: Scope = ALL) -> BriefData:
    """Return one brief.

    Raises:
        BriefNotFound: no brief has this id, or ``scope`` does not include it.
    """
    brief = selectors.brief_find(brief_id=brief_id, scope=scope)
    if brief is None:
        raise BriefNotFound(f"Brief '{brief_id}' not found.")
    return _to_brief_data(brief)


def brief_list(
    *,
    client_id: str | None = None,
    pack: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[BriefData]:
    """Return briefs in ``scope``, newest first, ``limit`` at most, after ``after_id``.

    Raises:
        ValidationFailed: ``limit`` is not from 1 to 200.
    """
    paging.check_limit(limit)
    return [
        _to_brief_data(brief)
        for brief in selectors.brief_list(
            client_id=client_id, pack=pack, limit=limit, after_id=after_id, scope=scope
        )
    ]


def client_get(*, client_id: str, scope: Scope = ALL) -> ClientData:
    """Return one client.

    Raises:
        ClientNotFound: no client has this id, or ``scope`` does not include it.
    """
    client = selectors.client_find(client_id=client_id, scope=scope)
    if client is None:
        raise ClientNotFound(f"Client '{client_id}' not found.")
    return _to_client_data(client)


def client_list(
    *, limit: int = 50, after_id: str | None = None, scope: Scope = ALL
) -> list[ClientData]:
    """Return clients in ``scope``, in id order, ``limit`` at most.

    Raises:
        ValidationFailed: ``limit`` is not from 1 to 200.
    """
    paging.check_limit(limit)
    return [
        _to_client_data(c)
        for c in selectors.client_list(limit=limit, after_id=after_id, scope=scope)
    ]


@transaction.atomic
def client_register_signed(
    *,
    source_ref: str,
    name: str,
    email: str,
    industry: str,
    contract_value: Decimal,
    website: str | None = None,
) -> ClientData:
    """Return the client signed from a closed deal, creating it the first time.

    Idempotent on ``source_ref`` (the deal's lead id): a replay returns the same
    client. A client with the same name and website (case-insensitive) is the same
    client: it is linked to the deal if it has none yet, and nothing new is created.
    A new client's website defaults to ``https://<domain of email>``, or is left
    blank for a mailbox provider's address (gmail.com, ...); its geography is blank
    until a brief names it.

    Raises:
        ValidationError: a field does not fit the client (too long, bad email).
    """
    client, _created = services.client_register_signed(
        source_ref=source_ref,
        name=name,
        email=email,
        industry=industry,
        contract_value=contract_value,
        website=website,
    )
    return _to_client_data(client)


def brief_normalize(
    *, brief_id: str, engagement_ref: str, idempotency_key: str, pack: str | None = None
) -> NormalizedBriefData:
    """Normalize the brief for one engagement and open its project (INTAKE_COMPLETE).

    Idempotent on ``idempotency_key``. ``pack`` overrides the brief's pack.

    Raises:
        BriefNotFound: no brief has this id.
        InvalidBrief: the stored intake no longer validates.
    """
    return _to_normalized_data(
        services.brief_normalize(
            brief_id=brief_id,
            engagement_ref=engagement_ref,
            idempotency_key=idempotency_key,
            pack=pack,
        )
    )


def normalized_brief_discard(*, normalized_brief_id: str) -> NormalizedBriefData:
    """Discard a normalized brief and its project (restored to CREATED); idempotent.

    Raises:
        NormalizedBriefNotFound: no normalized brief has this id.
    """
    return _to_normalized_data(
        services.normalized_brief_discard(normalized_brief_id=normalized_brief_id)
    )


def normalized_brief_get(*, normalized_brief_id: str) -> NormalizedBriefData:
    """Return one normalized brief.

    Raises:
        NormalizedBriefNotFound: no normalized brief has this id.
    """
    normalized = selectors.normalized_brief_find(
        normalized_brief_id=normalized_brief_id
    )
    if normalized is None:
        raise NormalizedBriefNotFound(
            f"Normalized brief '{normalized_brief_id}' not found."
        )
    return _to_normalized_data(normalized)


def brief_context_get(*, normalized_brief_id: str) -> BriefContext:
    """Return the normalized brief as the ``BriefContext`` other apps consume.

    Raises:
        NormalizedBriefNotFound: no normalized brief has this id.
    """
    normalized = selectors.normalized_brief_find(
        normalized_brief_id=normalized_brief_id
    )
    if normalized is None:
        raise NormalizedBriefNotFound(
            f"Normalized brief '{normalized_brief_id}' not found."
        )
    return _to_context(normalized.data)


def project_get(*, project_id: str) -> ProjectData:
    """Return a project with its transition history.

    Raises:
        ProjectNotFound: no project has this id.
    """
    project = selectors.project_find(project_id=project_id)
    if project is None:
        raise ProjectNotFound(f"Project '{project_id}' not found.")
    return _to_project_data(project)


def project_advance(*, project_id: str, action: ProjectAction) -> ProjectState:
    """Move the project one step along SPEC §6 and return its new state.

    Raises:
        ProjectNotFound: no project has this id.
        IllegalProjectTransition: the move is not allowed from the current state; the
            message names the action, the current state and the required state.
    """
    return ProjectState(
        services.project_advance(project_id=project_id, action=action).state
    )


def project_restore(*, project_id: str, state: ProjectState) -> ProjectState:
    """Restore a state the project passed through before (used by compensation).

    Raises:
        ProjectNotFound: no project has this id.
        IllegalProjectTransition: the project never was in ``state``.
    """
    return ProjectState(
        services.project_restore(project_id=project_id, state=state).state
    )
