"""Real-browser journeys: Playwright driving Debian's Chromium against the
live test server. Screenshots go to test-artifacts/."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser(live_server):
    # The database and the demo server come first: once Playwright's event loop
    # runs in this thread, Django would hand out a new (empty, for in-memory
    # SQLite) connection.
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (make test does it as root)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fa-IR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def live_server(django_db_setup, django_db_blocker):
    """One live server over one demo load for all browser journeys.

    Replaces pytest-django's `live_server`, whose helper flushes the database
    after every test: loading the demo is slow, so journeys share it. Browser
    tests run last (tests/conftest.py), after every transactional test; a
    journey that changes data uses names of its own. The name `live_server`
    also tells pytest-django to set up the test database."""
    from pytest_django.live_server_helper import LiveServer

    from demo import site as demo

    with django_db_blocker.unblock():
        demo.load(log=lambda *args: None)
        server = LiveServer("localhost")
        yield server
        server.stop()


@pytest.fixture(autouse=True)
def _live_server_helper():
    """Overrides pytest-django's helper of the same name, which would request
    `transactional_db` (and so flush the shared demo) for every journey."""
    yield


@pytest.fixture
def site_url(live_server, django_db_blocker):
    """The demo site's base URL. The test body may use the ORM (committed, shared)."""
    with django_db_blocker.unblock():
        yield live_server.url


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
