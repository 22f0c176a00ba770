"""The admin and the API docs work under the strict policy, in a real Chromium.

Every page loads with no Content-Security-Policy violation (the browser reports each
one as a ``securitypolicyviolation`` event), and Swagger UI, served from this site,
draws the API's operations (issue 11, finding 10).
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from orchestration.models import WorkflowRun
from tests.browser.test_operator_flow import PASSWORD, _user, browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ` +
      `${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def test_admin_pages_and_the_api_docs_load_without_a_policy_violation(
    live_server,
    browser,  # noqa: F811
):
    _user("olivia")
    with open(os.devnull, "w") as quiet:
        call_command(
            "run_workflow",
            str(ROOT / "examples" / "brightsmile_dental.json"),
            stdout=quiet,
        )
    run = WorkflowRun.objects.get()
    base = live_server.url
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(60_000)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    violations = {}
    try:
        page.goto(f"{base}/admin/")
        page.fill("#id_username", "olivia")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_selector("#content-main")
        violations["index"] = page.evaluate("window.__cspViolations")

        for name, path, ready in [
            ("briefs", reverse("admin:onboarding_brief_changelist"), "#changelist"),
            ("import", reverse("admin:orchestration_brief_import"), "#id_import_file"),
            (
                "runs",
                reverse("admin:orchestration_workflowrun_changelist"),
                "#changelist",
            ),
            (
                "run",
                reverse("admin:orchestration_workflowrun_change", args=[run.pk]),
                "#timeline",
            ),
        ]:
            page.goto(f"{base}{path}")
            page.wait_for_selector(ready, state="attached")
            violations[name] = page.evaluate("window.__cspViolations")

        page.goto(f"{base}/api/docs/")
        # Swagger UI ran (its bundle and start-up script from this site) and drew
        # the operations of the schema it fetched.
        page.wait_for_selector(".swagger-ui .opblock")
        assert page.locator(".swagger-ui .opblock").count() > 10
        violations["docs"] = page.evaluate("window.__cspViolations")
    finally:
        context.close()

    assert violations == {
        "index": [],
        "briefs": [],
        "import": [],
        "runs": [],
        "run": [],
        "docs": [],
    }
    assert console == []
