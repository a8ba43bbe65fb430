"""`check` and `fix` over many files on several cores: the same output, in the same order, as one."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import IRAN, SAMPLES
from conftest import main_in_process as copydesk

from copydesk.cli.parallel import FILES_PER_WORKER, workers_for


def _folder(root: Path) -> Path:
    """More files than one process checks alone: samples, slips, an undecodable file among them."""
    root.mkdir()
    for i, sample in enumerate(sorted((SAMPLES / "onestopenglish").glob("*.txt")) * 3):
        shutil.copy(sample, root / f"{i:02}-{sample.name}")
    shutil.copy(IRAN, root / "50-iran.txt")
    for i in range(2 * FILES_PER_WORKER):
        (root / f"6{i:02}-slip.txt").write_text(f"Story {i} said the the talks would of started.\n", encoding="utf-8")
    (root / "55-broken.txt").write_bytes("Caf\u00e9 and and ".encode() + b"\xff\xfe\n")
    return root


def test_output_is_the_same_whatever_jobs_is(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "articles")
    assert workers_for(len(list(folder.iterdir())) - 1, 2) == 2  # two worker processes, not this one
    for args in (("check", "--format", "json"), ("check",), ("fix", "--diff")):
        one = copydesk(*args, "--jobs", "1", str(folder), cwd=tmp_path)
        two = copydesk(*args, "--jobs", "2", str(folder), cwd=tmp_path)
        assert one.returncode == two.returncode == 2  # the undecodable file
        assert one.stdout == two.stdout and one.stderr == two.stderr
        assert "55-broken.txt" in one.stderr
    report = copydesk("check", "--format", "json", "--jobs", "2", str(folder), cwd=tmp_path).stdout
    assert report.index("00-") < report.index("50-iran") < report.index("600-slip")


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    result = copydesk("check", "--jobs", "0", str(IRAN), cwd=tmp_path)
    assert result.returncode == 2 and "--jobs takes a number of worker processes" in result.stderr


def test_a_few_files_are_checked_in_this_process() -> None:
    assert workers_for(2 * FILES_PER_WORKER - 1, 2) == 0 and workers_for(1000, 1) == 0
    assert workers_for(1000, 2) == 2 and workers_for(3 * FILES_PER_WORKER, 8) == 3
