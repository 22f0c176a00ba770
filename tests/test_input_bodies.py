"""Issue 11, findings 2 and 3: bounded briefs, and malformed bodies are never a 500.

2. List and text fields of a brief are capped, and a long list is refused before its
   items are looked at (the duplicate check was quadratic).
3. Malformed bodies answer 400 VALIDATION_ERROR, or 413 PAYLOAD_TOO_LARGE past the
   upload limit, in the one error shape, with no traceback logged; run_workflow exits
   2 naming the problem.
"""

import io
import json
import logging
from decimal import Decimal

import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DataError
from django.http import HttpResponse
from django.test import RequestFactory

from aicmo_site.kernel import exception_handler
from aicmo_site.kernel.middleware import ApiServerErrorMiddleware
from onboarding import intake
from onboarding.models import Brief
from orchestration import api as orchestration_api
from orchestration.models import WorkflowRun
from tests.inputs import ERROR_KEYS, PACKS, brief_file, counts, error_of, post_json
from tests.orchestration.conftest import load_example

pytestmark = pytest.mark.django_db


# --- finding 3: brief files ---------------------------------------------------------


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_run_workflow_names_deep_nesting_and_exits_2(tmp_path, depth):
    brief = brief_file(tmp_path, '{"tone": ' + "[" * depth + "]" * depth + "}")

    with pytest.raises(CommandError) as caught:
        call_command("run_workflow", brief, stdout=io.StringIO())

    assert caught.value.returncode == 2
    assert "nested too deeply: at most 20 levels" in str(caught.value).lower()
    assert counts()["briefs"] == 0


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ('{"duration_weeks": ' + "9" * 5000 + "}", "is not valid JSON: Exceeds"),
        ('{"budget": {"amount": 1e308, "currency": "USD"}}', "  budget.amount: "),
        ('{"duration_weeks": NaN}', "  duration_weeks: Must be a finite number."),
    ],
)
def test_run_workflow_names_a_number_it_cannot_hold_and_exits_2(
    tmp_path, content, named
):
    brief = brief_file(tmp_path, json.dumps(load_example())[:-1] + ", " + content[1:])

    with pytest.raises(CommandError) as caught:
        call_command("run_workflow", brief, stdout=io.StringIO())

    assert caught.value.returncode == 2
    assert named in str(caught.value)
    assert counts()["briefs"] == 0


