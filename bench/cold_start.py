"""One article from a cold process: `copydesk check` on the Iran Focus sample, wall time and peak
memory, beside harper-py alone doing the least it can (import, one Linter, one lint) cold; then the
same command answered by a running `copydesk server` (the client's time and memory, and the
server's resident memory).

usage: python bench/cold_start.py [RUNS]   (default 5; the median is reported)
The first run fills the start-up cache (~/.cache/copydesk) if it is empty; it is reported apart.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IRAN = ROOT / "samples" / "iran-focus-un-resolution.txt"
BIN = Path(sys.executable).parent
HARPER_ALONE = (
    "import harper, sys; l = harper.Linter(harper.Dialect.AMERICAN); "
    "l.lint(open(sys.argv[1], encoding='utf-8').read(), language=harper.Language.PLAINTEXT)"
)


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one run (GNU time measures the child alone)."""
    started = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})  # fmt: skip
    elapsed = time.perf_counter() - started
    return elapsed, int(proc.stderr.strip().splitlines()[-1]) / 1024


def report(name: str, command: list[str], runs: int, env: dict[str, str] | None = None) -> None:
    first = timed(command, env)
    rest = [timed(command, env) for _ in range(runs)]
    wall = statistics.median(r[0] for r in rest)
    peak = max(r[1] for r in rest)
    print(f"{name:<28} {wall:5.2f} s median of {runs}, peak {peak:4.0f} MB   (first run {first[0]:.2f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="?", type=int, default=5)
    runs = parser.parse_args().runs
    print(f"{IRAN.name}: {len(IRAN.read_text(encoding='utf-8').split())} words")
    report("copydesk check", [str(BIN / "copydesk"), "check", str(IRAN)], runs)
    report("copydesk check --no-harper", [str(BIN / "copydesk"), "check", "--no-harper", str(IRAN)], runs)
    report("harper-py alone", [sys.executable, "-c", HARPER_ALONE, str(IRAN)], runs)
    with tempfile.TemporaryDirectory() as folder:
        sock = str(Path(folder) / "bench.sock")
        server = [str(BIN / "copydesk"), "server"]
        started = time.perf_counter()
        subprocess.run([*server, "start", "--socket", sock], check=True, capture_output=True)
        print(f"{'copydesk server start':<28} {time.perf_counter() - started:5.2f} s (once; the server then stays)")
        report("check, answered by server", [str(BIN / "copydesk"), "check", str(IRAN)], runs,
               env={"COPYDESK_SERVER": sock})  # fmt: skip
        status = subprocess.run([*server, "status", "--socket", sock], capture_output=True, text=True, check=True)
        pid = status.stdout.split("pid ")[1].split(",")[0]
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        resident = next(line for line in lines if line.startswith("VmRSS"))
        print(f"{'server resident memory':<28} {int(resident.split()[1]) / 1024:5.0f} MB")
        subprocess.run([*server, "stop", "--socket", sock], check=True, capture_output=True)
    print("target: copydesk check at most 0.5 s and 200 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
