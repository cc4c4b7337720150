"""A user builds a table: indicator → provinces → periods → pivot → XLSX, in
Persian and in English; the permanent link gives the same table back."""

import io

import pytest
from openpyxl import load_workbook

from .conftest import screenshot

pytestmark = pytest.mark.browser

TEXT = {
    "fa": {
        "choose": "برگزیدن",
        "show": "نمایش جدول",
        "tehran": "تهران",
        "isfahan": "اصفهان",
        "pivot": "استان در ستون‌ها",
    },
    "en": {
        "choose": "Choose",
        "show": "Show table",
        "tehran": "Tehran",
        "isfahan": "Isfahan",
        "pivot": "Province across the columns",
    },
}


def _table_text(page):
    return [
        [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        for row in page.get_by_test_id("built-table").locator("tr").all()
    ]


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_build_pivot_download_and_reopen_a_table(page, site_url, lang):
    text = TEXT[lang]
    page.goto(f"{site_url}/{lang}/tables/")
    page.locator("#id_indicator").select_option("unemployment-insurance")
    page.get_by_role("button", name=text["choose"]).click()
    # provinces: search narrows the list (with JavaScript), then tick two
    page.locator("#search-province").fill(text["tehran"][:3])
    page.locator("#c-province-23").check()
    assert not page.locator(f"li[data-label^='{text['isfahan']}']").is_visible()
    page.locator("#search-province").fill("")
    page.locator("#c-province-10").check()
    periods = page.locator("#id_from option").all_inner_texts()
    assert len(periods) > 3
    if lang == "en":
        assert "(" in periods[1]  # both calendars
    page.locator("#id_from").select_option(index=len(periods) - 3)
    page.locator("#id_to").select_option(index=len(periods) - 1)
    page.get_by_role("button", name=text["show"]).click()
    table = page.get_by_test_id("built-table")
    assert table.is_visible()
    assert page.locator("caption").first.inner_text()
    before = _table_text(page)
    assert any(text["tehran"] in " ".join(row) for row in before)

    # pivot with the keyboard: provinces across the columns
    pivot = page.get_by_role("button", name=text["pivot"])
    pivot.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**cols=province**")
    pivoted = _table_text(page)
    header = " ".join(pivoted[0])
    assert text["tehran"] in header and text["isfahan"] in header
    screenshot(page, f"tables-{lang}")

    with page.expect_download() as info:
        page.get_by_test_id("download-xlsx").click()
    book = load_workbook(io.BytesIO(info.value.path().read_bytes()))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert text["tehran"] in cells and text["isfahan"] in cells
    assert any(isinstance(c, (int, float)) for c in cells)

    # the permanent link reproduces the table
    link = page.locator("#permalink").input_value()
    page.goto("about:blank")
    page.goto(link)
    assert _table_text(page) == pivoted