def test_run_workflow_refuses_a_file_over_the_body_limit(tmp_path, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    brief = brief_file(tmp_path, json.dumps(load_example() | {"tone": "x" * 2000}))

    with pytest.raises(CommandError) as caught:
        call_command("run_workflow", brief, stdout=io.StringIO())

    assert caught.value.returncode == 2
    assert str(caught.value).startswith("PAYLOAD_TOO_LARGE: ")
    assert counts()["briefs"] == 0


# --- finding 2: list and field limits --------------------------------------------


class _CountingStr(str):
    """A list item that counts how often validation looks at it."""

    looks = 0

    def strip(self, chars=None):
        type(self).looks += 1
        return super().strip(chars)


def test_twenty_thousand_pain_points_are_refused_without_looking_at_one():
    _CountingStr.looks = 0
    # Distinct items: the old duplicate check compared each with every earlier one.
    pain_points = [_CountingStr(f"Pain point {n}") for n in range(20_000)]

    result = intake.validate_intake(
        load_example() | {"pain_points": pain_points}, known_packs=PACKS
    )

    assert result.errors == {"pain_points": ["Give at most 20 items, not 20000."]}
    assert _CountingStr.looks == 0


def test_twenty_thousand_pain_points_over_the_api_are_refused(operator):
    data = load_example() | {"pain_points": [f"Pain {n}" for n in range(20_000)]}

    response = post_json(operator, "/api/v1/briefs/", data)

    error = error_of(response, 400, "VALIDATION_ERROR")
    assert error["details"]["fields"] == {
        "pain_points": ["Give at most 20 items, not 20000."]
    }
    assert Brief.objects.count() == 0


def test_duplicates_are_still_dropped_whatever_their_case():
    items = ["Slow", "slow", " SLOW ", "Dear"]

    result = intake.validate_intake(
        load_example() | {"pain_points": items}, known_packs=PACKS
    )

    assert result.errors == {}
    assert result.data["pain_points"] == ["Slow", "Dear"]


def test_every_oversized_field_is_named():
    raw = load_example()
    raw["client"]["name"] = "n" * 201
    raw["client"]["website"] = "w" * 297 + ".com"
    raw["tone"] = "t" * 201
    raw["primary_offer"] = "o" * 2001
    raw["competitors"] = ["fine", "c" * 501]

    result = intake.validate_intake(raw, known_packs=PACKS)

    assert result.errors == {
        "client.name": ["Must be at most 200 characters."],
        "client.website": ["Must be at most 300 characters."],
        "tone": ["Must be at most 200 characters."],
        "primary_offer": ["Must be at most 2000 characters."],
        "competitors[1]": ["Must be at most 500 characters."],
    }


def test_a_brief_with_too_many_fields_is_refused_as_a_whole():
    raw = load_example() | {f"extra_{n}": n for n in range(100)}

    result = intake.validate_intake(raw, known_packs=PACKS)

    assert result.errors == {"non_field_errors": ["Give at most 50 fields, not 115."]}


# --- finding 3: malformed bodies ---------------------------------------------------


BODY_PATHS = [
    "/api/v1/briefs/",
    "/api/v1/runs/",
    "/api/v1/campaigns/",
    "/api/v1/leads/",
    "/api/v1/suppressions/",
]


@pytest.mark.parametrize("path", BODY_PATHS)
def test_a_body_over_the_upload_limit_answers_413(operator, path, caplog):
    body = json.dumps({"name": "x" * 3_000_000})  # DATA_UPLOAD_MAX_MEMORY_SIZE: 2.5 MB
    before = counts()

    response = post_json(operator, path, body)

    error = error_of(response, 413, "PAYLOAD_TOO_LARGE")
    assert error["message"] == "The request body is over 2621440 bytes."
    assert counts() == before
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("path", BODY_PATHS)
@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_a_thousand_nested_brackets_answer_400(operator, path, opening, caplog):
    body = opening * 1000 + "1" + ("]" if opening == "[" else "}") * 1000
    before = counts()

    response = post_json(operator, path, body)

    error = error_of(response, 400, "VALIDATION_ERROR")
    assert "nested too deeply" in error["message"]
    assert counts() == before
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_nesting_the_decoder_survives_is_still_refused_by_name(operator):
    body = '{"tone": ' + "[" * 50 + "]" * 50 + "}"

    response = post_json(operator, "/api/v1/leads/", body)

    error = error_of(response, 400, "VALIDATION_ERROR")
    [field] = error["details"]["fields"]
    assert field == "tone" + "[0]" * 19
    assert error["details"]["fields"][field] == [
        "Nested too deeply: at most 20 levels."
    ]


def test_a_budget_of_1e308_answers_400_naming_budget_amount(operator):
    body = json.dumps(load_example())[:-1] + ', "budget": {"amount": 1e308, '
    body += '"currency": "USD"}}'

    response = post_json(operator, "/api/v1/briefs/", body)

    error = error_of(response, 400, "VALIDATION_ERROR")
    assert error["details"]["fields"] == {
        "budget.amount": [f"Must be at most {intake.MAX_AMOUNT}."]
    }
    assert Brief.objects.count() == 0


def test_the_largest_budget_is_accepted(operator):
    data = load_example() | {"budget": {"amount": "999999999999.99", "currency": "USD"}}

    response = post_json(operator, "/api/v1/briefs/", data)

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/campaigns/", '{"target_clients": 1e999}', "target_clients"),
        (
            "/api/v1/campaigns/",
            '{"target_clients": ' + "9" * 30 + "}",
            "target_clients",
        ),
        ("/api/v1/leads/", '{"base_score": -1e999}', "base_score"),
    ],
)
def test_numbers_no_json_reader_holds_are_named(operator, path, body, field):
    response = post_json(operator, path, body)

    error = error_of(response, 400, "VALIDATION_ERROR")
    assert list(error["details"]["fields"]) == [field]


