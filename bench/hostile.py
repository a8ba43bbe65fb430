"""Time and peak memory of `copydesk check` on pathological articles: bounded, whatever the input.

usage: python bench/hostile.py [--timeout SECONDS] [CASE ...]

Each case is generated into a temporary folder and checked by the real command in a process of
its own, with a time limit; the table gives wall time, peak resident memory, exit code and the
number of words per second. The cases are those of the hostile-input issue.
"""

from __future__ import annotations

import argparse
import base64
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PROSE = "The minister said the talks would resume on Monday, and and officials agreed.\n"


def _long_token(n: int) -> tuple[str, str]:
    return "a.txt", "x" * n + " the the end.\n" + PROSE * 5


CASES: dict[str, Callable[[], tuple[str, str | bytes]]] = {
    "token-5k": lambda: _long_token(5_000),
    "token-20k": lambda: _long_token(20_000),
    "token-1M": lambda: _long_token(1_000_000),
    "sic-2k-lines": lambda: ("a.txt", "He wrote “recieve” [sic] in his note, the the clerk said.\n" * 2_000),
    "sic-20k-lines": lambda: ("a.txt", "He wrote “recieve” [sic] in his note, the the clerk said.\n" * 20_000),
    "data-url-64k": lambda: ("a.html", _data_url_page(64 * 1024)),
    "data-url-256k": lambda: ("a.html", _data_url_page(256 * 1024)),
    "ignore-20k-lines": lambda: ("a.txt", "It was the the end. copydesk: ignore\n" * 20_000),
    "md-quotes-50k": lambda: ("a.md", ">" * 50_000 + " the the end\n"),
    "one-line-5MB-table": lambda: ("a.txt", "|".join(f"cell {i} 12.5" for i in range(400_000)) + "\n"),
    "prose-12k-words": lambda: ("a.txt", PROSE * 1_000),
}


def _data_url_page(size: int) -> str:
    payload = base64.b64encode(os.urandom(size * 3 // 4)).decode()
    return f'<html><body><p>It was the the end.</p><img src="data:image/png;base64,{payload}" alt="x"></body></html>\n'


def run_case(name: str, timeout: float) -> tuple[str, float, float, int | str, int]:
    filename, content = CASES[name]()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, filename)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        words = len(path.read_bytes().split())
        exe = Path(sys.executable).parent / "copydesk"
        # A child of its own, so that its peak memory is measured alone.
        script = (
            "import resource, subprocess, sys; "
            f"p = subprocess.run([{str(exe)!r}, 'check', '--fail-on', 'never', {str(path)!r}], "
            f"stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout={timeout}); "
            "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        started = time.perf_counter()
        try:
            out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False,
                                 timeout=timeout + 30)  # fmt: skip
            elapsed = time.perf_counter() - started
            fields = out.stdout.split()
            if len(fields) != 2:
                return name, elapsed, 0.0, "timeout" if "TimeoutExpired" in out.stderr else "crash", words
            return name, elapsed, int(fields[1]) / 1024, int(fields[0]), words
        except subprocess.TimeoutExpired:
            return name, time.perf_counter() - started, 0.0, "timeout", words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("cases", nargs="*", default=list(CASES))
    args = parser.parse_args()
    print(f"{'case':22} {'seconds':>8} {'peak MB':>8} {'exit':>8} {'words/s':>9}")
    for name in args.cases:
        case, seconds, peak, code, words = run_case(name, args.timeout)
        rate = f"{words / seconds:,.0f}" if isinstance(code, int) else "-"
        print(f"{case:22} {seconds:8.1f} {peak:8.0f} {code!s:>8} {rate:>9}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
