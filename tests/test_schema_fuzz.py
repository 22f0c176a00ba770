"""Fuzz the REST API with schemathesis, from the schema the app itself serves.

For each operation under ``/api/v1/``, the schema is fetched from ``/api/schema/`` of
the running WSGI application (in this process, on the test database) and requests are
generated from it, valid and invalid, sent as an operator (who may call everything).
Every response must not be a server error, must use a status code and content type
the schema declares, and must match the schema declared for that status.

Requests made from the schema alone rarely reach success paths: random ids answer
404 and random briefs fail validation. So each operation also gets targeted requests:
path parameters set to ids of rows seeded here (a completed run and its strategy,
draft, QC result and package; a compensated run; a campaign and a lead), a valid
brief or lead with one field replaced by arbitrary JSON (or dropped), and runs
started for real briefs, fault injection included.

Hostile input (issue 11) is part of every generated JSON value: lone surrogates, NUL
and other control characters (in values and in keys), numbers no column holds, and
nesting past the API's limit; each must be a 4xx, never a 5xx. Bodies no JSON
encoder writes (a thousand nested brackets, a body over the upload limit, huge number
literals, surrogate escapes) are sent raw to every operation that takes a body.

Fault injection cannot hurt the test process: the API offers only ``force_fail``,
which fails a run's step normally; ``crash_after`` (which kills the process) is a
command-line option only.
"""

import copy
import json
import os
import re
from typing import Any

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from aicmo_site.wsgi import application
from cam import api as cam_api
from orchestration import api as orchestration_api
from tests.orchestration.conftest import EXAMPLES

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Half from the schema alone, half targeted (when the operation has targets). Raise it
# for a deeper local hunt: AICMO_FUZZ_EXAMPLES=500 pytest tests/test_schema_fuzz.py
EXAMPLES_PER_OPERATION = int(os.environ.get("AICMO_FUZZ_EXAMPLES", "40"))
ARTIFACT_NAMES = ["report.md", "report.html", "report.pdf", "data.json", "package.zip"]


def _nested(depth: int) -> Any:
    value: Any = "deep"
    for level in range(depth):
        value = [value] if level % 2 else {"a": value}
    return value


# Input that is not text or no column holds (issue 11): lone surrogates, NUL, escape
# sequences, C1 controls, noncharacters; numbers past 64 bits or a float's range; and
# nesting past the API's 20 levels (well within the JSON decoder's).
HOSTILE_TEXT = st.sampled_from(
    ["\ud800", "x\udfff", "a\x00b", "\x1b[2J", "\x7f", "\x85", "\ufffe"]
) | st.text(
    alphabet=st.characters(categories=["L", "Cc", "Cs", "Cf"]), min_size=1, max_size=8
)
HOSTILE_VALUES = (
    st.sampled_from(
        [
            "\ud800",
            "Calm \udc00 tone",
            "a\x00b",
            "\x1b[2J",
            "\x85",
            "\uffff",
            1e308,
            -1e308,
            10**30,
            2**63,
            ["\ud800"],
            {"\udc00": 1},
            _nested(30),
        ]
    )
    | HOSTILE_TEXT
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | HOSTILE_VALUES,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=12) | HOSTILE_TEXT, children, max_size=3)
    ),
    max_leaves=6,
)


def _operations() -> list[tuple[str, str]]:
    """Every operation under /api/v1/, from the generator behind /api/schema/."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method.upper(), path)
        for path, item in generated["paths"].items()
        if path.startswith("/api/v1/")
        for method in item
    ]


OPERATIONS = _operations()


@pytest.fixture(autouse=True)
def _keep_test_connection():
    """Keep the test's database connection open across the WSGI calls.

    The WSGI handler closes the connection when a request finishes. Django's test
    client unhooks that; schemathesis calls the application directly, so do the same
    here: on PostgreSQL the close would end the test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def operator_token() -> str:
    user = get_user_model().objects.create_user("fuzz-operator")
    user.groups.add(Group.objects.get(name="operators"))
    return Token.objects.create(user=user).key


def _brief_data() -> dict[str, Any]:
    return json.loads((EXAMPLES / "brightsmile_dental.json").read_text())


