"""Generate a tidy warehouse table of N observation rows for the import benchmark:
period (monthly, from 1300-01), province (31 official codes), ISIC Rev.4 division (88),
value (with decimals), count. Deterministic."""

import random
import sys

PROVINCES = [f"{i:02d}" for i in range(31)]
DIVISIONS = [
    1, 2, 3, 5, 6, 7, 8, 9, *range(10, 34), 35, 36, 37, 38, 39, 41, 42, 43, 45, 46, 47, 49, 50, 51, 52, 53, 55, 56,
    58, 59, 60, 61, 62, 63, 64, 65, 66, 68, 69, 70, 71, 72, 73, 74, 75, 77, 78, 79, 80, 81, 82, 84, 85, 86, 87, 88,
    90, 91, 92, 93, 94, 95, 96, 97, 98, 99,
]  # fmt: skip
ISIC = [f"{d:02d}" for d in DIVISIONS]


def periods():
    year, month = 1300, 1  # 5,000,000 rows reach 1452: every period parses (1300–1499)
    while True:
        yield f"{year}-{month:02d}"
        month += 1
        if month == 13:
            year, month = year + 1, 1


def generate(path: str, rows: int, seed: int = 1405):
    rng = random.Random(seed)
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("period,province,isic,value,count\n")
        for period in periods():
            lines = []
            for province in PROVINCES:
                for isic in ISIC:
                    count = rng.randint(0, 400)
                    lines.append(f"{period},{province},{isic},{count * 37.25 + rng.random():.2f},{count}\n")
                    written += 1
                    if written == rows:
                        out.writelines(lines)
                        return written
            out.writelines(lines)


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "bench-import.csv"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    print(generate(target, n), "rows written to", target)
