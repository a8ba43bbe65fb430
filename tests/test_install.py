"""The real wheel, installed into a fresh venv as users install copydesk, run outside the checkout.

The wheel is built and installed once for the module: into a venv made without its own pip, by
this environment's pip (`pip --python`), with every dependency resolved as for a user, and no
byte-compiling (the installed command compiles what it imports on first use).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import IRAN, ROOT

DEV_BIN = Path(sys.executable).parent
# What git ignores (caches, build output, Hypothesis' folder, which a test running beside this one may be
# writing while it is copied), the repository itself, and what the wheel does not hold.
_IGNORED = [line.strip().rstrip("/") for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()]
_NOT_SOURCE = shutil.ignore_patterns(*(p for p in _IGNORED if p and not p.startswith("#")), ".git", "tests", "bench")


def _run(*args: str | Path, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          check=False, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "HOME": str(cwd)})  # fmt: skip


@pytest.fixture(scope="module")
def wheel_install(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(the wheel, the fresh venv's bin folder, a work folder outside the checkout)."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)  # a copy: building writes build/ beside the sources
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", source, cwd=work)
    assert built.returncode == 0, built.stderr
    [wheel] = (work / "dist").glob("copydesk-*.whl")
    assert _run(sys.executable, "-m", "venv", "--without-pip", work / "venv", cwd=work).returncode == 0
    installed = _run(sys.executable, "-m", "pip", "--python", work / "venv" / "bin" / "python", "install", "-q",
                     "--no-compile", wheel, cwd=work)  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    articles = work / "articles"
    articles.mkdir()
    shutil.copy(IRAN, articles / IRAN.name)
    (articles / "slip.txt").write_text("They said the the talks.\n", encoding="utf-8")
    return wheel, work / "venv" / "bin", articles


def test_the_wheel_holds_one_import_package_with_its_rule_packs(wheel_install: tuple[Path, Path, Path]) -> None:
    wheel, _, _ = wheel_install
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/", 1)[0] for n in names} == {"copydesk", "copydesk-0.1.0.dist-info"}
    assert "copydesk/__init__.py" in names  # a regular package: no namespace for other folders to join
    packs = {n for n in names if n.startswith("copydesk/rulepacks/")}
    source = {"copydesk/rulepacks/" + p.relative_to(ROOT / "rules").as_posix()
              for p in (ROOT / "rules").rglob("*") if p.is_file() and p.suffix in (".yaml", ".txt", ".md")}  # fmt: skip
    assert source and source <= packs


def test_installed_copydesk_works_outside_the_checkout(wheel_install: tuple[Path, Path, Path]) -> None:
    _, bin_dir, articles = wheel_install
    listing = _run(bin_dir / "copydesk", "rules", cwd=articles)
    assert listing.returncode == 0 and "repetition.doubled-word" in listing.stdout
    slip = _run(bin_dir / "copydesk", "check", "--no-harper", "slip.txt", cwd=articles)
    assert slip.returncode == 1 and "repetition.doubled-word" in slip.stdout
    module = _run(bin_dir / "python", "-m", "copydesk", "--version", cwd=articles)
    assert module.returncode == 0 and module.stdout.strip() == "copydesk 0.1.0"


def test_installed_report_equals_the_editable_installs(wheel_install: tuple[Path, Path, Path]) -> None:
    _, bin_dir, articles = wheel_install
    args = ("check", "--format", "json", "--fail-on", "never", IRAN.name)
    installed = _run(bin_dir / "copydesk", *args, cwd=articles)
    editable = _run(DEV_BIN / "copydesk", *args, cwd=articles)
    assert installed.returncode == editable.returncode == 0, installed.stderr
    report = json.loads(installed.stdout)
    assert len(report["files"][0]["findings"]) > 10
    assert report == json.loads(editable.stdout)
