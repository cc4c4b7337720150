"""A Persian reader opens the 1402 yearbook, goes to a chapter, downloads a
table as XLSX, and finds in the file the numbers the page showed."""

import re

import openpyxl
import pytest

from iran.text import parse_decimal

from .conftest import screenshot

pytestmark = pytest.mark.browser


def _screen_number(text):
    """«۲٬۱۲۴٬۱۱۱» (perhaps with a flag mark) → Decimal; a symbol stays text."""
    digits = re.sub(r"[^\d۰-۹٬٫,.\-−]", "", text).replace("−", "-")
    return parse_decimal(digits) if re.search(r"[\d۰-۹]", digits) else text.strip()


def test_persian_reader_downloads_a_yearbook_table_as_xlsx(page, site_url, tmp_path):
    page.goto(site_url + "/fa/publications/")
    page.get_by_role("link", name=re.compile("سالنامهٔ آماری ۱۴۰۲")).first.click()
    assert page.locator("h1").inner_text().startswith("سالنامهٔ آماری ۱۴۰۲")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # the table of contents leads to the chapter
    page.locator("nav.toc").get_by_role("link", name="بازار کار و بیمه‌های اجتماعی").click()
    assert "بازار کار و بیمه‌های اجتماعی" in page.locator("h1").inner_text()

    table = page.locator("figure.stat-table").first
    header = [th.strip() for th in table.locator("thead th").all_inner_texts()]
    row = table.locator("tbody tr").filter(has=page.locator("th", has_text=re.compile("^تهران$")))
    on_screen = [_screen_number(t) for t in row.locator("td").all_inner_texts()]
    assert len(on_screen) == len(header) - 1 >= 2
    assert all(not isinstance(v, str) for v in on_screen), on_screen
    screenshot(page, "publications-yearbook-chapter-fa")

    with page.expect_download() as info:
        table.get_by_role("link", name=re.compile("XLSX")).click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet.sheet_view.rightToLeft
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0]]
    assert rows[1][1:] == tuple(header[1:])  # the same columns, labelled in Persian
    tehran = next(r for r in rows if r[0] == "تهران")
    assert [parse_decimal(str(v)) for v in tehran[1 : len(on_screen) + 1]] == on_screen


def test_english_reader_sees_the_same_yearbook_chapter(page, site_url):
    page.goto(site_url + "/en/publications/yearbook-1402/chapter-1/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "Labour market" in page.locator("h1").inner_text()
    table = page.locator("figure.stat-table").first
    assert table.locator("tbody th", has_text="Tehran").count() == 1
    # the chart is drawn by the site's own Chart.js, with its data table beside it
    page.wait_for_function(
        "document.querySelector('canvas[data-chart]') && document.querySelector('canvas[data-chart]').chart"
    )
    assert page.locator("details.chart-data table").first.count() == 1
