"""Nothing the user wrote is lost or altered by accident: concurrent edits, backups, encodings that
cannot hold a fix, FIFOs, odd file names, links, UTF-16 in a patch set, unwritable folders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import main_in_process
from test_flows import shell, tree

from copydesk import files as files_module
from copydesk.runner import Session

LATIN9 = 'The price is 5 € for the œuvre, said Šime. "Yes," replied Žana. It was the the end.\n'
# A legacy file (é is not ASCII) and a house form that no Western legacy encoding can hold.
LEGACY = "The café met in Lodz. It was the the end.\n"


def test_fix_write_keeps_a_change_made_while_it_ran(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.txt"
    target.write_text("It was the the end.\n", encoding="utf-8")
    check = Session.check

    def check_while_someone_appends(self: Session, doc):  # type: ignore[no-untyped-def]
        findings = check(self, doc)
        with target.open("a", encoding="utf-8") as fh:  # the writer adds a paragraph meanwhile
            fh.write("\nA paragraph added during the run.\n")
        return findings

    monkeypatch.setattr(Session, "check", check_while_someone_appends)
    result = main_in_process("fix", "--write", "--no-harper", str(target))
    assert result.returncode == 2 and "changed on disk since it was read" in result.stderr
    assert target.read_text(encoding="utf-8") == "It was the the end.\n\nA paragraph added during the run.\n"


async def test_review_write_keeps_a_change_made_while_it_was_open(tmp_path: Path) -> None:
    from test_review import SIZE, open_app, ready

    target = tmp_path / "a.txt"
    target.write_text("It was the the end.\n", encoding="utf-8")
    app = open_app(target, root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await ready(pilot)
        target.write_text("It was the the end.\nA line added in another editor.\n", encoding="utf-8")
        await pilot.press("w")
        await pilot.pause(0.1)
        assert app.review.dirty  # not written, still to decide
    assert target.read_text(encoding="utf-8") == "It was the the end.\nA line added in another editor.\n"
    sidecar = json.loads((tmp_path / ".copydesk" / "review" / "a.txt.json").read_text(encoding="utf-8"))
    assert sidecar["applied"][0]["replacement"] == "the"  # the decision is kept


def test_a_second_backup_never_replaces_the_first(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("It was the the end. They would of known.\n", encoding="utf-8")
    assert main_in_process("fix", "--write", "--backup", "--no-harper", "--select", "repetition",
                           str(target)).returncode == 0  # fmt: skip
    assert main_in_process("fix", "--write", "--backup", "--no-harper", str(target)).returncode == 0
    assert (tmp_path / "a.txt.orig").read_text(encoding="utf-8") == "It was the the end. They would of known.\n"
    assert target.read_text(encoding="utf-8") == "It was the end. They would have known.\n"


def _curly_house(folder: Path) -> None:
    (folder / "copydesk.toml").write_text('house = "style.yaml"\n', encoding="utf-8")
    (folder / "style.yaml").write_text("quotes: curly\n", encoding="utf-8")


def test_a_fix_the_encoding_cannot_hold_is_skipped(tmp_path: Path) -> None:
    _curly_house(tmp_path)
    target = tmp_path / "a.txt"
    target.write_bytes(LATIN9.encode("latin-1", "replace"))
    result = main_in_process("fix", "--write", "--no-harper", "--encoding", "latin-1", str(target))
    assert result.returncode == 0, result.stderr
    assert "latin-1 cannot hold them" in result.stderr.replace("iso8859-1", "latin-1")
    assert target.read_bytes().count(b'"') == 2 and b"the the" not in target.read_bytes()


def test_bulk_skips_unwritable_fixes_and_resumes(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "copydesk.toml").write_text('house = "style.yaml"\n', encoding="utf-8")
    (archive / "style.yaml").write_text("forms: {Lodz: Łódź}\n", encoding="utf-8")
    (archive / "legacy.txt").write_bytes(LEGACY.encode("cp1252"))
    (archive / "plain.txt").write_text("They met in Lodz. They said the the talks.\n", encoding="utf-8")
    dry = main_in_process("bulk", str(archive), "--out", str(tmp_path / "p"), "--jobs", "1", "--no-harper",
                          cwd=tmp_path)  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    summary = json.loads((tmp_path / "p" / "summary.json").read_text(encoding="utf-8"))
    assert summary["files_changed"] == 2 and summary["edits_by_rule"]["house.forms"] == 1  # the UTF-8 file's
    assert summary["left_for_review_by_rule"]["house.forms"] == 1  # the legacy file's, reported
    for _ in range(2):  # and a resumed run goes through as well
        applied = main_in_process("bulk", str(archive), "--apply", "--jobs", "1", "--no-harper", cwd=tmp_path)
        assert applied.returncode == 0, applied.stderr
    assert (archive / "legacy.txt").read_bytes() == "The café met in Lodz. It was the end.\n".encode("cp1252")
    assert (archive / "plain.txt").read_text(encoding="utf-8") == "They met in Łódź. They said the talks.\n"


def test_fifos_are_never_opened(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe")
    exe = Path(sys.executable).parent / "copydesk"
    run = subprocess.run([str(exe), "check", "--no-harper", str(folder)], capture_output=True, text=True, timeout=60,
                         check=False)  # fmt: skip
    assert run.returncode == 1 and "skipped" in run.stderr and "pipe.txt: not a regular file" in run.stderr
    named = subprocess.run([str(exe), "check", "--no-harper", str(folder / "pipe.txt")], capture_output=True,
                           text=True, timeout=60, check=False)  # fmt: skip
    assert named.returncode == 2 and "not a regular file" in named.stderr
    bulk = subprocess.run([str(exe), "bulk", str(folder), "--out", str(tmp_path / "p"), "--jobs", "1", "--no-harper"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert bulk.returncode == 1 and "pipe.txt: not a regular file" in bulk.stderr


def test_odd_file_names_and_utf16_patches_apply(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    names = ["new\nline.txt", 'quote " and \\ back.txt', "café.txt"]
    for name in names:
        (archive / name).write_text("They said the the talks.\n", encoding="utf-8")
    (archive / os.fsdecode(b"latin\xe9.txt")).write_text("They said the the talks.\n", encoding="utf-8")
    (archive / "wide.txt").write_bytes("It was the the end.\n".encode("utf-16"))
    reference = tmp_path / "reference"
    shutil.copytree(archive, reference)
    dry = main_in_process("bulk", "archive", "--out", "patches", "--jobs", "1", "--no-harper", cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert (tmp_path / "patches" / "wide.txt.utf-16.txt").is_file()  # beside the set, not in it
    applied = main_in_process("bulk", "reference", "--apply", "--jobs", "1", "--no-harper", cwd=tmp_path)
    assert applied.returncode == 0, applied.stderr
    expected = tree(reference)
    expected["wide.txt"] = (archive / "wide.txt").read_bytes()  # applied by hand or by --apply
    for tool in ("patch -p1 -d archive", "git apply --directory=archive"):
        copy = tmp_path / "copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(archive, copy / "archive")
        shutil.copytree(tmp_path / "patches", copy / "patches")
        result = shell(f"find patches -name '*.diff' -exec cat {{}} + | {tool}", copy)
        assert result.returncode == 0, result.stderr
        assert tree(copy / "archive") == expected
    assert b"It was the end." in (reference / "wide.txt").read_bytes().decode("utf-16").encode()
    single = main_in_process("fix", "--diff", "--no-harper", str(archive / "wide.txt"), str(archive / "café.txt"))
    assert "wide.txt: utf-16" in single.stderr and "fixes are not shown as a patch" in single.stderr
    assert single.stdout.count("diff --git") == 1


def test_links_in_an_archive(tmp_path: Path) -> None:
    outside = tmp_path / "private.txt"
    outside.write_text("Confidential: they said the the plan.\n", encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "story.txt").write_text("It was the the end.\n", encoding="utf-8")
    (archive / "leak.txt").symlink_to(outside)
    (archive / "alias.txt").symlink_to("story.txt")
    dry = main_in_process("bulk", str(archive), "--out", str(tmp_path / "p"), "--jobs", "1", "--no-harper")
    assert dry.returncode == 1 and "leak.txt: a link to a file outside the archive" in dry.stderr
    patches = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "p").rglob("*.diff"))
    assert "Confidential" not in patches and patches.count("diff --git") == 1
    applied = main_in_process("bulk", str(archive), "--apply", "--jobs", "1", "--no-harper")
    assert applied.returncode == 1
    assert (archive / "alias.txt").is_symlink() and (archive / "leak.txt").is_symlink()
    assert (archive / "alias.txt").read_text(encoding="utf-8") == "It was the end.\n"
    assert outside.read_text(encoding="utf-8") == "Confidential: they said the the plan.\n"


def test_an_unwritable_folder_is_one_line_and_others_are_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               ) -> None:  # fmt: skip
    # Tests run as root, for whom no folder is read-only: the refusal is the operating system's.
    locked, free = tmp_path / "locked", tmp_path / "free"
    for folder in (locked, free):
        folder.mkdir()
        (folder / "a.txt").write_text("It was the the end.\n", encoding="utf-8")
    mkstemp = files_module.tempfile.mkstemp

    def refuse(*args: object, dir: str | Path | None = None, **kwargs: object):  # type: ignore[no-untyped-def]
        if dir is not None and Path(dir) == locked:
            raise PermissionError(13, "Permission denied", str(dir))
        return mkstemp(*args, dir=dir, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(files_module.tempfile, "mkstemp", refuse)
    result = main_in_process("fix", "--write", "--no-harper", str(locked / "a.txt"), str(free / "a.txt"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{locked}: Permission denied" in result.stderr or "a.txt: Permission denied" in result.stderr
    assert (locked / "a.txt").read_text(encoding="utf-8") == "It was the the end.\n"
    assert (free / "a.txt").read_text(encoding="utf-8") == "It was the end.\n"
    report = main_in_process("check", "--no-harper", "--output", str(locked / "r.json"), str(free / "a.txt"))
    assert report.returncode == 2 and report.stderr.count("\n") == 1 and "Permission denied" in report.stderr


def test_config_on_a_missing_path_is_an_error(tmp_path: Path) -> None:
    result = main_in_process("config", str(tmp_path / "nothing-here.md"))
    assert result.returncode == 2 and "no such file or directory" in result.stderr
