"""What every app's ``rest/`` package shares.

The base view, keyset pages, query filters, routing several operations on one URL, and
the shared parts of the OpenAPI schema (the error shape, page envelopes).

Lists take ``?limit=`` (default 50, at most 200) and ``?after=<id>`` (the last id of
the previous page) and answer ``{"results": [...], "next": <url or null>}``. ``next``
is set whenever the page is full, so the last page of an exact multiple is empty.
"""

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, ClassVar

import django_filters
from django import forms
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from aicmo_site.kernel.errors import ValidationFailed
from aicmo_site.kernel.exception_handler import trace_id_for
from aicmo_site.kernel.paging import DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT
from aicmo_site.kernel.permissions import HasOperationPermission
from aicmo_site.kernel.scope import Scope, scope_of

# --- schema -------------------------------------------------------------------


class AutoSchema(SpectacularAutoSchema):
    """Name components and operations after the views that declare them.

    A serializer nested in a view (``RunStartView.InputSerializer``) becomes the
    component ``RunStartInput``; a view class ``RunStartView`` gives the operation id
    ``run_start``, also when it shares its URL with another view (:func:`one_path`).
    """

    def get_serializer_name(self, serializer: Any, direction: Any) -> str:
        parts = type(serializer).__qualname__.split(".")
        if len(parts) > 1:
            return "".join(
                part.removesuffix("View").removesuffix("Serializer") for part in parts
            )
        return super().get_serializer_name(serializer, direction)

    def get_operation_id(self) -> str:
        handler = self.method.lower()
        owner = next(
            (c for c in type(self.view).__mro__ if handler in vars(c)), type(self.view)
        )
        name = owner.__name__.removesuffix("View")
        return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class ErrorSerializer(serializers.Serializer):
    """The one error shape of SPEC §5."""

    error_code = serializers.CharField(
        help_text=(
            "Stable code: VALIDATION_ERROR (400), NOT_AUTHENTICATED (401), "
            "PERMISSION_DENIED (403), NOT_FOUND (404), CONFLICT (409), "
            "FAULT_INJECTION_DISABLED (400), METHOD_NOT_ALLOWED (405), "
            "PAYLOAD_TOO_LARGE (413), RATE_LIMITED (429, with Retry-After), "
            "SERVER_ERROR (500)."
        )
    )
    message = serializers.CharField(help_text="What went wrong, for a person.")
    details = serializers.DictField(
        help_text=(
            "Structured details. For VALIDATION_ERROR, `fields` maps every bad field "
            "to its messages."
        )
    )
    trace_id = serializers.CharField(
        help_text="The request's trace id (also logged, and stored on a started run)."
    )


_ERROR_DESCRIPTIONS = {
    400: "VALIDATION_ERROR: `details.fields` names every bad field.",
    401: "NOT_AUTHENTICATED: no valid token or session.",
    403: "PERMISSION_DENIED: the user's role does not allow this.",
    404: "NOT_FOUND: no such object.",
    409: "CONFLICT: the object's state does not allow this action.",
}


def responses(
    success: dict[Any, Any], *errors: int, descriptions: dict[int, str] | None = None
) -> dict[Any, Any]:
    """Return ``extend_schema`` responses: ``success``, 401, 403 and ``errors``.

    Every endpoint needs an authenticated user with a role, so 401 and 403 are always
    listed; each error status answers :class:`ErrorSerializer`.
    """
    texts = {**_ERROR_DESCRIPTIONS, **(descriptions or {})}
    result = dict(success)
    for status in sorted({401, 403, *errors}):
        result[status] = OpenApiResponse(ErrorSerializer, description=texts[status])
    return result


def path_parameter(name: str, description: str) -> OpenApiParameter:
    """Return a string path parameter for the schema."""
    return OpenApiParameter(
        name, OpenApiTypes.STR, OpenApiParameter.PATH, description=description
    )


@functools.cache
def page_of(serializer_class: type[serializers.Serializer]) -> type:
    """Return the page envelope serializer (component ``<Item>Page``) of a list."""
    item = serializer_class.__name__.removesuffix("Serializer")
    return type(
        f"{item}PageSerializer",
        (serializers.Serializer,),
        {
            "__doc__": f"A page of {item} objects, in the list's order.",
            "__module__": serializer_class.__module__,
            "results": serializer_class(many=True),
            "next": serializers.URLField(
                allow_null=True,
                help_text="The next page's URL; null when this page is not full.",
            ),
        },
    )


# --- query parameters -----------------------------------------------------------


class IntegerFilter(django_filters.Filter):
    """A whole-number query parameter."""

    field_class = forms.IntegerField


class EnumFilter(django_filters.ChoiceFilter):
    """A query parameter that takes one value of a string enum (a status, a grade)."""

    def __init__(self, enum: type[StrEnum], *, label: str, help_text: str) -> None:
        super().__init__(
            label=label,
            choices=[(member.value, member.value) for member in enum],
            help_text=help_text,
        )


