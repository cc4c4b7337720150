"""Run every benchmark in bench/ (each a script with a main()). Figures are printed,
never judged: targets are compared in the same run and reported in notes."""

import runpy
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
sys.path.insert(0, str(here.parent))
scripts = sorted(p for p in here.glob("bench_*.py"))
if not scripts:
    print("no benchmarks yet")
for script in scripts:
    print(f"\n=== {script.name} ===", flush=True)
    runpy.run_path(str(script), run_name="__main__")
