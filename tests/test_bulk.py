"""Bulk cleanup through the real CLI: dry-run patches, resumable --apply after SIGKILL, Dask."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import IRAN, SAMPLES
from conftest import main_in_process as copydesk

STORY = (
    "Ms. Rajavi said the the talks would resume.\n\nThey would of met sooner, said Mrs. Rajavi, whose aides agreed.\n"
)


def make_archive(root: Path, copies: int = 25) -> Path:
    """A small archive: real samples, generated stories, a misspelt name, and files to skip."""
    (root / "news" / "2016").mkdir(parents=True)
    (root / "features").mkdir()
    shutil.copy(IRAN, root / "news" / "2016" / "iran.txt")
    for sample in sorted((SAMPLES / "onestopenglish").glob("*.txt")):
        shutil.copy(sample, root / "features" / sample.name)
    for i in range(copies):
        (root / "news" / f"story-{i:03}.txt").write_text(f"Story {i}.\n\n" + STORY, encoding="utf-8")
    (root / "news" / "rjavi.txt").write_text("Rjavi spoke to reporters on Monday.\n", encoding="utf-8")
    (root / "news" / "crlf.txt").write_bytes(b"\xef\xbb\xbfIt was the the end.\r\nMore text.\r\n")
    (root / "news" / "crlf.txt").chmod(0o640)
    (root / "features" / "image.txt").write_bytes(b"\x89PNG\x00\x00binary")
    (root / "features" / "broken.txt").write_bytes("Caf\u00e9 and and ".encode() + b"\xff\xfe\n")
    return root


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def bulk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return copydesk("bulk", *args, cwd=cwd)


def test_dry_run_patches_apply_and_do_not_depend_on_jobs(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive")
    before = tree_bytes(archive)
    one = bulk(str(archive), "--out", str(tmp_path / "p1"), "--journal", str(tmp_path / "j1"), "--jobs", "1",
               cwd=tmp_path)  # fmt: skip
    two = bulk(str(archive), "--out", str(tmp_path / "p2"), "--journal", str(tmp_path / "j2"), "--jobs", "2",
               cwd=tmp_path)  # fmt: skip
    assert one.returncode == two.returncode == 1  # two files skipped, listed
    assert "skipped features/image.txt: binary file" in one.stderr
    assert "skipped features/broken.txt: undecodable" in one.stderr
    assert tree_bytes(archive) == before  # a dry run writes nothing in the archive
    assert tree_bytes(tmp_path / "p1") == tree_bytes(tmp_path / "p2")
    summary = json.loads((tmp_path / "p1" / "summary.json").read_text(encoding="utf-8"))
    assert summary["files_scanned"] == len(before)
    assert summary["edits_by_rule"]["repetition.doubled-word"] >= 26
    # rjavi.txt against the archive's Rajavi; the Iran sample's own 1:1 tie is left for review.
    assert summary["name_variants_fixed"] == {"Rjavi -> Rajavi": 1}
    assert summary["left_for_review_by_rule"]["consistency.name-variant"] >= 1
    assert (tmp_path / "p1" / "news" / "2016" / "iran.txt.diff").exists()
    assert "left for review" in (tmp_path / "p1" / "summary.txt").read_text(encoding="utf-8")
    patches = b"".join(p.read_bytes() for p in sorted((tmp_path / "p1").rglob("*.diff")))
    patched = tmp_path / "patched"
    shutil.copytree(archive, patched)
    subprocess.run(["git", "apply", "-"], input=patches, cwd=patched, check=True)
    by_patch = tree_bytes(patched)
    shutil.rmtree(patched)
    shutil.copytree(archive, patched)
    subprocess.run(["patch", "-p1", "--quiet"], input=patches, cwd=patched, check=True)
    assert tree_bytes(patched) == by_patch
    applied = tmp_path / "applied"
    shutil.copytree(archive, applied)
    assert bulk(str(applied), "--apply", "--journal", str(tmp_path / "j3"), cwd=tmp_path).returncode == 1
    assert tree_bytes(applied) == by_patch  # the patches are exactly what --apply writes
    assert b"Rajavi spoke" in by_patch["news/rjavi.txt"]
    assert by_patch["news/crlf.txt"] == b"\xef\xbb\xbfIt was the end.\r\nMore text.\r\n"


def test_apply_killed_midway_resumes_to_the_same_bytes(tmp_path: Path) -> None:
    reference = make_archive(tmp_path / "reference", copies=60)
    victim = tmp_path / "victim"
    shutil.copytree(reference, victim)
    bulk(str(reference), "--apply", "--backup", "--jobs", "2", "--journal", str(tmp_path / "ref.sqlite"),
         cwd=tmp_path)  # fmt: skip
    journal = tmp_path / "victim.sqlite"
    exe = Path(sys.executable).parent / "copydesk"
    args = [str(exe), "bulk", str(victim), "--apply", "--backup", "--jobs", "2", "--journal", str(journal)]
    proc = subprocess.Popen(args, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env={**os.environ, "NO_COLOR": "1"})  # fmt: skip
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            with sqlite3.connect(journal, timeout=1) as db:
                done = db.execute("SELECT count(*) FROM files WHERE state='done'").fetchone()[0]
        except sqlite3.Error:
            continue
        if done >= 10:
            break
    assert proc.poll() is None, "the run ended before it could be killed; make the archive larger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 10 <= done < 70
    resumed = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, check=False,
                             env={**os.environ, "NO_COLOR": "1"})  # fmt: skip
    assert resumed.returncode == 1, resumed.stderr
    assert tree_bytes(victim) == tree_bytes(reference)
    assert not list(victim.rglob("*.copydesk-tmp"))
    assert (victim / "news" / "crlf.txt").stat().st_mode & 0o777 == 0o640


def test_dask_local_cluster_equals_process_pool(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    archive = make_archive(tmp_path / "archive", copies=6)
    pool = bulk(str(archive), "--out", str(tmp_path / "pool"), "--journal", str(tmp_path / "a.sqlite"),
                "--jobs", "2", cwd=tmp_path)  # fmt: skip
    dask = bulk(str(archive), "--out", str(tmp_path / "dask"), "--journal", str(tmp_path / "b.sqlite"),
                "--jobs", "2", "--dask", "local", cwd=tmp_path)  # fmt: skip
    assert pool.returncode == dask.returncode == 1, dask.stderr
    assert tree_bytes(tmp_path / "pool") == tree_bytes(tmp_path / "dask")


def test_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    result = bulk(str(tmp_path / "missing"), cwd=tmp_path)
    assert result.returncode == 2 and "not a folder" in result.stderr
    archive = make_archive(tmp_path / "archive", copies=1)
    inside = bulk(str(archive), "--out", str(archive / "patches"), cwd=tmp_path)
    assert inside.returncode == 2 and "outside the archive" in inside.stderr
    (tmp_path / "notes.txt").write_text("not a database, but the user's notes\n" * 100, encoding="utf-8")
    other = bulk(str(archive), "--out", str(tmp_path / "p"), "--journal", str(tmp_path / "notes.txt"), cwd=tmp_path)
    assert other.returncode == 2 and "notes.txt: not a copydesk journal" in other.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8").startswith("not a database")


def stories(folder: Path, copies: int, sentence: str) -> Path:
    """A folder of one-line articles, each numbered, all with the same sentence."""
    folder.mkdir()
    for i in range(copies):
        (folder / f"s{i}.txt").write_text(f"Story {i}: {sentence}\n", encoding="utf-8")
    return folder


def test_check_across_an_archive(tmp_path: Path) -> None:
    archive = stories(tmp_path / "archive", 12, "Ms. Rajavi spoke.")
    draft = tmp_path / "draft.txt"
    draft.write_text("Rjavi spoke to reporters on Monday.\n", encoding="utf-8")
    alone = copydesk("check", "--format", "json", "--select", "consistency", str(draft))
    assert json.loads(alone.stdout)["files"][0]["findings"] == []
    across = copydesk("check", "--format", "json", "--across", str(archive), str(draft))
    findings = json.loads(across.stdout)["files"][0]["findings"]
    assert [(f["text"], f["replacements"]) for f in findings] == [("Rjavi", ["Rajavi"])]
    assert "in 12 articles of the archive" in findings[0]["message"]


def test_check_across_settles_a_dialect_tie_by_the_archive(tmp_path: Path) -> None:
    archive = stories(tmp_path / "archive", 6, "the colour of the theatre.")
    draft = tmp_path / "draft.txt"
    draft.write_text("Their behavior fuelled the crisis.\n", encoding="utf-8")
    alone = json.loads(copydesk("check", "--format", "json", "--select", "consistency.dialect", str(draft)).stdout)
    assert [f["replacements"] for f in alone["files"][0]["findings"]] == [[], []]  # a tie: asked, not fixed
    dialect_only = ("--format", "json", "--select", "consistency.dialect")
    across = copydesk("check", *dialect_only, "--across", str(archive), str(draft))
    findings = json.loads(across.stdout)["files"][0]["findings"]
    assert [(f["text"], f["replacements"]) for f in findings] == [("behavior", ["behaviour"])]
    assert "the archive is British (6 of 6 articles)" in findings[0]["message"]


def test_an_article_spelled_one_way_only_follows_the_archive_unless_its_conventions_differ(tmp_path: Path) -> None:
    archive = stories(tmp_path / "archive", 6, "the colour of the theatre.")
    draft = tmp_path / "draft.txt"
    draft.write_text("Their neighbors said so, Mr Brown told reporters.\n", encoding="utf-8")
    american = tmp_path / "american.txt"
    american.write_text("Their neighbors said so, Mr. Brown told reporters.\n", encoding="utf-8")
    dialect_only = ("--format", "json", "--select", "consistency.dialect")
    alone = json.loads(copydesk("check", *dialect_only, str(draft)).stdout)
    assert alone["files"][0]["findings"] == []  # one dialect only: the article's own way
    across = json.loads(copydesk("check", *dialect_only, "--across", str(archive), str(draft), str(american)).stdout)
    found = {Path(f["path"]).name: [(x["text"], x["replacements"]) for x in f["findings"]] for f in across["files"]}
    assert found == {"draft.txt": [("neighbors", ["neighbours"])], "american.txt": []}


def test_journal_keeps_the_archive_statistics(tmp_path: Path) -> None:
    from copydesk.archive import ArchiveStats
    from copydesk.bulk import Journal

    stats = ArchiveStats.from_counts({"Rajavi": 12, "Rjavi": 1}, {"en-GB": 9, "en-US": 1})
    Journal(tmp_path / "j.sqlite", {"archive": "archive"}, "dry-run").save_stats(stats)
    kept = Journal(tmp_path / "j.sqlite", {"archive": "archive"}, "dry-run").stats()
    assert kept is not None
    assert (kept.articles, kept.dialects, kept.dominant_dialect()) == (stats.articles, stats.dialects, "en-GB")


def test_articles_checked_together_are_weighed_together(tmp_path: Path) -> None:
    folder = stories(tmp_path / "desk", 6, "the colour of the theatre.")
    (folder / "tie.txt").write_text("Their behavior fuelled the crisis.\n", encoding="utf-8")
    dialect_only = ("check", "--format", "json", "--select", "consistency.dialect")

    def fixes(*args: str) -> list[list[str]]:
        report = json.loads(copydesk(*dialect_only, *args, cwd=tmp_path).stdout)
        return [f["replacements"] for file in report["files"] for f in file["findings"]]

    assert fixes("desk") == [["behaviour"]]  # the folder's six British articles settle the tie
    assert fixes("--no-across", "desk") == [[], []]  # on its own, the article is asked about
    (tmp_path / "copydesk.toml").write_text("across = false\n", encoding="utf-8")
    assert fixes("desk") == [[], []]
    (tmp_path / "copydesk.toml").write_text('exclude = ["desk/s*"]\n', encoding="utf-8")
    assert fixes("desk") == [[], []]  # excluded articles are neither checked nor counted
    (tmp_path / "copydesk.toml").write_text('across = "desk"\n', encoding="utf-8")
    assert fixes("desk/tie.txt") == [["behaviour"]]
    (tmp_path / "copydesk.toml").write_text("across = true\n", encoding="utf-8")
    bad = copydesk(*dialect_only, "desk", cwd=tmp_path)
    assert bad.returncode == 2 and "key 'across': the path of an archive folder, or false" in bad.stderr
