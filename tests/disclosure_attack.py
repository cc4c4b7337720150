"""The attacker of published tables: a linear program over everything published.

Given the published cells (values), the hidden ones, the additive relations
and the knowledge that counts are never negative, HiGHS computes each hidden
cell's smallest and largest possible value. A table is protected when every
hidden cell's range reaches at least its protection interval on both sides
(down to zero at most). Written apart from indicators.disclosure on purpose:
it shares no code with what it attacks."""

from __future__ import annotations

import highspy
import numpy as np


def feasible_ranges(values, hidden, relations, nonnegative=True, only=None):
    """{hidden cell: (lowest, highest)} that agree with all published cells and
    relations (for the hidden cells in `only`, or all)."""
    hidden = sorted(hidden)
    column = {cell: n for n, cell in enumerate(hidden)}
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    lower = 0.0 if nonnegative else -inf
    for _cell in hidden:
        h.addVar(lower, inf)
    for total, parts in relations:
        terms = [(total, 1.0)] + [(part, -1.0) for part in parts]
        known = sum(coef * float(values[c]) for c, coef in terms if c not in column)
        unknown = [(column[c], coef) for c, coef in terms if c in column]
        if not unknown:
            continue
        idx = np.array([i for i, _ in unknown], dtype=np.int32)
        val = np.array([c for _, c in unknown], dtype=float)
        h.addRow(-known, -known, len(idx), idx, val)
    ranges = {}
    for cell, n in column.items():
        if only is not None and cell not in only:
            continue
        bounds = []
        for sense in (highspy.ObjSense.kMinimize, highspy.ObjSense.kMaximize):
            costs = np.zeros(len(hidden))
            costs[n] = 1.0
            h.changeColsCost(len(hidden), np.arange(len(hidden), dtype=np.int32), costs)
            h.changeObjectiveSense(sense)
            h.run()
            status = h.getModelStatus()
            if status == highspy.HighsModelStatus.kOptimal:
                bounds.append(h.getInfo().objective_function_value)
            elif status == highspy.HighsModelStatus.kUnbounded:
                bounds.append(inf)
            else:
                raise AssertionError(f"the published table is inconsistent: {status}")
        ranges[cell] = tuple(bounds)
    return ranges


def exposed(values, hidden, relations, ratio=0.2, units=3.0, nonnegative=True, sensitive=None):
    """Hidden cells (of `sensitive`, or all) the attacker pins down closer than
    their protection interval: [(cell, value, lowest, highest)]."""
    out = []
    for cell, (low, high) in feasible_ranges(values, hidden, relations, nonnegative, only=sensitive).items():
        value = float(values[cell])
        needs = max(ratio * abs(value), units)
        floor = max(value - needs, 0.0) if nonnegative else value - needs
        if high < value + needs - 1e-6 or low > floor + 1e-6:
            out.append((cell, value, low, high))
    return out