LEAD = {
    "name": "Jane Doe",
    "email": "jane@acme.example",
    "company": "Acme",
    "role": "Owner",
    "base_score": 0.7,
    "has_timeline": True,
    "engagement": 0.5,
}
CAMPAIGN = {
    "name": "Vets",
    "niche": "Veterinary clinics",
    "offer": "Retainer",
    "target_clients": 2,
    "banned_words": ["cheap"],
}


@pytest.fixture
def real_ids() -> dict[str, list[str]]:
    """Seed rows for the lists and targeted requests; return their ids by parameter."""
    brief = orchestration_api.brief_submit(data=_brief_data())
    completed = orchestration_api.workflow_start(brief_id=brief.id).run
    other = _brief_data()
    other["client"]["name"] = "Second Smile"
    second = orchestration_api.brief_submit(data=other)
    failed = orchestration_api.workflow_start(brief_id=second.id, force_fail="qc").run
    campaign = cam_api.campaign_create(
        name="Dentists", niche="Dental clinics", offer="Retainer", target_clients=3
    )
    lead = cam_api.lead_ingest(campaign_id=campaign.id, **LEAD).lead
    outputs = completed.outputs
    return {
        "brief_id": [brief.id, second.id],
        "run_id": [completed.id, failed.id],
        "strategy_id": [outputs["strategy_id"], failed.outputs["strategy_id"]],
        "draft_id": [outputs["draft_id"], failed.outputs["draft_id"]],
        "qc_result_id": [outputs["qc_result_id"], failed.outputs["qc_result_id"]],
        "package_id": [outputs["package_id"]],
        "name": ARTIFACT_NAMES,
        "section_key": ["overview", "final_summary", "nope"],
        "campaign_id": [campaign.id],
        "lead_id": [lead.id],
    }


def _mutated(
    base: dict[str, Any], values: st.SearchStrategy[Any]
) -> st.SearchStrategy[dict[str, Any]]:
    """``base`` with one field (top level or nested one level) replaced or dropped.

    With :data:`HOSTILE_VALUES`, a field is always replaced, and only one the
    operation reads as text (or a new field whose name is hostile): those are the
    values that reach the database, a message or a page.
    """
    paths = [(key,) for key in base] + [
        (key, inner)
        for key, value in base.items()
        if isinstance(value, dict)
        for inner in value
    ]
    drops = st.booleans()
    if values is HOSTILE_VALUES:
        paths = [p for p in paths if isinstance(_at(base, p), str | list)]
        paths += [("\udc00",), ("nul\x00",)]
        drops = st.just(False)
    else:
        paths.append(("unexpected",))

    def apply(path: tuple[str, ...], value: Any, drop: bool) -> dict[str, Any]:
        body = copy.deepcopy(base)
        holder = body
        for key in path[:-1]:
            holder = holder[key]
        if drop:
            holder.pop(path[-1], None)
        else:
            holder[path[-1]] = value
        return body

    return st.builds(apply, st.sampled_from(paths), values, drops)


def _at(base: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = base
    for key in path:
        value = value[key]
    return value


def _targeted_bodies(
    method: str, path: str, ids: dict[str, list[str]], values: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any] | None:
    if (method, path) == ("POST", "/api/v1/briefs/"):
        return _mutated(_brief_data(), values)
    if (method, path) == ("POST", "/api/v1/leads/"):
        lead = {**LEAD, "email": "new-lead@acme.example"}  # 201 once, then 200
        return _mutated({"campaign_id": ids["campaign_id"][0], **lead}, values)
    if (method, path) == ("POST", "/api/v1/campaigns/"):
        return _mutated(CAMPAIGN, values)
    if (method, path) == ("POST", "/api/v1/suppressions/"):
        return _mutated(
            {"email": "gone@acme.example", "reason": "UNSUBSCRIBED", "note": "Asked."},
            values,
        )
    if (method, path) == ("PUT", "/api/v1/drafts/{draft_id}/sections/{section_key}/"):
        return _mutated(
            {"body": "New text.", "expected_version": 1, "note": "Why."}, values
        )
    if (method, path) == ("POST", "/api/v1/runs/"):
        optional = {
            "pack": st.sampled_from(
                ["", "quick_social_basic", "strategy_campaign_standard", "nope"]
            ),
            "force_fail": st.sampled_from([None, "qc", "delivery"]),
        }
        return st.fixed_dictionaries(
            {"brief_id": st.sampled_from(ids["brief_id"])}, optional=optional
        )
    return None


def _targeted(
    operation: Any,
    method: str,
    path: str,
    ids: dict[str, list[str]],
    values: st.SearchStrategy[Any] = JSON_VALUES,
) -> st.SearchStrategy[schemathesis.Case] | None:
    names = re.findall(r"{(\w+)}", path)
    parameters = st.fixed_dictionaries({n: st.sampled_from(ids[n]) for n in names})
    bodies = _targeted_bodies(method, path, ids, values)
    if not names and bodies is None:
        return None

    def case(params: dict[str, str], body: Any) -> st.SearchStrategy:
        extra = {} if body is None else {"body": body, "media_type": "application/json"}
        return operation.as_strategy(
            GenerationMode.POSITIVE, path_parameters=params or None, **extra
        )

    return st.tuples(parameters, bodies if bodies is not None else st.none()).flatmap(
        lambda pair: case(*pair)
    )


@pytest.fixture
def api_schema(real_ids: dict[str, list[str]], operator_token: str) -> Any:
    """The OpenAPI schema the running app serves (fetched as the operator)."""
    auth = {"Authorization": f"Token {operator_token}"}
    return schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", application, headers=auth
    )


