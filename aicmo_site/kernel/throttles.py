"""Rate limits of the REST API: anonymous clients, users, and run starts.

Each scope has a rate in ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (``"60/min"``;
None turns it off), set from ``AICMO_THROTTLE_ANON``, ``AICMO_THROTTLE_USER`` and
``AICMO_THROTTLE_RUN_STARTS``:

- ``anon``: requests that bring no valid credentials, by client IP. DRF checks
  throttles only after authentication and permissions, so a bad token or no token
  (both 401) would never meet a throttle; :class:`MeteredTokenAuthentication` meters
  them instead. A valid token is never refused for its IP's failures: tokens are 160
  random bits, beyond guessing, while refusing them would let anyone behind the same
  address (a NAT, a misconfigured proxy) lock real users out.
- ``user``: every request of an authenticated user (:class:`UserRateThrottle`).
- ``run_starts``: the views that start runs, which set ``throttle_scope``
  (:class:`ScopedRateThrottle`), per user.

A refused request answers 429 ``RATE_LIMITED`` with ``Retry-After`` (the exception
handler). Counters live in Django's default cache, which must be shared by every
process in production (Redis); the client IP is ``REMOTE_ADDR`` unless
``NUM_PROXIES`` says how many proxies in front append to ``X-Forwarded-For``.
"""

import math
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ImproperlyConfigured
from rest_framework import authentication, exceptions, throttling
from rest_framework.request import Request
from rest_framework.settings import api_settings

if TYPE_CHECKING:
    # Only for types: rest_framework.views imports this module (through the
    # authentication classes of its settings), so importing it here is a cycle.
    from rest_framework.views import APIView

ANON_SCOPE = "anon"
USER_SCOPE = "user"
RUN_STARTS_SCOPE = "run_starts"


class _RateMixin:
    """Read the rate when used (DRF binds it at import) and wait exactly."""

    scope: str | None
    history: list[float]
    now: float
    num_requests: int | None
    duration: int | None

    def get_rate(self) -> str | None:
        """Return the scope's rate from the current settings."""
        rates = api_settings.DEFAULT_THROTTLE_RATES
        if self.scope not in rates:
            raise ImproperlyConfigured(f"No throttle rate for scope {self.scope!r}.")
        rate = rates[self.scope]
        return None if rate is None else str(rate)

    def wait(self) -> float:
        """Return the whole seconds, at least 1, until one more request is allowed.

        DRF's estimate spreads the remaining window over the requests still allowed;
        a client told ``Retry-After`` wants the moment its next request passes:
        when the oldest request that fills the window leaves it.
        """
        allowed, window = self.num_requests or 0, self.duration or 1
        if allowed == 0 or len(self.history) < allowed:
            return float(window)
        frees_at = self.history[allowed - 1] + window
        return float(max(1, math.ceil(frees_at - self.now)))


class AnonRateThrottle(_RateMixin, throttling.SimpleRateThrottle):
    """Requests without valid credentials, per client IP (metered at authentication)."""

    scope = ANON_SCOPE

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }

    def count(self, request: Request) -> None:
        """Count one request; raise ``Throttled`` if it is over the rate.

        Raises:
            Throttled: the client IP used its whole rate.
        """
        # The view the request is for (DRF puts it there); the key ignores it.
        view = cast("APIView", (request.parser_context or {}).get("view"))
        if not self.allow_request(request, view):
            raise exceptions.Throttled(self.wait())


class UserRateThrottle(_RateMixin, throttling.UserRateThrottle):
    """Every request of an authenticated user, per user."""

    scope = USER_SCOPE

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None  # metered as anonymous at authentication
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class ScopedRateThrottle(_RateMixin, throttling.ScopedRateThrottle):
    """The requests to views that name a ``throttle_scope``, per user."""


class MeteredTokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, metering the requests it cannot authenticate.

    Requests that bring a bad token, or neither a token nor a signed-in session,
    count against the ``anon`` rate of their IP; over it they answer 429, not 401.
    """

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            # No token: a signed-in session (the next authenticator) is not metered.
            session_user = getattr(request._request, "user", None)
            if not (session_user and session_user.is_authenticated):
                AnonRateThrottle().count(request)
            return None
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            AnonRateThrottle().count(request)
            raise