class _UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    def to_python(self, value: Any) -> Any:
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(dt.UTC)
        except OverflowError:
            raise forms.ValidationError(
                "Out of range once converted to UTC.", code="invalid"
            ) from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time query parameter, handed on in UTC.

    Python accepts UTC offsets up to 24 hours; PostgreSQL rejects those beyond 15:59,
    so a parameter such as ``+16:01`` reached the database and failed there.
    Converting here keeps every offset Python parses valid on every database.
    """

    field_class = _UtcIsoDateTimeField


class PageFilterSet(django_filters.FilterSet):
    """Query parameters every list takes; a list's filter set extends it.

    Filter sets here only parse and validate query parameters (through their form);
    the app's ``api`` function does the filtering.
    """

    limit = IntegerFilter(
        label="limit",
        min_value=1,
        max_value=MAX_PAGE_LIMIT,
        help_text=f"Page size, 1 to {MAX_PAGE_LIMIT} (default {DEFAULT_PAGE_LIMIT}).",
    )
    after = django_filters.CharFilter(
        label="after",
        max_length=200,
        help_text="Continue after this id: the last id of the previous page.",
    )


class _Parameters:
    """Stands in for a queryset: FilterSet wants one, but no model is filtered here."""

    model = None


def query_params(
    filterset_class: type[django_filters.FilterSet], request: Request
) -> dict[str, Any]:
    """Validate the request's query parameters; return the given ones, cleaned.

    Blank values count as not given. ``limit`` defaults to the default page size.

    Raises:
        ValidationFailed: naming every bad parameter.
    """
    filterset = filterset_class(
        data=request.query_params, queryset=_Parameters(), request=request
    )
    form = filterset.form
    if not form.is_valid():
        raise ValidationFailed(
            {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        )
    clean = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    clean.setdefault("limit", DEFAULT_PAGE_LIMIT)
    return clean


def filter_parameters(
    filterset_class: type[django_filters.FilterSet],
) -> list[OpenApiParameter]:
    """Describe a filter set's query parameters for the schema."""
    parameters = []
    for name, declared in filterset_class.base_filters.items():
        enum = None
        kind: Any = OpenApiTypes.STR
        if isinstance(declared, IntegerFilter):
            kind = OpenApiTypes.INT
        elif isinstance(declared, django_filters.IsoDateTimeFilter):
            kind = OpenApiTypes.DATETIME
        elif isinstance(declared, django_filters.ChoiceFilter):
            enum = [value for value, _ in declared.extra["choices"]]
        parameters.append(
            OpenApiParameter(
                name,
                kind,
                OpenApiParameter.QUERY,
                description=declared.extra.get("help_text", ""),
                enum=enum,
            )
        )
    return parameters


# --- views ----------------------------------------------------------------------


class JsonErrorsMixin:
    """Render errors as JSON even when the view's own renderer is YAML or HTML."""

    def handle_exception(self, exc: Exception) -> Response:
        """Answer the error shape as ``application/json``."""
        response = super().handle_exception(exc)  # type: ignore[misc]
        self.request.accepted_renderer = JSONRenderer()  # type: ignore[attr-defined]
        self.request.accepted_media_type = "application/json"  # type: ignore[attr-defined]
        return response


class ApiView(APIView):
    """Base of every REST view: role permission, trace id header, safe ids.

    A subclass names the Django permission its operation needs in
    ``permission_required``.
    """

    permission_classes = [HasOperationPermission]
    permission_required: ClassVar[str] = ""
    schema = AutoSchema()

    @property
    def scope(self) -> Scope:
        """The clients the requesting user may see (their account teams)."""
        return scope_of(self.request.user)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        """Authenticate and check permissions, then refuse ids no row can have."""
        super().initial(request, *args, **kwargs)
        # A NUL byte cannot be stored or compared by PostgreSQL; no id contains one.
        if any("\x00" in str(value) for value in kwargs.values()):
            raise exceptions.NotFound()

    def finalize_response(
        self, request: Request, response: Any, *args: Any, **kwargs: Any
    ) -> Any:
        """Send the request's trace id back in ``X-Trace-Id``."""
        response = super().finalize_response(request, response, *args, **kwargs)
        response["X-Trace-Id"] = trace_id_for(request)
        return response


def page_response(
    request: Request,
    items: Sequence[Any],
    serializer_class: type[serializers.Serializer],
    *,
    limit: int,
    context: dict[str, Any] | None = None,
) -> Response:
    """Render a keyset page: ``{"results": [...], "next": url or null}``."""
    next_url = None
    if items and len(items) >= limit:
        next_url = replace_query_param(
            request.build_absolute_uri(), "after", items[-1].id
        )
    data = serializer_class(items, many=True, context=context or {}).data
    return Response({"results": data, "next": next_url})


def one_path(*views: type[APIView]) -> Callable[..., Any]:
    """Serve single-operation views on one URL, each answering its own methods.

    SPEC §5 puts a collection's list (GET) and create (POST) on the same path, and
    Django routes by path only. Other methods reach the first view, which answers 405
    in the error shape. The schema generator sees one class with every operation.
    """
    routes: dict[str, Callable[..., Any]] = {}
    for view in views:
        callback = view.as_view()
        for method in view.http_method_names:
            if method != "options" and method in vars(view):
                routes[method.upper()] = callback
    if "GET" in routes:
        routes.setdefault("HEAD", routes["GET"])
    combined: type[APIView] = type(
        "".join(view.__name__.removesuffix("View") for view in views) + "View",
        views,
        {"__module__": views[0].__module__, "__doc__": views[0].__doc__},
    )
    fallback = combined.as_view()
    allow = ", ".join(combined().allowed_methods)

    def dispatch(request: Any, *args: Any, **kwargs: Any) -> Any:
        response = routes.get(request.method, fallback)(request, *args, **kwargs)
        if response.has_header("Allow"):
            response["Allow"] = allow
        return response

    dispatch = csrf_exempt(dispatch)
    dispatch.cls = combined  # type: ignore[attr-defined]
    dispatch.initkwargs = {}  # type: ignore[attr-defined]
    return dispatch
