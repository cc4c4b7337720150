"""The observations a publication page shows, read once per page through
`indicators.query` (only public rows, disclosure control applied there), so
the number of queries does not grow with the number of tables."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.language import normalise
from indicators import query

from .specs import PERIOD_AXIS


class ObservationStore:
    """Observations of the indicators a page shows, fetched once per page.

    `prefetch` reads every wanted indicator's public observations in ONE query
    (plus one for the indicators and their dimensions), whatever the number of
    blocks; code labels and code-list names are read in one query each."""

    def __init__(self, now=None, lang="fa"):
        self.now = now or timezone.now()
        self.lang = normalise(lang)
        self._indicators: dict[str, object] = {}
        self._rows: dict[str, list] = {}
        self._planned: dict[str, frozenset] = {}  # indicator code -> the Cells read (absent: read whole)
        self._labels: dict[tuple[str, str], dict[str, str]] = {}
        self._list_names: dict[str, str] = {}

    # -- indicators ---------------------------------------------------
    def load_indicators(self, codes):
        missing = {c for c in codes if c and c not in self._indicators}
        if not missing:
            return
        found = query.indicators_by_code(missing)
        for indicator in found.values():
            for code_list in indicator.dimension_lists:
                self._list_names.setdefault(code_list.code, code_list.name(self.lang))
        for code in missing:
            self._indicators[code] = found.get(code)

    def indicator(self, code):
        self.load_indicators([code])
        return self._indicators.get(code)

    # -- observations ---------------------------------------------------
    def prefetch(self, indicator_codes, cells=None):
        """Fetch, in one query, the public observations of these indicators.

        `cells` ({indicator code: [specs.Cells]}, what the page's blocks show):
        only those cells of an indicator are read; a block that asks for
        others (`require`) has its indicator read whole."""
        codes = list(dict.fromkeys(c for c in indicator_codes if c))
        self.load_indicators(codes)
        wanted = [self._indicators[c] for c in codes if self._indicators.get(c) and c not in self._rows]
        if not wanted:
            return
        keep = {}
        for indicator in wanted:
            planned = (cells or {}).get(indicator.code)
            if planned is not None and all(c.periods or c.filters for c in planned):
                keep[indicator.code] = query.Keep(self._cells_q(indicator, planned))
                self._planned[indicator.code] = frozenset(planned)
        rows = query.get_observations_many(wanted, now=self.now, keep=keep)
        for indicator in wanted:
            self._rows[indicator.code] = rows.get(indicator.code, [])
        self.prefetch_labels({dim for indicator in wanted for dim in indicator.dimension_codes})

    @staticmethod
    def _cells_q(indicator, planned):
        q = Q(pk__in=[])
        for cells in planned:
            q |= query.cells_q(indicator, cells.periods, dict(cells.filters))
        return q

    def require(self, indicator_code, cells):
        """Make sure the rows of an indicator hold these cells: when the prefetch
        read only other blocks' cells, they are dropped and the indicator read whole."""
        planned = self._planned.get(indicator_code)
        if planned is not None and cells not in planned:
            self._rows.pop(indicator_code, None)
            del self._planned[indicator_code]

    def rows(self, indicator_code):
        if indicator_code not in self._rows:
            self.prefetch([indicator_code])
        return self._rows.get(indicator_code, [])

    def labels(self, code_list: str) -> dict[str, str]:
        if (code_list, self.lang) not in self._labels:
            self.prefetch_labels([code_list])
        return self._labels[(code_list, self.lang)]

    def prefetch_labels(self, code_lists):
        wanted = [c for c in dict.fromkeys(code_lists) if c and (c, self.lang) not in self._labels]
        for code_list, labels in query.labels_for(wanted, self.lang).items():
            self._labels[(code_list, self.lang)] = labels

    def axis_label(self, axis) -> str:
        if not axis:
            return ""
        if axis == PERIOD_AXIS:
            return _("Period")
        return self._list_names.get(axis, axis)
