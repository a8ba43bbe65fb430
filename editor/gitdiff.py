"""--diff-from REV: which lines of a file changed since a git revision."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from copydesk.errors import UserError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)


class GitError(UserError, ValueError):
    """git could not say what changed (not a repository, unknown revision)."""


def changed_lines(path: str, rev: str) -> set[int] | None:
    """1-based line numbers changed or added since `rev`; None means the whole file is new."""
    folder = Path(path).resolve().parent
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", Path(path).name], cwd=folder, capture_output=True, text=True, check=False
    )
    if tracked.returncode != 0 and "not a git repository" in tracked.stderr.lower():
        raise GitError(f"{path}: not in a git repository, so --diff-from {rev} cannot apply")
    proc = subprocess.run(
        ["git", "diff", "--unified=0", "--no-color", "--no-ext-diff", rev, "--", Path(path).name],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise GitError(f"git diff {rev}: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else 'failed'}")
    if tracked.returncode != 0:
        return None  # untracked: every line is new
    lines: set[int] = set()
    for m in _HUNK.finditer(proc.stdout):
        start, count = int(m.group(1)), int(m.group(2) or 1)
        lines.update(range(start, start + count))
    return lines
