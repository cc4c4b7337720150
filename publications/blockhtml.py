"""The HTML of the table and chart blocks, written out in Python (issue 13, cold pages).

Rendering `publications/blocks/table.html` and `chart.html` once a block cost
a copy of the page's whole context, a template context and a variable lookup
per tag; a chapter shows several. These functions write what those templates
render, byte for byte (same text, same escaping). The templates stay as the
reference: tests/publications/test_block_html.py renders both and compares."""

from django.urls import reverse
from django.utils.html import conditional_escape, json_script
from django.utils.translation import gettext

e = conditional_escape


def _download_url(page_pk, block_id, fmt) -> str:
    return e(reverse("publications:block_download", args=[page_pk, block_id, fmt]))


def _caption(table) -> str:
    unit = f'<span class="stat-unit">({e(gettext("unit"))}: {e(table.unit)})</span>' if table.unit else ""
    return (
        f'\n    <figcaption class="stat-title">\n      <span class="table-title">{e(table.title)}</span>\n'
        f"      {unit}\n    </figcaption>\n    "
    )


def _head_and_body(table, indent, default_label=False) -> tuple[str, list[str]]:
    """The <th> cells of the columns and each body row's <tr> (after its indent)."""
    columns = "".join(f'<th scope="col" class="num">{e(label)}</th>' for _code, label in table.columns)
    rows = []
    for label, cells, is_total in table.html_body:
        if default_label and not label:
            label = table.title
        total = ' class="total"' if is_total else ""
        rows.append(f'{indent}<tr{total}><th scope="row">{e(label)}</th>{cells}</tr>')
    return columns, rows


def _symbols(table) -> str:
    used = table.symbols_used
    if not used:
        return ""
    items = " · ".join(
        f'<span class="symbol-item"><code>{e(symbol)}</code> {e(meaning)}</span>' for symbol, meaning in used
    )
    return f'\n        <p class="symbols"><strong>{e(gettext("Symbols"))}:</strong>\n          {items}</p>\n      '


def table_block_html(value, table, error, block_id, page) -> str:
    """What publications/blocks/table.html renders for this block's context."""
    out = [f'\n<figure class="stat-table" id="block-{e(block_id)}">\n  ']
    if error:
        out.append(
            f'\n    <figcaption class="stat-title">{e(value.get("title", ""))}</figcaption>\n'
            f'    <p class="notice notice-warning">{e(gettext("This table cannot be shown."))} '
            f'<span class="muted">{e(error)}</span></p>\n  '
        )
    else:
        out.append(_caption(table))
        if table.unavailable:
            out.append(f'\n      <p class="notice">{e(table.unavailable)}</p>\n    ')
        else:
            columns, rows = _head_and_body(table, "\n              ")
            title = e(table.title)
            out.append(
                f'\n      <div class="table-scroll" role="region" aria-label="{title}" tabindex="0">\n'
                '        <table class="data-table">\n          <thead>\n            <tr>\n'
                f'              <th scope="col">{e(table.row_axis_label)}</th>\n'
                f"              {columns}\n            </tr>\n          </thead>\n          <tbody>\n            "
            )
            out.extend(f"{row}\n            " for row in rows)
            out.append("\n          </tbody>\n        </table>\n      </div>\n    ")
        notes = f"<p><strong>{e(gettext('Notes'))}:</strong> {e(table.notes)}</p>" if table.notes else ""
        source = f"<p><strong>{e(gettext('Source'))}:</strong> {e(table.source)}</p>" if table.source else ""
        out.append(
            f'\n    <div class="stat-notes">\n      {notes}\n      {source}\n      {_symbols(table)}\n    </div>\n    '
        )
        page_pk = getattr(page, "pk", None)
        if block_id and page_pk and not table.unavailable:
            title = e(table.title)
            out.append(
                '\n      <p class="downloads no-print">\n'
                f'        <a class="download" href="{_download_url(page_pk, block_id, "csv")}" download>'
                f'{e(gettext("CSV"))}<span class="visually-hidden"> — {title}</span></a>\n'
                f'        <a class="download" href="{_download_url(page_pk, block_id, "xlsx")}" download>'
                f'{e(gettext("XLSX"))}<span class="visually-hidden"> — {title}</span></a>\n'
                "      </p>\n    "
            )
        out.append("\n  ")
    out.append("\n</figure>\n")
    return "".join(out)


def chart_block_html(value, table, error, block_id, page, chart_json=None, chart_data_id="") -> str:
    """What publications/blocks/chart.html renders for this block's context."""
    out = [f'\n<figure class="stat-chart" id="block-{e(block_id)}">\n  ']
    if error:
        out.append(
            f'\n    <p class="notice notice-warning">{e(gettext("This chart cannot be shown."))} '
            f'<span class="muted">{e(error)}</span></p>\n  '
        )
    else:
        out.append(_caption(table))
        empty = False
        if table.unavailable:
            out.append(f'\n      <p class="notice">{e(table.unavailable)}</p>\n    ')
        elif table.is_empty:
            empty = True
            no_figures = e(gettext("There are no published figures for this chart yet."))
            out.append(f'\n      <p class="notice">{no_figures}</p>\n    ')
        else:
            bid = e(block_id)
            title = e(table.title)
            data_title = e(gettext("The data in this chart"))
            columns, rows = _head_and_body(table, "\n                ", default_label=True)
            out.append(
                f'\n      <p class="chart-description" id="desc-{bid}">{e(value.get("description", ""))}</p>\n'
                '      <div class="chart-box">\n'
                f'        <canvas role="img" aria-label="{title}" aria-describedby="desc-{bid}" '
                f'data-chart="chart-data-{bid}"></canvas>\n      </div>\n'
                f"      {json_script(chart_json, chart_data_id)}\n"
                '      <details class="chart-data">\n'
                f"        <summary>{data_title}</summary>\n"
                f'        <div class="table-scroll" tabindex="0" role="region" aria-label="{data_title}">\n'
                '          <table class="data-table">\n'
                f'            <thead><tr><th scope="col">{e(table.row_axis_label)}</th>{columns}</tr></thead>\n'
                "            <tbody>\n              "
            )
            out.extend(f"{row}\n              " for row in rows)
            out.append("\n            </tbody>\n          </table>\n        </div>\n      </details>\n    ")
        source = (
            f'<p class="stat-notes"><strong>{e(gettext("Source"))}:</strong> {e(table.source)}</p>'
            if table.source
            else ""
        )
        out.append(f"\n    {source}\n    ")
        page_pk = getattr(page, "pk", None)
        if block_id and page_pk and not table.unavailable and not empty:
            out.append(
                '\n      <p class="downloads no-print">\n'
                f'        <a class="download" href="{_download_url(page_pk, block_id, "csv")}" download>'
                f'{e(gettext("Chart data (CSV)"))}<span class="visually-hidden"> — {e(table.title)}</span></a>\n'
                "      </p>\n    "
            )
        out.append("\n  ")
    out.append("\n</figure>\n")
    return "".join(out)
