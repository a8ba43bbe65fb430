"""The declared layers hold, and the contract that says so can fail: an import from a lower layer
into a higher one, added to a copy of the source, breaks it (`make lint` runs the same check).

The copy is a package of another name (`copydesk_probe`, its imports renamed to match), checked
against the same contract renamed, so that the installed `copydesk` can never be analysed instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PROBE = "copydesk_probe"


def _probe(tmp_path: Path) -> tuple[Path, Path]:
    """(the probe package's folder, its contract): the source and the contract, renamed."""
    package = tmp_path / "src" / PROBE
    shutil.copytree(ROOT / "editor", package, ignore=shutil.ignore_patterns("__pycache__"))
    for path in package.rglob("*.py"):
        path.write_text(path.read_text(encoding="utf-8").replace("copydesk.", f"{PROBE}."), encoding="utf-8")
    contract = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    [layers] = contract["contracts"]
    lines = ["[tool.importlinter]", f'root_package = "{PROBE}"', "", "[[tool.importlinter.contracts]]",
             f'name = "{layers["name"]}"', 'type = "layers"', "layers = ["]  # fmt: skip
    lines += [f'    "{layer.replace("copydesk.", f"{PROBE}.")}",' for layer in layers["layers"]]
    config = tmp_path / "contract.toml"
    config.write_text("\n".join([*lines, "]", ""]), encoding="utf-8")
    return package, config


def _lint_imports(package: Path, config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    return subprocess.run([str(LINT_IMPORTS), str(config), "--no-cache"], cwd=package.parent.parent,
                          env=env, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_the_layers_hold_and_a_breach_is_caught(tmp_path: Path) -> None:
    package, config = _probe(tmp_path)
    kept = _lint_imports(package, config)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "1 kept, 0 broken" in kept.stdout
    text = package / "text.py"  # the lowest layer reaching into the checker
    text.write_text(text.read_text(encoding="utf-8") + f"\nfrom {PROBE}.checker import Checker  # noqa\n",
                    encoding="utf-8")  # fmt: skip
    broken = _lint_imports(package, config)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert f"{PROBE}.text is not allowed to import {PROBE}.checker" in broken.stdout
