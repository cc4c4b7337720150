"""One taxonomy (issue 14): a topic code finds a calendar entry, a publication,
a dataset and an indicator together; organisations are the `organisation` code
list's codes; periodicity maps onto the Jalali period arithmetic; old codes in
bookmarked links still work."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from core.recode import recode_value, reverse_of
from core.taxonomy import (
    ORGANISATIONS,
    Organisation,
    Periodicity,
    Topic,
    organisation_code,
    period_length_choices,
    topic_code,
)
from iran.periods import Periodicity as PeriodLength
from tests.builders.catalog import catalog_page, dataset

# --- the vocabulary -------------------------------------------------------------------------


@pytest.mark.django_db
def test_organisations_are_the_code_list_codes():
    from indicators.codelists import CODE_LISTS
    from indicators.models import Code

    seed = next(codes for code, *_rest, codes in CODE_LISTS if code == "organisation")
    assert seed is ORGANISATIONS  # the seed reads the one list
    stored = {
        c.code: (c.label_fa, c.label_en) for c in Code.objects.filter(code_list__code="organisation")
    }  # as the migrations left it
    assert set(Organisation.values) == set(stored)
    assert all(stored[code] == (fa, en) for code, fa, en in ORGANISATIONS)


def test_organisation_labels_follow_the_language():
    from django.utils import translation

    with translation.override("fa"):
        assert Organisation.SSO.label == "سازمان تأمین اجتماعی"
    with translation.override("en"):
        assert Organisation.SSO.label == "Social Security Organization"


def test_periodicity_maps_onto_the_jalali_periods():
    assert Periodicity.MONTHLY.period_length == PeriodLength.MONTH
    assert Periodicity.QUARTERLY.period_length == PeriodLength.QUARTER
    assert Periodicity.ANNUAL.period_length == PeriodLength.YEAR
    assert Periodicity.IRREGULAR.period_length is None and Periodicity.CONTINUOUS.period_length is None
    assert [Periodicity.of_length(n) for n in (1, 4, 12)] == [
        Periodicity.ANNUAL,
        Periodicity.QUARTERLY,
        Periodicity.MONTHLY,
    ]
    assert [value for value, _label in period_length_choices()] == [1, 4, 12]


@pytest.mark.parametrize(
    "old,new",
    [
        ("labour_market", "labour_market"),
        ("labour-market", "labour_market"),
        ("labour", "labour_market"),
        ("social-security", "social_security"),
        ("social-insurance", "social_security"),
        ("safety", "workplace_safety"),
        ("training", "skills"),
        ("general", ""),
        ("<nope>", ""),
        ("", ""),
    ],
)
def test_old_topic_codes_mean_the_new_ones(old, new):
    assert topic_code(old) == new


@pytest.mark.parametrize(
    "old,new",
    [("headquarters", "MCLS"), ("cooperatives", "CDF"), ("welfare", "SWO"), ("sso", "SSO"), ("SSO", "SSO"), ("x", "")],
)
def test_old_organisation_codes_mean_the_new_ones(old, new):
    assert organisation_code(old) == new


def test_recoding_several_codes_merges_duplicates_and_reverses():
    mapping = {"labour": "labour_market", "labour-market": "labour_market"}
    assert recode_value(",labour,labour-market,wages,", mapping, multi=True) == ",labour_market,wages,"
    assert recode_value("", mapping, multi=True) == ""
    assert reverse_of({"headquarters": "MCLS", "general": ""}) == {"MCLS": "headquarters", "": "general"}


def test_no_topic_list_survives_in_the_apps():
    import catalog.models
    import indicators.models
    import publications.enums
    import releases.enums

    for module in (catalog.models, indicators.models, publications.enums, releases.enums):
        assert not hasattr(module, "Organisation") or module.Organisation is Organisation
        assert not hasattr(module, "Topic") or module.Topic is Topic
    assert not hasattr(__import__("indicators.enums").enums, "ReleaseSeries")


# --- one code finds everything --------------------------------------------------------------


@pytest.fixture
def safety_world(home_pages):
    """A calendar entry, a publication, a dataset and an indicator on workplace
    safety, and one of each on cooperatives that a safety filter must leave out."""
    from indicators.models import IndicatorIndexPage
    from tests.builders.indicators import make_indicator
    from tests.builders.publications import bulletin, publications_index, release_entry
    from tests.builders.releases import make_calendar, make_entry

    home_fa, _home_en = home_pages
    calendar = make_calendar(home_fa, translate_en=False)
    soon = (timezone.now() + dt.timedelta(days=5)).replace(second=0, microsecond=0)
    make_entry(calendar, title="حوادث ناشی از کار QXSAFE", topics=("workplace_safety",), slug="acc", release_at=soon)
    make_entry(calendar, title="حوادث تعاونی‌ها QXCOOP", topics=("cooperatives",), slug="coop", release_at=soon)
    past = release_entry(home_fa, title="انتشار گذشته", at=timezone.now() - dt.timedelta(days=2))
    pubs = publications_index(home_fa)
    bulletin(pubs, title="ماهنامهٔ حوادث کار QXSAFE", slug="b-acc", release=past, topic="workplace_safety")
    bulletin(pubs, title="ماهنامهٔ حوادث تعاونی QXCOOP", slug="b-coop", release=past, topic="cooperatives")
    catalog_page(home_fa)
    dataset(slug="work-accidents", title_fa="پرونده‌های حوادث کار QXSAFE", topic="workplace_safety", with_file=False)
    dataset(slug="coop-accidents", title_fa="حوادث تعاونی‌ها QXCOOP", topic="cooperatives", with_file=False)
    make_indicator("accidents", name_fa="حوادث ناشی از کار QXSAFE", topics=",workplace_safety,", is_key=True)
    make_indicator("coop-accidents", name_fa="حوادث تعاونی‌ها QXCOOP", topics=",cooperatives,", is_key=True)
    index = IndicatorIndexPage(title="نماگرها", slug="indicators")
    home_fa.add_child(instance=index)
    index.save_revision().publish()
    return {"calendar": calendar.url, "publications": pubs.url, "catalog": "/fa/catalog/", "indicators": index.url}


def _listing(client, url, topic):
    body = client.get(url, {"topic": topic}).content.decode()
    return "QXSAFE" in body, "QXCOOP" in body


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["workplace_safety", "workplace-safety", "safety"])
def test_one_topic_code_filters_every_listing(client, safety_world, code):
    for name, url in safety_world.items():
        found, other = _listing(client, url, code)
        assert found and not other, (name, code)


@pytest.mark.django_db
def test_one_topic_code_finds_all_four_kinds_in_the_site_search(client, safety_world):
    body = client.get("/fa/search/", {"q": "حوادث", "topic": "workplace_safety"}).content.decode()
    found = re.findall(r'<li class="search-hit search-hit--(\w+)">.*?<a href="([^"]+)">', body, re.S)
    assert {kind for kind, _url in found} >= {"release", "publication", "dataset", "indicator"}, found
    assert "QXSAFE" in body and "QXCOOP" not in body
    everything = client.get("/fa/search/", {"q": "حوادث"}).content.decode()
    assert "QXCOOP" in everything  # the filter, not the query, left them out


@pytest.mark.django_db
def test_an_old_methodology_family_address_redirects(client, home_pages):
    from types import SimpleNamespace

    from demo import tables as demo
    from tests.builders.indicators import make_indicator

    demo.load(SimpleNamespace(home_fa=home_pages[0]))
    make_indicator("accidents", topics=",workplace_safety,")
    assert "/en/methodology/workplace-safety/" in client.get("/en/methodology/").content.decode()
    old = client.get("/en/methodology/safety/")
    assert old.status_code == 301 and old["Location"] == "/en/methodology/workplace-safety/"
    assert client.get("/en/methodology/workplace-safety/").status_code == 200


def test_indicator_files_carry_topic_codes_and_old_slugs_are_read():
    from indicators.resources import TopicsWidget

    widget = TopicsWidget()
    assert widget.clean("labour-market, safety") == ",labour_market,workplace_safety,"
    assert widget.render(",wages,pensions,") == "wages,pensions"
    with pytest.raises(ValueError, match="unknown topic"):
        widget.clean("astrology")
