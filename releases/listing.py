"""The public calendar: tabs (upcoming, published, cancelled), filters that live
in the URL, pagination and a month view. Bad filter values never raise: they
come back as messages in the user's language and the filter is ignored."""

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.language import current_language
from core.listing import counted_page
from core.taxonomy import Organisation, ReleaseKind, Topic, contains_code, organisation_code, topic_code
from core.taxonomy_forms import CodeChoiceField
from iran.dates import TEHRAN, jalali, parse_jalali_date
from iran.periods import MONTHS_EN, MONTHS_FA, Period, PeriodError
from iran.text import normalize_text, to_latin_digits

from .enums import ReleaseStatus
from .filter_widgets import PlainSelect, PlainTextInput
from .rows import ROW_FIELDS, calendar_rows, entry_rows

PAGE_SIZE = 20
TABS = [("upcoming", _("Upcoming")), ("published", _("Published")), ("cancelled", _("Cancelled"))]


class CalendarFilterForm(forms.Form):
    # Plain* widgets: the same HTML as Django's, without its form templates (filter_widgets.py).
    tab = forms.ChoiceField(choices=TABS, required=False, label=_("Show"), widget=PlainSelect)
    kind = forms.ChoiceField(
        choices=[("", _("All kinds"))] + ReleaseKind.choices, required=False, label=_("Kind"), widget=PlainSelect
    )
    topic = CodeChoiceField(
        canonical=topic_code,
        choices=[("", _("All topics"))] + Topic.choices,
        required=False,
        label=_("Topic"),
        widget=PlainSelect,
    )
    organisation = CodeChoiceField(
        canonical=organisation_code,
        choices=[("", _("All organisations"))] + Organisation.choices,
        required=False,
        label=_("Organisation"),
        widget=PlainSelect,
    )
    start = forms.CharField(
        required=False,
        max_length=20,
        label=_("From (Jalali)"),
        help_text=_("e.g. 1405-09-01"),
        widget=PlainTextInput,
    )
    end = forms.CharField(
        required=False, max_length=20, label=_("To (Jalali)"), help_text=_("e.g. 1405-09-30"), widget=PlainTextInput
    )
    q = forms.CharField(required=False, max_length=100, label=_("Keyword"), widget=PlainTextInput)
    month = forms.CharField(required=False, max_length=10, label=_("Month"), widget=PlainTextInput)

    def _jalali(self, name):
        value = (self.cleaned_data.get(name) or "").strip()
        if not value:
            return None
        try:
            return parse_jalali_date(value)
        except ValueError as exc:
            raise forms.ValidationError(
                _("«%(value)s» is not a date in the Jalali calendar; write it as 1405-09-20."),
                params={"value": value},
            ) from exc

    def clean_start(self):
        return self._jalali("start")

    def clean_end(self):
        return self._jalali("end")

    def clean_month(self):
        value = (self.cleaned_data.get("month") or "").strip()
        if not value:
            return None
        try:
            period = Period.parse(value)
        except PeriodError as exc:
            raise forms.ValidationError(
                _("«%(value)s» is not a month; write it as 1405-09."), params={"value": value}
            ) from exc
        if period.periodicity != 12:
            raise forms.ValidationError(_("«%(value)s» is not a month; write it as 1405-09."), params={"value": value})
        try:
            # The month view links the month before and after: both must be months too.
            period.previous(), period.shift(1)
        except PeriodError as exc:
            raise forms.ValidationError(
                _("«%(value)s» is outside the months the calendar can show."), params={"value": value}
            ) from exc
        return period

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the date range comes before its start."))
        return cleaned


def tab_q(tab, now):
    released = Q(status=ReleaseStatus.PUBLISHED) | Q(status=ReleaseStatus.CONFIRMED, release_at__lte=now)
    if tab == "published":
        return released
    if tab == "cancelled":
        return Q(status=ReleaseStatus.CANCELLED)
    return Q(status=ReleaseStatus.PROVISIONAL) | Q(status=ReleaseStatus.CONFIRMED, release_at__gt=now)


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=TEHRAN)


