"""copydesk check against harper-py alone, on the same files, timed in one run.

usage: python bench/engine_speed.py [DIR]   (default: ../shared/corpus/onestopenglish/Adv)

Harper alone: one Linter (default rules, American), each file linted whole, in this process.
copydesk: the real `copydesk check --format json` command, cold start included, as a user runs it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import harper

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "onestopenglish" / "Adv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    folder = parser.parse_args().folder
    files = sorted(folder.glob("*.txt"))
    if not files:
        parser.error(f"no .txt files in {folder}")
    texts = [p.read_text(encoding="utf-8") for p in files]
    words = sum(len(t.split()) for t in texts)

    started = time.perf_counter()
    linter = harper.Linter()
    lints = sum(len(linter.lint(t, language=harper.Language.PLAINTEXT)) for t in texts)
    harper_s = time.perf_counter() - started

    exe = Path(sys.executable).parent / "copydesk"
    started = time.perf_counter()
    proc = subprocess.run(
        [str(exe), "check", "--format", "json", "--fail-on", "never", str(folder)], capture_output=True, check=False
    )
    copydesk_s = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode())
        return 1
    print(f"{folder}: {len(files)} files, {words} words")
    print(f"harper-py alone : {harper_s:6.1f} s  ({words / harper_s:8.0f} words/s, {lints} lints)")
    print(f"copydesk check  : {copydesk_s:6.1f} s  ({words / copydesk_s:8.0f} words/s)")
    print(f"ratio           : {copydesk_s / harper_s:6.2f}x  (target: at most 1.0x; 1.5x with a syntax layer)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
