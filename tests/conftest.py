"""Shared fixtures. Factories over fixtures: apps build what a test needs.

* `home_pages` — the Persian home page as the site root and its English
  translation (fast; what most page tests need).
* `demo` — the whole demo content (slow; for journeys and smoke tests).
* `fresh_page_cache`, `page_cache_on` — the page cache's state new for one
  test, and the cache switched on (the test settings keep it off).
* `empty_cache` — Django's cache empty before and after one test (what the
  disclosure patterns and compiled reads keep between tests otherwise).
"""

import os
import shutil
import tempfile

import pytest

os.environ.setdefault("TEST_VAR_DIR", tempfile.mkdtemp(prefix="statportal-test-"))


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language (Persian). A request through
    the test client leaves its language active in the thread (LocaleMiddleware
    activates it and nothing deactivates it), so without this a test that renders
    outside a request saw the language of whichever test ran before it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _media_storage(request, tmp_path):
    """Every test writes uploaded files into its own temporary folder; browser
    journeys share the demo server's files (TEST_VAR_DIR, see config/settings/test.py)."""
    if request.node.get_closest_marker("browser"):
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    yield


@pytest.fixture
def home_pages(db):
    from demo import site as demo

    fa, _en = demo.ensure_locales()
    home_fa = demo.ensure_home(fa)
    home_en = demo.translate(home_fa, demo.HOME_EN).specific
    return home_fa, home_en


@pytest.fixture
def demo(db):
    from demo import site as demo_module

    return demo_module.load(log=lambda *args: None)


@pytest.fixture
def admin_user(db):
    from demo import site as demo

    return demo.ensure_admin()


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def pytest_collection_modifyitems(config, items):
    """Browser journeys last: they flush the database after each test."""
    items.sort(key=lambda item: "tests/browser/" in str(item.fspath).replace(os.sep, "/"))


def pytest_sessionfinish(session, exitstatus):
    """With CI=true no test may be skipped: a skip hides a missing install step."""
    if os.environ.get("CI", "").lower() != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"CI=true: {len(skipped)} test(s) skipped; failing the run.", red=True)
        session.exitstatus = 1


def pytest_unconfigure(config):
    shutil.rmtree(os.environ.get("TEST_VAR_DIR", ""), ignore_errors=True)


@pytest.fixture(autouse=True)
def _no_disclosure_suspects():
    """The disclosure look-up's process-wide guess (which indicators skip the screen)
    starts empty in every test: ids are reused from one test's database to the next,
    and tests count the queries."""
    from indicators.disclosure import lookup

    lookup.forget_suspects()


@pytest.fixture
def empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fresh_page_cache(settings, tmp_path):
    """The page cache's state (home/pagecache.py) new for one test: its own stamp
    file, an empty cache, and no content version remembered by this process."""
    from django.core.cache import cache

    from home import pagecache

    settings.PAGE_CACHE_STAMP = tmp_path / "pagecache.stamp"
    cache.clear()
    pagecache._epoch = None
    yield
    cache.clear()
    pagecache._epoch = None


@pytest.fixture
def page_cache_on(settings, fresh_page_cache):
    settings.PAGE_CACHE_ENABLED = True
