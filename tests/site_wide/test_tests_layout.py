"""The tests mirror the apps (issue 14): a feature's tests are in tests/<app>/, beside
nothing else; only the checks of the whole site (tests/site_wide/), the browser
journeys (tests/browser/) and the fuzzers (tests/fuzz/) are not named for an app."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_APPS = {"site_wide", "browser", "fuzz"}


def test_every_test_file_lives_in_a_folder_named_for_an_app_or_a_whole_site_check():
    misplaced = []
    for path in (ROOT / "tests").rglob("test_*.py"):
        folder = path.relative_to(ROOT / "tests").parts[0]
        is_app = (ROOT / folder / "apps.py").exists()
        if path.parent == ROOT / "tests" or not (is_app or folder in NOT_APPS):
            misplaced.append(str(path.relative_to(ROOT)))
    assert misplaced == []
