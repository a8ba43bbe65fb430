"""How much clean, edited copy passes `copydesk check` at its default threshold.

usage: python bench/clean_pass.py [DIR ...]   (default: OneStopEnglish Int, Ele and Adv)

Per folder: articles, how many pass (exit 0 when checked alone, with the default --fail-on),
findings per severity, and the rules behind the findings that fail articles.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from copydesk.cli import build_parser
from copydesk.findings import Severity

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "onestopenglish"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folders", nargs="*", type=Path, default=[CORPUS / level for level in ("Int", "Ele", "Adv")])
    folders = parser.parse_args().folders
    default = build_parser().parse_args(["check", "x"]).fail_on
    threshold = Severity.parse(default)
    exe = Path(sys.executable).parent / "copydesk"
    print(f"default --fail-on: {default}")
    for folder in folders:
        # --no-across: each article on its own, as a CI check of one draft sees it.
        proc = subprocess.run([str(exe), "check", "--format", "json", "--fail-on", "never", "--no-across",
                               str(folder)], capture_output=True, text=True, check=False)  # fmt: skip
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return proc.returncode
        files = json.loads(proc.stdout)["files"]
        severities: Counter[str] = Counter()
        failing: Counter[str] = Counter()
        passed = 0
        for f in files:
            severities.update(x["severity"] for x in f["findings"])
            blocking = [x for x in f["findings"] if Severity.parse(x["severity"]) >= threshold]
            failing.update(x["rule"] for x in blocking)
            passed += not blocking
        print(f"{folder.name}: {passed} of {len(files)} articles pass ({100 * passed / max(len(files), 1):.1f}%); "
              f"findings: " + ", ".join(f"{severities[s.label]} {s.label}" for s in sorted(Severity, reverse=True)))
        for rule, n in failing.most_common():
            print(f"    {rule:40} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
