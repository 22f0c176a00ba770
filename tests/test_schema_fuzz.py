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

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=12), children, max_size=3)
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


def _mutated(base: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """``base`` with one field (top level or nested one level) replaced or dropped."""
    paths = [(key,) for key in base] + [
        (key, inner)
        for key, value in base.items()
        if isinstance(value, dict)
        for inner in value
    ]
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

    return st.builds(apply, st.sampled_from(paths), JSON_VALUES, st.booleans())


def _targeted_bodies(
    method: str, path: str, ids: dict[str, list[str]]
) -> st.SearchStrategy[Any] | None:
    if (method, path) == ("POST", "/api/v1/briefs/"):
        return _mutated(_brief_data())
    if (method, path) == ("POST", "/api/v1/leads/"):
        lead = {**LEAD, "email": "new-lead@acme.example"}  # 201 once, then 200
        return _mutated({"campaign_id": ids["campaign_id"][0], **lead})
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
    operation: Any, method: str, path: str, ids: dict[str, list[str]]
) -> st.SearchStrategy[schemathesis.Case] | None:
    names = re.findall(r"{(\w+)}", path)
    parameters = st.fixed_dictionaries({n: st.sampled_from(ids[n]) for n in names})
    bodies = _targeted_bodies(method, path, ids)
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
        strategies.append(targeted)
        strategies.append(targeted)  # half of the examples

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