@pytest.mark.parametrize(
    ("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS]
)
def test_every_operation_answers_within_its_schema(
    api_schema, real_ids, operator_token, method, path
):
    operation = api_schema[path][method]
    auth = {"Authorization": f"Token {operator_token}"}
    strategies = [
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    ]
    targeted = _targeted(operation, method, path, real_ids)
    if targeted is not None:
        # Half of the examples; half of those put a hostile value in a field the
        # operation reads, which random JSON alone rarely does.
        strategies.append(targeted)
        strategies.append(
            _targeted(operation, method, path, real_ids, values=HOSTILE_VALUES)
        )

    @given(case=st.one_of(strategies))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,  # the same cases on every run: a failure reproduces
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],  # report the first failing case
    )
    def fuzz(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=auth, checks=CHECKS)

    fuzz()


# --- raw hostile bodies (issue 11) ------------------------------------------------

BODY_OPERATIONS = [
    (method.upper(), path)
    for path, item in SchemaGenerator()
    .get_schema(request=None, public=True)["paths"]
    .items()
    if path.startswith("/api/v1/")
    for method, operation in item.items()
    if "requestBody" in operation
]
RAW_BODIES = {
    # Past DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): 413 before anything is parsed.
    "oversized": (b'{"name": "' + b"x" * 3_000_000 + b'"}', 413),
    "1000 nested arrays": (b"[" * 1000 + b"]" * 1000, 400),
    "1000 nested objects": (b'{"a":' * 1000 + b"1" + b"}" * 1000, 400),
    "surrogate value": (b'{"name": "\\ud800", "body": "\\udfff"}', 400),
    "surrogate key": (b'{"\\udc00": 1}', 400),
    "NUL": (b'{"name": "a\\u0000b", "body": "\\u0000"}', 400),
    "infinite number": (b'{"target_clients": 1e999, "expected_version": -1e999}', 400),
    "5000-digit number": (b'{"target_clients": ' + b"9" * 5000 + b"}", 400),
    "number past 64 bits": (b'{"expected_version": ' + b"9" * 30 + b"}", 400),
    # Under the limit: too long where the operation has the field, else ignored.
    "huge string": (b'{"name": "' + b"x" * 2_000_000 + b'"}', None),
}


@pytest.mark.parametrize(
    ("method", "path"), BODY_OPERATIONS, ids=[f"{m} {p}" for m, p in BODY_OPERATIONS]
)
def test_raw_hostile_bodies_answer_4xx_in_the_error_shape(
    real_ids, operator_token, method, path
):
    """Bodies a JSON encoder never writes: each a 400 or 413, never a 5xx."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {operator_token}")
    url = re.sub(r"{(\w+)}", lambda m: real_ids[m.group(1)][0], path)
    answers, expected = {}, {}
    for name, (body, status) in RAW_BODIES.items():
        response = client.generic(method, url, body, content_type="application/json")
        assert response.status_code < 500, (name, response.content[:300])
        if status is None:
            continue
        expected[name] = (
            status,
            "PAYLOAD_TOO_LARGE" if status == 413 else "VALIDATION_ERROR",
        )
        answers[name] = (response.status_code, response.json().get("error_code"))
        assert set(response.json()) == {"error_code", "message", "details", "trace_id"}

    assert answers == expected
