"""Disclosure control of published cells: primary and secondary suppression.

Primary: a cell counted from fewer units than the indicator's threshold (or
flagged «suppressed» by the import) is not published.

Secondary (complementary): a published total minus its published parts would
give a hidden cell back, so more cells of the same additive relations (rows,
columns, hierarchy levels, totals) are hidden until no hidden cell can be
pinned down closer than its protection interval — ±20 % of its value or ±3
units, whichever is wider (settings; the complementary cells too when
INDICATORS_PROTECT_COMPLEMENTARY is on) — by anyone who solves the linear
program of everything published. The complementary cells are chosen by a
linear program (HiGHS, through `highspy`), one per primary cell and direction
still unprotected: find the cheapest change of the table that moves the
primary cell by its protection and keeps every relation (and every cell ≥ 0);
every published cell that change touches is suppressed. This is the
incremental heuristic of Fischetti and Salazar, also behind τ-Argus' optimal
method, with costs per unit of change equal to the cells' values (default) or
1 (the number of cells).

The pattern is always computed on the FULL public table of one indicator and
one period (every dimension, totals included), then sliced, so the page, the
downloads, the API, publications and the table builder, whatever they filter,
show the same cells hidden. docs/confidentiality.md says how far that goes.
"""

from .apply import BOX_ABOVE, BatchHierarchies, hierarchies_for, suppressed_cells, table_patterns
from .lookup import patterns, suppressed_by_period
from .lp import TOLERANCE, protect
from .relations import Hierarchy, relations
from .rules import FOOTNOTE, SYMBOL, Protection, counts_expected, infer_counts, is_primary, primary_positions

__all__ = [
    "BOX_ABOVE",
    "FOOTNOTE",
    "SYMBOL",
    "TOLERANCE",
    "BatchHierarchies",
    "Hierarchy",
    "Protection",
    "counts_expected",
    "hierarchies_for",
    "infer_counts",
    "is_primary",
    "patterns",
    "primary_positions",
    "protect",
    "relations",
    "suppressed_by_period",
    "suppressed_cells",
    "table_patterns",
]
