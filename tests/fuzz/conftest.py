"""The fuzzers (`pytest -m fuzz tests/fuzz`) print what they tried at the end of
the run, with or without -s."""

from .tally import COUNTS


def pytest_terminal_summary(terminalreporter):
    if not COUNTS:
        return
    terminalreporter.section("fuzz counts")
    for fuzzer, counter in sorted(COUNTS.items()):
        total = sum(counter.values())
        detail = ", ".join(f"{what}: {n}" for what, n in sorted(counter.items()))
        terminalreporter.write_line(f"{fuzzer}: {total} requests ({detail})")
