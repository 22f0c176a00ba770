"""Account teams: which clients' work a user may see (issue 11, ADR 0009).

A :class:`Scope` is the set of clients a user may see, with the ids of those clients'
briefs, because every other app's rows (strategies, drafts, QC results, packages,
runs) point at a brief, not at a client. It is built in one place, :func:`scope_of`,
from the user the request authenticated (a session or an API token: a token carries
its user's scope), and every app's API, selectors and admin filter by it:

- superusers see every client;
- a member of one or more account teams sees those teams' clients, or every client
  when one of the teams is marked "all clients";
- a user in no team sees every client, as before teams existed, unless
  ``AICMO_ACCOUNT_TEAMS_REQUIRED`` is on: then they see none.

A row outside the scope does not exist for the user: a detail answers 404, a list
leaves it out. Client acquisition (campaigns, leads, suppressions) belongs to no client
yet, so only users who see every client see it.

Onboarding owns the teams, and the kernel may not import an app, so onboarding
registers the function that reads them (:func:`set_resolver`) when Django starts.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet

M = TypeVar("M", bound=Model)
# The attribute a user object caches its scope on, for the rest of the request.
_CACHE_ATTRIBUTE = "_aicmo_scope"


@dataclass(frozen=True)
class Scope:
    """The clients (and their briefs) a user may see; ``None`` means all of them."""

    client_ids: frozenset[str] | None = None
    brief_ids: frozenset[str] | None = None

    @classmethod
    def of_clients(cls, client_ids: Iterable[str], brief_ids: Iterable[str]) -> "Scope":
        """A scope limited to these clients, whose briefs are ``brief_ids``."""
        return cls(frozenset(client_ids), frozenset(brief_ids))

    @property
    def is_all(self) -> bool:
        """Whether every client is in the scope (agency-wide access)."""
        return self.client_ids is None

    def allows_client(self, client_id: str) -> bool:
        return self.client_ids is None or client_id in self.client_ids

    def allows_brief(self, brief_id: str) -> bool:
        return self.brief_ids is None or brief_id in self.brief_ids

    def client_q(self, field: str = "client_id") -> Q:
        """A filter keeping rows whose ``field`` names a client in the scope."""
        return Q() if self.client_ids is None else Q((f"{field}__in", self.client_ids))

    def brief_q(self, field: str = "brief_id") -> Q:
        """A filter keeping rows whose ``field`` names a brief in the scope."""
        return Q() if self.brief_ids is None else Q((f"{field}__in", self.brief_ids))

    def by_client(self, queryset: QuerySet[M], field: str = "client_id") -> QuerySet[M]:
        return (
            queryset
            if self.client_ids is None
            else queryset.filter(self.client_q(field))
        )

    def by_brief(self, queryset: QuerySet[M], field: str = "brief_id") -> QuerySet[M]:
        return (
            queryset if self.brief_ids is None else queryset.filter(self.brief_q(field))
        )

    def agency_wide(self, queryset: QuerySet[M]) -> QuerySet[M]:
        """Rows of no client (client acquisition): all of them, or none."""
        return queryset if self.is_all else queryset.none()


ALL = Scope()
NOTHING = Scope(frozenset(), frozenset())

_resolver: Callable[[Any], Scope] | None = None


def set_resolver(resolver: Callable[[Any], Scope]) -> None:
    """Install the function that reads a (non-superuser) user's account teams."""
    global _resolver
    _resolver = resolver


def scope_of(user: Any) -> Scope:
    """Return what ``user`` may see; computed once per user object (per request).

    Anonymous users see nothing, superusers everything; for everyone else the
    registered resolver reads their teams.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.is_superuser:
        return ALL
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if _resolver is None:
        raise ImproperlyConfigured(
            "No account-team resolver is registered: is 'onboarding' installed?"
        )
    scope = _resolver(user)
    setattr(user, _CACHE_ATTRIBUTE, scope)
    return scope


def forget(user: Any) -> None:
    """Drop the scope cached on ``user`` (after its teams changed)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)
