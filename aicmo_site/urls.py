"""Root URLs: admin, the REST API under /api/v1/, the schema, docs and /healthz.

Every path under /api/ answers in the error shape of SPEC §5: unknown paths reach
:class:`ApiNotFoundView`, and ``handler500`` answers server errors there as JSON.
"""

import base64
import functools
import hashlib
import re
from typing import Any

from django.contrib import admin
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.urls import include, path, re_path, resolve
from django.views import defaults
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from aicmo_site.kernel.errors import NotFound
from aicmo_site.kernel.exception_handler import error_body, trace_id_for
from aicmo_site.kernel.rest import JsonErrorsMixin


def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@extend_schema(exclude=True)
class ApiNotFoundView(APIView):
    """Answer 404 NOT_FOUND, in the error shape, for any path under /api/ unknown."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def _not_found(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        path_info = request.path_info
        message, details = f"No endpoint at {path_info}.", {"path": path_info}
        slashed = path_info + "/"
        if not path_info.endswith("/") and resolve(slashed).url_name != "api-not-found":
            message = f"No endpoint at {path_info}; did you mean {slashed}?"
            details["did_you_mean"] = slashed
        raise NotFound(message, extra=details)

    get = post = put = patch = delete = head = options = _not_found


class SchemaView(JsonErrorsMixin, SpectacularAPIView):
    """The OpenAPI 3 schema (YAML, or JSON on request); errors in the error shape."""

    permission_classes = [IsAuthenticated]


class DocsView(JsonErrorsMixin, SpectacularSwaggerSplitView):
    """Swagger UI over the schema; errors in the error shape.

    The split view serves its start-up script from ``?script``, not inline, and the
    Swagger UI files come from this site (drf-spectacular-sidecar), so the page runs
    under the site's Content-Security-Policy (script-src 'self'). The page's one
    inline ``<style>`` is allowed by its hash, on this page only.
    """

    permission_classes = [IsAuthenticated]

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().get(request, *args, **kwargs)
        # django-csp adds these sources to this response's policy alone.
        hashes = _inline_style_hashes(self.template_name)
        response._csp_update = {"style-src": hashes}
        return response


@functools.cache
def _inline_style_hashes(template_name: str) -> list[str]:
    """The CSP hash sources of the inline ``<style>`` blocks of a packaged template.

    Read from the installed template, so they follow its updates; such a block holds
    no template tags, so it renders exactly as written.
    """
    template = loader.get_template(template_name)
    source = template.template.source  # type: ignore[attr-defined]
    styles = re.findall(r"<style>(.*?)</style>", source, flags=re.DOTALL)
    digests = (hashlib.sha256(style.encode()).digest() for style in styles)
    return [f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests]


def server_error(request: HttpRequest) -> HttpResponse:
    """Answer 500: the error shape under /api/ (never a traceback), else Django's."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            error_body(
                "SERVER_ERROR",
                "The server failed to complete the request; it has been logged.",
                {},
                trace_id_for(request),
            ),
            status=500,
        )
    return defaults.server_error(request)


handler500 = server_error

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("orchestration.rest.urls")),
    path("api/v1/", include("strategy.rest.urls")),
    path("api/v1/", include("production.rest.urls")),
    path("api/v1/", include("qc.rest.urls")),
    path("api/v1/", include("delivery.rest.urls")),
    path("api/v1/", include("cam.rest.urls")),
    # SPEC §5: every endpoint but /healthz needs an authenticated user.
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", DocsView.as_view(url_name="schema"), name="swagger-ui"),
    re_path(r"^api/", ApiNotFoundView.as_view(), name="api-not-found"),
]
