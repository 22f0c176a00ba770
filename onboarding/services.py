"""Onboarding writes: submitting briefs, normalizing them, moving project state."""

import datetime as dt
from collections.abc import Collection
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from aicmo_site.kernel import events
from aicmo_site.kernel.scope import ALL, Scope
from onboarding import intake
from onboarding.dto import ProjectAction, ProjectState
from onboarding.errors import (
    BriefNotFound,
    IllegalProjectTransition,
    InvalidBrief,
    NormalizedBriefNotFound,
    ProjectNotFound,
)
from onboarding.models import Brief, Client, NormalizedBrief, Project, ProjectTransition

S = ProjectState
# action -> (states it may start from, state it leads to); SPEC §6, no skipping.
TRANSITIONS: dict[ProjectAction, tuple[tuple[ProjectState, ...], ProjectState]] = {
    ProjectAction.COMPLETE_INTAKE: ((S.CREATED,), S.INTAKE_COMPLETE),
    ProjectAction.GENERATE_STRATEGY: ((S.INTAKE_COMPLETE,), S.STRATEGY_GENERATED),
    ProjectAction.APPROVE_STRATEGY: ((S.STRATEGY_GENERATED,), S.STRATEGY_APPROVED),
    ProjectAction.DEFINE_CAMPAIGN: ((S.STRATEGY_APPROVED,), S.CAMPAIGN_DEFINED),
    ProjectAction.GENERATE_CREATIVE: ((S.CAMPAIGN_DEFINED,), S.CREATIVE_GENERATED),
    ProjectAction.FAIL_QC: ((S.CREATIVE_GENERATED,), S.QC_FAILED),
    ProjectAction.APPROVE_QC: ((S.CREATIVE_GENERATED, S.QC_FAILED), S.QC_APPROVED),
    ProjectAction.DELIVER: ((S.QC_APPROVED,), S.DELIVERED),
}
RESTORE_ACTION = "compensate"


def client_get_or_create(
    *, name: str, website: str, industry: str, geography: str, email: str = ""
) -> Client:
    """Return the client with this name and website (case-insensitive), or create it."""
    existing = (
        Client.objects.annotate(lname=Lower("name"), lweb=Lower("website"))
        .filter(lname=name.lower(), lweb=website.lower())
        .first()
    )
    if existing is not None:
        return existing
    client = Client(
        name=name, website=website, industry=industry, geography=geography, email=email
    )
    client.full_clean()
    try:
        with transaction.atomic():
            client.save(force_insert=True)
    except IntegrityError:
        # A concurrent submit created the same client between the read and the insert.
        return Client.objects.annotate(lname=Lower("name"), lweb=Lower("website")).get(
            lname=name.lower(), lweb=website.lower()
        )
    return client


# Mailbox providers: an address there says nothing about the client's own website.
FREE_MAIL_DOMAINS = frozenset(
    {
        "aol.com",
        "gmail.com",
        "gmx.com",
        "gmx.de",
        "googlemail.com",
        "hotmail.com",
        "icloud.com",
        "live.com",
        "mail.com",
        "me.com",
        "msn.com",
        "outlook.com",
        "proton.me",
        "protonmail.com",
        "web.de",
        "yahoo.com",
        "yandex.com",
        "zoho.com",
    }
)


