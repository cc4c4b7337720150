"""The release notice and the weekly digest.

* Never before the minute: `notify_release` checks the entry with
  releases.embargo.is_public at the time it runs and sends nothing otherwise.
* Never twice: each subscriber's Delivery row is inserted (claimed) before the
  email is built; the unique constraint makes a second run skip it. A claim
  whose email was never sent (the worker died between the two) stays with
  sent_at empty: at most once, and the operator can see them.
* Rate-limited: at most settings.ALERTS_SEND_RATE emails per second, in batches."""

import datetime as dt
import time
import uuid

from django.conf import settings
from django.core import mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from indicators.models import Indicator, Observation
from indicators.query import public_observations
from iran.periods import Period
from iran.text import format_number
from releases.embargo import is_public
from releases.models import ReleasePage

from .models import Delivery, ReleaseNotice, Subscriber
from .next_update import indicator_series

BATCH = 200


def _rate():
    return float(getattr(settings, "ALERTS_SEND_RATE", 20))


def base_url():
    return getattr(settings, "ALERTS_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def links(subscriber_token, lang):
    with translation.override(lang):
        return {
            "unsubscribe": base_url() + reverse("alerts:unsubscribe", args=[subscriber_token]),
            "manage": base_url() + reverse("alerts:manage", args=[subscriber_token]),
        }


PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


def render_body(lang, template, context):
    """The body with a placeholder token: rendered once per language and batch,
    then each subscriber's token is put in (rendering is most of the cost)."""
    with translation.override(lang):
        return render_to_string(template, {**context, **links(PLACEHOLDER, lang), "lang": lang})


def message(to, lang, token, subject, template, context, body=None):
    urls = {name: url.replace(PLACEHOLDER, str(token)) for name, url in links(PLACEHOLDER, lang).items()}
    body = (body or render_body(lang, template, context)).replace(PLACEHOLDER, str(token))
    return mail.EmailMessage(
        subject=subject,
        body=body,
        to=[to],
        headers={
            "List-Unsubscribe": f"<{urls['unsubscribe']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def entry_indicators(entry):
    """Indicators of this entry: those whose figures it releases, and those whose own series it is."""
    ids = set(
        Observation.objects.filter(release__translation_key=entry.translation_key)
        .values_list("indicator_id", flat=True)
        .distinct()
    )
    if entry.series_id:
        for ind in Indicator.objects.filter(release_series=entry.kind).exclude(pk__in=ids):
            series = indicator_series(ind)
            if series is not None and series.pk == entry.series_id:
                ids.add(ind.pk)
    return ids


def subscribers_for(entry, indicator_ids):
    match = Q(kinds__contains=f",{entry.kind},") | Q(organisations__contains=f",{entry.organisation},")
    for topic in entry.topic_list:
        match |= Q(topics__contains=f",{topic},")
    if indicator_ids:
        match |= Q(indicators__in=indicator_ids)
    return (
        Subscriber.objects.filter(email__isnull=False, confirmed_at__isnull=False, unsubscribed_at__isnull=True)
        .filter(match)
        .distinct()
    )


def figures(indicator_ids, entry, lang, now):
    """The national figure of each indicator released by the entry (public now)."""
    lines = []
    for ind in Indicator.objects.filter(pk__in=indicator_ids):
        rows = public_observations(ind, now=now).order_by("-period_start")
        for position, code_list in enumerate(ind.dimension_lists, start=1):
            if code_list.total_code:
                rows = rows.filter(**{f"d{position}": code_list.total_code})
        row = rows.first()
        if row is None or row.value is None:
            continue
        period = Period.parse(row.period).label(lang)
        value = format_number(row.value, lang, ind.decimals)
        lines.append(f"{ind.name(lang)} — {period}: {value} {ind.unit(lang)}".strip())
    return lines


def _versions(entry):
    """The entry in each language (subscribers read their own)."""
    pages = ReleasePage.objects.live().filter(translation_key=entry.translation_key).select_related("locale")
    return {page.locale.language_code: page for page in pages}


def notify_release(entry, now=None):
    """Send the release notice to everyone it concerns. Returns emails sent."""
    now = now or timezone.now()
    if not is_public(entry, now) or entry.status not in ("confirmed", "published"):
        return 0
    versions = _versions(entry)
    indicator_ids = entry_indicators(entry)
    per_lang = {}
    for lang, page in versions.items():
        per_lang[lang] = {
            "entry": page,
            "url": base_url() + page.url,
            "figures": figures(indicator_ids, page, lang, now),
        }
    key = str(entry.translation_key)
    run = uuid.uuid4()
    subscribers = subscribers_for(entry, indicator_ids).values_list("pk", "email", "language", "token")
    sent = 0
    batch = []
    for row in subscribers.iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) == BATCH:
            sent += _send_batch(batch, key, run, per_lang, Delivery.Kind.RELEASE)
            batch = []
    if batch:
        sent += _send_batch(batch, key, run, per_lang, Delivery.Kind.RELEASE)
    ReleaseNotice.objects.filter(translation_key=entry.translation_key).update(finished_at=timezone.now(), sent=sent)
    return sent


def _send_batch(rows, key, run, per_lang, kind, template="alerts/email/release.txt"):
    started = time.monotonic()
    Delivery.objects.bulk_create(
        [Delivery(subscriber_id=pk, kind=kind, key=key, run=run) for pk, *_rest in rows], ignore_conflicts=True
    )
    mine = set(
        Delivery.objects.filter(run=run, kind=kind, key=key, subscriber_id__in=[r[0] for r in rows]).values_list(
            "subscriber_id", flat=True
        )
    )
    messages = []
    bodies = {}
    for pk, email, lang, token in rows:
        if pk not in mine:
            continue  # claimed by an earlier run: already sent (or being sent)
        context = per_lang.get(lang) or per_lang.get("fa") or next(iter(per_lang.values()))
        subject = context.get("subject") or context["entry"].title
        if lang not in bodies:
            bodies[lang] = render_body(lang, template, context)
        messages.append(message(email, lang, token, subject, template, context, body=bodies[lang]))
    if messages:
        with mail.get_connection() as connection:
            connection.send_messages(messages)
        Delivery.objects.filter(run=run, subscriber_id__in=mine).update(sent_at=timezone.now())
    # at most ALERTS_SEND_RATE emails a second
    pause = len(messages) / _rate() - (time.monotonic() - started)
    if pause > 0:
        time.sleep(pause)
    return len(messages)


def weekly_digest(week, now=None):
    """The «coming up» email: confirmed entries of the next 7 days that concern each subscriber."""
    now = now or timezone.now()
    upcoming = list(
        ReleasePage.objects.live()
        .filter(status="confirmed", release_at__gt=now, release_at__lte=now + dt.timedelta(days=7))
        .select_related("locale")
        .order_by("release_at")
    )
    if not upcoming:
        return 0
    run = uuid.uuid4()
    sent = 0
    subscribers = Subscriber.objects.filter(
        email__isnull=False, confirmed_at__isnull=False, unsubscribed_at__isnull=True, weekly_digest=True
    )
    for sub in subscribers.prefetch_related("indicators").iterator(chunk_size=BATCH):
        entries = [e for e in upcoming if e.locale.language_code == sub.language and _concerns(sub, e)]
        if not entries:
            continue
        with translation.override(sub.language):
            subject = str(translation.gettext("Coming up this week"))
        context = {"entries": [(e, base_url() + e.url) for e in entries], "entry": entries[0], "subject": subject}
        row = (sub.pk, sub.email, sub.language, sub.token)
        sent += _send_batch([row], week, run, {sub.language: context}, Delivery.Kind.DIGEST, "alerts/email/digest.txt")
    return sent


def _concerns(sub, entry):
    return (
        entry.kind in sub.kind_list()
        or entry.organisation in sub.organisation_list()
        or bool(set(entry.topic_list) & set(sub.topic_list()))
        or any(i.release_series == entry.kind for i in sub.indicators.all())
    )
