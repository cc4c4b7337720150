"""Publications: blocks drawn from observations, downloads, the embargo on every
block type, provincial generation, corrections, listing and citation."""

import datetime as dt
import io
from types import SimpleNamespace

import openpyxl
import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators.models import CodeList
from indicators.query import get_observations, get_observations_many, with_dimensions
from publications.enums import CorrectionKind, YearbookScope
from publications.generation import generate_organisation_yearbook, generate_provincial_yearbooks
from publications.models import AppendOnlyError, Correction, YearbookChapterPage, YearbookPage
from publications.observation_blocks import ObservationChartBlock, ObservationTableBlock
from publications.store import ObservationStore
from publications.streams import PublicationStreamBlock
from publications.tables import SYMBOL_NO_DATA, SYMBOL_SUPPRESSED
from tests.builders.indicators import add_observation, make_indicator
from tests.builders.publications import (
    block,
    bulletin,
    chart_value,
    headline_value,
    publications_index,
    publish,
    release_entry,
    table_value,
    yearbook,
)

# Provinces and sex come from the standard code lists (indicators' migration):
# IR = the whole country, 23 Tehran, 07 Fars, 03 East Azarbaijan; sex T = both.
VALUES = {  # (year, province) -> value
    (1401, "IR"): 1000, (1401, "23"): 400, (1401, "07"): 200, (1401, "03"): 50,
    (1402, "IR"): 1100, (1402, "23"): 450, (1402, "07"): 210, (1402, "03"): 2,
}  # fmt: skip


@pytest.fixture
def world(home_pages):
    home_fa, home_en = home_pages
    province = CodeList.objects.get(code="province")
    sex = CodeList.objects.get(code="sex")
    insured = make_indicator(
        "insured", [province, sex], periodicity=1, name_fa="بیمه‌شدگان اصلی", name_en="Insured persons",
        unit_fa="نفر", unit_en="persons",
    )  # fmt: skip
    past = release_entry(home_fa, title="انتشار گذشته", at=timezone.now() - dt.timedelta(days=3))
    for (year, code), value in VALUES.items():
        # A table counted from units carries a count on every cell (a missing one is
        # unknown, so hidden); one cell is from too few units: suppressed.
        count = 1 if (year, code) == (1402, "03") else value
        add_observation(insured, str(year), [code, "T"], value, count=count, release=past)
        add_observation(insured, str(year), [code, "F"], value // 2, count=max(value // 2, 3), release=past)
    index = publications_index(home_fa)
    return SimpleNamespace(home=home_fa, home_en=home_en, insured=insured, release=past, index=index)


def _yearbook_with_table(world, **table):
    value = table_value("insured", rows="province", columns="period", periods="1400..1402", **table)
    yb = yearbook(
        world.index,
        release=world.release,
        chapters=[("بیمه", [block("text", "<p>متن</p>"), block("table", value, "tbl-1")])],
    )
    return yb, yb.get_children().first().specific


def _table_rows(sheet):
    return {r[0]: r[1:] for r in sheet.iter_rows(min_row=3, values_only=True) if r and r[0]}


# --- blocks render from observations -----------------------------------------
def test_table_block_renders_observations_with_no_data_and_suppressed_symbols(world, client):
    _yb, chapter = _yearbook_with_table(world)
    response = client.get(chapter.url)
    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index('id="block-tbl-1"') :]
    assert "۴۵۰" in table and "۱٬۱۰۰" in table  # Tehran 1402 and Iran 1402, in Persian digits
    assert "کل کشور" in table and "تهران" in table
    assert f">{SYMBOL_NO_DATA}<" in table  # 1400 was chosen but has no data: an explicit symbol
    assert f">{SYMBOL_SUPPRESSED}<" in table  # Ardabil 1402 counted from 1 unit: never the number
    assert ">۲<" not in table


