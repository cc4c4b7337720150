"""The LP attack through the public URLs that show tables.

A province × sex table with every total and small cells (the value is the
count of units, as in the demo's accidents) is published. Each channel — the
indicator page's HTML table, its CSV and XLSX downloads, a yearbook chapter's
table and its CSV, the table builder's answer — is fetched through the test
client, its numbers parsed as the public reads them, and handed with the
additive relations to the independent attacker (tests/disclosure_attack.py):
no small cell may be pinned down closer than its protection interval. With
secondary suppression switched off every channel gives a cell back exactly,
so these tests can fail."""

from __future__ import annotations

import csv
import io
import random
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from openpyxl import load_workbook

from indicators.codelists import PROVINCES
from indicators.models import Code, CodeList, IndicatorIndexPage
from tests.builders.indicators import add_observation, make_indicator
from tests.builders.publications import block, publications_index, table_value, yearbook
from tests.disclosure_attack import exposed

pytestmark = pytest.mark.django_db

CODE = "attacked-accidents"
PROVINCE_CODES = [code for code, _fa, _en in PROVINCES if code != "IR"]
SEXES = ("M", "F", "T")
YEAR = "1402"
PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789", "٬,")


def _table(seed):
    """{(province, sex): value}: 31 provinces × men/women, some from 1 or 2
    units, with every total (both sexes, Iran)."""
    rng = random.Random(seed)
    cells = {}
    for province in PROVINCE_CODES:
        for sex in ("M", "F"):
            cells[(province, sex)] = rng.randint(0, 2) if rng.random() < 0.15 else rng.randint(3, 400)
        cells[(province, "T")] = cells[(province, "M")] + cells[(province, "F")]
    for sex in SEXES:
        cells[("IR", sex)] = sum(cells[(p, sex)] for p in PROVINCE_CODES)
    return cells


def _relations(keys):
    """Written by hand: the sexes add up to both sexes, the provinces to Iran."""
    at = {key: n for n, key in enumerate(keys)}
    rows = [(at[(p, "T")], [at[(p, "M")], at[(p, "F")]]) for p in [*PROVINCE_CODES, "IR"]]
    columns = [(at[("IR", s)], [at[(p, s)] for p in PROVINCE_CODES]) for s in SEXES]
    return rows + columns


@pytest.fixture
def world(home_pages):
    home_fa, _home_en = home_pages
    province, sex = CodeList.objects.get(code="province"), CodeList.objects.get(code="sex")
    indicator = make_indicator(
        CODE, [province, sex], periodicity=1, name_fa="حوادث آزموده", name_en="Attacked accidents", unit_fa="نفر"
    )
    truth = {YEAR: _table(3), "1401": _table(4)}
    for period, cells in truth.items():
        for (p, s), value in cells.items():
            add_observation(indicator, period, [p, s], value, count=value)
    index = IndicatorIndexPage(title="نماگرها", slug="indicators")
    home_fa.add_child(instance=index)
    index.save_revision().publish()
    table = table_value(CODE, rows="province", columns="sex", periods=YEAR)
    book = yearbook(publications_index(home_fa), chapters=[("حوادث", [block("table", table, "tbl-1")])])
    labels = {
        lst: {label: code for code, label in Code.objects.filter(code_list__code=lst).values_list("code", "label_fa")}
        for lst in ("province", "sex")
    }
    cache.clear()
    return SimpleNamespace(truth=truth[YEAR], chapter=book.get_children().first().specific, labels=labels)


def _number(text):
    text = (text or "").strip().translate(PERSIAN_DIGITS)
    try:
        return float(text)
    except ValueError:
        return None  # «..», «…», «-», flags: not a published figure


class _Tables(HTMLParser):
    """Every <table>'s rows as lists of cell texts (th and td)."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._rows = self.tables.setdefault(attrs.get("id") or attrs.get("data-testid") or len(self.tables), [])
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._rows[-1].append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def _grid(rows, labels, world):
    """A table of province rows × sex columns (labels in the first row and
    column) as {(province, sex): value or None}."""
    provinces, sexes = world.labels["province"], world.labels["sex"]
    header = [sexes.get(h) for h in rows[0]]
    out = {}
    for row in rows[1:]:
        province = provinces.get(row[0]) if labels else row[0]
        for sex, text in zip(header, row, strict=False):
            if province and sex:
                out[(province, sex)] = _number(text)
    return out


def _long(rows, world):
    """The table builder's rows (province, sex, value), labels as shown."""
    provinces, sexes = world.labels["province"], world.labels["sex"]
    return {(provinces[r[0]], sexes[r[1]]): _number(r[2]) for r in rows[1:]}


def _html_tables(response):
    assert response.status_code == 200
    parser = _Tables()
    parser.feed(response.content.decode())
    return parser.tables


