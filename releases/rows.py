"""What one row of a list of calendar entries shows (the calendar, its month
view's provisional list, the home page's upcoming releases), computed in Python
once a request (issue 13, cold pages).

The row template used to call methods per entry (`public_state` twice, the
kind's and organisation's `get_FOO_display`, which rebuild the choices and ask
for the active language once a label, and `url`, which reads Wagtail's site
root paths from the cache once an entry). Here the labels are read once for
the whole list and each row becomes plain values.

Each row also carries its HTML (`EntryRow.html`), written out here from those
values: including `releases/includes/entry_row.html` once a row cost the
include's context push and two `{% translate %}` tags a row. The template stays
as the reference; tests/releases/test_entry_row_html.py renders both and
compares them. The calendar reads its rows as plain values
(`calendar_rows`), not as pages: it shows nine fields of each."""

from dataclasses import dataclass, field
from html import escape as _escape

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.taxonomy import Organisation, ReleaseKind
from iran.dates import format_datetime, format_month
from iran.templatetags.iran import period_label

from .enums import RELEASABLE_STATUSES, ReleaseStatus

# The fields of a ReleasePage a row shows (plus `url_path`, for its URL).
ROW_FIELDS = ("title", "url_path", "status", "release_at", "kind", "organisation", "province", "reference_period")


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
    html: str = field(default="", compare=False)  # the row as entry_row.html renders it


def escape(text) -> str:
    """django.utils.html.escape without its lazy-string wrapper (the same
    html.escape underneath), for the plain strings of a row."""
    return _escape(str(text))


class _Labels:
    """The labels every row of one list shares, translated once for the list."""

    def __init__(self):
        self.kinds = {code: str(label) for code, label in ReleaseKind.choices}
        self.organisations = {code: str(label) for code, label in Organisation.choices}
        self.provisional = escape(gettext("Provisional"))
        self.cancelled = escape(gettext("Cancelled"))
        self.published = escape(gettext("Published"))
        self.confirmed = escape(gettext("Confirmed"))
        self.period = escape(gettext("Period"))


def public_state(status, release_at, now) -> str:
    """ReleasePage.public_state from the two fields it reads."""
    if status == ReleaseStatus.CANCELLED:
        return "cancelled"
    if status in RELEASABLE_STATUSES and release_at <= now:
        return "published"
    return status


def entry_rows(entries, request, lang, now=None) -> list[EntryRow]:
    """The rows of `entries` (ReleasePages) in `lang` ("fa"/"en"): each label is
    looked up in a dict built once here, each URL through the request's memo of
    the site root paths."""
    now = now or timezone.now()
    labels = _Labels()
    return [
        _row(
            entry.get_url(request),
            entry.title,
            entry.status,
            entry.release_at,
            entry.kind,
            entry.organisation,
            entry.province,
            entry.reference_period,
            lang,
            now,
            labels,
        )
        for entry in entries
    ]


def child_url(parent_url, parent_path, url_path) -> str:
    """The URL of a child page of a page at `parent_url` (its `url_path` below the
    parent's `parent_path`): what Wagtail's get_url gives, since both are on the
    same site and in the same locale, without reading the site root paths again."""
    tail = url_path[len(parent_path) :]
    if parent_url.endswith("/"):
        return parent_url + tail
    return f"{parent_url}/{tail}".rstrip("/")  # WAGTAIL_APPEND_SLASH = False


def calendar_rows(values, calendar_url, calendar_path, lang, now=None) -> list[EntryRow]:
    """The rows of the calendar's entries read as `values(*ROW_FIELDS)` dicts: the
    same rows entry_rows gives for those pages, without a page object an entry."""
    now = now or timezone.now()
    labels = _Labels()
    return [
        _row(
            child_url(calendar_url, calendar_path, v["url_path"]),
            v["title"],
            v["status"],
            v["release_at"],
            v["kind"],
            v["organisation"],
            v["province"],
            v["reference_period"],
            lang,
            now,
            labels,
        )
        for v in values
    ]


def _row(url, title, status, release_at, kind, organisation, province, reference_period, lang, now, labels):
    provisional = status == ReleaseStatus.PROVISIONAL
    cancelled = status == ReleaseStatus.CANCELLED
    state = public_state(status, release_at, now)
    organisation = labels.organisations.get(organisation, organisation)
    if province:
        organisation = f"{organisation} — {province}"
    when = format_month(release_at, lang) if provisional else format_datetime(release_at, lang)
    # What the template's `date:'c'` gave: the time in the active time zone, ISO 8601.
    iso = "" if provisional else timezone.localtime(release_at).isoformat()
    kind = labels.kinds.get(kind, kind)
    period = period_label(reference_period, lang) if reference_period else ""
    return EntryRow(
        title=title,
        url=url,
        state=state,
        provisional=provisional,
        cancelled=cancelled,
        when=when,
        iso=iso,
        kind=kind,
        organisation=organisation,
        period=period,
        html=_html(url, title, state, provisional, cancelled, when, iso, kind, organisation, period, labels),
    )


def _html(url, title, state, provisional, cancelled, when, iso, kind, organisation, period, labels):
    """releases/includes/entry_row.html, whitespace and all."""
    if provisional:
        date = (
            f'\n      <span class="release-date">{escape(when)}</span>\n'
            f'      <span class="badge badge-muted">{labels.provisional}</span>\n    '
        )
    else:
        if cancelled:
            badge = f'<span class="badge badge-warn">{labels.cancelled}</span>\n      '
        elif state == "published":
            badge = f'<span class="badge">{labels.published}</span>\n      '
        else:
            badge = f'<span class="badge badge-confirmed">{labels.confirmed}</span>'
        date = f'\n      <time datetime="{escape(iso)}" class="release-date">{escape(when)}</time>\n      {badge}\n    '
    meta = f"{escape(kind)} · {escape(organisation)}"
    if period:
        meta += f" · {labels.period}: {escape(period)}"
    return mark_safe(
        f'\n<li class="release-row release-{escape(state)}">\n  <div class="release-when">\n    {date}\n  </div>\n'
        f'  <div class="release-what">\n    <h3><a href="{escape(url)}">{escape(title)}</a></h3>\n'
        f'    <p class="release-meta muted">\n      {meta}\n    </p>\n  </div>\n</li>\n'
    )
