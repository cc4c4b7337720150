"""Counts the fuzzers keep, printed at the end of the run (tests/fuzz/conftest.py)."""

from collections import Counter

COUNTS: dict[str, Counter] = {}


def count(fuzzer: str, what: str, n: int = 1):
    COUNTS.setdefault(fuzzer, Counter())[what] += n
