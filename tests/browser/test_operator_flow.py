"""The operator console, end to end, in a real headless Chromium (Playwright).

An operator signs in, imports ``examples/briefs.csv`` (three briefs), starts a run for
each from the brief list, opens a finished run's timeline and downloads its PDF; a
viewer then finds no way to start a run, and is refused when trying the page directly.
Every screen is kept as a PNG under ``var/test-artifacts/browser/``.

The browser is Debian's ``chromium`` (the Playwright wheel ships only the driver; never
``playwright install``). Without it the test is skipped, except in CI (``CI=true``),
where a skipped browser test would hide a broken machine, so it fails instead.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from onboarding.models import Brief
from orchestration.models import WorkflowRun

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "var" / "test-artifacts" / "browser"
BRIEFS_CSV = ROOT / "examples" / "briefs.csv"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "A long browser-test passphrase"


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Launch Debian's chromium headless; skip without it (fail in CI)."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's 'chromium' package"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI must run the browser test).")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the
    # test makes between pages are plain synchronous code all the same.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in [*ARTIFACTS.glob("*.png"), *ARTIFACTS.glob("*.pdf")]:
        old.unlink()  # this run's screens only
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


def _user(username: str, *, viewer: bool = False) -> None:
    args = ["create_operator", username, "--staff", *(["--viewer"] if viewer else [])]
    call_command(*args, stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))  # noqa: SIM115
    user = get_user_model().objects.get(username=username)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])


class Screens:
    """Numbered full-page screenshots of one session."""

    def __init__(self, page: object, prefix: str) -> None:
        self.page = page
        self.prefix = prefix
        self.count = 0

    def shot(self, name: str) -> Path:
        self.count += 1
        path = ARTIFACTS / f"{self.prefix}-{self.count:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _sign_in(page: object, base: str, username: str, screens: Screens) -> None:
    page.goto(f"{base}/admin/")
    screens.shot("login")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")
    assert "Site administration" in page.inner_text("#content")


def test_an_operator_imports_briefs_runs_them_and_downloads_a_pdf(live_server, browser):
    assert Group.objects.filter(name="operators").exists()
    _user("olivia")
    _user("victor", viewer=True)
    base = live_server.url

    context = browser.new_context(
        viewport={"width": 1400, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    screens = Screens(page, "operator")
    try:
        _sign_in(page, base, "olivia", screens)
        screens.shot("admin-index")

        # Import three briefs from the example CSV: preview, then confirm.
        page.click("#onboarding-brief a[href$='/admin/onboarding/brief/']")
        page.click("a.import_link")
        screens.shot("import-form")
        page.set_input_files("#id_import_file", str(BRIEFS_CSV))
        page.select_option("#id_format", label="csv")
        page.click("input[type=submit][value=Submit]")
        page.wait_for_selector("input[name=confirm]")
        assert page.locator("table.import-preview tr.new").count() == 3
        screens.shot("import-preview")
        page.click("input[name=confirm]")
        page.wait_for_selector("#result_list")
        assert "Imported 3 brief(s)" in page.inner_text("ul.messagelist")
        assert page.locator("#result_list tbody tr").count() == 3
        screens.shot("briefs-imported")

        # Start runs for them from the list: select all, the action, confirm.
        page.check("#action-toggle")
        page.select_option("select[name=action]", "start_runs")
        page.click("button[name=index]")
        page.wait_for_selector("#start-runs")
        screens.shot("start-runs")
        page.click("#start-runs input[type=submit]")
        page.wait_for_selector("ul.messagelist")
        messages = page.locator("ul.messagelist li")
        assert messages.count() == 3
        assert all(
            text.endswith(": completed.") for text in messages.all_inner_texts()
        ), messages.all_inner_texts()
        screens.shot("runs-started")

        # A finished run's timeline.
        page.click("ul.messagelist li a >> nth=0")
        page.wait_for_selector("#timeline")
        assert page.locator("table.aicmo-steps tbody tr").count() == 5
        assert page.locator("table.aicmo-events tbody tr").count() > 5
        assert "No step was compensated." in page.inner_text("#timeline")
        screens.shot("run-timeline")

        # Its package, and the PDF through the authenticated download.
        page.click(".field-outputs_display a[href*='/admin/delivery/package/pkg_']")
        page.wait_for_selector("a.aicmo-download")
        screens.shot("package")
        with page.expect_download() as download_info:
            page.click("a.aicmo-download:text-is('report.pdf') >> nth=0")
        download = download_info.value
        assert download.suggested_filename == "report.pdf"
        saved = ARTIFACTS / "report.pdf"
        download.save_as(str(saved))
        assert saved.read_bytes().startswith(b"%PDF")
        assert re.search(
            r"/api/v1/packages/pkg_[^/]+/artifacts/report\.pdf/$", download.url
        )
    except Exception:
        screens.shot("failure")
        raise
    finally:
        context.close()

    assert Brief.objects.count() == 3
    assert set(WorkflowRun.objects.values_list("status", flat=True)) == {"completed"}

    # A viewer reads the same list but cannot start a run.
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60_000)
    screens = Screens(page, "viewer")
    try:
        _sign_in(page, base, "victor", screens)
        page.goto(f"{base}/admin/onboarding/brief/")
        page.wait_for_selector("#result_list")
        assert page.locator("select[name=action]").count() == 0
        assert page.locator("a.import_link").count() == 0
        screens.shot("briefs-read-only")
        brief_id = Brief.objects.values_list("id", flat=True).first()
        response = page.goto(
            f"{base}/admin/orchestration/workflowrun/briefs/start-runs/?ids={brief_id}"
        )
        assert response.status == 403
        screens.shot("start-runs-refused")
    except Exception:
        screens.shot("failure")
        raise
    finally:
        context.close()

    assert WorkflowRun.objects.count() == 3
