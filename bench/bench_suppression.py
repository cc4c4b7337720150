"""Secondary suppression of a big table: 31 provinces × 88 ISIC divisions ×
12 months, with the total of every dimension (32 × 89 × 13 = 37,024 cells,
every line of every dimension additive), counts drawn so that about 3 % of
the inner cells are below the threshold of 3 units.

Prints the cells, primary and complementary suppressions, the seconds the
optimisation takes (indicators.disclosure.protect, HiGHS) and, on a sample of
hidden cells, the narrowest range an attacker's linear program finds relative
to the protection interval (≥ 1.0 means protected).

    .venv/bin/python bench/bench_suppression.py
    BENCH_SMALL_SHARE=0.05 BENCH_SEED=2 .venv/bin/python bench/bench_suppression.py
"""

import itertools
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

SHARE = float(os.environ.get("BENCH_SMALL_SHARE", "0.03"))
SEED = int(os.environ.get("BENCH_SEED", "1"))
SAMPLE = int(os.environ.get("BENCH_ATTACK_SAMPLE", "40"))


def table():
    rng = random.Random(SEED)
    provinces = [f"p{n:02d}" for n in range(31)]
    divisions = [f"d{n:02d}" for n in range(88)]
    months = [f"m{n:02d}" for n in range(12)]
    inner = {}
    for key in itertools.product(provinces, divisions, months):
        inner[key] = rng.randint(1, 2) if rng.random() < SHARE else int(rng.lognormvariate(4, 1.2)) + 3
    cells = dict(inner)
    axes = [provinces + ["T"], divisions + ["T"], months + ["T"]]
    # Totals: sum over the inner cells each total cell covers.
    for key, value in inner.items():
        for mask in itertools.product((0, 1), repeat=3):
            if any(mask):
                total_key = tuple("T" if m else k for k, m in zip(key, mask, strict=True))
                cells[total_key] = cells.get(total_key, 0) + value
    return cells, axes, [k for k, v in inner.items() if v < 3]


def main():
    import django

    django.setup()
    from indicators.disclosure import Hierarchy, Protection, protect, relations

    cells, axes, small = table()
    keys = sorted(cells)
    at = {key: n for n, key in enumerate(keys)}
    values = [cells[k] for k in keys]
    hierarchies = [Hierarchy(dict.fromkeys(codes[:-1]), "T") for codes in axes]
    started = time.perf_counter()
    rels = relations(keys, hierarchies)
    built = time.perf_counter()
    hidden = protect(values, [at[k] for k in small], rels, Protection(0.2, 3, "value"), keys=keys)
    done = time.perf_counter()
    print(f"cells: {len(keys):,} ({' × '.join(str(len(a)) for a in axes)}), relations: {len(rels):,}")
    print(f"primary suppressions: {len(small):,}; complementary: {len(hidden) - len(small):,}")
    print(f"hidden value: {sum(values[i] for i in hidden) / sum(values) * 100:.2f} % of the sum of all cells")
    print(f"relations built in {built - started:.2f} s; suppression (highspy) in {done - built:.2f} s")

    sys.path.insert(0, str(ROOT / "tests"))
    from disclosure_attack import feasible_ranges

    sample = sorted(random.Random(SEED).sample(sorted(hidden), min(SAMPLE, len(hidden))))
    # The attacker works on the whole table; only the sample's ranges are read.
    started = time.perf_counter()
    ranges = feasible_ranges(values, hidden, rels, only=set(sample))
    worst = min(
        min(
            (ranges[i][1] - values[i]) / max(0.2 * values[i], 3),
            (values[i] - ranges[i][0]) / min(max(0.2 * values[i], 3), values[i]) if values[i] else 1.0,
        )
        for i in sample
    )
    print(
        f"attack on {len(sample)} hidden cells: narrowest range / protection interval = {worst:.2f} "
        f"({time.perf_counter() - started:.1f} s)"
    )


if __name__ == "__main__":
    main()
