"""The catalog listing's rows written out in Python, once a request (issue 13,
cold pages).

The listing's loop rendered five `{% translate %}` tags, four `get_FOO_display`
calls (each translating a lazy label), `truncatewords`, `jdate` and
`local_digits` for each dataset. Here the labels are translated once for the
page and each row is one string. `catalog/includes/dataset_row.html` is the
loop's body as it was, kept as the reference: tests/catalog/test_dataset_row_html.py
renders both and compares them byte for byte."""

from html import escape as _escape

from django.template.defaultfilters import truncatewords
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from iran.templatetags.iran import jdate, local_digits

from .models.datasets import Dataset


def escape(text) -> str:
    """django.utils.html.escape (the same html.escape) without its lazy-string wrapper."""
    return _escape(str(text))


def _choices(name):
    return {code: str(label) for code, label in Dataset._meta.get_field(name).flatchoices}


def dataset_rows(datasets, page_url) -> list[str]:
    """The HTML of each dataset's item of the listing (`datasets` carry `n_variables`)."""
    organisations, units = _choices("organisation"), _choices("unit")
    periodicities, access_levels = _choices("periodicity"), _choices("access_level")
    demo = f' <span class="demo-label">{escape(gettext("demo"))}</span>'
    t_org, t_unit = escape(gettext("Organisation")), escape(gettext("Unit"))
    t_periodicity, t_update = escape(gettext("Periodicity")), escape(gettext("Last update"))
    t_variables = escape(gettext("Variables"))
    base = escape(page_url)
    rows = []
    for ds in datasets:
        organisation = escape(organisations.get(ds.organisation, ds.organisation))
        periodicity = escape(periodicities.get(ds.periodicity, ds.periodicity))
        rows.append(
            mark_safe(
                f'\n          <li class="dataset-item">\n'
                f'            <h2><a href="{base}{escape(ds.slug)}/">{escape(ds.title)}</a>'
                f"{demo if ds.is_demo else ''}</h2>\n"
                f"            <p>{escape(truncatewords(ds.description, 40))}</p>\n"
                f'            <dl class="dataset-meta">\n'
                f"              <div><dt>{t_org}</dt><dd>{organisation}</dd></div>\n"
                f"              <div><dt>{t_unit}</dt><dd>{escape(units.get(ds.unit, ds.unit))}</dd></div>\n"
                f"              <div><dt>{t_periodicity}</dt><dd>{periodicity}</dd></div>\n"
                f"              <div><dt>{t_update}</dt><dd>{escape(jdate(ds.last_updated))}</dd></div>\n"
                f"              <div><dt>{t_variables}</dt><dd>{escape(local_digits(ds.n_variables))}</dd></div>\n"
                f"            </dl>\n"
                f'            <span class="badge access-{escape(ds.access_level)}">'
                f"{escape(access_levels.get(ds.access_level, ds.access_level))}</span>\n"
                f"          </li>\n        "
            )
        )
    return rows