def filter_entries(queryset, data, now=None):
    """Apply the valid filters of `data` (a QueryDict) to `queryset`; return
    (queryset, form, errors) where errors are messages for the invalid ones."""
    now = now or timezone.now()
    form = CalendarFilterForm(data)
    form.is_valid()
    errors = []
    for name, field_errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for message in field_errors:
            if "Select a valid choice" in message or name in ("kind", "topic", "organisation", "tab"):
                message = _("«%(value)s» is not a value of «%(field)s»; that filter was ignored.") % {
                    "value": data.get(name, ""),
                    "field": label,
                }
            errors.append(str(message))
    cleaned = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    tab = cleaned.get("tab") or "upcoming"
    qs = queryset.filter(tab_q(tab, now))
    if cleaned.get("kind"):
        qs = qs.filter(kind=cleaned["kind"])
    if cleaned.get("topic"):
        qs = qs.filter(contains_code("topics", cleaned["topic"]))
    if cleaned.get("organisation"):
        qs = qs.filter(organisation=cleaned["organisation"])
    if cleaned.get("start"):
        qs = qs.filter(release_at__gte=day_start(cleaned["start"]))
    if cleaned.get("end"):
        qs = qs.filter(release_at__lt=day_start(cleaned["end"] + dt.timedelta(days=1)))
    month = cleaned.get("month")
    if month:
        qs = qs.filter(release_at__gte=day_start(month.first_day))
        qs = qs.filter(release_at__lt=day_start(month.last_day + dt.timedelta(days=1)))
    keyword = normalize_text(cleaned.get("q") or "")
    if keyword:
        words = keyword.split()[:6]
        for word in words:
            variants = {word, to_latin_digits(word)}
            word_q = Q()
            for variant in variants:
                word_q |= Q(title__icontains=variant) | Q(summary__icontains=variant)
                word_q |= Q(reference_period__icontains=variant)
            qs = qs.filter(word_q)
    qs = qs.order_by("-release_at", "pk") if tab in ("published", "cancelled") else qs.order_by("release_at", "pk")
    return qs, form, errors, tab, cleaned


def month_grid(entries, month: Period, lang):
    """Weeks (Saturday first) of days for a Jalali month, each with its entries."""
    first, last = month.first_day, month.last_day
    by_day = {}
    for entry in entries:
        if entry.status == ReleaseStatus.PROVISIONAL:
            continue  # only its month is announced
        entry.tehran_time = entry.release_at.astimezone(TEHRAN).strftime("%H:%M")
        by_day.setdefault(entry.release_at.astimezone(TEHRAN).date(), []).append(entry)
    weeks, week = [], []
    # Python: Monday=0 … Saturday=5; the Iranian week starts on Saturday.
    lead = (first.weekday() - 5) % 7
    week.extend([None] * lead)
    day = first
    while day <= last:
        week.append(
            {"date": day, "jday": jalali(day).day, "entries": by_day.get(day, []), "friday": day.weekday() == 4}
        )
        if len(week) == 7:
            weeks.append(week)
            week = []
        day += dt.timedelta(days=1)
    if week:
        week.extend([None] * (7 - len(week)))
        weeks.append(week)
    return weeks


def listing_context(calendar, request, now=None):
    now = now or timezone.now()
    lang = current_language()
    base = calendar.entries()  # the calendar's live entries (models.py imports this module)
    view = request.GET.get("view", "list")
    data = request.GET.copy()
    if view == "month" and not data.get("month"):
        today = jalali(now.astimezone(TEHRAN))
        data["month"] = f"{today.year}-{today.month:02d}"
    qs, form, errors, tab, cleaned = filter_entries(base, data, now)
    query = {k: v for k, v in request.GET.items() if k not in ("page",) and v}
    context = {
        "filter_form": form,
        "filter_errors": errors,
        "active_filters": len([k for k in query if k not in ("tab", "view", "month")]),
        "tab": tab,
        "tabs": [
            (code, label, urlencode({**{k: v for k, v in query.items() if k != "tab"}, "tab": code}))
            for code, label in TABS
        ],
        "query_string": urlencode(query),
        "feed_query": urlencode({k: v for k, v in query.items() if k not in ("tab", "view", "month")}),
        "view": view,
        "lang": lang,
    }
    if view == "month":
        month = cleaned.get("month") or Period.containing(now.astimezone(TEHRAN).date())
        if "month" in form.errors:
            month = Period.containing(now.astimezone(TEHRAN).date())
        # The month view shows every status of the month.
        month_qs = base.filter(
            release_at__gte=day_start(month.first_day), release_at__lt=day_start(month.last_day + dt.timedelta(days=1))
        )
        for key in ("kind", "organisation"):
            if cleaned.get(key):
                month_qs = month_qs.filter(**{key: cleaned[key]})
        if cleaned.get("topic"):
            month_qs = month_qs.filter(contains_code("topics", cleaned["topic"]))
        month_query = {k: v for k, v in query.items() if k != "month"}
        context.update(
            {
                "month": month,
                "month_name": (MONTHS_FA if lang == "fa" else MONTHS_EN)[month.number - 1],
                "weeks": month_grid(month_qs.order_by("release_at"), month, lang),
                "month_provisional": entry_rows(
                    month_qs.filter(status=ReleaseStatus.PROVISIONAL).order_by("release_at"), request, lang, now
                ),
                "prev_month_query": urlencode({**month_query, "month": month.previous().code}),
                "next_month_query": urlencode({**month_query, "month": month.shift(1).code}),
            }
        )
        return context
    # Plain values, not pages: a row shows nine fields of an entry (rows.calendar_rows).
    page_obj = counted_page(request, qs.values(*ROW_FIELDS), PAGE_SIZE)
    entries = calendar_rows(page_obj.object_list, calendar.get_url(request), calendar.url_path, lang, now)
    context.update({"page_obj": page_obj, "entries": entries, "paginator": page_obj.paginator})
    return context
