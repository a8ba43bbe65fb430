"""The `copydesk` command on real files: in this process, and as a real subprocess for the smoke
tests of exit codes, standard input and --help."""

from __future__ import annotations

import codecs
import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import IRAN, SAMPLES, main_in_process, run_cli

# The command in this process (fast); the tests that keep run_cli are the real-process smoke tests.
copydesk = main_in_process


def test_json_on_stdout_stays_clean_when_harper_prints(tmp_path: Path) -> None:
    """harper-py 0.2.0's Rust prints a debug line to file descriptor 1 on this sentence; the real
    command keeps it out of the report on stdout (it goes to stderr)."""
    article = tmp_path / "a.txt"
    article.write_text("I am looking forward to see you.\n", encoding="utf-8")
    cache = tmp_path / "cache"  # a fresh cache, so that Harper really lints the sentence
    result = run_cli("check", "--format", "json", "--fail-on", "never", str(article),
                     env={"COPYDESK_CACHE_DIR": str(cache)})  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [f["text"] for f in report["files"][0]["findings"]] == ["to see"]


def test_native_writes_to_stdout_go_to_stderr() -> None:
    """What native code writes straight to descriptor 1 lands on stderr; what copydesk prints stays
    on stdout."""
    script = (
        "import os, sys\n"
        "from copydesk.cli import _native_output_to_stderr\n"
        "_native_output_to_stderr()\n"
        "os.write(1, b'native\\n')\n"
        "print('ours')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert proc.stdout == "ours\n"
    assert "native" in proc.stderr


def test_check_samples_flags_the_iran_focus_slips() -> None:
    result = run_cli("check", "--format", "json", str(SAMPLES))
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["version"] == 1
    iran = next(f for f in report["files"] if f["path"].endswith("iran-focus-un-resolution.txt"))
    assert iran["encoding"] == "utf-8"
    by_text = {f["text"]: f for f in iran["findings"]}
    assert by_text["and and"]["replacements"][0] == "and"
    assert by_text["and and"]["rule"] == "repetition.doubled-word"
    assert by_text["do forward"]["replacements"][0] == "go forward"
    text = IRAN.read_text(encoding="utf-8")
    for f in iran["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]
        line_start = text.rfind("\n", 0, f["start"]) + 1
        assert f["line"] == text.count("\n", 0, f["start"]) + 1
        assert f["column"] == f["start"] - line_start + 1
        assert 0 <= f["confidence"] <= 1
        assert {
            "rule",
            "category",
            "severity",
            "message",
            "start",
            "end",
            "line",
            "column",
            "text",
            "replacements",
            "confidence",
        } <= f.keys()


def test_text_format_lines_and_summary() -> None:
    result = copydesk("check", str(IRAN))
    lines = result.stdout.splitlines()
    assert any(":3:295: error repetition.doubled-word Doubled word: 'and and' -> and" in line for line in lines)
    assert lines[-1].startswith(f"{len(lines) - 1} findings")
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_fix_diff_applies_with_patch_and_git_apply(tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(SAMPLES, work / "samples")
    result = copydesk("fix", "--diff", "samples", cwd=work)
    assert result.returncode == 1, result.stderr  # fixes printed: the files are not clean yet
    assert "+++ b/samples/iran-focus-un-resolution.txt" in result.stdout
    assert "prosecution go forward against" in result.stdout
    diff = result.stdout.encode()
    git_copy = tmp_path / "git"
    shutil.copytree(work, git_copy)
    subprocess.run(["patch", "-p1", "--quiet"], input=diff, cwd=work, check=True)
    subprocess.run(["git", "apply", "-"], input=diff, cwd=git_copy, check=True)
    fixed = (work / "samples" / IRAN.name).read_text(encoding="utf-8")
    assert "hidden and their" in fixed and "prosecution go forward" in fixed
    assert (git_copy / "samples" / IRAN.name).read_bytes() == (work / "samples" / IRAN.name).read_bytes()
    # After the fixes, fix has nothing more to propose for those rules.
    again = copydesk("check", "--select", "repetition,confusable", "samples", cwd=work)
    assert again.returncode == 0, again.stdout


def test_missing_path_is_a_clear_error() -> None:
    result = run_cli("check", "no/such/file.txt")
    assert result.returncode == 2
    assert "no/such/file.txt: no such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_path_is_a_usage_error() -> None:
    result = copydesk("check")
    assert result.returncode == 2
    assert "needs at least one PATH" in result.stderr


def test_folder_with_binary_files(tmp_path: Path) -> None:
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "data.txt").write_bytes(b"looks like text\x00\x01\x02 but is not")
    (tmp_path / "story.txt").write_text("It was the the end.\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("and and\n", encoding="utf-8")
    result = copydesk("check", "--format", "json", str(tmp_path))
    assert result.returncode == 1
    assert "skipped" in result.stderr and "image.png: binary file" in result.stderr
    assert "data.txt: binary file" in result.stderr
    paths = [Path(f["path"]).name for f in json.loads(result.stdout)["files"]]
    assert paths == ["story.txt"]


def test_binary_file_named_directly_is_an_error(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"\x00\x01binary")
    result = copydesk("check", str(target))
    assert result.returncode == 2
    assert "binary file" in result.stderr


def test_invalid_utf8_is_an_error_and_never_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "broken.txt"
    data = "Caf\u00e9 and and more.\n".encode() + b"\xff\xfe broken\n"
    target.write_bytes(data)
    for args in (["check"], ["fix", "--write"]):
        result = copydesk(*args, str(target))
        assert result.returncode == 2
        assert "invalid UTF-8 at byte" in result.stderr
        assert "Traceback" not in result.stderr
    assert target.read_bytes() == data


def test_legacy_cp1252_is_decoded_and_written_back_in_cp1252(tmp_path: Path) -> None:
    target = tmp_path / "old.txt"
    target.write_bytes("The caf\u00e9 said \u201cno\u201d and and left.\n".encode("cp1252"))
    result = copydesk("fix", "--write", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == "The caf\u00e9 said \u201cno\u201d and left.\n".encode("cp1252")


def test_empty_file(tmp_path: Path) -> None:
    target = tmp_path / "empty.txt"
    target.write_bytes(b"")
    result = copydesk("check", str(target))
    assert result.returncode == 0
    assert "No findings in 1 file." in result.stdout


def test_crlf_bom_file_fixed_byte_for_byte(tmp_path: Path) -> None:
    target = tmp_path / "crlf.txt"
    original = (
        codecs.BOM_UTF8
        + ("First line stays \u201cas is\u201d.\r\nIt was hidden and and\r\nthe the truth.\r\nLast line\r\n").encode()
    )
    target.write_bytes(original)
    result = copydesk("fix", "--write", "--backup", str(target))
    assert result.returncode == 0, result.stderr
    expected = (
        codecs.BOM_UTF8
        + ("First line stays \u201cas is\u201d.\r\nIt was hidden and\r\nthe truth.\r\nLast line\r\n").encode()
    )
    assert target.read_bytes() == expected
    assert (tmp_path / "crlf.txt.orig").read_bytes() == original


def test_utf16_file_is_fixed_in_utf16(tmp_path: Path) -> None:
    target = tmp_path / "wide.txt"
    target.write_bytes(codecs.BOM_UTF16_LE + "It would of worked.\n".encode("utf-16-le"))
    assert copydesk("fix", "--write", str(target)).returncode == 0
    assert target.read_bytes() == codecs.BOM_UTF16_LE + "It would have worked.\n".encode("utf-16-le")


def test_stdin_check_and_fix() -> None:
    result = run_cli("check", "-", stdin=b"They would of known.\n")
    assert result.returncode == 1
    assert result.stdout.startswith("-:1:6: error confusable.would-of")
    fixed = run_cli("fix", "--write", "-", stdin=b"They would of known.\n")
    assert fixed.stdout == "They would have known.\n"


def test_fail_on_thresholds_and_selection(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("Each and every member voted.\n", encoding="utf-8")  # one info finding
    assert copydesk("check", str(target)).returncode == 0
    assert copydesk("check", "--fail-on", "info", str(target)).returncode == 1
    assert copydesk("check", "--fail-on", "never", "--select", "style", str(target)).returncode == 0
    assert copydesk("check", "--fail-on", "info", "--ignore", "style.redundant-phrase", str(target)).returncode == 0
    assert copydesk("check", "--fail-on", "info", "--select", "repetition", str(target)).returncode == 0
    bad = copydesk("check", "--fail-on", "fatal", str(target))
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_rules_lists_and_documents() -> None:
    listing = copydesk("rules")
    assert listing.returncode == 0
    assert "repetition.doubled-word" in listing.stdout
    doc = copydesk("rules", "confusable.do-forward")
    assert doc.returncode == 0
    assert "prosecution do forward" in doc.stdout and "Please do forward this email" in doc.stdout
    assert copydesk("rules", "nope.nothing").returncode == 2


def test_bad_rule_pack_names_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "rules:\n  - id: x.y\n    check: substitution\n    message: m\n    settings: {swap: [{pattern: '('}]}\n",
        encoding="utf-8",
    )
    result = copydesk("check", str(IRAN), env={"COPYDESK_RULES": str(tmp_path)})
    assert result.returncode == 2
    assert "bad.yaml: rule x.y, field 'swap'" in result.stderr


def test_help_teaches() -> None:
    result = run_cli("check", "--help")
    assert result.returncode == 0
    assert "exit codes:" in result.stdout and "examples:" in result.stdout
