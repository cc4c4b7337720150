"""Glossary, methodology per indicator family, revisions and release policies:
pages in both languages from the demo loader; links from tables and indicator pages."""

from types import SimpleNamespace

import pytest

from indicators.models import IndicatorIndexPage
from tables.glossary import TERMS
from tests.builders.indicators import add_observation, make_code_list, make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_pages):
    from demo import tables as demo

    demo.load(SimpleNamespace(home_fa=home_pages[0]))
    return home_pages


def test_glossary_has_the_mission_terms_in_both_languages(client, pages):
    fa = client.get("/fa/glossary/").content.decode()
    en = client.get("/en/glossary/").content.decode()
    for persian in ["تقویم انتشار", "سالنامه آماری", "شناسنامه نماگر", "حد بهینه / نرم", "ریزداده", "داده‌نما",
                    "باشگاه محققان", "نظرسنجی رضایت کاربران", "تقسیمات کشوری", "انباره داده"]:  # fmt: skip
        assert persian in fa and persian in en
    term = next(t for t in TERMS if t.slug == "suppressed")
    assert term.definition_fa in fa and term.definition_en in en
    assert 'id="term-indicator"' in en


def test_methodology_per_family_from_identity_cards(client, pages):
    ind = make_indicator(
        "insured", [], definition_en="People insured.", method_en="Unique IDs counted.", method_fa="شمارش کدهای ملی."
    )
    ind.topics = ",social_security,"
    ind.save()
    en = client.get("/en/methodology/").content.decode()
    assert "/en/methodology/social-security/" in en
    family = client.get("/en/methodology/social-security/").content.decode()
    assert "People insured." in family and "Unique IDs counted." in family and "/en/indicators/insured/" in family
    assert "Cells from fewer than 3 units are suppressed." in family
    assert "روش محاسبه" in client.get("/fa/methodology/social-security/").content.decode()
    assert client.get("/en/methodology/nothing/").status_code == 404


def test_policies_exist_in_both_languages(client, pages):
    assert "هیچ رقمی پیش از آن دقیقه" in client.get("/fa/release-policy/").content.decode()
    assert "No figure is available to anyone before that minute" in client.get("/en/release-policy/").content.decode()
    assert "marked r" in client.get("/en/revisions-policy/").content.decode()
    assert client.get("/fa/revisions-policy/").status_code == 200


def test_tables_and_indicator_pages_link_the_glossary(client, pages):
    province = make_code_list("province", {"23": ("تهران", "Tehran")})
    ind = make_indicator("members", [province])
    add_observation(ind, "1403", ["23"], 10, count=10)
    index = IndicatorIndexPage(title="نماگرها", slug="indicators")
    pages[0].add_child(instance=index)
    index.save_revision().publish()
    assert "/fa/glossary/#term-indicator" in client.get("/fa/indicators/members/").content.decode()
    assert "/en/glossary/#term-suppressed" in client.get("/en/tables/", {"indicator": "members"}).content.decode()
