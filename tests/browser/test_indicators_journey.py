"""A Persian user opens an indicator, reads the chart, switches to the province
table and downloads the CSV, whose numbers match the screen."""

import csv
import io
from pathlib import Path

import pytest

from iran.text import parse_decimal

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_persian_user_reads_an_indicator_and_downloads_the_province_table(page, site_url):
    page.goto(f"{site_url}/fa/indicators/")
    page.get_by_role("link", name="مقرری‌بگیران بیمهٔ بیکاری").click()
    page.wait_for_url("**/fa/indicators/unemployment-insurance/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == "مقرری‌بگیران بیمهٔ بیکاری"

    # The chart: drawn by the vendored library, described in words for screen readers.
    chart = page.locator("canvas#indicator-chart")
    page.wait_for_function("() => window.__indicatorChart && window.__indicatorChart.data.datasets.length > 1")
    assert chart.get_attribute("role") == "img"
    description = page.locator("#chart-description").inner_text()
    assert description.startswith("نمودار خطی") and "نرم" in description
    assert page.evaluate("() => window.__indicatorChart.options.scales.x.reverse") is True  # time reads right to left
    latest = page.get_by_test_id("latest-value").inner_text()
    screenshot(page, "indicators-chart")

    # Switch to the province table with the keyboard-accessible tab.
    page.get_by_role("tab", name="استان‌ها").click()
    table = page.locator("#province-table")
    assert table.is_visible() and not page.locator("#panel-chart").is_visible()
    screen = {}
    for row in table.locator("tbody tr").all():
        name = row.locator("th").inner_text().strip()
        screen[name] = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert len(screen) == 32 and "کل کشور" in screen
    # The whole-country total of both sexes on the table is the headline figure.
    assert screen["کل کشور"][-1] == latest
    screenshot(page, "indicators-provinces")

    # Download the CSV of exactly this table.
    with page.expect_download() as info:
        page.locator('[data-download="csv-provinces"]').click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["province", "province_label"]
    assert len(body) == len(screen)
    for line in body:
        shown = screen[line[1]]
        values = line[2::2]
        assert len(values) == len(shown)
        for value, cell in zip(values, shown, strict=True):
            if cell == "..":
                assert value == ""  # suppressed on screen, empty in the file
            else:
                assert parse_decimal(cell) == parse_decimal(value), (line[1], cell, value)
