"""Publication blocks (tables, charts, headlines) drawn from observations, and their downloads."""

import io

import openpyxl

from publications.tables import SYMBOL_NO_DATA, SYMBOL_SUPPRESSED
from tests.builders.publications import (
    block,
    bulletin,
    chart_value,
    headline_value,
    publications_index,
    table_value,
    yearbook,
)
from tests.publications.helpers import table_rows, yearbook_with_table


def test_table_block_renders_observations_with_no_data_and_suppressed_symbols(world, client):
    _yb, chapter = yearbook_with_table(world)
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
    _yb, chapter = yearbook_with_table(world)
    text = client.get(f"/fa/publications/data/{chapter.pk}/tbl-1.csv").content.decode("utf-8-sig")
    tehran = next(line for line in text.splitlines() if line.startswith("تهران"))
    assert tehran.split(",")[0:1] == ["تهران"] and tehran.split(",")[1] == SYMBOL_NO_DATA
    assert float(tehran.split(",")[3]) == 450
    response = client.get(f"/fa/publications/data/{chapter.pk}/tbl-1.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = table_rows(sheet)
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
    assert float(table_rows(workbook["جدول دو"])["۱۴۰۲"][0]) == 450


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
