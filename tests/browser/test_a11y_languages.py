"""Every page type of the demo, in both languages, on a desktop and a phone:

* axe-core (vendored under tests/browser/vendor/axe-core/) finds no violation of
  the WCAG 2.2 A/AA rules;
* an English page has no Persian text outside an element marked lang="fa"
  (WCAG 3.1.2: a screen reader would read it with an English voice);
* nothing scrolls sideways at 360 px;
* long tables keep their first column fixed inside their own scrolling box.

One browser page per language and width visits all page types, so the whole
module stays within a few minutes. Screenshots go to test-artifacts/a11y/.
Then keyboard-only journeys: the survey, the calendar filters and a
researcher's application."""

import re
from pathlib import Path

import pytest

from iran.periods import Period, Periodicity
from surveys.models import tehran_today

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def quarter(steps=0):
    """The demo's survey slugs follow the clock: the open survey is this quarter's."""
    return Period.containing(tehran_today(), Periodicity.QUARTER).shift(steps).code.lower()


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"desktop": 1366, "phone": 360}

# One page of each type the demo has (page type → path after /fa or /en).
PAGE_TYPES = {
    "home": "/",
    "release-calendar": "/releases/",
    "release-entry": "/releases/monthly-labour-market-bulletin-1405-03/",
    "publications": "/publications/",
    "bulletin": "/publications/monthly-bulletin-1405-04/",
    "quarterly-bulletin": "/publications/quarterly-bulletin-1405-Q1/",
    "yearbook": "/publications/yearbook-1402/",
    "yearbook-chapter": "/publications/yearbook-1402/chapter-1/",
    "infographic": "/publications/infographic-insured-1405/",
    "report": "/publications/report-cooperatives-1404/",
    "indicators": "/indicators/",
    "indicator": "/indicators/insured-persons/",
    "dashboard": "/dashboard/",
    "catalog": "/catalog/",
    "dataset": "/catalog/sso-insured-persons/",
    "variable-search": "/catalog/variables/?q=sex",
    "researchers": "/researchers/",
    "researcher-register": "/researchers/register/",
    "researcher-login": "/researchers/login/",
    "surveys": "/surveys/",
    "survey": f"/surveys/{quarter()}/",
    "survey-results": f"/surveys/{quarter(-2)}/results/",
    "search": "/search/?q=insured",
    "about": "/about/",
}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, count: v.nodes.length,
    where: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n').slice(1, 2).join('')),
  }));
}"""

# Text nodes and the attributes a screen reader speaks, with Persian letters and
# no lang="fa" ancestor.
UNMARKED_PERSIAN = r"""() => {
  const persian = /[\u0600-\u06FF]/;
  const marked = el => el.closest('[lang|="fa"]') || el.closest('script, style, noscript, template');
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (persian.test(node.data) && !marked(node.parentElement)) {
      found.push(node.parentElement.tagName + ': ' + node.data.trim().slice(0, 60));
    }
  }
  for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], img[alt], [value]')) {
    for (const name of ['placeholder', 'title', 'aria-label', 'alt']) {
      const value = el.getAttribute(name);
      if (value && persian.test(value) && !marked(el)) found.push(`${el.tagName}[${name}]: ${value.slice(0, 60)}`);
    }
  }
  return found;
}"""

STICKY_FIRST_COLUMNS = """() => [...document.querySelectorAll('.table-scroll')].map(box => {
  const cell = box.querySelector('tbody tr > :first-child');
  return {
    scrolls: getComputedStyle(box).overflowX,
    sticky: cell ? getComputedStyle(cell).position : 'sticky',
    focusable: box.tabIndex >= 0,
  };
})"""


def _check_page(page, url, lang, width):
    """The problems found on one page, as readable lines (empty when all is well)."""
    problems = []
    response = page.goto(url)
    if response.status != 200:
        return [f"HTTP {response.status}"]
    page.add_script_tag(path=str(AXE))
    for violation in page.evaluate(RUN_AXE, WCAG_TAGS):
        problems.append(f"axe {violation['id']} ×{violation['count']}: {violation['where']}")
    if lang == "en":
        problems += [f"Persian without lang=fa: {text}" for text in page.evaluate(UNMARKED_PERSIAN)]
    if width == WIDTHS["phone"]:
        scroll_width, inner = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        if scroll_width > inner:
            problems.append(f"scrolls sideways: {scroll_width}px content in a {inner}px window")
    for box in page.evaluate(STICKY_FIRST_COLUMNS):
        if box["scrolls"] not in ("auto", "scroll") or box["sticky"] != "sticky" or not box["focusable"]:
            problems.append(f"table box does not scroll on its own with a fixed first column: {box}")
    return problems


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_page_type_accessible_whole_and_phone_sized(browser, site_url, lang, width_name):
    width = WIDTHS[width_name]
    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=width_name == "phone", has_touch=width_name == "phone"
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    folder = ARTIFACTS / "a11y"
    folder.mkdir(parents=True, exist_ok=True)
    report = {}
    try:
        for name, path in PAGE_TYPES.items():
            problems = _check_page(page, f"{site_url}/{lang}{path}", lang, width)
            assert page.locator("html").get_attribute("lang") == lang
            page.screenshot(path=str(folder / f"{name}-{lang}-{width}.png"), full_page=True)
            if problems:
                report[name] = problems
    finally:
        context.close()
    assert not report, "\n".join(f"{name}: {line}" for name, lines in report.items() for line in lines)


# --- keyboard-only journeys ------------------------------------------------------------


def _tab_to(page, selector, limit=120, key="Tab"):
    """Press Tab until the element matching `selector` has the focus; the journey
    fails if it cannot be reached by keyboard."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate("el => el === document.activeElement"):
            return target
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def _focus_is_visible(page):
    """The focused element shows an outline or a box shadow (WCAG 2.4.7)."""
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }"""
    )


@pytest.fixture
def keyboard_page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def test_calendar_filters_by_keyboard_only(keyboard_page, site_url):
    page = keyboard_page
    page.goto(site_url + "/en/releases/")
    kind = _tab_to(page, "#id_kind")
    assert _focus_is_visible(page)
    # A closed <select> changes its value with the arrow keys.
    kind.press("ArrowDown")
    kind.press("ArrowDown")
    chosen = kind.input_value()
    assert chosen
    _tab_to(page, ".release-filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"kind={chosen}"))
    assert page.locator("#id_kind").input_value() == chosen


def test_survey_answered_by_keyboard_only(keyboard_page, site_url):
    from surveys.models import Response

    # The journeys share one demo database: take this answer back afterwards, so the
    # survey journey still finds only its own.
    before = set(Response.objects.values_list("pk", flat=True))
    try:
        _answer_the_survey_by_keyboard(keyboard_page, site_url)
    finally:
        Response.objects.exclude(pk__in=before).delete()


def _answer_the_survey_by_keyboard(page, site_url):
    page.goto(site_url + f"/en/surveys/{quarter()}/")
    required = page.locator(".survey-question:has(.survey-required)")
    for index in range(required.count()):
        first_radio = required.nth(index).locator("input[type=radio]").first
        radio_id = first_radio.get_attribute("id")
        _tab_to(page, f"#{radio_id}")
        assert _focus_is_visible(page)
        page.keyboard.press("Space")  # choose the focused option
        page.keyboard.press("ArrowRight")  # and move along the scale with the arrows
    checked = page.locator(".survey-question:has(.survey-required) input[type=radio]:checked")
    assert checked.count() == required.count()
    _tab_to(page, ".survey-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator(".errorlist").count() == 0
    assert f"/surveys/{quarter()}/" in page.url
    assert re.search(r"[Tt]hank", page.locator("main").inner_text())


def test_researcher_application_by_keyboard_only(keyboard_page, site_url):
    from researchers.models import Application

    page = keyboard_page
    page.goto(site_url + "/en/researchers/login/")
    _tab_to(page, "#id_username")
    page.keyboard.type("reza.karimi@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("club-demo-1405")  # researchers/demo.py
    page.keyboard.press("Enter")
    page.wait_for_url("**/researchers/account/")

    page.goto(site_url + "/en/researchers/applications/new/")
    title = "Keyboard journey: employment of women"
    _tab_to(page, "#id_title")
    page.keyboard.type(title)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_purpose"
    page.keyboard.type("Estimate how long insured women stay employed.")
    page.keyboard.press("Tab")
    page.keyboard.type("One article")
    _tab_to(page, "#id_datasets input[type=checkbox]")
    assert _focus_is_visible(page)
    page.keyboard.press("Space")
    _tab_to(page, "#id_period_from")
    page.keyboard.type("1400")
    page.keyboard.press("Tab")
    page.keyboard.type("1402")
    _tab_to(page, "#id_accept_terms")
    page.keyboard.press("Space")
    _tab_to(page, "button[name=save]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/researchers/applications/\d+/$"))
    application = Application.objects.get(title=title)
    assert application.datasets.count() == 1
    assert application.terms_accepted_at is not None
