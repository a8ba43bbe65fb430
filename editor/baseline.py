"""Baselines: today's findings recorded, so that a check reports only new ones.

A fingerprint is the rule, the flagged text (case and spacing normalised) and up to three words
on each side on the same line, never a line number: an edit elsewhere in the article does not
change it. The same
fingerprint twice in one file counts twice, so a second copy of a known slip is still new.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from editor.document import Document
from editor.files import atomic_write
from editor.findings import Finding

VERSION = 1
CONTEXT_WORDS = 3
_WORD = re.compile(r"\w+")


class BaselineError(ValueError):
    """A baseline file that cannot be read."""


def fingerprint(text: str, finding: Finding) -> str:
    # Context stays on the finding's own line, so edits to other paragraphs never touch it.
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    before = _WORD.findall(text[max(line_start, finding.start - 200) : finding.start])[-CONTEXT_WORDS:]
    after = _WORD.findall(text[finding.end : line_end if line_end >= 0 else len(text)][:200])[:CONTEXT_WORDS]
    flagged = " ".join(finding.text.lower().split())
    key = "\x00".join([finding.rule, flagged, " ".join(before).lower(), " ".join(after).lower()])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def key_path(path: str) -> str:
    return Path(path).as_posix()


def write_baseline(path: str, reports: Iterable[tuple[Document, Sequence[Finding]]]) -> int:
    data: dict[str, list[str]] = {}
    count = 0
    for doc, findings in reports:
        prints = sorted(fingerprint(doc.text, f) for f in findings)
        if prints:
            data[key_path(doc.path)] = prints
            count += len(prints)
    body = json.dumps({"version": VERSION, "tool": "copydesk", "findings": data}, indent=1, sort_keys=True)
    atomic_write(path, (body + "\n").encode("utf-8"))
    return count


class Baseline:
    def __init__(self, path: str) -> None:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline (write one with --write-baseline)") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"{path}: not a copydesk baseline: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), dict):
            raise BaselineError(f"{path}: not a copydesk baseline (version {VERSION})")
        self.known = {k: Counter(v) for k, v in data["findings"].items()}

    def new_findings(self, doc: Document, findings: Sequence[Finding]) -> list[Finding]:
        remaining = Counter(self.known.get(key_path(doc.path), Counter()))
        fresh = []
        for f in findings:
            fp = fingerprint(doc.text, f)
            if remaining[fp] > 0:
                remaining[fp] -= 1
            else:
                fresh.append(f)
        return fresh
