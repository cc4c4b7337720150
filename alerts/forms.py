from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LocalDigitsErrors
from core.language import current_language
from core.taxonomy import Organisation, ReleaseKind, Topic
from indicators.models import Indicator
from releases.models import topics_to_db


def _indicators():
    return Indicator.objects.order_by("sort_order", "code")


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name(current_language())


class ChoicesForm(LocalDigitsErrors, forms.Form):
    """What to be told about: any mix; at least one."""

    indicators = IndicatorChoiceField(
        queryset=None, to_field_name="code", required=False, widget=forms.CheckboxSelectMultiple, label=_("Indicators")
    )
    topics = forms.MultipleChoiceField(
        choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple, label=_("Topics")
    )
    kinds = forms.MultipleChoiceField(
        choices=ReleaseKind.choices, required=False, widget=forms.CheckboxSelectMultiple, label=_("Kinds of release")
    )
    organisations = forms.MultipleChoiceField(
        choices=Organisation.choices, required=False, widget=forms.CheckboxSelectMultiple, label=_("Organisations")
    )
    weekly_digest = forms.BooleanField(required=False, initial=True, label=_("Also a weekly «coming up» email"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = _indicators()

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("indicators", "topics", "kinds", "organisations")):
            raise forms.ValidationError(_("Choose at least one indicator, topic, kind of release or organisation."))
        return data

    def apply(self, subscriber):
        data = self.cleaned_data
        subscriber.topics = topics_to_db(data["topics"])
        subscriber.kinds = topics_to_db(data["kinds"])
        subscriber.organisations = topics_to_db(data["organisations"])
        subscriber.weekly_digest = data["weekly_digest"]
        subscriber.save()
        subscriber.indicators.set(data["indicators"])


class SubscribeForm(ChoicesForm):
    email = forms.EmailField(label=_("Your email address"), max_length=254)

    field_order = ["email"]
