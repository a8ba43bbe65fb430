"""Keystroke latency of `copydesk lsp` in a 5,000-word article (a figure for notes, not a test).

usage: python bench/lsp_latency.py [--words N] [--keystrokes K]

Opens an article of about N words (OneStopEnglish Adv articles joined, one paragraph per line of
theirs, blank lines between) in a real `copydesk lsp` process, then types K single-character edits
into one paragraph, each after the last one's diagnostics. A change is answered twice: first
quickly (the paragraph rules and engines on the edited paragraph, the document rules' findings
carried over), then completely (every rule on the whole article) when the writer has paused
for the debounce again. For each keystroke: the time from the change to the first answer minus
the debounce (the keystroke's latency), and to the complete answer minus two debounces. The
first check of the article is reported too.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from lsp_client import LspClient

from copydesk.lsp import DEBOUNCE_SECONDS

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "onestopenglish" / "Adv"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--keystrokes", type=int, default=20)
    args = parser.parse_args()
    parts, words = [], 0
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parts.extend(line for line in text.splitlines() if line.strip())  # a paragraph a line
        words += len(text.split())
        if words >= args.words:
            break
    article = "\n\n".join(parts)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "article.txt")
        path.write_text(article, encoding="utf-8")
        exe = Path(sys.executable).parent / "copydesk"
        proc = subprocess.Popen([str(exe), "lsp"], cwd=folder, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)  # fmt: skip
        assert proc.stdin is not None and proc.stdout is not None
        client = LspClient(proc.stdin, proc.stdout)
        started = time.perf_counter()
        client.initialize(Path(folder).as_uri())
        client.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "plaintext",
                                                                "version": 1, "text": article}})  # fmt: skip
        client.diagnostics(path.as_uri(), 1, timeout=300)
        first = time.perf_counter() - started
        latencies, complete = [], []
        text = article
        middle = len(parts) // 2  # a paragraph in the middle of the article
        anchor = text.index(parts[middle]) + len(parts[middle]) // 2
        for k in range(args.keystrokes):
            text = text[:anchor] + "x" + text[anchor:]
            sent = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": k + 2},
                                                     "contentChanges": [{"text": text}]})  # fmt: skip
            client.diagnostics(path.as_uri(), k + 2)
            latencies.append(time.perf_counter() - sent - DEBOUNCE_SECONDS)
            client.diagnostics(path.as_uri(), k + 2)
            complete.append(time.perf_counter() - sent - 2 * DEBOUNCE_SECONDS)
        client.shutdown()
        proc.wait(timeout=30)
    print(f"article: {len(article.split()):,} words in {len(parts)} paragraphs; "
          f"first check (start-up included): {first:.2f} s")  # fmt: skip
    print(f"keystroke, after the {DEBOUNCE_SECONDS:g} s debounce: median {1000 * statistics.median(latencies):.0f} ms, "
          f"max {1000 * max(latencies):.0f} ms over {len(latencies)} keystrokes")  # fmt: skip
    print(f"complete answer (every rule), after a second debounce: median {1000 * statistics.median(complete):.0f} ms, "
          f"max {1000 * max(complete):.0f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