def test_table_downloads_hold_the_numbers_of_the_page(world, client):
    _yb, chapter = _yearbook_with_table(world)
    text = client.get(f"/fa/publications/data/{chapter.pk}/tbl-1.csv").content.decode("utf-8-sig")
    tehran = next(line for line in text.splitlines() if line.startswith("تهران"))
    assert tehran.split(",")[0:1] == ["تهران"] and tehran.split(",")[1] == SYMBOL_NO_DATA
    assert float(tehran.split(",")[3]) == 450
    response = client.get(f"/fa/publications/data/{chapter.pk}/tbl-1.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = _table_rows(sheet)
    assert float(rows["تهران"][2]) == 450 and float(rows["کل کشور"][1]) == 1000
    assert rows["تهران"][0] == SYMBOL_NO_DATA
    assert rows["آذربایجان شرقی"][2] == SYMBOL_SUPPRESSED
    assert sheet.sheet_view.rightToLeft is True
    assert client.get(f"/fa/publications/data/{chapter.pk}/nope.csv").status_code == 404
    assert client.get(f"/fa/publications/data/{chapter.pk}/tbl-1.exe").status_code == 404


def test_yearbook_workbook_has_a_sheet_per_table_titled_in_the_page_language(world, client):
    t1 = block("table", table_value("insured", rows="province", columns="period", title="جدول یک"), "t1")
    t2 = block("table", table_value("insured", rows="period", filters={"province": ["23"]}, title="جدول دو"), "t2")
    yb = yearbook(world.index, release=world.release, chapters=[("فصل اول", [t1]), ("فصل دوم", [t2])])
    html = client.get(yb.url).content.decode()
    assert "فصل اول" in html and "جدول دو" in html  # table of contents: chapters and their tables
    response = client.get(f"/fa/publications/workbook/{yb.pk}.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[1:] == ["جدول یک", "جدول دو"]
    assert workbook.sheetnames[0].startswith("فهرست")
    assert float(_table_rows(workbook["جدول دو"])["۱۴۰۲"][0]) == 450


def test_chart_block_renders_description_data_and_csv(world, client):
    value = chart_value("insured", series="province", filters={"province": ["23", "07"]}, description="روند بیمه‌شدگان")
    yb = yearbook(world.index, release=world.release, body=[block("chart", value, "ch-1")])
    html = client.get(yb.url).content.decode()
    assert "روند بیمه‌شدگان" in html and 'id="chart-data-ch-1"' in html
    assert '"values": [400.0, 450.0]' in html
    assert "indicators/vendor/chart.umd.min.js" in html
    csv_text = client.get(f"/fa/publications/data/{yb.pk}/ch-1.csv").content.decode("utf-8-sig")
    assert "تهران" in csv_text and "450" in csv_text


def test_headline_figure_latest_value_change_and_stable_id(world, client):
    hl = block("headline", headline_value("insured", "insured-total", filters={"province": ["IR"]}))
    page = bulletin(world.index, release=world.release, headlines=[hl], reference_period="1402-12")
    html = client.get(page.url).content.decode()
    assert 'id="insured-total"' in html
    figure = html[html.index('id="insured-total"') :]
    assert "۱٬۱۰۰" in figure and "۱۰۰" in figure and "۱۰٫۰" in figure  # value, change, percent


def test_english_page_uses_english_labels_and_digits(world, client):
    from tests.builders.publications import yearbook as make_yearbook

    value = table_value("insured", rows="province", columns="period", periods="1401..1402")
    index_en = publications_index(world.home_en, title="Publications")
    yb = make_yearbook(index_en, title="Yearbook 1402", release=world.release, body=[block("table", value, "t")])
    html = client.get(yb.url).content.decode()
    assert "Tehran" in html and "450" in html and "Insured persons" in html


# --- bad input ----------------------------------------------------------------
def test_table_over_5000_cells_is_refused_with_a_clear_message(world):
    # 1,452 months × 4 provinces = 5,808 cells
    value = table_value("insured", rows="period", columns="province", periods="1300-01..1420-12")
    with pytest.raises(Exception) as exc:
        ObservationTableBlock().clean(ObservationTableBlock().to_python(value))
    assert "5,000" in str(exc.value.block_errors["periods"]) or "5,000" in str(exc.value)


def test_chart_needs_an_accessible_description_and_known_dimensions(world):
    chart = ObservationChartBlock()
    with pytest.raises(Exception) as exc:
        chart.clean(chart.to_python(chart_value("insured", description="")))
    assert "description" in exc.value.block_errors
    with pytest.raises(Exception) as exc:
        chart.clean(chart.to_python(chart_value("insured", series="age", description="روند")))
    assert "series" in exc.value.block_errors
    # province is on neither axis and two codes are chosen: ambiguous
    value = chart_value("insured", description="روند", filters={"province": ["23", "07"]})
    with pytest.raises(Exception) as exc:
        chart.clean(chart.to_python(value))
    assert "filters" in exc.value.block_errors
    value = chart_value("insured", description="روند", filters={"province": ["23"]})
    assert chart.clean(chart.to_python(value))["indicator"] == "insured"


def test_headline_ids_must_be_unique_on_a_page(world):
    stream = PublicationStreamBlock()
    value = stream.to_python(
        [
            block("headline", headline_value("insured", "same-id")),
            block("headline", headline_value("insured", "same-id")),
        ]
    )
    with pytest.raises(Exception) as exc:
        stream.clean(value)
    assert "same-id" in " ".join(e.message for e in exc.value.non_block_errors.as_data())


# --- the embargo, on every block type ----------------------------------------------
def test_embargoed_observations_show_nothing_in_any_block_before_the_minute(world, client):
    minute = timezone.now() + dt.timedelta(hours=2)
    future = release_entry(world.home, title="انتشار آینده", at=minute)
    add_observation(world.insured, "1403", ["23", "T"], 987654, release=future)
    add_observation(world.insured, "1403", ["00", "T"], 876543, release=future)
    body = [
        block("headline", headline_value("insured", "tehran", filters={"province": ["23"]})),
        block("table", table_value("insured", rows="province", columns="period", periods="1402..1403"), "tb"),
        block("chart", chart_value("insured", series="province", periods="1402..1403"), "ch"),
    ]
    page = bulletin(
        world.index, release=world.release, body=body, headlines=[], reference_period="1403-Q1", frequency="quarterly"
    )
    secret_fa, secret_latin = "۹۸۷٬۶۵۴", "987654"
    for url in (
        page.url,
        f"/fa/publications/data/{page.pk}/tb.csv",
        f"/fa/publications/data/{page.pk}/tb.xlsx",
        f"/fa/publications/data/{page.pk}/ch.csv",
    ):
        body_bytes = client.get(url).content
        assert secret_latin.encode() not in body_bytes and secret_fa.encode() not in body_bytes, url
        if url.endswith("xlsx"):
            values = [
                v
                for row in openpyxl.load_workbook(io.BytesIO(body_bytes)).active.iter_rows(values_only=True)
                for v in row
            ]
            assert 987654 not in values
    html = client.get(page.url).content.decode()
    assert "۱٬۱۰۰" in html  # what is released is shown
    with time_machine.travel(minute + dt.timedelta(seconds=1)):
        html = client.get(page.url).content.decode()
        assert secret_fa in html  # headline (latest period), table and chart
        assert html.count(secret_fa) >= 2
        assert secret_latin in client.get(f"/fa/publications/data/{page.pk}/tb.csv").content.decode("utf-8-sig")


def test_embargoed_publication_and_its_downloads_are_404_until_the_minute(world, client, admin_user):
    from django.test import Client

    admin_client = Client()
    admin_client.force_login(admin_user)
    minute = timezone.now() + dt.timedelta(hours=1)
    future = release_entry(world.home, title="سالنامه آینده", at=minute)
    table = block("table", table_value("insured", rows="province"), "t")
    yb = yearbook(world.index, slug="yb-future", release=future, chapters=[("فصل", [table])], body=[table])
    chapter = yb.get_children().first().specific
    assert chapter.release_id == future.pk  # a chapter goes public with its yearbook
    urls = [
        yb.url,
        chapter.url,
        f"/fa/publications/data/{yb.pk}/t.csv",
        f"/fa/publications/data/{chapter.pk}/t.xlsx",
        f"/fa/publications/workbook/{yb.pk}.xlsx",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert "yb-future" not in client.get(world.index.url).content.decode()
    assert admin_client.get(yb.url).status_code == 200  # editors preview
    with time_machine.travel(minute + dt.timedelta(seconds=1)):
        for url in urls:
            assert client.get(url).status_code == 200, url


def test_store_bulk_rows_equal_the_indicators_contract(world):
    rows = get_observations_many(with_dimensions([world.insured]))["insured"]
    assert rows == get_observations(world.insured)


def test_queries_do_not_grow_with_the_number_of_tables(world, client):
    other = make_indicator("other", world.insured.dimension_lists, periodicity=1, name_fa="دیگر")
    add_observation(other, "1402", ["23", "T"], 5, release=world.release)

    def chapter_with(n):
        body = []
        for i in range(n):
            code = "insured" if i % 2 else "other"
            body.append(
                block("table", table_value(code, rows="province", columns="period", title=f"جدول {i}"), f"t{n}-{i}")
            )
            body.append(block("chart", chart_value(code, series="province"), f"c{n}-{i}"))
        return (
            yearbook(world.index, slug=f"yb-{n}", release=world.release, chapters=[("فصل", body)])
            .get_children()
            .first()
            .specific
        )

    counts = {}
    for n in (2, 8):
        url = chapter_with(n).url
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[n] = len(ctx.captured_queries)
    assert counts[8] == counts[2], counts


# --- provincial and organisation yearbooks -------------------------------------------
def test_generate_the_provincial_yearbooks_as_drafts(world, client, admin_user):
    from django.test import Client

    admin_client = Client()
    admin_client.force_login(admin_user)
    _yb, _chapter = _yearbook_with_table(world)
    national = YearbookPage.objects.get(slug="yearbook-1402")
    response = admin_client.post(f"/admin/publications/yearbook/{national.pk}/generate/", {"target": "provinces"})
    assert response.status_code == 302
    provincial = YearbookPage.objects.filter(scope=YearbookScope.PROVINCE, source_yearbook=national)
    assert provincial.count() == 31
    assert not provincial.filter(live=True).exists()
    tehran = provincial.get(province_code="23")
    assert "استان" in tehran.title
    chapter = tehran.get_children().specific().get()
    assert isinstance(chapter, YearbookChapterPage) and not chapter.live
    # the same table, filtered to the province
    table = chapter.body[1].block.build(chapter.body[1].value, ObservationStore(), chapter.scope_filters())
    assert [code for code, _label in table.rows] == ["23"]
    assert float(table.cells[0][2].value) == 450
    assert client.get(f"/fa/publications/data/{chapter.pk}/tbl-1.csv").status_code == 404  # a draft is not public
    preview = admin_client.get(f"/fa/publications/data/{chapter.pk}/tbl-1.csv").content.decode("utf-8-sig")
    assert "تهران,…,400,450" in preview and "فارس" not in preview
    again = generate_provincial_yearbooks(national, user=admin_user)
    assert len(again.created) == 0 and len(again.existing) == 31


def test_generate_an_organisation_yearbook_and_refuse_a_non_national_one(world, admin_user):
    _yb, _chapter = _yearbook_with_table(world)
    national = YearbookPage.objects.get(slug="yearbook-1402")
    page, created = generate_organisation_yearbook(national, "SSO", user=admin_user)
    assert created and page.scope == YearbookScope.ORGANISATION and not page.live
    # the insured indicator has no organisation dimension: the table says so instead of national figures
    chapter = page.get_children().specific().get()
    table = chapter.body[1].block.build(chapter.body[1].value, ObservationStore(), chapter.scope_filters())
    assert table.unavailable and not table.cells
    from publications.generation import GenerationError

    with pytest.raises(GenerationError):
        generate_provincial_yearbooks(page, user=admin_user)


# --- corrections -----------------------------------------------------------------------
def test_corrections_are_public_append_only_and_keep_the_previous_version(world, client, admin_user):
    from django.test import Client

    admin_client = Client()
    admin_client.force_login(admin_user)
    page = bulletin(world.index, release=world.release, main_points="<ul><li>رقم نادرست ۱۲۳</li></ul>")
    page.main_points = "<ul><li>رقم درست ۴۵۶</li></ul>"
    publish(page)
    response = admin_client.post(
        f"/admin/publications/page/{page.pk}/correction/",
        {"kind": CorrectionKind.CORRECTION, "text": "رقم بند اول اصلاح شد."},
    )
    assert response.status_code == 302
    correction = Correction.objects.get(page=page)
    assert correction.previous_revision is not None
    html = client.get(page.url).content.decode()
    assert "رقم بند اول اصلاح شد." in html and "رقم درست" in html
    old = client.get(correction.previous_version_url())
    assert old.status_code == 200
    assert "رقم نادرست" in old.content.decode() and 'name="robots" content="noindex' in old.content.decode()
    assert old["X-Robots-Tag"].startswith("noindex")
    correction.text = "changed"
    with pytest.raises(AppendOnlyError):
        correction.save()
    with pytest.raises(AppendOnlyError):
        correction.delete()
    Correction.record(page, text="اطلاعیه", kind=CorrectionKind.NOTICE)
    assert list(Correction.objects.filter(page=page).values_list("kind", flat=True)) == ["correction", "notice"]


def test_previous_version_of_an_embargoed_page_is_not_public(world, client):
    page = bulletin(world.index, release=world.release, main_points="<p>یک</p>")
    publish(page)
    correction = Correction.record(page, text="اصلاح")
    page.release = release_entry(world.home, at=timezone.now() + dt.timedelta(days=1))
    publish(page)
    assert client.get(correction.previous_version_url()).status_code == 404


# --- listing, citation, home ---------------------------------------------------------------
def test_listing_filters_by_type_topic_organisation_and_year(world, client):
    bulletin(world.index, title="ماهنامه اسفند", slug="b1", release=world.release, topic="labour_market")
    bulletin(
        world.index,
        title="ماهنامه قدیمی",
        slug="b2",
        reference_period="1401-05",
        release=world.release,
        organisation="SSO",
    )
    yearbook(world.index, release=world.release, topic="social_security")
    html = client.get(world.index.url).content.decode()
    assert "ماهنامه اسفند" in html and "سالنامه آماری ۱۴۰۲" in html
    html = client.get(world.index.url + "?kind=yearbook").content.decode()
    assert "سالنامه آماری ۱۴۰۲" in html and "ماهنامه اسفند" not in html
    html = client.get(world.index.url + "?year=۱۴۰۱").content.decode()
    assert "ماهنامه قدیمی" in html and "ماهنامه اسفند" not in html
    html = client.get(world.index.url + "?organisation=SSO&topic=labour_market").content.decode()
    assert "ماهنامه قدیمی" not in html and "ماهنامه اسفند" not in html
    response = client.get(world.index.url + "?kind=nonsense&year=1403-13")
    assert response.status_code == 200 and "nonsense" in response.content.decode()


def test_each_publication_shows_how_to_cite_it(world, client):
    page = bulletin(world.index, title="ماهنامه آماری", release=world.release)
    html = client.get(page.url).content.decode()
    assert "نحوهٔ استناد" in html or "How to cite" in html
    assert "وزارت تعاون، کار و رفاه اجتماعی" in page.citation() and "ماهنامه آماری" in page.citation()
    assert "Ministry of Cooperatives" in page.citation("en")


def test_home_page_lists_the_latest_released_publications_only(world, client):
    bulletin(world.index, title="ماهنامه منتشرشده", slug="pub", release=world.release)
    bulletin(
        world.index,
        title="ماهنامه آینده",
        slug="fut",
        release=release_entry(world.home, at=timezone.now() + dt.timedelta(days=1)),
    )
    html = client.get("/fa/").content.decode()
    assert "ماهنامه منتشرشده" in html and "ماهنامه آینده" not in html


def test_generate_yearbooks_command(world):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    yb, _chapter = _yearbook_with_table(world)
    out = io.StringIO()
    call_command("generate_yearbooks", str(yb.pk), "--organisation", "SSO", stdout=out)
    assert "created" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("generate_yearbooks", "999999")


def test_admin_buttons_and_forms_for_generation_and_corrections(world, admin_user):
    from django.test import Client

    admin = Client()
    admin.force_login(admin_user)
    yb, chapter = _yearbook_with_table(world)
    edit = admin.get(f"/admin/pages/{yb.pk}/edit/").content.decode()
    assert f"/admin/publications/yearbook/{yb.pk}/generate/" in edit
    assert f"/admin/publications/page/{yb.pk}/correction/" in edit
    form = admin.get(f"/admin/publications/yearbook/{yb.pk}/generate/")
    assert form.status_code == 200 and 'name="target"' in form.content.decode()
    # a chapter is not a national yearbook: no generation, back to its editor with a message
    assert admin.get(f"/admin/publications/yearbook/{chapter.pk}/generate/").status_code == 302
    form = admin.get(f"/admin/publications/page/{chapter.pk}/correction/")
    assert form.status_code == 200 and 'name="text"' in form.content.decode()
    # an organisation yearbook needs its organisation
    response = admin.post(f"/admin/publications/yearbook/{yb.pk}/generate/", {"target": "organisation"})
    assert response.status_code == 200 and not YearbookPage.objects.filter(scope=YearbookScope.ORGANISATION).exists()


def test_downloads_of_a_page_under_an_unpublished_parent_are_404(world, client):
    _yb, chapter = _yearbook_with_table(world)
    world.index.unpublish()
    assert client.get(f"/fa/publications/data/{chapter.pk}/tbl-1.csv").status_code == 404
