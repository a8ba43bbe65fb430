"""The review app driven by Textual's Pilot, on real sample files, with the real checks."""

from __future__ import annotations

import codecs
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import IRAN, SAMPLES
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Static, TextArea, Tree

from copydesk.document import Document
from copydesk.findings import Finding, Severity
from copydesk.review import screens
from copydesk.review.app import ReviewApp
from copydesk.review.screens import DiffScreen, HelpScreen, QuitScreen

SIZE = (100, 30)


def open_app(*paths: Path, root: Path) -> ReviewApp:
    docs = [Document.from_bytes(p.read_bytes(), str(p)) for p in paths]
    return ReviewApp(docs, root=root)


async def ready(pilot: Pilot) -> None:
    app = pilot.app
    assert isinstance(app, ReviewApp)
    for _ in range(300):
        await pilot.pause(0.05)
        if all(r.checked for r in app.reviews) and not app.workers:
            return
    raise AssertionError("the checks did not finish")


async def go_to(pilot: Pilot, wanted: Callable[[Finding], bool]) -> None:
    """Press n until the current finding is the one wanted; fails if it never comes."""
    app = pilot.app
    assert isinstance(app, ReviewApp)
    for _ in range(300):
        finding = app.current_finding()
        if finding is not None and wanted(finding):
            return
        await pilot.press("n")
    raise AssertionError("no such finding")


@pytest.fixture
def iran(tmp_path: Path) -> Path:
    target = tmp_path / "iran.txt"
    shutil.copy(IRAN, target)
    return target


async def test_accept_reject_edit_diff_write_quit(iran: Path) -> None:
    """The done-when: step through every finding, accept most, reject one, rewrite one, look at
    the full diff, save, and find exactly those changes on disk."""
    original = iran.read_text(encoding="utf-8")
    app = open_app(iran, root=iran.parent)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        first = app.current_finding()
        assert first is not None
        await pilot.press("r")  # reject the first finding
        rejected = first.text
        await pilot.press("e")  # rewrite the second one
        await pilot.press("end", *("backspace" for _ in range(40)), *"REWRITTEN", "enter")
        await ready(pilot)
        assert "REWRITTEN" in app.review.text
        steps = 0
        while app.current_finding() is not None and steps < 60:
            steps += 1
            await pilot.press("a" if app.current_finding().replacements else "r")  # type: ignore[union-attr]
            await ready(pilot)
        assert app.current_finding() is None
        await pilot.press("D")
        assert isinstance(app.screen, DiffScreen) and "REWRITTEN" in app.screen.diff
        diff = app.screen.diff
        await pilot.press("escape")
        await pilot.press("w")
        await pilot.press("q")
    written = iran.read_text(encoding="utf-8")
    assert written == app.review.text != original
    assert rejected in written  # the rejected finding's text is still there
    assert "REWRITTEN" in written
    assert "go forward" in written and "These catastrophic results" in written
    assert "+These catastrophic results" in diff and "-This catastrophic results" in diff


async def test_navigation_keys(iran: Path) -> None:
    app = open_app(iran, root=iran.parent)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for key, expected in (("n", 1), ("j", 2), ("down", 3), ("p", 2), ("k", 1), ("up", 0), ("up", 0)):
            await pilot.press(key)
            assert app.current == expected, key


async def test_accept_all_of_a_rule_undo_and_write(iran: Path) -> None:
    app = open_app(iran, root=iran.parent)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await go_to(pilot, lambda f: f.rule == "consistency.quotes")
        title = app.query_one("#title", Static)
        assert str(title.render()).endswith("iran.txt")
        await pilot.press("A")
        await ready(pilot)
        assert not any(f.rule == "consistency.quotes" for f in app.pending())
        assert "”" not in app.review.text.split("“Conceding")[0]
        assert str(title.render()).endswith("(modified)")
        await pilot.press("u")
        await ready(pilot)
        assert app.review.text == IRAN.read_text(encoding="utf-8")  # A was one decision; u undid it
        assert not str(title.render()).endswith("(modified)")
        await pilot.press("a", "w", "q")
    assert iran.read_text(encoding="utf-8") != IRAN.read_text(encoding="utf-8")


