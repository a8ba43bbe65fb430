"""The declared layers hold, and the contract that says so can fail: an import from a lower layer
into a higher one, added to a copy of the source, breaks it (`make lint` runs the same check)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(source: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_the_layers_hold_and_a_breach_is_caught(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(ROOT / "editor", source / "copydesk", ignore=shutil.ignore_patterns("__pycache__"))
    kept = _lint_imports(source, tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "1 kept, 0 broken" in kept.stdout
    text = source / "copydesk" / "text.py"  # the lowest layer reaching into the checker
    text.write_text(text.read_text(encoding="utf-8") + "\nfrom copydesk.checker import Checker  # noqa\n",
                    encoding="utf-8")  # fmt: skip
    broken = _lint_imports(source, tmp_path)
    assert broken.returncode == 1
    assert "copydesk.text is not allowed to import copydesk.checker" in broken.stdout
