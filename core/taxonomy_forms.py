"""Form fields over the shared vocabulary (core.taxonomy)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .taxonomy import Topic, codes_from_db, codes_to_db


class CodeChoiceField(forms.ChoiceField):
    """A filter over one vocabulary that also takes the old code of a bookmarked
    link (`canonical` maps it, e.g. topic_code); unknown values stay invalid."""

    def __init__(self, *, canonical, **kwargs):
        self.canonical = canonical
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return self.canonical(value) or value


class TopicsField(forms.MultipleChoiceField):
    """Topics as checkboxes, for a model field that stores them «,a,b,»."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Topic.choices)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("topics"))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return codes_from_db(value) if isinstance(value, str) else value

    def clean(self, value):
        return codes_to_db(super().clean(value))
