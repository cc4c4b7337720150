"""core/ is the kernel at the bottom: it uses no app, no app uses home (the
site shell on top), and neither demo content nor test builders reach
production code. Plus the behaviour of the shared helpers."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

from core.exports import csv_text
from core.language import Bilingual, current_language, is_english, pick

ROOT = Path(__file__).resolve().parents[2]
APPS = ["alerts", "catalog", "indicators", "publications", "releases", "researchers", "sitesearch", "surveys", "tables"]


def imported_top_levels(folder: str) -> dict[str, set[str]]:
    """{module path: top-level packages it imports} for every module under `folder`."""
    found = {}
    for path in (ROOT / folder).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_core_uses_no_app():
    ours = {*APPS, "home", "demo", "tests", "config"}
    offenders = {path: names & ours for path, names in imported_top_levels("core").items() if names & ours}
    assert offenders == {}


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_home_demo_or_builders(app):
    offenders = {
        path: names & {"home", "demo", "tests"}
        for path, names in imported_top_levels(app).items()
        if names & {"home", "demo", "tests"}
    }
    assert offenders == {}


def test_no_app_keeps_demo_or_testing_modules():
    leftovers = [p for app in [*APPS, "home"] for p in (ROOT / app).glob("*.py") if p.stem in ("demo", "testing")]
    assert leftovers == []


class Card:
    title = Bilingual("title")

    def __init__(self, fa="", en=""):
        self.title_fa, self.title_en = fa, en


def test_current_language_is_fa_or_en():
    with translation.override("en-us"):
        assert current_language() == "en" and is_english()
    with translation.override("fa"):
        assert current_language() == "fa" and not is_english()
    with translation.override(None):
        assert current_language() == "fa"


def test_pick_prefers_the_language_then_persian_then_english():
    both, persian_only, english_only = Card("آمار", "Statistics"), Card("آمار"), Card("", "Statistics")
    assert pick(both, "title", "en") == "Statistics"
    assert pick(both, "title", "fa") == "آمار"
    assert pick(persian_only, "title", "en") == "آمار"
    assert pick(english_only, "title", "fa") == "Statistics"
    with translation.override("en"):
        assert both.title == "Statistics"


def test_pick_reads_an_unsuffixed_persian_field_but_never_a_method():
    class Page:
        title = "صفحه"
        title_en = ""

        def name(self, lang="fa"):
            return "x"

    assert pick(Page(), "title", "en") == "صفحه"
    assert pick(Page(), "name", "fa") == ""


def test_csv_text_guards_formulas_and_keeps_numbers():
    text = csv_text([["=SUM(A1)", -5.5, "-5.5", None, 3]], bom=False)
    assert text.strip() == "'=SUM(A1),-5.5,-5.5,,3"
    assert csv_text([["a"]]).startswith("\ufeff")
