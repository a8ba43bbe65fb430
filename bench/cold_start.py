"""One article from a cold process: `copydesk check` on the Iran Focus sample, wall time and peak
memory, beside harper-py alone doing the least it can (import, one Linter, one lint) cold.

usage: python bench/cold_start.py [RUNS]   (default 5; the median is reported)
The first run fills the start-up cache (~/.cache/copydesk) if it is empty; it is reported apart.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IRAN = ROOT.parent / "shared" / "samples" / "iran-focus-un-resolution.txt"
BIN = Path(sys.executable).parent
HARPER_ALONE = (
    "import harper, sys; l = harper.Linter(harper.Dialect.AMERICAN); "
    "l.lint(open(sys.argv[1], encoding='utf-8').read(), language=harper.Language.PLAINTEXT)"
)


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one run (GNU time measures the child alone)."""
    started = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    return elapsed, int(proc.stderr.strip().splitlines()[-1]) / 1024


def report(name: str, command: list[str], runs: int) -> None:
    first = timed(command)
    rest = [timed(command) for _ in range(runs)]
    wall = statistics.median(r[0] for r in rest)
    peak = max(r[1] for r in rest)
    print(f"{name:<28} {wall:5.2f} s median of {runs}, peak {peak:4.0f} MB   (first run {first[0]:.2f} s)")


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"{IRAN.name}: {len(IRAN.read_text(encoding='utf-8').split())} words")
    report("copydesk check", [str(BIN / "copydesk"), "check", str(IRAN)], runs)
    report("copydesk check --no-harper", [str(BIN / "copydesk"), "check", "--no-harper", str(IRAN)], runs)
    report("harper-py alone", [sys.executable, "-c", HARPER_ALONE, str(IRAN)], runs)
    print("target: copydesk check at most 0.5 s and 200 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
