"""DRF exception handler: every error under /api/ has one shape.

``{"error_code", "message", "details", "trace_id"}``. Unknown exceptions return None, so
Django logs them and answers 500 through ``aicmo_site.urls.handler500``, which uses the
same shape under /api/ (never a traceback while ``DEBUG`` is off).
"""

import logging
import math
import re
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from aicmo_site.kernel.errors import ApplicationError

logger = logging.getLogger("aicmo.api")
_TRACE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")

_DRF_CODES = {
    status.HTTP_400_BAD_REQUEST: "VALIDATION_ERROR",
    status.HTTP_401_UNAUTHORIZED: "NOT_AUTHENTICATED",
    status.HTTP_403_FORBIDDEN: "PERMISSION_DENIED",
    status.HTTP_404_NOT_FOUND: "NOT_FOUND",
    status.HTTP_405_METHOD_NOT_ALLOWED: "METHOD_NOT_ALLOWED",
    status.HTTP_406_NOT_ACCEPTABLE: "NOT_ACCEPTABLE",
    status.HTTP_409_CONFLICT: "CONFLICT",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
    status.HTTP_429_TOO_MANY_REQUESTS: "RATE_LIMITED",
}


def trace_id_for(request: Any) -> str:
    """Return the request's trace id, creating one on first use.

    An incoming ``X-Trace-Id`` header is kept when it is a plain token of at most 64
    characters (the run's ``trace_id`` column); anything else gets a fresh id. The id
    lives on Django's request, so DRF views, the error handler and ``handler500`` agree.
    """
    if request is None:
        return uuid.uuid4().hex
    request = getattr(request, "_request", request)  # DRF's Request wraps Django's
    trace_id = getattr(request, "aicmo_trace_id", None)
    if trace_id is None:
        incoming = request.headers.get("x-trace-id", "")
        trace_id = incoming if _TRACE_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.aicmo_trace_id = trace_id
    return trace_id


def error_body(code: str, message: str, details: Any, trace_id: str) -> dict[str, Any]:
    """Build the one error shape."""
    return {
        "error_code": code,
        "message": message,
        "details": details or {},
        "trace_id": trace_id,
    }


def refused_input(exc: Exception) -> tuple[int, str, str] | None:
    """Return (status, code, message) when ``exc`` refuses the request's input.

    Django raises the first three while reading a body past its limits
    (``DATA_UPLOAD_MAX_MEMORY_SIZE`` and friends): 413 ``PAYLOAD_TOO_LARGE``. A
    ``DataError`` is a value the database cannot hold; input is checked before it
    gets there (:mod:`aicmo_site.kernel.text`), so this is the last line: a 400, not
    a 500.
    """
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return 413, "PAYLOAD_TOO_LARGE", f"The request body is over {limit} bytes."
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return 413, "PAYLOAD_TOO_LARGE", "The request has too many fields or files."
    if isinstance(exc, DataError):
        return (
            400,
            "VALIDATION_ERROR",
            "A value cannot be stored: it is out of range or holds a character "
            "that is not allowed.",
        )
    return None


def handle(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Render ``exc`` in the project's error shape, or return None for a 500."""
    request = context.get("request")
    trace_id = trace_id_for(request)
    if isinstance(exc, ApplicationError):
        logger.info(
            "application error %s trace=%s: %s", exc.code, trace_id, exc.message
        )
        return Response(
            error_body(exc.code, exc.message, exc.extra, trace_id),
            status=exc.http_status,
        )
    refused = refused_input(exc)
    if refused is not None:
        code, message = refused[1], refused[2]
        logger.warning("input refused %s trace=%s: %s", code, trace_id, exc)
        return Response(error_body(code, message, {}, trace_id), status=refused[0])
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.error("unhandled error trace=%s", trace_id, exc_info=exc)
        return None
    code = _DRF_CODES.get(response.status_code, "ERROR")
    if isinstance(exc, exceptions.ValidationError):
        details: Any = {"fields": response.data}
        message = "The input is not valid."
    elif isinstance(exc, exceptions.Throttled):
        # SPEC §5: 429 always says when to come back, in whole seconds.
        retry_after = max(1, math.ceil(getattr(exc, "wait", None) or 1))
        response["Retry-After"] = str(retry_after)
        details = {"retry_after": retry_after}
        message = f"Too many requests: retry in {retry_after} seconds."
    else:
        details = {}
        message = str(getattr(exc, "detail", "")) or code.replace("_", " ").capitalize()
    logger.info("api error %s trace=%s: %s", code, trace_id, message)
    response.data = error_body(code, message, details, trace_id)
    return response