def website_from_email(email: str) -> str:
    """Return ``https://<domain>`` of ``email``, or "" for a mailbox provider's."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain or domain in FREE_MAIL_DOMAINS:
        return ""
    return f"https://{domain}"


def _client_by_name_and_website(name: str, website: str) -> Client | None:
    return (
        Client.objects.select_for_update()
        .annotate(lname=Lower("name"), lweb=Lower("website"))
        .filter(lname=name.lower(), lweb=website.lower())
        .first()
    )


@transaction.atomic
def client_register_signed(
    *,
    source_ref: str,
    name: str,
    email: str,
    industry: str,
    contract_value: Decimal,
    website: str | None = None,
) -> tuple[Client, bool]:
    """Return the client signed from deal ``source_ref``, creating it once.

    Returns the client and whether it was created. Idempotent on ``source_ref``. A
    client that already has this name and website (from a brief, or from another
    deal of the same company) is that client: it is linked to the deal when it has
    no deal yet, and no second client is created.
    """
    existing = Client.objects.select_for_update().filter(source_ref=source_ref).first()
    if existing is not None:
        return existing, False
    name = name.strip()
    website = website_from_email(email) if website is None else website.strip()
    same = _client_by_name_and_website(name, website)
    if same is not None:
        if same.source_ref is None:
            same.source_ref = source_ref
            same.contract_value = contract_value
            same.email = same.email or email
            same.full_clean()
            same.save(
                update_fields=["source_ref", "contract_value", "email", "updated_at"]
            )
        return same, False
    client = Client(
        name=name,
        website=website,
        industry=industry.strip(),
        geography="",
        email=email,
        source_ref=source_ref,
        contract_value=contract_value,
    )
    client.full_clean()
    try:
        with transaction.atomic():
            client.save(force_insert=True)
    except IntegrityError:
        # A concurrent delivery of the same deal (or company) inserted it first.
        winner = Client.objects.filter(
            source_ref=source_ref
        ).first() or _client_by_name_and_website(name, website)
        if winner is None:
            raise
        return winner, False
    return client, True


OUT_OF_TEAM = (
    "This client is not one of your account team's clients (matched by name and "
    "website). Ask an administrator to add it to your team."
)


def _client_in_scope(client: dict[str, Any], scope: Scope) -> bool:
    """Whether a limited ``scope`` holds the client these intake fields name."""
    if scope.is_all:
        return True
    return (
        scope.by_client(Client.objects.all(), "id")
        .annotate(lname=Lower("name"), lweb=Lower("website"))
        .filter(lname=client["name"].lower(), lweb=client["website"].lower())
        .exists()
    )


def brief_check(
    *, data: Any, known_packs: Collection[str], scope: Scope = ALL
) -> intake.IntakeResult:
    """Validate ``data``; raise ``InvalidBrief`` naming every bad field.

    A limited ``scope`` may name only its own clients: any other client, existing or
    new, is the same ``client`` field error, so nothing leaks about other clients.
    """
    result = intake.validate_intake(data, known_packs=known_packs)
    client: dict[str, Any] = result.data.get("client") or {}
    named = client and not any(name.startswith("client") for name in result.errors)
    if named and not _client_in_scope(client, scope):
        result.fail("client", OUT_OF_TEAM)
    if result.errors:
        raise InvalidBrief(result.errors)
    return result


@transaction.atomic
def brief_submit(
    *, data: Any, known_packs: Collection[str], scope: Scope = ALL
) -> Brief:
    """Validate ``data``; store the client and the brief, or raise and store nothing."""
    fields = brief_check(data=data, known_packs=known_packs, scope=scope).data
    client_fields = fields["client"]
    client = client_get_or_create(**client_fields)
    brief = Brief(
        client=client,
        pack=fields["pack"],
        objective=fields["objective"],
        primary_offer=fields["primary_offer"],
        intake=data,
    )
    brief.full_clean()
    brief.save(force_insert=True)
    events.record(
        events.DomainEvent(
            type="brief.submitted",
            payload={"brief_id": brief.id, "client_id": client.id},
        )
    )
    return brief


def _normalize(brief: Brief, pack: str | None) -> tuple[dict[str, Any], list[str]]:
    """Re-run validation on the stored intake and apply the time-dependent defaults."""
    result = intake.validate_intake(
        brief.intake, known_packs={brief.pack, pack or brief.pack}
    )
    if result.errors:
        raise InvalidBrief(result.errors)
    data = result.data
    if pack:
        data["pack"] = pack
    if data["start_date"] is None:
        submitted = timezone.localdate(brief.created_at)
        data["start_date"] = intake.next_monday(submitted).isoformat()
        result.warnings.append(
            f"No start date given; starting on Monday {data['start_date']}."
        )
    start = dt.date.fromisoformat(data["start_date"])
    if start < timezone.localdate(brief.created_at):
        result.warnings.append(
            f"The start date {data['start_date']} is before the brief date."
        )
    data["brief_id"] = brief.id
    data["client_id"] = brief.client_id
    data["warnings"] = list(result.warnings)
    return data, list(result.warnings)


@transaction.atomic
def brief_normalize(
    *, brief_id: str, engagement_ref: str, idempotency_key: str, pack: str | None = None
) -> NormalizedBrief:
    """Create the engagement's normalized brief and its project at INTAKE_COMPLETE."""
    existing = NormalizedBrief.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    brief = Brief.objects.filter(pk=brief_id).first()
    if brief is None:
        raise BriefNotFound(f"Brief '{brief_id}' not found.")
    data, warnings = _normalize(brief, pack)
    normalized = NormalizedBrief(
        brief=brief, data=data, warnings=warnings, idempotency_key=idempotency_key
    )
    normalized.full_clean()
    normalized.save(force_insert=True)
    project = Project(
        brief=brief, normalized_brief=normalized, engagement_ref=engagement_ref
    )
    project.full_clean()
    project.save(force_insert=True)
    _transition(project, ProjectAction.COMPLETE_INTAKE)
    events.record(
        events.DomainEvent(
            type="brief.normalized",
            payload={
                "brief_id": brief.id,
                "normalized_brief_id": normalized.id,
                "project_id": project.id,
                "warnings": warnings,
            },
        )
    )
    return normalized


