"""The review's state, apart from any widget: a file, its findings, and the editor's decisions.

Accepting an edit changes the working text at once; findings after it shift by the change in
length, and those it overlapped are dropped until the next check (which re-lints only the
changed paragraph, through the checker's cache). Decisions are keyed by fingerprint (rule,
flagged text, neighbouring words), so they survive every re-check and a reopened session.
"""

from __future__ import annotations

import copy
import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copydesk.baseline import fingerprint
from copydesk.diff import unified_diff
from copydesk.document import Document
from copydesk.files import InputError, atomic_write, keep_backup
from copydesk.findings import Edit, Finding, apply_edits

SIDECAR_DIR = Path(".copydesk") / "review"


def _sidecar_problem(data: Any) -> str | None:
    """What is wrong with a sidecar's shape, or None: every field of the type copydesk writes."""
    if not isinstance(data, dict):
        return "not a mapping"
    if not isinstance(data.get("base_sha256"), str):
        return "no base_sha256"
    for key in ("rejected", "ignored_rules"):
        if not isinstance(data.get(key), list) or not all(isinstance(v, str) for v in data[key]):
            return f"'{key}' is not a list of texts"
    applied = data.get("applied")
    if not isinstance(applied, list):
        return "'applied' is not a list"
    for edit in applied:
        if not _well_formed_edit(edit):
            return f"an accepted edit is malformed: {edit!r:.80}"
    return None


def _well_formed_edit(edit: Any) -> bool:
    if not isinstance(edit, dict):
        return False
    offsets = all(isinstance(edit.get(k), int) and not isinstance(edit.get(k), bool) for k in ("start", "end"))
    return offsets and isinstance(edit.get("replacement"), str) and isinstance(edit.get("original", ""), str)


