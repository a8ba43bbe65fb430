"""Baselines: today's findings recorded, so that a check reports only new ones.

A fingerprint is the rule, the flagged text (case and spacing normalised) and up to three words
on each side on the same line, never a line number: an edit elsewhere in the article does not
change it. The same fingerprint twice in one file counts twice, so a second copy of a known slip
is still new. Files are keyed by their path relative to the project root (where copydesk.toml
is, else the git work tree), so a check run from any folder finds them; each entry keeps the
rule, the flagged text and its line when accepted, for a reviewer to read what was accepted.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from copydesk.config import project_root
from copydesk.document import Document
from copydesk.errors import UserError
from copydesk.files import atomic_write
from copydesk.findings import Finding

VERSION = 2
CONTEXT_WORDS = 3
_WORD = re.compile(r"\w+")


class BaselineError(UserError, ValueError):
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
    if path == "-":
        return path
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(project_root(path)).as_posix()
    except ValueError:  # outside the project: the absolute path is the only stable key
        return resolved.as_posix()


def write_baseline(path: str, reports: Iterable[tuple[Document, Sequence[Finding]]]) -> int:
    data: dict[str, list[dict[str, object]]] = {}
    count = 0
    for doc, findings in reports:
        entries = [
            {"rule": f.rule, "text": f.text, "line": doc.line_col(f.start)[0], "fingerprint": fingerprint(doc.text, f)}
            for f in findings
        ]
        if entries:
            data[key_path(doc.path)] = entries
            count += len(entries)
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
        if not isinstance(data, dict) or not isinstance(data.get("findings"), dict):
            raise BaselineError(f"{path}: not a copydesk baseline")
        if data.get("version") != VERSION:
            raise BaselineError(f"{path}: a baseline of another copydesk version; write it again (--write-baseline)")
        try:
            self.known = {k: Counter(e["fingerprint"] for e in v) for k, v in data["findings"].items()}
        except (TypeError, KeyError):
            raise BaselineError(f"{path}: not a copydesk baseline (an entry without its fingerprint)") from None

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
