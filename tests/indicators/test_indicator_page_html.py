"""The indicator page's lines written in Python (indicators/pagehtml.py) are the
HTML the template lines they replace render, byte for byte, in both languages."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from indicators.pagehtml import period_options, release_items
from iran.periods import Period
from tests.builders.releases import make_entry
from tests.builders.search import search_world

# The template lines as they were in indicators/indicator_page.html (the reference).
PERIODS = (
    '{% for p in periods %}<option value="{{ p.code }}"{% if p == selected %} selected{% endif %}>'
    "{{ p|period_label }}</option>{% endfor %}"
)
RELEASES = (
    "{% load wagtailcore_tags %}"
    '{% for r in releases %}<li><a href="{% pageurl r %}">{{ r.title }}</a> <span class="muted">· '
    "{{ r.release_at|jdatetime }} · {{ r.get_status_display }}</span></li>{% endfor %}"
)


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("codes", [["1405-06", "1405-05", "1404-12"], ["1405", "1404"], ["1405-Q2", "1405-Q1"], []])
def test_the_period_options_are_the_template_s(lang, codes):
    periods = [Period.parse(code) for code in codes]
    for selected in [None, *periods[1:2]]:
        with translation.override(lang):
            expected = Template(PERIODS).render(Context({"periods": periods, "selected": selected}))
            assert period_options(periods, selected, lang) == expected
            # With the labels the page made already (some, or all): the same HTML.
            made = {p.code: p.label(lang) for p in periods[1:]}
            assert period_options(periods, selected, lang, made) == expected
    assert codes == [] or " selected>" in period_options(periods, periods[-1], lang)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_related_release_items_are_the_template_s(home_pages, lang):
    world = search_world(home_pages)
    odd = make_entry(world.calendar, title='<b>"نشر" & co</b>', release_at=world.next.release_at, slug="odd",
                     kind="indicator_update", english="<i>'odd'</i> & co", status="provisional")  # fmt: skip
    entries = [world.next, world.later, world.past, odd, world.coop]
    request = RequestFactory().get(f"/{lang}/indicators/unemployment-insurance/")
    with translation.override(lang):
        if lang == "en":
            entries = [entry.get_translation(world.home_en.locale) for entry in entries]
        expected = Template(RELEASES).render(Context({"releases": entries, "request": request}))
        assert release_items(entries, request, lang) == expected
    assert "&lt;" in expected and "&amp;" in expected and expected.count("<li>") == 5


def test_escape_is_django_s_conditional_escape():
    from decimal import Decimal

    from django.utils.functional import lazy
    from django.utils.html import conditional_escape
    from django.utils.safestring import SafeString, mark_safe
    from django.utils.translation import gettext_lazy

    from indicators.html import escape

    lazy_texts = [gettext_lazy("Province"), lazy(lambda: "<x>", str)(), lazy(lambda: mark_safe("<y>"), SafeString)()]
    values = ['<b>"a" & \'b\'</b>', "۱۲٬۳۴۵", mark_safe("<i>kept</i>"), SafeString("&amp;"), *lazy_texts,
              12, Decimal("1.50"), None, ""]  # fmt: skip
    for value in values:
        assert escape(value) == conditional_escape(value), value
    assert escape("<") == "&lt;" and escape(mark_safe("<")) == "<"


def test_the_period_options_use_the_labels_given():
    periods = [Period.parse("1405-06"), Period.parse("1405-05")]
    html = period_options(periods, None, "en", {"1405-06": "<June>"})
    assert ">&lt;June&gt;</option>" in html and "Mordad 1405 (" in html
