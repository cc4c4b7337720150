"""Disclosure control applied to indicators: the full public table of one
indicator and one period is read, its pattern computed (and cached), then
every reader slices it."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Sequence

from ..models.codes import Code
from .lp import protect
from .relations import Hierarchy, relations
from .rules import Protection, primary_positions

BOX_ABOVE = 2000  # cells: bigger tables are protected box by box (lp._Boxes)


# Indicators: the full table of one indicator and one period
def hierarchies_for(indicator) -> list[Hierarchy]:
    lists = indicator.dimension_lists
    parents: dict[int, dict[str, str | None]] = {cl.pk: {} for cl in lists}
    for list_id, code, parent in Code.objects.filter(code_list__in=[cl.pk for cl in lists]).values_list(
        "code_list_id", "code", "parent__code"
    ):
        parents[list_id][code] = parent
    return [Hierarchy(parents[cl.pk], cl.total_code or "") for cl in lists]


def suppressed_cells(indicator, records, hierarchies=None, protection: Protection | None = None) -> set[tuple]:
    """The dimension-code tuples to hide in ONE period's full public table.

    `records`: (codes tuple, value, count, flags frozenset) for every public
    observation of the indicator in that period."""
    protection = protection or Protection.from_settings()
    cells = [(tuple(codes), value, count, flags) for codes, value, count, flags in records]
    if not primary_positions(indicator, cells):
        return set()  # inferring the totals' counts can only clear cells, never add one
    hierarchies = hierarchies if hierarchies is not None else hierarchies_for(indicator)
    cache_key = _cache_key(indicator, cells, protection, hierarchies)
    hit = _cache_get(cache_key)
    if hit is not None:
        return hit
    keys = [codes for codes, *_rest in cells]
    primary = primary_positions(indicator, cells, relations(keys, hierarchies))
    if not primary or not getattr(indicator, "is_additive", True):
        # Rates and averages: parts do not add up, nothing to subtract.
        result = {keys[i] for i in primary}
        _cache_set(cache_key, result)
        return result
    known = [i for i, (_c, value, *_r) in enumerate(cells) if value is not None or i in primary]
    known_keys = [keys[i] for i in known]
    values = [float(cells[i][1]) if cells[i][1] is not None else 0.0 for i in known]
    position = {i: n for n, i in enumerate(known)}
    hidden = protect(
        values,
        [position[i] for i in primary],
        relations(known_keys, hierarchies),
        protection,
        # Small tables: one LP over the whole table (fewest cells lost); big ones: boxes (fast).
        keys=known_keys if len(known_keys) > BOX_ABOVE else None,
    )
    result = {known_keys[n] for n in hidden}
    _cache_set(cache_key, result)
    return result


def disclosure_card(indicator) -> tuple:
    """What of an indicator's card a pattern depends on (a part of every cache key)."""
    return (
        indicator.pk,
        indicator.threshold,
        getattr(indicator, "suppression_threshold", None),
        getattr(indicator, "is_additive", True),
    )


def hierarchy_key(hierarchies) -> str:
    """What of the code lists' hierarchies a pattern depends on (a part of every
    cache key): each code's parent and each list's total. A code moved under
    another parent, or a total code set, changes which cells add up to which, and
    so which cells must be hidden with a small one."""
    if isinstance(hierarchies, _LazyHierarchies):
        return hierarchies.key()  # worked out once for a batch's indicator
    lists = [(sorted(h.parents.items()), h.total) for h in hierarchies]
    return hashlib.blake2b(repr(lists).encode(), digest_size=16).hexdigest()


def _cache_key(indicator, cells, protection, hierarchies) -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((disclosure_card(indicator), protection, hierarchy_key(hierarchies))).encode())
    for codes, value, count, flags in sorted(cells, key=lambda c: c[0]):
        digest.update(repr((codes, str(value), count, sorted(flags))).encode())
    return "disclosure:3:" + digest.hexdigest()


def _cache_get(key):
    from django.core.cache import cache

    try:
        found = cache.get(key)
    except Exception:  # a cache that is down costs time, never correctness
        return None
    return None if found is None else {tuple(k) for k in found}


def _cache_set(key, result):
    from django.core.cache import cache

    with contextlib.suppress(Exception):  # a cache that is down costs time, never correctness
        cache.set(key, sorted(result), 24 * 3600)


def table_patterns(indicator, records_by_period: dict[str, list]) -> dict[str, set[tuple]]:
    """{period: hidden code tuples} from rows already read (see suppressed_cells)."""
    hierarchies = None
    out = {}
    for period, records in records_by_period.items():
        if not primary_positions(indicator, records):
            out[period] = set()
            continue
        if hierarchies is None:
            hierarchies = hierarchies_for(indicator)
        out[period] = suppressed_cells(indicator, records, hierarchies)
    return out


class BatchHierarchies:
    """The code lists' hierarchies of a batch of indicators, read in one query for
    the whole batch and only when disclosure control needs them (not when its
    pattern is already cached)."""

    def __init__(self, indicators):
        self.lists = {cl.pk for indicator in indicators for cl in indicator.dimension_lists}
        self.parents: dict[int, dict[str, str | None]] | None = None

    def of(self, indicator) -> Sequence:
        return _LazyHierarchies(self, indicator)

    def read(self):
        if self.parents is None:
            self.parents = {pk: {} for pk in self.lists}
            codes = Code.objects.filter(code_list__in=self.lists)
            for list_id, code, parent in codes.values_list("code_list_id", "code", "parent__code"):
                self.parents[list_id][code] = parent
        return self.parents


class _LazyHierarchies(Sequence):
    """`hierarchies_for(indicator)`, read on first use."""

    def __init__(self, batch, indicator):
        self.batch, self.indicator, self.items, self._key = batch, indicator, None, None

    def key(self) -> str:
        """`hierarchy_key` of these hierarchies, worked out once."""
        if self._key is None:
            self._key = hierarchy_key(self._items())
        return self._key

    def _items(self):
        if self.items is None:
            parents = self.batch.read()
            self.items = [Hierarchy(parents[cl.pk], cl.total_code or "") for cl in self.indicator.dimension_lists]
        return self.items

    def __getitem__(self, index):
        return self._items()[index]

    def __len__(self):
        return len(self.indicator.dimension_lists)
