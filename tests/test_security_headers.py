"""The Content-Security-Policy and the self-hosted Swagger UI (issue 11, finding 10).

The API docs page used to load Swagger UI from a CDN at its "latest" version, on an
authenticated page, with no policy at all. Now every file it loads comes from this
site (drf-spectacular-sidecar, pinned by the lock file), its start-up script is a file
too, and every response carries one strict policy.
"""

import base64
import hashlib
import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db

EXPECTED_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}


def _policy(response) -> dict[str, list[str]]:
    directives = (
        part.split() for part in response["Content-Security-Policy"].split(";")
    )
    return {name: values for name, *values in directives}


@pytest.fixture
def signed_in(django_user_model) -> Client:
    client = Client()
    client.force_login(django_user_model.objects.create_user("dora"))
    return client


def test_the_api_docs_load_nothing_from_another_host(signed_in):
    docs = signed_in.get("/api/docs/")

    assert docs.status_code == 200
    html = docs.content.decode()
    assert "://" not in html
    assert "cdn." not in html
    assert "<script>" not in html  # no inline script: the policy would block it
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(urls) == 5  # favicon, stylesheet, two bundles, the start-up script
    for url in urls:
        assert url.startswith("/"), url
        assert not url.startswith("//"), url


def test_the_swagger_ui_files_are_this_sites_static_files(signed_in):
    html = signed_in.get("/api/docs/").content.decode()

    static = re.findall(r'(?:src|href)="/static/([^"?]+)"', html)

    assert sorted(static) == [
        "drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
    ]
    assert all(finders.find(path) for path in static)


def test_the_docs_start_up_script_is_served_from_this_site(signed_in):
    html = signed_in.get("/api/docs/").content.decode()
    script_url = re.search(r'<script src="(/api/docs/\?[^"]*script[^"]*)"', html)

    assert script_url is not None
    script = signed_in.get(script_url.group(1).replace("&amp;", "&"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    body = script.content.decode()
    assert "SwaggerUIBundle" in body
    # Swagger UI's validator badge would send the schema's address to another host.
    assert '"validatorUrl": null' in body
    assert "://" not in body


def test_the_api_docs_carry_the_strict_policy(signed_in):
    docs = signed_in.get("/api/docs/")

    # Swagger UI's page has one inline <style>; only that exact block is allowed.
    (style,) = re.findall(r"<style>(.*?)</style>", docs.content.decode(), re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert _policy(docs) == {
        **EXPECTED_POLICY,
        "style-src": ["'self'", f"'sha256-{digest}'"],
    }


def test_the_admin_sign_in_page_carries_the_strict_policy():
    login = Client().get("/admin/login/")

    assert login.status_code == 200
    assert _policy(login) == EXPECTED_POLICY


def test_api_responses_carry_the_policy_too(signed_in):
    assert _policy(signed_in.get("/api/v1/runs/")) == EXPECTED_POLICY


def test_the_docs_still_need_a_signed_in_user():
    response = Client().get("/api/docs/")

    assert response.status_code == 401
    assert response.json()["error_code"] == "NOT_AUTHENTICATED"
