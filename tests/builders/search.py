"""A small world for the search, next-update and alerts tests: the unemployment
insurance indicator, its dataset, a yearbook chapter, and calendar entries in
both languages that mention it (no demo load: it takes minutes)."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from tests.builders.indicators import make_indicator


def _minute(delta):
    return (timezone.now() + delta).replace(second=0, microsecond=0)


def search_world(home_pages):
    from core.translation import translate
    from indicators.models import IndicatorIndexPage
    from releases.models import ReleaseSeries
    from tests.builders.publications import publications_index, release_entry, yearbook
    from tests.builders.releases import make_calendar, make_entry

    from .catalog import catalog_page, dataset

    home_fa, home_en = home_pages
    calendar = make_calendar(home_fa)
    series = ReleaseSeries.objects.create(
        title="مقرری بیمه بیکاری", title_en="Unemployment insurance", kind="indicator_update", frequency="monthly",
        day=20, hour=9, minute=0, topics=",social_security,", organisation="MCLS",
    )  # fmt: skip
    later = make_entry(
        calendar, title="مقرری بیمه بیکاری — مهر ۱۴۰۶", release_at=_minute(dt.timedelta(days=40)),
        kind="indicator_update", topics=("social_security",), english="Unemployment insurance — Mehr 1406",
        series=series, slug="ui-later",
    )  # fmt: skip
    nxt = make_entry(
        calendar, title="مقرری بیمه بیکاری — شهریور ۱۴۰۶", release_at=_minute(dt.timedelta(days=9)),
        kind="indicator_update", topics=("social_security",), english="Unemployment insurance — Shahrivar 1406",
        series=series, slug="ui-next",
    )  # fmt: skip
    past = make_entry(
        calendar, title="مقرری بیمه بیکاری — مرداد ۱۴۰۶", release_at=_minute(-dt.timedelta(days=20)),
        kind="indicator_update", topics=("social_security",), english="Unemployment insurance — Mordad 1406",
        series=series, slug="ui-past", status="published",
    )  # fmt: skip
    coop = make_entry(
        calendar, title="تعاونی‌های فعال ۱۴۰۵", release_at=_minute(dt.timedelta(days=3)), kind="yearbook",
        topics=("cooperatives",), english="Active cooperatives 1405", slug="coop",
    )  # fmt: skip
    indicator = make_indicator(
        "unemployment-insurance", name_fa="مقرری‌بگیران بیمهٔ بیکاری", name_en="Unemployment insurance recipients",
        definition_fa="شمار افرادی که در ماه مقرری بیمهٔ بیکاری دریافت کرده‌اند.",
        definition_en="Number of persons paid an unemployment insurance benefit in the month.",
        unit_fa="نفر", unit_en="persons", release_series="indicator_update",
    )  # fmt: skip
    indicator.topics = ",social_security,"
    indicator.save()
    make_indicator("insured", name_fa="بیمه‌شدگان اصلی", name_en="Insured persons", definition_fa="بیمه شده")
    index = IndicatorIndexPage(title="نماگرها", slug="indicators")
    home_fa.add_child(instance=index)
    index.save_revision().publish()
    translate(index, {"نماگرها": "Indicators"})
    cat = catalog_page(home_fa)
    translate(cat, {"داده‌نما": "Data catalog"})
    claims = dataset(
        slug="unemployment-insurance-claims", title_fa="پرونده‌های بیمهٔ بیکاری",
        title_en="Unemployment insurance claims", keywords="بیمه بیکاری, مقرری, unemployment benefit", with_file=False,
    )  # fmt: skip
    pubs = publications_index(home_fa)
    minute = _minute(dt.timedelta(hours=2))
    future = release_entry(home_fa, title="سالنامه ۱۴۰۵", at=minute, slug="yb-1405")
    held = yearbook(
        pubs, title="سالنامهٔ مقرری ۱۴۰۵", slug="yb-held", year=1405, release=future, chapters=[("مقرری فصل", [])]
    )
    return SimpleNamespace(
        calendar=calendar, series=series, later=later, next=nxt, past=past, coop=coop, indicator=indicator,
        dataset=claims, held=held, held_minute=minute, home_fa=home_fa, home_en=home_en,
    )  # fmt: skip