async def test_ignore_rule_is_remembered(iran: Path) -> None:
    app = open_app(iran, root=iran.parent)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        rule = app.current_finding().rule  # type: ignore[union-attr]
        await pilot.press("i")
        assert not any(f.rule == rule for f in app.pending())
        await pilot.press("q")
    sidecar = iran.parent / ".copydesk" / "review" / "iran.txt.json"
    assert rule in json.loads(sidecar.read_text(encoding="utf-8"))["ignored_rules"]
    again = open_app(iran, root=iran.parent)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not any(f.rule == rule for f in again.pending())


async def test_decisions_resume_after_reopening(iran: Path) -> None:
    app = open_app(iran, root=iran.parent)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await ready(pilot)
        await pilot.press("q", "q")  # quit without writing
    assert iran.read_text(encoding="utf-8") == IRAN.read_text(encoding="utf-8")
    again = open_app(iran, root=iran.parent)
    assert again.reviews[0].dirty  # the accepted edit is replayed
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("w", "q")
    assert iran.read_text(encoding="utf-8") == again.reviews[0].text


async def test_quit_asks_when_unsaved_and_can_write(iran: Path) -> None:
    app = open_app(iran, root=iran.parent)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a", "q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("c")
        assert not isinstance(app.screen, QuitScreen)
        await pilot.press("q", "w")
    assert "December 20" in iran.read_text(encoding="utf-8")


