"""Shared fixtures: the real CLI as a subprocess, and paths to the repository's data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
IRAN = SAMPLES / "iran-focus-un-resolution.txt"
SHARED = ROOT.parent / "shared"


def run_cli(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `copydesk` command for real, as a user would."""
    exe = Path(sys.executable).parent / "copydesk"
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    proc = subprocess.run(
        [str(exe), *args], cwd=cwd, input=stdin, capture_output=True, env=full_env, timeout=300, check=False
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    )


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    return run_cli
