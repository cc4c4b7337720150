"""The entry's state machine. Every change of status or date goes through here.

    provisional ──confirm──► confirmed ──(minute; scheduler)──► published
         │                      │  ▲
         │                      └──┘ move (reason required, logged as a row)
         └──────────cancel──────┴──► cancelled (public notice required)

Published and cancelled are final. Changes apply to every language version of
the entry at once (they share a translation key)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .enums import ReleaseStatus
from .middleware import PUBLIC_MAX_AGE
from .models import ReleaseDateChange, ReleasePage
from .signals import schedule_changed


def _versions(entry):
    return ReleasePage.objects.filter(translation_key=entry.translation_key)


def _refresh(entry):
    entry.refresh_from_db()
    return entry


def _changed(entry):
    """Tell listeners (the page cache) that the schedule changed: updates send no post_save."""
    schedule_changed.send(sender=ReleasePage, entry=entry)
    return entry


def _check_future(when, now):
    if when is None:
        raise ValidationError(_("Give the date and time of the release."))
    if when <= now:
        raise ValidationError(_("The release date and time must be in the future."))
    if when.second or when.microsecond:
        raise ValidationError(_("Releases are announced to the minute: leave the seconds at zero."))
    # Answers given before this change may sit in shared caches for up to
    # PUBLIC_MAX_AGE seconds (their max-age was computed without this minute).
    if when < now + dt.timedelta(seconds=PUBLIC_MAX_AGE):
        raise ValidationError(
            _("The release minute must be at least %(minutes)s minutes away, so no cached page outlives it.")
            % {"minutes": (PUBLIC_MAX_AGE + 59) // 60}
        )


def _log(entry, action, user, **data):
    """The embargo-relevant change in Wagtail's audit log, with who and when."""
    data = {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in data.items()}
    log(instance=entry, action=action, user=user if getattr(user, "pk", None) else None, data=data)


@transaction.atomic
def confirm(entry, user=None, release_at=None, reason="", now=None):
    """Provisional → confirmed, at its estimated minute or a new one (in the future)."""
    now = now or timezone.now()
    entry = _refresh(entry)
    if entry.status != ReleaseStatus.PROVISIONAL:
        raise ValidationError(_("Only a provisional entry can be confirmed."))
    when = release_at or entry.release_at
    _check_future(when, now)
    _versions(entry).update(status=ReleaseStatus.CONFIRMED, release_at=when, confirmed_at=now)
    _log(entry, "releases.confirm", user, release_at=when)
    return _changed(_refresh(entry))


@transaction.atomic
def move(entry, new_release_at, reason, user=None, now=None, reason_en=""):
    """Change the announced minute; once confirmed this needs a public reason."""
    now = now or timezone.now()
    entry = _refresh(entry)
    if entry.is_final:
        raise ValidationError(_("A published or cancelled entry cannot be moved."))
    if entry.status == ReleaseStatus.CONFIRMED and entry.release_at <= now:
        raise ValidationError(_("This release's minute has passed; it cannot be moved any more."))
    _check_future(new_release_at, now)
    if new_release_at == entry.release_at:
        raise ValidationError(_("The new date is the same as the announced one."))
    reason = (reason or "").strip()
    if entry.status == ReleaseStatus.CONFIRMED and not reason:
        raise ValidationError(_("Moving a confirmed release needs a reason; it is shown to the public."))
    if entry.status == ReleaseStatus.CONFIRMED or reason:
        ReleaseDateChange.objects.create(
            release=entry,
            translation_key=entry.translation_key,
            previous_release_at=entry.release_at,
            new_release_at=new_release_at,
            reason=reason,
            reason_en=(reason_en or "").strip(),
            changed_at=now,
            changed_by=user if getattr(user, "pk", None) else None,
        )
    _log(entry, "releases.move", user, previous=entry.release_at, release_at=new_release_at, reason=reason)
    _versions(entry).update(release_at=new_release_at)
    return _changed(_refresh(entry))


@transaction.atomic
def cancel(entry, notice, user=None, now=None, notice_en=""):
    """Cancel with a public notice; the entry stays in the calendar."""
    now = now or timezone.now()
    entry = _refresh(entry)
    if entry.is_final:
        raise ValidationError(_("A published or cancelled entry cannot be cancelled."))
    if entry.is_released(now):
        raise ValidationError(_("This release has already happened; it cannot be cancelled."))
    notice = (notice or "").strip()
    if not notice:
        raise ValidationError(_("Cancelling needs a public notice saying why."))
    _versions(entry).update(status=ReleaseStatus.CANCELLED, cancellation_notice=notice, cancelled_at=now)
    notice_en = (notice_en or "").strip()
    if notice_en:
        _versions(entry).filter(locale__language_code="en").update(cancellation_notice=notice_en)
    _log(entry, "releases.cancel", user, notice=notice)
    return _changed(_refresh(entry))


def mark_published(entry, now=None):
    """Confirmed → published (the scheduler does this at the minute)."""
    now = now or timezone.now()
    count = (
        _versions(entry).filter(status=ReleaseStatus.CONFIRMED).update(status=ReleaseStatus.PUBLISHED, published_at=now)
    )
    if count:
        _log(entry, "releases.release", None, release_at=entry.release_at, published_at=now)
    _changed(entry)
    return count


def tehran_minute(value: dt.datetime) -> dt.datetime:
    return value.replace(second=0, microsecond=0)
