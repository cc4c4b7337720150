"""The calendar filter's widgets, written out in Python (issue 13, cold pages).

Django renders a widget through its form templates: a select is one template
plus an include per option and per attribute, about 2.5 ms for the calendar's
six filters on every request. These give the same HTML, byte for byte, from
the same widget context (Django still decides the id, the attributes and which
option is selected); tests/releases/test_filter_widgets.py compares them with
Django's own rendering."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe


def conditional_escape(text) -> str:
    """django.utils.html.conditional_escape without its lazy-string wrapper: the
    same html.escape underneath, and safe strings left as they are."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return escape(str(text))


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html: False drops the attribute, True writes its bare name."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{conditional_escape(str(value))}"')
    return "".join(parts)


def _option(option) -> str:
    # select_option.html, with the newline its file ends with.
    value = conditional_escape(str(option["value"]))
    return f'<option value="{value}"{_attrs(option["attrs"])}>{conditional_escape(option["label"])}</option>\n'


class PlainSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)  # optgroups: Django's templates
        options = "".join(f"\n  {_option(option)}" for _name, group, _index in widget["optgroups"] for option in group)
        html = f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>{options}\n</select>'
        return mark_safe(html)


class PlainTextInput(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        if widget["value"] is not None:
            html += f' value="{conditional_escape(str(widget["value"]))}"'
        return mark_safe(f"{html}{_attrs(widget['attrs'])}>")
