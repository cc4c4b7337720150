"""Choices offered to editors in the statistical blocks: indicators and code
lists, read when the editor's form is built."""

import contextlib

from django.db.utils import DatabaseError
from django.utils.translation import gettext as _

from indicators.models import CodeList, Indicator

from .specs import PERIOD_AXIS


def indicator_choices():
    try:
        return [(i.code, f"{i.code} — {i.name('fa')}") for i in Indicator.objects.order_by("code")]
    except DatabaseError:  # no table yet (during migrations)
        return []


def axis_choices():
    choices = [(PERIOD_AXIS, _("Period"))]
    with contextlib.suppress(DatabaseError):  # no table yet (during migrations)
        choices += [(c.code, f"{c.name('fa')} ({c.code})") for c in CodeList.objects.order_by("code")]
    return choices


def dimension_choices():
    return [c for c in axis_choices() if c[0] != PERIOD_AXIS]