@transaction.atomic
def normalized_brief_discard(*, normalized_brief_id: str) -> NormalizedBrief:
    """Discard the normalized brief and its project; discarding twice is a no-op."""
    normalized = (
        NormalizedBrief.objects.select_for_update()
        .filter(pk=normalized_brief_id)
        .first()
    )
    if normalized is None:
        raise NormalizedBriefNotFound(
            f"Normalized brief '{normalized_brief_id}' not found."
        )
    if normalized.status == NormalizedBrief.Status.DISCARDED:
        return normalized
    normalized.status = NormalizedBrief.Status.DISCARDED
    normalized.discarded_at = timezone.now()
    normalized.save(update_fields=["status", "discarded_at", "updated_at"])
    project = Project.objects.select_for_update().get(normalized_brief=normalized)
    _restore(project, ProjectState.CREATED)
    project.status = Project.Status.DISCARDED
    project.save(update_fields=["status", "updated_at"])
    events.record(
        events.DomainEvent(
            type="brief.normalization_discarded",
            payload={
                "normalized_brief_id": normalized.id,
                "project_id": project.id,
            },
        )
    )
    return normalized


def _transition(project: Project, action: ProjectAction) -> Project:
    sources, target = TRANSITIONS[action]
    if project.state not in sources:
        raise IllegalProjectTransition(
            action=action.value, current=project.state, required=tuple(sources)
        )
    ProjectTransition.objects.create(
        project=project, action=action.value, from_state=project.state, to_state=target
    )
    project.state = target
    project.save(update_fields=["state", "updated_at"])
    return project


def _restore(project: Project, state: ProjectState) -> Project:
    if project.state == state:
        return project
    ProjectTransition.objects.create(
        project=project, action=RESTORE_ACTION, from_state=project.state, to_state=state
    )
    project.state = state
    project.save(update_fields=["state", "updated_at"])
    return project


def _locked_project(project_id: str) -> Project:
    project = Project.objects.select_for_update().filter(pk=project_id).first()
    if project is None:
        raise ProjectNotFound(f"Project '{project_id}' not found.")
    return project


@transaction.atomic
def project_advance(*, project_id: str, action: ProjectAction) -> Project:
    """Move the project by ``action``, or raise naming the action and both states."""
    project = _locked_project(project_id)
    _transition(project, action)
    events.record(
        events.DomainEvent(
            type="project.advanced",
            payload={
                "project_id": project.id,
                "action": action.value,
                "state": project.state,
            },
        )
    )
    return project


@transaction.atomic
def project_restore(*, project_id: str, state: ProjectState) -> Project:
    """Restore an earlier state of the project, as a compensation does.

    Only a state the project has already passed through can be restored.
    """
    project = _locked_project(project_id)
    visited = {ProjectState.CREATED} | {
        ProjectState(t.to_state) for t in project.transitions.all()
    }
    if state not in visited:
        raise IllegalProjectTransition(
            action=RESTORE_ACTION,
            current=project.state,
            required=tuple(sorted(visited)),
        )
    _restore(project, state)
    events.record(
        events.DomainEvent(
            type="project.restored",
            payload={
                "project_id": project.id,
                "state": project.state,
            },
        )
    )
    return project
