"""Admin forms: the entry's edit form and the publisher's schedule actions.

Dates in the schedule actions are typed as the ministry writes them: a Jalali
date (1405-09-20, Persian digits welcome) and a Tehran time (10:00)."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from core.taxonomy import Organisation
from core.taxonomy_forms import TopicsField
from iran.dates import TEHRAN, jalali, parse_jalali_date, to_tehran
from iran.periods import Period, PeriodError
from iran.text import to_latin_digits
from iran.widgets import JalaliDateInput

from .enums import ReleaseStatus

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_tehran_minute(date_text: str, time_text: str) -> dt.datetime:
    """A Jalali date and a Tehran HH:MM → an aware datetime, or ValidationError in words."""
    try:
        day = parse_jalali_date(date_text)
    except ValueError as exc:
        raise ValidationError(
            _("«%(value)s» is not a date in the Jalali calendar; write it as 1405-09-20."), params={"value": date_text}
        ) from exc
    match = _TIME.match(to_latin_digits(time_text or "").strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValidationError(_("«%(value)s» is not a time; write it as 10:00."), params={"value": time_text})
    return dt.datetime(day.year, day.month, day.day, int(match.group(1)), int(match.group(2)), tzinfo=TEHRAN)


class ReleasePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "topics" in self.fields:
            self.fields["topics"] = TopicsField()
        instance = self.instance
        if instance.pk and instance.status != ReleaseStatus.PROVISIONAL and "release_at" in self.fields:
            # Once confirmed the date moves only through «Move», with a public reason.
            self.fields["release_at"].disabled = True
            self.fields["release_at"].help_text = _(
                "Confirmed: a release publisher moves the date with «Change release date», giving a reason."
            )

    def clean_reference_period(self):
        value = self.cleaned_data.get("reference_period", "")
        if not value:
            return value
        try:
            return Period.parse(value).code
        except PeriodError as exc:
            raise ValidationError(_("Write the period as 1403, 1403-Q2 or 1403-07.")) from exc

    def clean(self):
        self._slug_from_series_and_period()
        cleaned = super().clean()
        if cleaned.get("organisation") == Organisation.PROV and not cleaned.get("province"):
            self.add_error("province", _("Say which province's directorate produces it."))
        return cleaned

    def _slug_from_series_and_period(self):
        """A new entry of a series gets `<series>-<period>` instead of its title's slug."""
        from .slugs import entry_slug, is_title_slug

        data = self.cleaned_data
        series, period = data.get("series"), data.get("reference_period")
        if self.instance.pk or not series or not period or "slug" not in data:
            return
        if is_title_slug(data["slug"], data.get("title", "")):
            data["slug"] = entry_slug(series, period, parent=getattr(self, "parent_page", None))


class ScheduleForm(forms.Form):
    date = forms.CharField(
        label=_("date (Jalali)"), max_length=20, help_text=_("e.g. 1405-09-20"), widget=JalaliDateInput()
    )
    time = forms.CharField(label=_("time (Tehran)"), max_length=5, initial="10:00", help_text=_("e.g. 10:00"))

    def __init__(self, *args, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        if entry is not None and not self.is_bound:
            local = to_tehran(entry.release_at)
            j = jalali(local)
            self.initial.setdefault("date", f"{j.year}-{j.month:02d}-{j.day:02d}")
            self.initial.setdefault("time", local.strftime("%H:%M"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("time"):
            try:
                cleaned["release_at"] = parse_tehran_minute(cleaned["date"], cleaned["time"])
            except ValidationError as exc:
                self.add_error("date", exc)
        return cleaned


class ConfirmForm(ScheduleForm):
    pass


class MoveForm(ScheduleForm):
    reason = forms.CharField(
        label=_("reason (shown to the public)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    reason_en = forms.CharField(label=_("reason in English"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class CancelForm(forms.Form):
    notice = forms.CharField(
        label=_("public notice"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the entry: why it is cancelled and where the figures will appear instead."),
    )
    notice_en = forms.CharField(
        label=_("public notice in English"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
