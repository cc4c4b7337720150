"""What one row of a list of calendar entries shows (the calendar, its month
view's provisional list, the home page's upcoming releases), computed in Python
once a request (issue 13, cold pages).

The row template used to call methods per entry (`public_state` twice, the
kind's and organisation's `get_FOO_display`, which rebuild the choices and ask
for the active language once a label, and `url`, which reads Wagtail's site
root paths from the cache once an entry). Here the labels are read once for
the whole list and each row becomes plain values."""

from dataclasses import dataclass

from django.utils import timezone

from core.taxonomy import Organisation, ReleaseKind
from iran.dates import format_datetime, format_month
from iran.templatetags.iran import period_label

from .enums import ReleaseStatus


@dataclass(frozen=True)
class EntryRow:
    title: str
    url: str
    state: str  # public_state(): upcoming states, "published" or "cancelled"
    provisional: bool
    cancelled: bool
    when: str  # the month of a provisional entry, else date and time
    iso: str  # the <time datetime> of a dated entry
    kind: str
    organisation: str
    period: str  # the reference period's label, "" when it has none


def entry_rows(entries, request, lang, now=None) -> list[EntryRow]:
    """The rows of `entries` (ReleasePages) in `lang` ("fa"/"en"): each label is
    looked up in a dict built once here, each URL through the request's memo of
    the site root paths."""
    now = now or timezone.now()
    kinds = {code: str(label) for code, label in ReleaseKind.choices}
    organisations = {code: str(label) for code, label in Organisation.choices}
    return [_row(entry, request, lang, now, kinds, organisations) for entry in entries]


def _row(entry, request, lang, now, kinds, organisations) -> EntryRow:
    provisional = entry.status == ReleaseStatus.PROVISIONAL
    organisation = organisations.get(entry.organisation, entry.organisation)
    if entry.province:
        organisation = f"{organisation} — {entry.province}"
    return EntryRow(
        title=entry.title,
        url=entry.get_url(request),
        state=entry.public_state(now),
        provisional=provisional,
        cancelled=entry.status == ReleaseStatus.CANCELLED,
        when=format_month(entry.release_at, lang) if provisional else format_datetime(entry.release_at, lang),
        # What the template's `date:'c'` gave: the time in the active time zone, ISO 8601.
        iso="" if provisional else timezone.localtime(entry.release_at).isoformat(),
        kind=kinds.get(entry.kind, entry.kind),
        organisation=organisation,
        period=period_label(entry.reference_period, lang) if entry.reference_period else "",
    )
