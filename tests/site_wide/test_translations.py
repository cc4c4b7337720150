"""Persian first: every UI string of ours has a Persian translation."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted(
    p for p in ROOT.glob("**/locale*/fa/LC_MESSAGES/django.po") if ".venv" not in p.parts and "var" not in p.parts
)


def test_there_are_persian_catalogs():
    assert ROOT / "locale" / "fa" / "LC_MESSAGES" / "django.po" in CATALOGS


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_is_complete(catalog):
    po = polib.pofile(str(catalog))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {catalog}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {catalog}: {fuzzy[:10]}"


def test_editors_see_wagtail_localize_in_persian():
    with translation.override("fa"):
        assert translation.gettext("Translate this page") == "ترجمهٔ این صفحه"
        assert translation.gettext("Sync translated pages") == "همگام‌سازی صفحه‌های ترجمه‌شده"


def test_our_strings_are_persian_on_persian_pages():
    with translation.override("fa"):
        assert translation.gettext("Skip to main content") == "پرش به محتوای اصلی"
