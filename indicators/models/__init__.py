"""Code lists, indicators with their identity cards, observations and imports.

Observations are stored narrow and fast to write in bulk: the Jalali period as
its canonical code plus two sortable month indexes (for range filters across
periodicities), and one code string per dimension (`d1`…`d5`, in the order of
the indicator's dimensions; "" when the indicator has fewer dimensions).
Codes are validated against their code lists at import time."""

from ..enums import FLAGS
from .codes import Code, CodeList
from .indicators import Indicator, IndicatorDimension
from .observations import DIMENSION_FIELDS, MAX_DIMENSIONS, ImportBatch, Observation, period_bounds
from .pages import DashboardPage, IndicatorIndexPage
from .writes import WriteToken, data_state

__all__ = [
    "DIMENSION_FIELDS",
    "FLAGS",
    "MAX_DIMENSIONS",
    "Code",
    "CodeList",
    "DashboardPage",
    "ImportBatch",
    "Indicator",
    "IndicatorDimension",
    "IndicatorIndexPage",
    "Observation",
    "WriteToken",
    "data_state",
    "period_bounds",
]
