"""Browser journeys in Debian's Chromium, driven by Playwright, against pytest-django's live server.

On a machine without Chromium these tests are skipped (install it with `apt-get install chromium`);
with REQUIRE_BROWSER set (as in CI) a missing browser is a failure."""

import os
import re
import shutil
from pathlib import Path

import pytest


CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HOW_TO_ENABLE = "Chromium not found: install Debian's browser with `apt-get install chromium` to run the browser journeys"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in the test thread; the ORM is still used
    # synchronously from that thread, which is safe here, so Django is told so for this session.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(HOW_TO_ENABLE + " (REQUIRE_BROWSER is set).")
        pytest.skip(HOW_TO_ENABLE + ".")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser, request, live_server):
    """A fresh page that records console errors, and saves a screenshot if the test fails.
    The CSP is bypassed so the accessibility check can inject axe-core into the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.base = live_server.url
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-120:]
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def admin_login(django_user_model):
    """Logs a page in to the admin as a new superuser: `admin_login(page)`."""
    django_user_model.objects.create_superuser("curator", "curator@example.com", "a-long-test-password-42")

    def login(page):
        page.goto(page.base + "/admin/login/?next=/admin/")
        page.fill("#id_username", "curator")
        page.fill("#id_password", "a-long-test-password-42")
        page.click("input[type=submit]")
        page.wait_for_url(re.compile(r"/admin/$"))

    return login
