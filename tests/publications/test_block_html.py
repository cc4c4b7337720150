"""The table and chart blocks' HTML is written out in Python (publications/blockhtml.py)
instead of rendering publications/blocks/table.html and chart.html once a block: it
must be what those templates render, byte for byte, for every kind of block (numbers,
symbols, notes, errors, a table not published at the page's level, an empty chart),
in both languages (issue 13, cold pages)."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from publications.enums import YearbookScope
from tests.builders.publications import block, chart_value, table_value, yearbook

pytestmark = pytest.mark.django_db

BLOCKS = [
    block("table", table_value("insured", rows="province", columns="period", periods="1400..1402"), "t-symbols"),
    block(
        "table",
        table_value(
            "insured",
            rows="period",
            periods="1401, 1402",
            filters={"province": ["23"]},
            title="جدول <b>&</b> «یک»",
            notes="یادداشت <i>",
            source='منبع & "نقل"',
        ),
        "t-notes",
    ),
    block("table", table_value("insured", rows="province", periods="1400..1402..x"), "t-error"),
    block("table", table_value("nope", rows="province", periods="1402", title="بی <نشانگر>"), "t-no-indicator"),
    block("table", table_value("insured", rows="sex", columns="province", periods="1402"), "t-two-dims"),
    block(
        "chart",
        chart_value("insured", series="province", filters={"province": ["23", "07"]}, description="روند <b>"),
        "c-series",
    ),
    block("chart", chart_value("insured", periods="1402", title="یک <سری>"), "c-single"),
    block("chart", chart_value("insured", periods="1390..1391"), "c-empty"),
    block("chart", chart_value("insured", periods="oops"), "c-error"),
]


def _compare(page, block_id=None):
    context = {"page": page, "obs_store": page.observation_store(), "scope_filters": page.scope_filters()}
    compared = 0
    for child in page.body:
        if child.block_type not in ("table", "chart"):
            continue
        parent = dict(context, block_id=child.id if block_id is None else block_id)
        expected = render_to_string(child.block.meta.template, child.block.get_context(child.value, parent))
        assert child.block.render(child.value, parent) == expected, child.id
        compared += 1
    return compared


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_blocks_html_is_what_their_templates_render(world, lang):
    page = yearbook(world.index, release=world.release, body=BLOCKS)
    with translation.override(lang):
        assert _compare(page) == len(BLOCKS)
        assert _compare(page, block_id="") == len(BLOCKS)  # no id: no download links


def test_a_table_not_published_at_the_pages_level_is_said_so_in_the_same_html(world):
    page = yearbook(world.index, release=world.release, body=BLOCKS)
    page.scope, page.organisation_code = YearbookScope.ORGANISATION, "SSO"  # insured has no such dimension
    assert page.body[0].block.build(page.body[0].value, page.observation_store(), page.scope_filters()).unavailable
    with translation.override("fa"):
        assert _compare(page) == len(BLOCKS)


def test_a_chapter_renders_no_block_template(world, client):
    page = yearbook(world.index, release=world.release, body=BLOCKS)
    response = client.get(page.url)
    assert response.status_code == 200
    used = {t.name for t in response.templates}
    assert "publications/blocks/table.html" not in used and "publications/blocks/chart.html" not in used
    html = response.content.decode()
    assert 'id="block-t-symbols"' in html and 'id="chart-data-c-series"' in html


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("decimals", [0, 1, 2, 3, None])
def test_a_cells_number_is_format_number(lang, decimals):
    from decimal import Decimal

    from iran.text import format_number
    from publications.tables import cell_number

    values = ["0", "-0", "-0.4", "0.5", "1.5", "2.5", "-1234567.891", "1000", "999.999", "12345678901234.5678"]
    values += ["1E+3", "-2.50", "0.000001", "7"]
    for raw in values:
        for value in (Decimal(raw), float(raw), int(float(raw))):
            assert cell_number(value, lang, decimals) == format_number(value, lang, decimals), (raw, value)