MALFORMED = [
    ("truncated", b'{"name": "Den', "application/json", 400),
    ("trailing garbage", b'{"name": "x"} x', "application/json", 400),
    ("empty", b"", "application/json", 400),
    ("a list", b"[1, 2]", "application/json", 400),
    ("a string", b'"brief"', "application/json", 400),
    ("a number", b"12", "application/json", 400),
    ("null", b"null", "application/json", 400),
    ("NaN", b'{"target_clients": NaN}', "application/json", 400),
    ("not UTF-8", b'{"name": "\xff\xfe"}', "application/json", 400),
    ("UTF-16", '{"name": "x"}'.encode("utf-16"), "application/json", 400),
    ("a raw surrogate", b'{"name": "\xed\xa0\x80"}', "application/json", 400),
    ("huge integer", b'{"x": ' + b"9" * 5000 + b"}", "application/json", 400),
    ("plain text", b"name=x", "text/plain", 415),
    ("XML", b"<brief/>", "application/xml", 415),
    ("form NUL", b"name=a%00b", "application/x-www-form-urlencoded", 400),
    ("bad multipart", b"--x\r\nnot a part", "multipart/form-data; boundary=x", 400),
]


@pytest.mark.parametrize("path", BODY_PATHS)
@pytest.mark.parametrize(
    ("name", "body", "content_type", "status"),
    MALFORMED,
    ids=[m[0] for m in MALFORMED],
)
def test_malformed_bodies_answer_4xx_in_the_error_shape(
    operator, path, name, body, content_type, status, caplog
):
    before = counts()

    response = operator.generic("POST", path, body, content_type=content_type)

    if path == "/api/v1/briefs/" and content_type.startswith(
        ("application/x-www-form", "multipart/")
    ):
        status = 415  # briefs are JSON only
    assert response.status_code == status, (name, response.content[:300])
    assert set(response.json()) == ERROR_KEYS
    assert counts() == before
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_database_error_from_input_answers_400_not_500():
    # The last line behind the checks: a value the database refuses is the client's.
    response = exception_handler.handle(
        DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes"),
        {"request": None},
    )

    assert response is not None
    assert response.status_code == 400
    assert response.data["error_code"] == "VALIDATION_ERROR"


def test_the_middleware_answers_a_body_over_the_limit_with_413():
    # A body read outside DRF (by a plain view or a middleware) past the limit.
    request = RequestFactory().post("/api/v1/briefs/")
    middleware = ApiServerErrorMiddleware(lambda request: HttpResponse())

    response = middleware.process_exception(request, RequestDataTooBig("too big"))

    assert response is not None
    assert response.status_code == 413
    assert json.loads(response.content)["error_code"] == "PAYLOAD_TOO_LARGE"


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_nul_that_reaches_postgresql_answers_400(operator):
    # A header is not a body: nothing checks this one before the database does.
    brief = orchestration_api.brief_submit(data=load_example())

    response = operator.post(
        "/api/v1/runs/",
        {"brief_id": brief.id},
        format="json",
        HTTP_IDEMPOTENCY_KEY="key\x00one",
    )

    error_of(response, 400, "VALIDATION_ERROR")
    assert WorkflowRun.objects.count() == 0


def test_money_stays_exact_under_the_cap():
    result = intake.validate_intake(
        load_example() | {"budget": {"amount": 1234.5, "currency": "usd"}},
        known_packs=PACKS,
    )

    assert result.data["budget"] == {"amount": "1234.50", "currency": "USD"}
    assert Decimal(result.data["budget"]["amount"]) <= intake.MAX_AMOUNT
