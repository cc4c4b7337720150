"""StreamField values for publications, for the demo and the tests: a block
with a stable id, tables, charts and headline figures drawn from indicators,
and the demo's own labelled text."""

import uuid


def block(block_type, value, block_id=None):
    return {"type": block_type, "value": value, "id": block_id or str(uuid.uuid4())}


def table_value(
    indicator, *, rows="period", columns="", periods="1401..1402", filters=None, title="", notes="", source=""
):
    return {
        "title": title,
        "indicator": indicator,
        "rows": rows,
        "columns": columns,
        "periods": periods,
        "filters": [{"dimension": d, "codes": ",".join(c)} for d, c in (filters or {}).items()],
        "notes": notes,
        "source": source,
    }


def chart_value(
    indicator,
    *,
    x_axis="period",
    series="",
    periods="1401..1402",
    filters=None,
    title="",
    description="A chart.",
    chart_type="line",
):
    return {
        "title": title,
        "indicator": indicator,
        "chart_type": chart_type,
        "x_axis": x_axis,
        "series": series,
        "periods": periods,
        "filters": [{"dimension": d, "codes": ",".join(c)} for d, c in (filters or {}).items()],
        "description": description,
        "source": "",
    }


def headline_value(indicator, figure_id, *, period="", compare="previous", filters=None, label=""):
    return {
        "figure_id": figure_id,
        "label": label,
        "indicator": indicator,
        "period": period,
        "compare": compare,
        "filters": [{"dimension": d, "codes": ",".join(c)} for d, c in (filters or {}).items()],
        "commentary": "",
    }


SOURCE_FA = "درگاه آمار وزارت تعاون، کار و رفاه اجتماعی (داده‌های نمایشی)"
SOURCE_EN = "Statistics portal of the Ministry of Cooperatives, Labour and Social Welfare (demo data)"
DEMO_NOTICE_FA = "<p>ارقام این نشریه در نسخهٔ نمایشی ساختگی هستند و رسمی نیستند.</p>"
DEMO_NOTICE_EN = "<p>The figures in this publication are made up for the demo and are not official.</p>"

EN = {SOURCE_FA: SOURCE_EN, DEMO_NOTICE_FA: DEMO_NOTICE_EN}


def block_id(name):
    """Stable block ids, so that download links survive a reload of the demo."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"publications-demo/{name}"))


def tr(fa, en):
    EN[fa] = en
    return fa


def table_block(name, indicator, title_fa, title_en, **kwargs):
    value = table_value(indicator, title=tr(title_fa, title_en), source=SOURCE_FA, **kwargs)
    return block("table", value, block_id(name))


def chart_block(name, indicator, title_fa, title_en, desc_fa, desc_en, **kwargs):
    value = chart_value(indicator, title=tr(title_fa, title_en), description=tr(desc_fa, desc_en), **kwargs)
    value["source"] = SOURCE_FA
    return block("chart", value, block_id(name))


def text_block(name, fa, en):
    return block("text", tr(fa, en), block_id(name))


def heading_block(name, fa, en):
    return block("heading", tr(fa, en), block_id(name))


def notice_block():
    return block("notice", {"kind": "warning", "text": DEMO_NOTICE_FA}, block_id("notice"))


IR = {"province": ["IR"]}
