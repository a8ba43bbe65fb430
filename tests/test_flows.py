"""The documented flows, end to end: docs/bulk.md run literally, the patch recipe inside and outside
git, the pre-commit hook, baselines from another folder, symlinks, rule ids, report formats."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import IRAN, ROOT, main_in_process

BIN = Path(sys.executable).parent
STORY = "Ms. Rajavi said the the talks would resume.\n\nThey would of met sooner, said Mrs. Rajavi.\n"


def doc_commands(doc: Path, block: int) -> list[str]:
    """The shell commands of a document's `block`th ```sh block, comments dropped, as a user copies them."""
    blocks = re.findall(r"```sh\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    commands = []
    for line in blocks[block].splitlines():
        command = line.split("  #", 1)[0].strip()
        if command and not command.startswith("#"):
            commands.append(command)
    return commands


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                          errors="replace", check=False, timeout=600)  # fmt: skip


def small_archive(root: Path) -> Path:
    (root / "news").mkdir(parents=True)
    shutil.copy(IRAN, root / "news" / "iran.txt")
    for i in range(3):
        (root / "news" / f"story-{i}.txt").write_text(f"Story {i}.\n\n{STORY}", encoding="utf-8")
    (root / "clean.txt").write_text("Nothing to fix here.\n", encoding="utf-8")
    return root


def tree(root: Path, suffix: str = ".txt") -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob(f"*{suffix}")) if p.is_file()}