async def test_help_and_theme(iran: Path) -> None:
    app = open_app(iran, root=iran.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.text
        for binding in ReviewApp.BINDINGS:  # the help is the bindings: a new key documents itself
            assert not isinstance(binding, Binding) or not binding.tooltip or binding.tooltip in shown
        assert "accept the edit" in shown and "[b]n j ↓" in shown
        await pilot.press("escape")
        theme = app.theme
        await pilot.press("t")
        assert app.theme != theme
        await pilot.click("#keys", offset=(2, 0))  # the footer's first key, "? Help", is a link
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_dictionary_key_adds_the_word(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("The goverment said so, and the goverment agreed.\n", encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text("", encoding="utf-8")
    app = open_app(target, root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.current_finding().text == "goverment"  # type: ignore[union-attr]
        await pilot.press("d")
        await ready(pilot)
        assert app.pending() == []
    assert (tmp_path / ".copydesk" / "dictionary.txt").read_text(encoding="utf-8") == "goverment\n"


async def test_write_keeps_bom_crlf_and_backup(tmp_path: Path) -> None:
    target = tmp_path / "crlf.txt"
    original = codecs.BOM_UTF8 + b"It was the the end.\r\nThey would of known.\r\n"
    target.write_bytes(original)
    docs = [Document.from_bytes(target.read_bytes(), str(target))]
    app = ReviewApp(docs, backup=True, root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("a")
        await ready(pilot)
        await pilot.press("a")
        await ready(pilot)
        await pilot.press("w", "q")
    assert target.read_bytes() == codecs.BOM_UTF8 + b"It was the end.\r\nThey would have known.\r\n"
    assert (tmp_path / "crlf.txt.orig").read_bytes() == original


async def test_several_files_and_the_mouse(tmp_path: Path) -> None:
    paths = []
    for sample in [IRAN, *sorted((SAMPLES / "onestopenglish").glob("*.txt"))[:1]]:
        shutil.copy(sample, tmp_path / sample.name)
        paths.append(tmp_path / sample.name)
    app = open_app(*paths, root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#files", offset=(2, 1))  # the second file
        await pilot.pause(0.2)
        assert app.file_index == 1
        await pilot.click("#files", offset=(2, 0))
        await pilot.pause(0.2)
        assert app.file_index == 0


def _snapshot_app(tmp_path: Path) -> ReviewApp:
    target = tmp_path / "iran-focus-un-resolution.txt"
    shutil.copy(IRAN, target)
    return ReviewApp([Document.from_bytes(target.read_bytes(), "iran-focus-un-resolution.txt")], root=tmp_path)


def test_snapshot_main_screen(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_snapshot_app(tmp_path), terminal_size=SIZE, run_before=ready)


def test_snapshot_help_screen(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(_snapshot_app(tmp_path), press=["question_mark"], terminal_size=SIZE, run_before=ready)


def test_snapshot_full_diff_screen(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def accept_two(pilot: Pilot) -> None:
        await ready(pilot)
        await pilot.press("a")
        await ready(pilot)
        await pilot.press("a")
        await ready(pilot)

    assert snap_compare(_snapshot_app(tmp_path), press=["D"], terminal_size=SIZE, run_before=accept_two)


async def test_keyboard_reaches_every_file(tmp_path: Path) -> None:
    """`n` past a file's last finding opens the next file, `p` steps back into the previous one,
    and the file list takes the arrow keys once focused (f), Enter opening a file."""
    first, second, third = (tmp_path / f"{name}.txt" for name in ("one", "two", "three"))
    first.write_text("It was the the end.\n", encoding="utf-8")
    second.write_text("They would of known.\n", encoding="utf-8")
    third.write_text("A clean sentence.\n", encoding="utf-8")
    app = open_app(first, second, third, root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert (app.file_index, app.current_finding().text) == (0, "the the")  # type: ignore[union-attr]
        await pilot.press("n")
        assert (app.file_index, app.current_finding().text) == (1, "would of")  # type: ignore[union-attr]
        await pilot.press("n")
        assert app.file_index == 2
        await pilot.press("p", "p")
        assert app.file_index == 0
        await pilot.press("f", "down", "down", "enter")
        await pilot.pause(0.1)
        assert app.file_index == 2
        await pilot.press("up", "enter", "escape")
        await pilot.pause(0.1)
        assert app.file_index == 1 and app.focused is app.query_one("#article")


async def test_decisions_and_dictionary_live_at_the_project_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 ) -> None:  # fmt: skip
    from conftest import main_in_process

    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    (project / "copydesk.toml").write_text("", encoding="utf-8")
    target = project / "articles" / "a.txt"
    target.write_text("The goverment said so, and it was the the end.\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # started from another folder: nothing is kept there
    app = ReviewApp([Document.from_bytes(target.read_bytes(), str(target))])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await go_to(pilot, lambda f: f.text == "goverment")
        await pilot.press("d")
        await ready(pilot)
    assert not (elsewhere / ".copydesk").exists()
    assert (project / ".copydesk" / "review" / "articles" / "a.txt.json").is_file()
    assert (project / ".copydesk" / "dictionary.txt").read_text(encoding="utf-8") == "goverment\n"
    config = main_in_process("config", str(target), cwd=elsewhere)
    assert '"goverment"' in config.stdout
    check = main_in_process("check", "--format", "json", "--select", "harper", str(target), cwd=elsewhere)
    assert "goverment" not in check.stdout and check.returncode == 0


async def test_a_long_article_is_shown_a_window_at_a_time(tmp_path: Path) -> None:
    """Past WINDOW_LINES lines the view holds the lines around the finding, numbered as in the
    file, and the finding is the selection; stepping to a finding far away moves the window."""
    from copydesk.review.app import WINDOW_LINES

    lines = [f"Paragraph {i} is here." for i in range(3 * WINDOW_LINES)]
    lines[10] = "It was the the end of line eleven."
    lines[2 * WINDOW_LINES + 5] = "They would of known on that line."
    lines[2 * WINDOW_LINES + 9] = "And and that was all."
    target = tmp_path / "long.txt"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = open_app(target, root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        article = app.query_one("#article", TextArea)
        assert article.selected_text == "the the" and article.line_number_start == 1
        assert article.document.line_count == WINDOW_LINES
        await pilot.press("n")
        await pilot.pause()
        assert article.selected_text == "would of"
        first = article.line_number_start - 1
        assert 0 < first <= 2 * WINDOW_LINES + 5 < first + WINDOW_LINES
        assert article.document.get_line(2 * WINDOW_LINES + 5 - first) == lines[2 * WINDOW_LINES + 5]
        await pilot.press("a")  # the edit is made in the window shown, which stays on the next finding
        await pilot.pause()
        assert article.line_number_start - 1 == first
        assert article.document.get_line(2 * WINDOW_LINES + 5 - first) == "They would have known on that line."
        shown = screens.LineStarts.of(app.review.text).text_of(first, first + WINDOW_LINES)
        assert article.text == shown


async def test_a_rules_findings_are_listed_when_it_is_opened(iran: Path) -> None:
    app = open_app(iran, root=iran.parent)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        tree: Tree[int | str] = app.query_one("#findings", Tree)
        rules = [node for category in tree.root.children for node in category.children]
        assert rules and all(not node.children for node in rules)  # closed: no leaves built yet
        quotes = next(node for node in rules if node.data == "consistency.quotes")
        quotes.expand()
        await pilot.pause()
        leaves = list(quotes.children)
        assert len(leaves) == 4 and all(isinstance(leaf.data, int) for leaf in leaves)
        tree.select_node(leaves[-1])
        await pilot.pause()
        assert app.current_finding() is app.pending()[leaves[-1].data]  # type: ignore[index]
        await pilot.press("r")  # a decision rebuilds the tree: the opened rule stays open
        await pilot.pause()
        quotes = next(node for category in tree.root.children for node in category.children
                      if node.data == "consistency.quotes")  # fmt: skip
        assert quotes.is_expanded and len(quotes.children) == 3


def test_fingerprints_carried_over_an_accept_are_the_ones_computed_afresh() -> None:
    """An accept keeps the fingerprints of findings on other lines instead of recomputing them all;
    each kept one must be what the new text gives, so a rejected finding stays rejected."""
    from copydesk.baseline import fingerprint
    from copydesk.review.model import FileReview

    lines = [f"Line {i} says the the plan{i} and and the goverment{i} agreed." for i in range(6)]
    text = "\n".join(lines) + "\n"
    review = FileReview.open(Document.from_text(text, "x.txt"))
    review.findings = [
        Finding("repetition.doubled-word", "grammar", Severity.ERROR, "doubled", start, start + 7, "the the", ("the",))
        for start in (text.index("the the", text.index(f"Line {i}")) for i in range(6))
    ] + [
        Finding("repetition.doubled-word", "grammar", Severity.ERROR, "doubled", start, start + 7, "and and", ("and",))
        for start in (text.index("and and", text.index(f"Line {i}")) for i in range(6))
    ]
    review.findings.sort(key=lambda f: f.start)
    review.reject(review.findings[3])  # "and and" on line 1
    assert len(review.pending()) == 11
    review.accept(review.findings[2])  # "the the" on line 1: the rejected finding's line changes
    review.accept(review.pending()[-1])  # line 5, with its own context
    carried = [(f, p) for f, p in zip(review.findings, review._fingerprints, strict=True) if p is not None]
    assert len(carried) >= 6  # the untouched lines' fingerprints were carried, not dropped
    assert all(p == fingerprint(review.text, f) for f, p in carried)
    fresh = [f for f in review.findings if fingerprint(review.text, f) not in review.rejected]
    assert review.pending() == fresh
    review.undo()  # the text before the last accept comes back with the fingerprints known for it
    known = [(f, p) for f, p in zip(review.findings, review._fingerprints, strict=True) if p is not None]
    assert known and all(p == fingerprint(review.text, f) for f, p in known)
    assert review.pending() == [f for f in review.findings if fingerprint(review.text, f) not in review.rejected]


async def test_a_check_that_ends_after_the_app_closed_is_dropped(tmp_path: Path) -> None:
    """A check still running when the user quits (an accept starts one) reports to an app whose
    widgets are gone: the report is dropped, not raised from the worker as the app shuts down."""
    target = tmp_path / "short.txt"
    target.write_text("It was the the end.\n", encoding="utf-8")
    app = open_app(target, root=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        findings = list(app.review.findings)
    assert findings and not app.is_running
    app._checked(0, [], app.review.text)  # as the worker's call would land during shutdown
    assert app.review.findings == findings