def _set_aside(path: Path, why: str) -> str:
    """Rename a damaged sidecar out of the way (kept for a person to read), and say so."""
    aside = path.with_name(path.name + f".damaged-{int(time.time())}")
    try:
        path.replace(aside)
    except OSError as exc:
        return f"{path}: damaged ({why}) and could not be moved aside ({exc.strerror}); starting afresh"
    return f"{path}: damaged ({why}); moved to {aside.name}, starting afresh"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class FileReview:
    """One file under review. `text` is the working text, with every accepted edit applied."""

    document: Document
    text: str
    findings: list[Finding] = field(default_factory=list)
    rejected: set[str] = field(default_factory=set)
    ignored_rules: set[str] = field(default_factory=set)
    applied: list[dict[str, Any]] = field(default_factory=list)  # accepted edits, in order
    history: list[dict[str, Any]] = field(default_factory=list)  # for undo
    checked: bool = False
    _pending: list[Finding] = field(default_factory=list, repr=False)
    _pending_key: object = field(default=None, repr=False)
    # each finding's fingerprint or None, by position in `findings`, kept while text and findings stand
    # (a list, not a dict keyed by finding: hashing two thousand findings was most of an accept)
    _fingerprints: list[str | None] = field(default_factory=list, repr=False)
    _fingerprints_of: tuple[str, list[Finding]] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, document: Document) -> FileReview:
        return cls(document, document.text)

    # -- what the editor sees ---------------------------------------------------------------

    def pending(self) -> list[Finding]:
        """Findings still to decide, in order of position (recomputed only after a change)."""
        key = (id(self.findings), self.text, len(self.rejected), len(self.ignored_rules))
        if self._pending_key != key:
            known = self._known_fingerprints()
            pending = []
            for i, f in enumerate(self.findings):
                if f.rule in self.ignored_rules:
                    continue
                print_ = known[i]
                if print_ is None:
                    print_ = known[i] = fingerprint(self.text, f)
                if print_ not in self.rejected:
                    pending.append(f)
            self._pending, self._pending_key = pending, key
        return self._pending

    def _known_fingerprints(self) -> list[str | None]:
        """The fingerprints computed so far for the present text and findings (None: not yet)."""
        of = self._fingerprints_of
        if of is None or of[0] is not self.text or of[1] is not self.findings:
            self._fingerprints, self._fingerprints_of = [None] * len(self.findings), (self.text, self.findings)
        return self._fingerprints

    @property
    def dirty(self) -> bool:
        return self.text != self.document.text

    def full_diff(self) -> str:
        """All accepted edits as one unified diff, like `git diff --staged`."""
        return unified_diff(self.document, self.document.with_text(self.text)).decode("utf-8", "replace")

    # -- decisions ----------------------------------------------------------------------------

    def _remember(self) -> None:
        self.history.append(
            {
                "text": self.text,
                "findings": list(self.findings),
                "rejected": set(self.rejected),
                "ignored": set(self.ignored_rules),
                "applied": copy.deepcopy(self.applied),
                # the fingerprints known for this text: an undo brings both back together
                "fingerprints": self._known_fingerprints(),
            }
        )

    def accept_all(self, findings: list[Finding]) -> int:
        """Accept several findings' fixes as one decision (one undo step), last first."""
        chosen = sorted((f for f in findings if f.replacements and self.document.can_encode(f.replacements[0])),
                        key=lambda f: f.start, reverse=True)  # fmt: skip
        if not chosen:
            return 0
        self._remember()
        for f in chosen:
            self.accept(f, remember=False)
        return len(chosen)

    def accept(self, finding: Finding, replacement: str | None = None, remember: bool = True) -> None:
        """Apply the finding's fix (or the editor's own replacement) to the working text."""
        new = finding.replacements[0] if replacement is None else replacement
        if not self.document.can_encode(new):
            raise InputError(f"{new!r} cannot be written in this file's encoding ({self.document.encoding})")
        if remember:
            self._remember()
        known = self._known_fingerprints()  # of the text before the edit
        original = self.text
        self.text = apply_edits(self.text, [Edit(finding.start, finding.end, new)])
        self.applied.append({"start": finding.start, "end": finding.end, "replacement": new, "rule": finding.rule,
                             "original": original[finding.start : finding.end]})  # fmt: skip
        delta = len(new) - (finding.end - finding.start)
        # A fingerprint reads the finding's own line only: those on other lines carry over the edit
        # (two thousand of them recomputed made every accept on a long article slow).
        lines_moved = "\n" in new or "\n" in original[finding.start : finding.end]
        line_start = original.rfind("\n", 0, finding.start) + 1
        line_end = original.find("\n", finding.end)
        line_end = len(original) if line_end < 0 else line_end
        carried: list[str | None] = []
        shifted = []
        for f, print_ in zip(self.findings, known, strict=True):
            if f.end <= finding.start and f is not finding:
                moved = f
            elif f.start >= finding.end and f is not finding:
                moved = f.moved(delta)
            else:
                continue  # a finding the edit overlapped is gone until the next check
            shifted.append(moved)
            carried.append(None if lines_moved or (f.end >= line_start and f.start <= line_end) else print_)
        self.findings = shifted
        self._fingerprints, self._fingerprints_of = carried, (self.text, shifted)

    def reject(self, finding: Finding) -> None:
        self._remember()
        self.rejected.add(fingerprint(self.text, finding))

    def ignore_rule(self, rule: str) -> None:
        self._remember()
        self.ignored_rules.add(rule)

    def undo(self) -> bool:
        if not self.history:
            return False
        state = self.history.pop()
        self.text = state["text"]
        self.findings = state["findings"]
        self.rejected = state["rejected"]
        self.ignored_rules = state["ignored"]
        self.applied = state["applied"]
        self._fingerprints, self._fingerprints_of = state["fingerprints"], (self.text, self.findings)
        return True

    def update_findings(self, findings: list[Finding], text: str) -> bool:
        """Findings from a check of `text`; ignored when the text changed since the check began."""
        if text != self.text:
            return False
        self.findings = findings
        self.checked = True
        return True

    # -- files -------------------------------------------------------------------------------

    def write(self, backup: bool = False) -> None:
        """Write the working text atomically, keeping encoding, BOM and newlines."""
        fixed = self.document.with_text(self.text)
        if backup:
            keep_backup(self.document.path, self.document.to_bytes())
        atomic_write(self.document.path, fixed.to_bytes(), expected=self.document.to_bytes())
        self.document = fixed
        self.applied = []
        self.history = []

    def sidecar_path(self, root: Path) -> Path:
        try:
            rel = Path(self.document.path).resolve().relative_to(root.resolve())
        except ValueError:
            rel = Path(Path(self.document.path).resolve().as_posix().lstrip("/"))
        return root / SIDECAR_DIR / (rel.as_posix() + ".json")

    def save_decisions(self, root: Path) -> None:
        data = {
            "version": 1,
            "base_sha256": digest(self.document.text),
            "applied": self.applied,
            "rejected": sorted(self.rejected),
            "ignored_rules": sorted(self.ignored_rules),
        }
        path = self.sidecar_path(root)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    def load_decisions(self, root: Path) -> str | None:
        """Resume an earlier session: its accepted edits are replayed if the file is unchanged and
        each edit still finds the text it replaced. A sidecar that is not what copydesk writes is
        set aside (renamed) and the review starts afresh; the returned note says so."""
        path = self.sidecar_path(root)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            return _set_aside(path, f"unreadable ({exc})")
        problem = _sidecar_problem(data)
        if problem:
            return _set_aside(path, problem)
        self.rejected = set(data["rejected"])
        self.ignored_rules = set(data["ignored_rules"])
        if data["base_sha256"] != digest(self.document.text):
            return None  # the article changed since: its accepted edits no longer apply
        text = self.document.text
        replayed: list[dict[str, Any]] = []
        for edit in data["applied"]:
            start, end = edit["start"], edit["end"]
            if not 0 <= start <= end <= len(text) or edit.get("original", text[start:end]) != text[start:end]:
                return f"{path}: an accepted edit no longer fits the article; {len(replayed)} of " \
                       f"{len(data['applied'])} were replayed"  # fmt: skip
            text = apply_edits(text, [Edit(start, end, edit["replacement"])])
            replayed.append(edit)
        self.text = text
        self.applied = replayed
        return None
