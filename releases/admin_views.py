"""The editors' side: this month's and next month's releases at a glance, late
or failed releases, punctuality, and the publisher's actions (confirm, move,
cancel). Only users with `releases.manage_release_schedule` (the «Release
publishers» group) may act."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from iran.dates import TEHRAN
from iran.periods import Period

from . import services
from .content_forms import may_release
from .enums import ReleaseStatus
from .forms import CancelForm, ConfirmForm, MoveForm
from .models import ReleasePage, SchedulerHeartbeat
from .punctuality import punctuality
from .scheduling import HEARTBEAT

HEARTBEAT_STALE_SECONDS = 10


def month_entries(period: Period, locale):
    start = dt.datetime.combine(period.first_day, dt.time(), tzinfo=TEHRAN)
    end = dt.datetime.combine(period.last_day + dt.timedelta(days=1), dt.time(), tzinfo=TEHRAN)
    return (
        ReleasePage.objects.filter(locale=locale, release_at__gte=start, release_at__lt=end)
        .order_by("release_at")
        .select_related("series")
    )


def scheduler_state(now=None):
    now = now or timezone.now()
    beat = SchedulerHeartbeat.objects.filter(name=HEARTBEAT).first()
    if beat is None:
        return {"ok": False, "last_run": None, "error": ""}
    age = (now - beat.last_run).total_seconds()
    return {
        "ok": age <= HEARTBEAT_STALE_SECONDS and not beat.last_error,
        "last_run": beat.last_run,
        "error": beat.last_error,
        "age": int(age),
    }


def late_entries(now=None, locale=None):
    now = now or timezone.now()
    locale = locale or Locale.get_default()
    return ReleasePage.objects.filter(
        locale=locale, status=ReleaseStatus.CONFIRMED, release_at__lte=now - dt.timedelta(seconds=5)
    ).order_by("release_at")


def overview_context(request, now=None):
    now = now or timezone.now()
    locale = Locale.get_default()
    this_month = Period.containing(now.astimezone(TEHRAN).date())
    return {
        "months": [
            {"period": this_month, "entries": month_entries(this_month, locale)},
            {"period": this_month.shift(1), "entries": month_entries(this_month.shift(1), locale)},
        ],
        "late": late_entries(now, locale),
        "scheduler": scheduler_state(now),
        "can_manage": may_release(request.user),
        "now": now,
    }


def overview(request):
    context = overview_context(request)
    context["punctuality"] = punctuality()
    return TemplateResponse(request, "releases/admin/overview.html", context)


def _action(request, pk, form_class, title, perform, template="releases/admin/action.html"):
    if not may_release(request.user):
        raise PermissionDenied
    entry = get_object_or_404(ReleasePage, pk=pk)
    kwargs = {"entry": entry} if form_class is not CancelForm else {}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            perform(entry, form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("«%(title)s»: %(action)s done.") % {"title": entry.title, "action": title})
            return redirect("wagtailadmin_pages:edit", entry.pk)
    return TemplateResponse(request, template, {"entry": entry, "form": form, "title": title})


def confirm(request, pk):
    return _action(
        request,
        pk,
        ConfirmForm,
        _("Confirm release"),
        lambda entry, data: services.confirm(entry, request.user, release_at=data["release_at"]),
    )


def move(request, pk):
    return _action(
        request,
        pk,
        MoveForm,
        _("Change release date"),
        lambda entry, data: services.move(
            entry, data["release_at"], data.get("reason", ""), request.user, reason_en=data.get("reason_en", "")
        ),
    )


def cancel(request, pk):
    return _action(
        request,
        pk,
        CancelForm,
        _("Cancel release"),
        lambda entry, data: services.cancel(entry, data["notice"], request.user, notice_en=data.get("notice_en", "")),
    )