@pytest.fixture(scope="module")
def applied(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """docs/bulk.md's first block, run literally in one folder: dry run, read the summary, --apply."""
    folder = tmp_path_factory.mktemp("bulk-doc")
    original = tree(small_archive(folder / "archive"))
    results = [shell(command, folder) for command in doc_commands(ROOT / "docs" / "bulk.md", 0)]
    return {"folder": folder, "original": original, "results": results}


def test_bulk_doc_runs_literally_in_one_folder(applied: dict[str, object]) -> None:
    folder, original, results = applied["folder"], applied["original"], applied["results"]
    assert isinstance(folder, Path) and isinstance(original, dict) and isinstance(results, list)
    dry_run, summary, apply = results
    assert "copydesk bulk archive/ --out patches/" in dry_run.args[2]
    assert dry_run.returncode == 0, dry_run.stderr
    assert "files changed: 4" in summary.stdout
    # The step that used to stop at "a journal of another run":
    assert apply.returncode == 0, apply.stderr
    fixed = tree(folder / "archive")
    assert fixed["news/story-0.txt"].count(b"the the") == 0 and fixed["clean.txt"] == original["clean.txt"]
    assert tree(folder / "archive", ".orig")["news/story-0.txt.orig"] == original["news/story-0.txt"]
    with sqlite3.connect(folder / "copydesk-bulk.sqlite") as db:
        modes = sorted(json.loads(i)["mode"].split(":")[0] for (i,) in db.execute("SELECT identity FROM runs"))
    assert modes == ["apply", "dry-run"]
    again = shell("copydesk bulk archive/ --apply --backup", folder)  # the same command resumes its own run
    assert again.returncode == 0 and tree(folder / "archive") == fixed


@pytest.mark.parametrize("in_git", [False, True])
def test_patch_recipe_applies_inside_and_outside_git(applied: dict[str, object], tmp_path: Path,
                                                     in_git: bool) -> None:  # fmt: skip
    """The 'apply them yourself' recipe, literally, gives what --apply gives; `git apply` inside a
    repository used to apply nothing, silently."""
    folder = applied["folder"]
    assert isinstance(folder, Path)
    small_archive(tmp_path / "archive")
    if in_git:
        for command in ("git init -q", "git add -A", "git -c user.name=t -c user.email=t@t commit -qm archive"):
            assert shell(command, tmp_path).returncode == 0
    assert shell("copydesk bulk archive/ --out patches/", tmp_path).returncode == 0
    [recipe] = doc_commands(ROOT / "docs" / "bulk.md", 1)
    result = shell(recipe, tmp_path)
    assert result.returncode == 0, result.stderr
    assert tree(tmp_path / "archive") == tree(folder / "archive")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent (init here) has not reaped it yet


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc")
def test_workers_exit_when_the_bulk_parent_is_killed(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for i in range(200):
        shutil.copy(IRAN, archive / f"a{i:03}.txt")
    command = [str(BIN / "copydesk"), "bulk", str(archive), "--out", str(tmp_path / "p"), "--jobs", "2"]
    proc = subprocess.Popen([*command, "--journal", str(tmp_path / "j")], cwd=tmp_path, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
            time.sleep(0.1)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the pool never started"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers), "workers outlived their killed parent"
    finally:
        for w in _children(proc.pid):
            os.kill(w, signal.SIGKILL)


def test_a_worker_whose_parent_died_before_it_started_leaves() -> None:
    """The pool's parent may be killed between a worker's fork and its initializer (a loaded
    machine): the worker, re-parented by then, sees that it is not its parent's child any more."""
    import multiprocessing

    from copydesk.bulk.executors import _init_worker

    gone_parent = os.getpid() + 1_000_000  # no process: the parent the worker was forked for is dead
    worker = multiprocessing.get_context("fork").Process(target=_init_worker, args=(print, (), gone_parent))
    worker.start()
    worker.join(30)
    assert worker.exitcode == 1


def test_fix_write_goes_through_a_symlink_and_keeps_the_mode(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("It was the the end.\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    result = main_in_process("fix", "--write", str(link), "--no-harper")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_text(encoding="utf-8") == "It was the end.\n"
    assert real.stat().st_mode & 0o777 == 0o640


def test_new_reports_go_to_new_folders_with_the_umasks_mode(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("It was the the end.\n", encoding="utf-8")
    expected = 0o666 & ~_umask()
    report = tmp_path / "reports" / "today" / "r.json"
    result = main_in_process("check", "--no-harper", "--format", "json", "--output", str(report), str(article))
    assert result.returncode == 1 and json.loads(report.read_text(encoding="utf-8"))["version"] == 1
    baseline = tmp_path / "new" / "baseline.json"
    assert main_in_process("check", "--no-harper", "--write-baseline", str(baseline), str(article)).returncode == 0
    sheet = tmp_path / "style" / "house.yaml"
    assert main_in_process("style", "learn", str(tmp_path), "--output", str(sheet)).returncode == 0
    assert [p.stat().st_mode & 0o777 for p in (report, baseline, sheet)] == [expected] * 3


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_unknown_rule_ids_are_errors_with_the_nearest_id(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("They said the the talks.\n", encoding="utf-8")
    typo = main_in_process("check", "--no-harper", "--select", "repetiton", str(article))
    assert typo.returncode == 2 and "did you mean 'repetition'" in typo.stderr
    assert main_in_process("check", "--no-harper", "--ignore", "nothing.like.this", str(article)).returncode == 2
    assert main_in_process("check", "--no-harper", "--select", "repetition", str(article)).returncode == 1
    assert main_in_process("check", "--no-harper", "--select", "harper.spelling", str(article)).returncode == 0
    for table in ('select = ["repetiton"]', 'ignore = ["consistency.quote"]', '[severity]\n"grammer" = "error"'):
        (tmp_path / "copydesk.toml").write_text(table + "\n", encoding="utf-8")
        result = main_in_process("check", "--no-harper", str(article))
        assert result.returncode == 2 and "copydesk.toml: key" in result.stderr and "did you mean" in result.stderr
    (tmp_path / "copydesk.toml").unlink()
    bulk = main_in_process("bulk", str(tmp_path), "--out", str(tmp_path.parent / "p"), "--select", "repetiton")
    assert bulk.returncode == 2 and "did you mean 'repetition'" in bulk.stderr


def test_missing_or_empty_rule_packs_are_errors(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("They said the the talks.\n", encoding="utf-8")
    empty = tmp_path / "packs"
    empty.mkdir()
    for folder in (empty, tmp_path / "missing"):
        result = main_in_process("check", "--no-harper", str(article), env={"COPYDESK_RULES": str(folder)})
        assert result.returncode == 2 and str(folder) in result.stderr
        assert main_in_process("rules", env={"COPYDESK_RULES": str(folder)}).returncode == 2


def test_baseline_is_keyed_by_the_project_path_and_readable(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "copydesk.toml").write_text("", encoding="utf-8")
    (project / "articles" / "a.txt").write_text("They said the the talks.\n", encoding="utf-8")
    written = main_in_process("check", "--no-harper", "--write-baseline", "base.json", "articles", cwd=project)
    assert written.returncode == 0
    data = json.loads((project / "base.json").read_text(encoding="utf-8"))
    [entry] = data["findings"]["articles/a.txt"]
    assert (entry["rule"], entry["text"], entry["line"]) == ("repetition.doubled-word", "the the", 1)
    for cwd, target in ((project / "articles", "a.txt"), (tmp_path, "project/articles/a.txt")):
        again = main_in_process("check", "--no-harper", "--baseline", str(project / "base.json"), target, cwd=cwd)
        assert again.returncode == 0, again.stdout


def test_pre_commit_hook_selects_articles_and_honours_excludes(tmp_path: Path) -> None:
    identify = pytest.importorskip("identify.identify")
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    names = ["a.txt", "b.md", "c.html", "d.yaml", "e.toml", "f.py", "g.json", "h.cfg"]
    for name in names:
        (tmp_path / name).write_text("x\n", encoding="utf-8")
    chosen = [n for n in names if identify.tags_from_path(str(tmp_path / n)) & set(hook["types_or"])]
    assert chosen == ["a.txt", "b.md", "c.html"]
    entry = hook["entry"].split()
    assert entry[:2] == ["copydesk", "check"] and "--force-exclude" in entry
    assert "--no-across" in entry or hook.get("require_serial") is True
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.txt").write_text("It was the the end.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Clean copy.\n", encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text('exclude = ["drafts/*"]\n', encoding="utf-8")
    named = ["drafts/x.txt", "a.txt"]  # as pre-commit names them
    assert main_in_process(*entry[1:], "--no-harper", *named, cwd=tmp_path).returncode == 0
    assert main_in_process("check", "--no-harper", *named, cwd=tmp_path).returncode == 1  # named: checked


def test_no_color_means_no_escape_codes(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("They said the the talks.\n", encoding="utf-8")
    coloured = main_in_process("check", "--no-harper", str(article), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in coloured.stdout  # a terminal gets colour and bold ...
    plain = main_in_process("check", "--no-harper", str(article), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b" not in plain.stdout + plain.stderr and "repetition.doubled-word" in plain.stdout  # ... NO_COLOR none


def test_junit_failures_follow_fail_on() -> None:
    def failures(threshold: str) -> tuple[int, int]:
        result = main_in_process("check", "--no-harper", "--format", "junit", "--fail-on", threshold, str(IRAN))
        first = re.search(r'<testsuites name="copydesk" tests="(\d+)" failures="(\d+)"', result.stdout)
        assert first is not None
        return int(first[1]), int(first[2])

    tests, every = failures("info")
    assert every == tests > 0
    errors = failures("error")[1]
    assert 0 < errors < failures("warning")[1] < every  # the Iran sample's doubled words are errors
    assert failures("never") == (tests, 0)


def test_github_annotations_are_capped_with_a_summary(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("".join(f"Line {i} has has a slip.\n" for i in range(25)), encoding="utf-8")
    result = main_in_process("check", "--no-harper", "--select", "repetition", "--format", "github", str(article))
    lines = result.stdout.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10  # doubled words are errors
    assert sum("repetition.doubled-word" in line for line in lines) == 25  # the rest stay in the log
    assert lines[-1].startswith("copydesk: 25 finding(s)") and "15 only in this log" in lines[-1]


def test_fix_diff_exits_1_when_it_has_fixes(tmp_path: Path) -> None:
    dirty, clean = tmp_path / "dirty.txt", tmp_path / "clean.txt"
    dirty.write_text("It was the the end.\n", encoding="utf-8")
    clean.write_text("It was the end.\n", encoding="utf-8")
    with_fixes = main_in_process("fix", "--diff", "--no-harper", str(dirty))
    assert with_fixes.returncode == 1 and "+It was the end." in with_fixes.stdout
    assert main_in_process("fix", "--diff", "--no-harper", str(clean)).returncode == 0


def test_every_rules_folder_is_packaged() -> None:
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    data = [p for p in (ROOT / "rules").iterdir() if p.is_dir() and not p.name.startswith(("_", "."))]
    folders = {f"copydesk.rulepacks.{p.name}" for p in data}
    assert folders and folders <= set(packages)


def test_python_dash_m_copydesk() -> None:
    result = subprocess.run([sys.executable, "-m", "copydesk", "--version"], capture_output=True, text=True,
                            check=False, cwd="/")  # fmt: skip
    assert result.returncode == 0 and result.stdout.startswith("copydesk ")


def test_ci_doc_names_what_exists() -> None:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    [pre_commit] = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "repos:" in b]
    [repo] = yaml.safe_load(pre_commit)["repos"]
    hook_ids = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert {h["id"] for h in repo["hooks"]} <= hook_ids
    assert repo["rev"] == "main" and "pip install copydesk\n" not in text
    assert "upload-sarif@v4" in text and "upload-sarif@v3" not in text


def test_sarif_points_at_no_page_that_does_not_exist() -> None:
    report = json.loads(main_in_process("check", "--no-harper", "--format", "sarif", str(IRAN)).stdout)
    driver = report["runs"][0]["tool"]["driver"]
    assert driver["name"] == "copydesk" and "pypi.org" not in json.dumps(driver)