def _coded(rows):
    """Downloads with codes: a «province» column, then value columns «label [code]»."""
    header_at = next(n for n, row in enumerate(rows) if row and row[0] == "province")
    header = rows[header_at]
    sexes = {n: h.rsplit("[", 1)[1].rstrip("]") for n, h in enumerate(header) if str(h).endswith("]")}
    return {
        (row[0], sex): _number(str(row[n]) if row[n] is not None else "")
        for row in rows[header_at + 1 :]
        if row and row[0]
        for n, sex in sexes.items()
    }


def _labelled_csv(text, world):
    """A publication's CSV: a title line, then «province label, sex labels…»."""
    rows = list(csv.reader(io.StringIO(text)))
    header_at = next(n for n, row in enumerate(rows) if row and row[0] == "استان")
    return _grid(rows[header_at:], True, world)


def _channels(client, world):
    page = f"/fa/indicators/{CODE}/"
    yield "indicator page", _grid(_html_tables(client.get(page, {"period": YEAR}))["province-table"], True, world)
    download = f"{page}download/%s/?table=provinces&period={YEAR}"
    text = client.get(download % "csv").content.decode("utf-8-sig")
    yield "indicator CSV", _coded(list(csv.reader(io.StringIO(text))))
    book = load_workbook(io.BytesIO(client.get(download % "xlsx").content))
    yield "indicator XLSX", _coded([[c.value for c in row] for row in book.active.iter_rows()])
    chapter_tables = _html_tables(client.get(world.chapter.url))
    yield "yearbook chapter", _grid(next(iter(chapter_tables.values())), True, world)
    text = client.get(f"/fa/publications/data/{world.chapter.pk}/tbl-1.csv").content.decode("utf-8-sig")
    yield "yearbook chapter CSV", _labelled_csv(text, world)
    query = {"indicator": CODE, "from": YEAR, "to": YEAR}
    yield "table builder", _long(_html_tables(client.get("/fa/tables/", query))["built-table"], world)
    # Two overlapping questions, one sex at a time: the same cells hidden.
    women = _long(_html_tables(client.get("/fa/tables/", {**query, "sex": "F"}))["built-table"], world)
    rest = _long(_html_tables(client.get("/fa/tables/", {**query, "sex": ["M", "T"]}))["built-table"], world)
    yield "table builder, one sex at a time", women | rest


def _attack(truth, published, name):
    """[(cell, value, low, high)] for small cells the attacker pins down too closely."""
    keys = sorted(truth)
    values = [truth[k] for k in keys]
    assert set(published) == set(keys), f"{name}: the answer lacks or adds cells"
    hidden = {n for n, k in enumerate(keys) if published[k] is None}
    small = {n for n, k in enumerate(keys) if truth[k] < 3}
    assert small and small <= hidden, f"{name}: a small cell is published"
    for n, k in enumerate(keys):  # what is published is the true figure
        if n not in hidden:
            assert published[k] == pytest.approx(values[n]), (name, k)
    return [(keys[c], v, low, high) for c, v, low, high in exposed(values, hidden, _relations(keys), sensitive=small)]


@pytest.fixture
def builder(home_pages):
    from demo import tables as demo

    demo.load(SimpleNamespace(home_fa=home_pages[0]))


def test_no_url_gives_a_small_cell_back(client, world, builder):
    names = []
    for name, published in _channels(client, world):
        assert _attack(world.truth, published, name) == [], name
        names.append(name)
    assert len(names) == 7


def test_every_url_gives_cells_back_without_secondary_suppression(client, world, builder, monkeypatch):
    from indicators.disclosure import apply

    monkeypatch.setattr(apply, "protect", lambda values, primary, *args, **kwargs: set(primary))
    cache.clear()
    for name, published in _channels(client, world):
        found = _attack(world.truth, published, name)
        # Recovered to the unit: a total minus its published parts.
        assert any(abs(high - low) < 1e-6 and low == pytest.approx(value) for _k, value, low, high in found), name


def test_every_table_explains_a_hidden_cell_in_the_same_words(client, world, builder):
    """indicators.disclosure.FOOTNOTE, the one wording for small and complementary
    cells alike, on the indicator page, the yearbook table and the table builder."""
    from django.utils import translation

    from indicators.disclosure import FOOTNOTE

    urls = {
        "fa": [f"/fa/indicators/{CODE}/?period={YEAR}", world.chapter.url, f"/fa/tables/?indicator={CODE}"],
        "en": [f"/en/tables/?indicator={CODE}"],
    }
    for lang, pages in urls.items():
        with translation.override(lang):
            wording = str(FOOTNOTE)
        for url in pages:
            assert wording in client.get(url).content.decode(), url
    assert "figure cannot be worked out from the totals" in wording
