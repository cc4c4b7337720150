"""The LP attack over the demo, through real URLs.

The demo's workplace accidents (31 provinces × sex with every total, 42
months, counted from units: the value is the count) has small cells. The
published answers of the API (JSON, CSV, and a query sliced to one sex) are
parsed as the public gets them and handed to the independent attacker
(tests/disclosure_attack.py): no small cell may be pinned down closer than its
protection interval. With secondary suppression switched off (primary only,
the behaviour before #18) the same attack recovers cells: the test can fail."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache

from demo.indicators import INDICATORS, demo_csv, ensure_indicator
from indicators.codelists import PROVINCES
from tests.disclosure_attack import exposed

pytestmark = pytest.mark.django_db

CODE = "workplace-accidents"
SPEC = next(spec for spec in INDICATORS if spec["code"] == CODE)
PROVINCE_CODES = [code for code, _fa, _en in PROVINCES]
API = f"/api/v1/observations?indicator={CODE}&page_size=5000"


@pytest.fixture
def truth():
    """The demo table as imported: {period: {(province, sex): value}} (value = count)."""
    from indicators.codelists import ensure_code_lists
    from indicators.importer import run_import

    ensure_code_lists()
    indicator = ensure_indicator(SPEC, 0)
    text = demo_csv(SPEC)
    report = run_import(io.BytesIO(text.encode()), indicator=indicator, name="demo.csv")
    assert report.ok, report.as_text()
    cache.clear()
    out: dict[str, dict[tuple, float]] = {}
    for row in csv.DictReader(io.StringIO(text)):
        out.setdefault(row["period"], {})[(row["province"], row["sex"])] = float(row["value"])
    return out


def _relations(keys):
    """Written by hand: each province's (and Iran's) sexes add up to both
    sexes; each sex's provinces add up to Iran."""
    at = {key: n for n, key in enumerate(keys)}
    rows = [(at[(p, "T")], [at[(p, "M")], at[(p, "F")]]) for p in [*PROVINCE_CODES, "IR"]]
    columns = [(at[("IR", s)], [at[(p, s)] for p in PROVINCE_CODES]) for s in ("M", "F", "T")]
    return rows + columns


def _from_json(client, url):
    body = client.get(url).json()
    assert body["count"] <= 5000
    return {
        (r["period"], r["codes"]["province"], r["codes"]["sex"]): (None if r["value"] is None else float(r["value"]))
        for r in body["results"]
    }


def _from_csv(client, url):
    text = client.get(url).content.decode("utf-8-sig")
    return {
        (r["period"], r["province"], r["sex"]): (float(r["value"]) if r["value"] else None)
        for r in csv.DictReader(io.StringIO(text))
    }


def _attack(truth, published):
    """[(period, cell, value, low, high)] for small cells pinned down too closely."""
    found = []
    for period, cells in truth.items():
        keys = sorted(cells)
        values = [cells[k] for k in keys]
        seen = {k: published.get((period, *k), "absent") for k in keys}
        assert "absent" not in seen.values(), f"{period}: the answer lacks cells"
        hidden = {n for n, k in enumerate(keys) if seen[k] is None}
        small = {n for n, k in enumerate(keys) if cells[k] < 3}
        assert small <= hidden, f"{period}: a small cell is published"
        for n, k in enumerate(keys):  # what is published is the true figure
            if n not in hidden:
                assert seen[k] == pytest.approx(values[n])
        for cell, value, low, high in exposed(values, hidden, _relations(keys), sensitive=small):
            found.append((period, keys[cell], value, low, high))
    return found


def _channels(client):
    yield "API JSON", _from_json(client, API)
    yield "API CSV", _from_csv(client, API + "&format=csv")
    # A slice: the pattern is the full table's, so the hidden cells are the same.
    women = _from_json(client, API + "&sex=F")
    rest = _from_json(client, API + "&sex=M,T")
    yield "API JSON, one sex at a time", women | rest


def test_the_demo_has_small_cells(truth):
    assert sum(1 for cells in truth.values() for v in cells.values() if v < 3) > 20


def test_no_channel_gives_a_small_demo_cell_back(client, truth):
    for name, published in _channels(client):
        assert _attack(truth, published) == [], name


def test_with_primary_suppression_only_the_attack_succeeds(client, truth, monkeypatch):
    from indicators.disclosure import apply

    monkeypatch.setattr(apply, "protect", lambda values, primary, *args, **kwargs: set(primary))
    cache.clear()
    found = _attack(truth, _from_json(client, API))
    assert found
    # Recovered to the unit: a total minus its published parts.
    assert any(abs(high - low) < 1e-6 and low == pytest.approx(value) for _p, _k, value, low, high in found)
