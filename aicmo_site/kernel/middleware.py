"""Middleware that keeps /api/ answering in the one error shape, even with DEBUG on."""

import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from aicmo_site.kernel.exception_handler import (
    error_body,
    refused_input,
    trace_id_for,
)

logger = logging.getLogger("aicmo.api")


class ApiServerErrorMiddleware:
    """Turn an unhandled exception under /api/ into a 500 in the error shape.

    ``handler500`` covers production, but with ``DEBUG`` on Django renders its
    technical page, traceback included, before ``handler500`` is consulted.
    ``process_exception`` runs first, so no setting can leak internals to an API client.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not request.path.startswith("/api/") or isinstance(
            exception, Http404 | PermissionDenied
        ):
            return None
        trace_id = trace_id_for(request)
        refused = refused_input(exception)
        if refused is not None:
            # A body past Django's limits read outside DRF (such as by a middleware).
            logger.warning("input refused trace=%s: %s", trace_id, exception)
            status, code, message = refused
            return JsonResponse(error_body(code, message, {}, trace_id), status=status)
        logger.error("unhandled API error trace=%s", trace_id, exc_info=exception)
        return JsonResponse(
            error_body(
                "SERVER_ERROR",
                "The server failed to complete the request; it has been logged.",
                {},
                trace_id,
            ),
            status=500,
        )
