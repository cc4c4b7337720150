"""The calendar filter's Python-written widgets give Django's own HTML, byte for
byte (releases/filter_widgets.py), whatever is selected, typed or escaped."""

import pytest
from django import forms
from django.http import QueryDict
from django.utils.translation import override

from releases.filter_widgets import PlainSelect, PlainTextInput
from releases.listing import CalendarFilterForm

CHOICES = [("", "All"), ("a", "A & B"), ("b<", '"quoted"'), ("c", "C")]


def _django(widget_class, name, value, attrs=None, **kwargs):
    return widget_class(**kwargs).render(name, value, attrs)


@pytest.mark.parametrize("value", [None, "", "a", "b<", "missing", ["a", "c"]])
@pytest.mark.parametrize("attrs", [None, {"id": "id_x"}, {"id": "id_x", "required": True, "disabled": False}])
def test_a_plain_select_renders_as_django(value, attrs):
    kwargs = {"choices": CHOICES}
    assert PlainSelect(**kwargs).render("x", value, attrs) == _django(forms.Select, "x", value, attrs, **kwargs)


def test_a_plain_select_with_groups_renders_as_django():
    choices = [("", "None"), ("Group <1>", [("a", "A"), ("b", "B")]), ("c", "C")]
    assert PlainSelect(choices=choices).render("x", "b", {"id": "i"}) == forms.Select(choices=choices).render(
        "x", "b", {"id": "i"}
    )


@pytest.mark.parametrize("value", [None, "", "1405-09-01", '<script>"x"&', 7])
@pytest.mark.parametrize("attrs", [None, {"id": "id_q", "maxlength": 100}, {"required": True, "placeholder": 'a"b'}])
def test_a_plain_text_input_renders_as_django(value, attrs):
    assert PlainTextInput().render("q", value, attrs) == forms.TextInput().render("q", value, attrs)


class DjangoCalendarFilterForm(CalendarFilterForm):
    """The same form with Django's template-rendered widgets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            plain = field.widget
            django_class = forms.Select if isinstance(plain, PlainSelect) else forms.TextInput
            widget = django_class(attrs=plain.attrs)
            if isinstance(plain, PlainSelect):
                widget.choices = plain.choices
            field.widget = widget


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize(
    "query",
    ["", "kind=yearbook&topic=wages&organisation=SSO", "kind=bogus&start=1405-13-40&q=%3Cb%3E%22", "end=1405-09-30"],
)
def test_the_calendar_form_renders_as_with_django_widgets(lang, query):
    with override(lang):
        plain, django = CalendarFilterForm(QueryDict(query)), DjangoCalendarFilterForm(QueryDict(query))
        plain.is_valid(), django.is_valid()
        assert [str(field) for field in plain] == [str(field) for field in django]
