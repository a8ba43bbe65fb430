"""Shared fixtures: the CLI in-process and as a subprocess, and paths to the repository's data."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
IRAN = SAMPLES / "iran-focus-un-resolution.txt"
SHARED = ROOT.parent / "shared"
# A developer's running `copydesk server` must not answer the tests (tests/test_server.py starts its own).
os.environ["COPYDESK_SERVER"] = "off"


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


def main_in_process(
    *args: str, cwd: Path | None = None, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`copydesk ARGS` called in this process (fast), with its own stdin, stdout, stderr, folder
    and environment; the result has the shape of run_cli's."""
    from copydesk.cli import main
    from copydesk.config import _load_config_file

    _load_config_file.cache_clear()  # a test may rewrite a configuration within the file clock's tick
    streams = {name: io.BytesIO() for name in ("stdout", "stderr")}
    wrapped = {name: io.TextIOWrapper(b, encoding="utf-8", write_through=True) for name, b in streams.items()}
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    saved = (sys.stdin, sys.stdout, sys.stderr)
    from copydesk.cli.server import as_caller  # the server runs a forwarded command line the same way

    with as_caller(str(cwd or os.getcwd()), {**os.environ, "NO_COLOR": "1", **(env or {})}):
        sys.stdin, sys.stdout, sys.stderr = fake_stdin, wrapped["stdout"], wrapped["stderr"]
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse on a usage error
            code = exc.code if isinstance(exc.code, int) else 2
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved
    out, err = (streams[n].getvalue().decode("utf-8", "replace") for n in ("stdout", "stderr"))
    return subprocess.CompletedProcess(["copydesk", *args], code, out, err)


@pytest.fixture
def cli():  # type: ignore[no-untyped-def]
    """The command line in this process: what most tests need, at a fraction of a process's start."""
    return main_in_process


@pytest.fixture
def real_cli():  # type: ignore[no-untyped-def]
    """The installed command as a subprocess: for the smoke tests of exit codes, stdin and a tty-less run."""
    return run_cli
