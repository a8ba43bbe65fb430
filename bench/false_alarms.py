"""Flags per 1,000 words on clean, edited text, per rule: the false-alarm budget of each rule.

usage: python bench/false_alarms.py DIR [copydesk check options...]
Runs the real `copydesk check --format json` on DIR and prints a table, worst rule first.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    args, check_options = parser.parse_known_args()
    folder = args.folder
    exe = Path(sys.executable).parent / "copydesk"
    started = time.perf_counter()
    proc = subprocess.run(
        [str(exe), "check", "--format", "json", "--fail-on", "never", str(folder), *check_options],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return proc.returncode
    report = json.loads(proc.stdout)
    words = sum(len(Path(f["path"]).read_text(encoding=f["encoding"]).split()) for f in report["files"])
    per_rule = Counter(f["rule"] for file in report["files"] for f in file["findings"])
    total = sum(per_rule.values())
    print(f"{folder}: {len(report['files'])} files, {words} words, {elapsed:.1f} s")
    print(f"{'rule':40} {'flags':>6} {'per 1k words':>13}")
    for rule, n in per_rule.most_common():
        print(f"{rule:40} {n:6} {1000 * n / words:13.2f}")
    print(f"{'TOTAL':40} {total:6} {1000 * total / words:13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
