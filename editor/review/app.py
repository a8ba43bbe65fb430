"""`copydesk review`: step through every proposed edit and accept, reject or rewrite it.

A thin shell over copydesk.review.model: widgets show the state and turn keys into decisions.
Checks run in a process of their own, so the app opens at once and stays responsive on long articles.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import CancelledError, ProcessPoolExecutor
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, ListItem, ListView, Static, TextArea, Tree
from textual.widgets.text_area import Selection
from textual.widgets.tree import TreeNode

from copydesk.archive import ArchiveStats
from copydesk.config import project_root
from copydesk.document import Document
from copydesk.engines.warmup import settled
from copydesk.files import InputError
from copydesk.findings import Finding
from copydesk.review import screens
from copydesk.review.checking import check_in_process, start_checker_process
from copydesk.review.model import FileReview
from copydesk.rules import load_rules
from copydesk.runner import add_project_word
from copydesk.settings import CommandLine

WINDOW_LINES = 120


class ReviewApp(App[None]):
    CSS_PATH = "review.tcss"
    TITLE = "copydesk review"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", "Accept", tooltip="accept the edit and go to the next"),
        Binding("r", "reject", "Reject", tooltip="reject it (keep the text) and go on"),
        Binding("e", "edit", "Edit", tooltip="edit the replacement, then Enter to accept it (Esc cancels)"),
        Binding("n,j,down", "next", "Next", priority=True, tooltip="next finding, on into the next file"),
        Binding("p,k,up", "previous", "Prev", priority=True, tooltip="previous finding, back into the previous file"),
        Binding("A", "accept_rule", "Accept rule", tooltip="accept every remaining safe edit of this rule"),
        Binding("i", "ignore_rule", "Ignore rule", tooltip="ignore this rule in this file"),
        Binding("d", "add_word", "Dictionary", tooltip="add the flagged word to the project dictionary"),
        Binding("u", "undo", "Undo", tooltip="undo the last decision"),
        Binding("D", "full_diff", "Diff", tooltip="the full diff of all accepted edits"),
        Binding("w", "write", "Write", tooltip="write the file (atomically; encoding and line endings kept)"),
        Binding("t", "toggle_theme", "Theme", show=False, tooltip="light or dark theme"),
        Binding("f", "focus_files", "Files", show=False, tooltip="the file list (Enter opens a file, Esc goes back)"),
        Binding("escape", "focus_article", "Article", show=False),
        Binding("question_mark", "help", "Help", tooltip="this help"),
        Binding("q", "quit_review", "Quit", tooltip="quit (asks first if edits are not written)"),
    ]

    def __init__(
        self,
        documents: Sequence[Document],
        command_line: CommandLine | None = None,
        backup: bool = False,
        root: Path | None = None,
        archive: ArchiveStats | None = None,
    ) -> None:
        super().__init__()
        self.command_line = command_line or CommandLine()
        # Checks run in a process of their own: the interface keeps the interpreter to itself.
        settled()  # the checker process is forked: no thread of this one may be inside Harper then
        self.checker_process = ProcessPoolExecutor(
            max_workers=1, initializer=start_checker_process, initargs=(archive,)
        )
        self.backup = backup
        self.root = root  # None: each file's project root (its copydesk.toml, else its git work tree)
        self.reviews = [FileReview.open(doc) for doc in documents]
        self.notes = [note for review in self.reviews if (note := review.load_decisions(self.root_of(review)))]
        self.file_index = 0
        self.current = 0  # index into the current file's pending findings
        self.editing = False
        self._tree_of: list[Finding] | None = None
        self._open_rules: set[str] = set()  # the rules whose findings the tree shows
        self._settled = False  # every file checked once, and what that made frozen for the collector
        self._tree_shape: tuple[tuple[str, tuple[str, ...]], ...] | None = None  # its categories and rules
        self._tree_nodes: dict[str, TreeNode[int | str]] = {}  # category or rule -> its node
        self._window: tuple[str, int, int] | None = None  # the text shown, its first line and the line after its last
        self._sub_title = ""  # the path in the title line, and whether the file is modified
        self.rules = {r.id: r for r in load_rules()}

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(self.TITLE, id="title")
        with Horizontal():
            with Vertical(id="side"):
                if len(self.reviews) > 1:
                    yield ListView(*(ListItem(Label(Path(r.document.path).name)) for r in self.reviews), id="files")
                yield Tree("Findings", id="findings")
            with Vertical(id="main"):
                yield TextArea(read_only=True, id="article", soft_wrap=True, show_line_numbers=True)
                yield Static("Checking…", id="edit")
                yield Input(id="replacement", placeholder="replacement, Enter to accept, Esc to cancel")
        yield Static(screens.key_bar(self.BINDINGS), id="keys")

    def on_mount(self) -> None:
        for note in self.notes:
            self.notify(note, severity="warning", timeout=15)
        self.query_one("#replacement", Input).display = False
        self.query_one("#article", TextArea).focus()
        self.show_article(0)
        for index in range(len(self.reviews)):
            self.check_file(index)

    @property
    def review(self) -> FileReview:
        return self.reviews[self.file_index]

    def root_of(self, review: FileReview) -> Path:
        """Where a file's decisions are kept: the same folder whichever folder review started in."""
        return self.root if self.root is not None else project_root(review.document.path)

    # -- checking in a worker thread -------------------------------------------------------

    @work(thread=True, exclusive=False)
    def check_file(self, index: int) -> None:
        review = self.reviews[index]
        text = review.text
        future = self.checker_process.submit(check_in_process, self.command_line, review.document.with_text(text))
        try:
            findings = future.result()
        except CancelledError:
            return  # the app closed while this check waited: its checker process is shut down
        if self.is_running:
            self.call_from_thread(self._checked, index, findings, text)

    def on_unmount(self) -> None:
        self.checker_process.shutdown(wait=False, cancel_futures=True)

    def _checked(self, index: int, findings: list[Finding], text: str) -> None:
        if not self.is_running:
            return  # the user quit while the check ran (an accept starts one): its widgets are gone
        if self.reviews[index].update_findings(findings, text) and index == self.file_index:
            self.refresh_view()
        self.refresh_files()
        if not self._settled and all(r.checked for r in self.reviews):
            # The articles, findings and widgets made so far live as long as the app: the collector
            # stops walking them, or a full collection over a megabyte's findings stalls a key.
            gc.freeze()
            self._settled = True

    # -- showing the state ---------------------------------------------------------------

    def pending(self) -> list[Finding]:
        return self.review.pending()

    def current_finding(self) -> Finding | None:
        pending = self.pending()
        if not pending:
            return None
        self.current = max(0, min(self.current, len(pending) - 1))
        return pending[self.current]

    def refresh_files(self) -> None:
        if len(self.reviews) < 2:
            return
        files = self.query_one("#files", ListView)
        for item, review in zip(files.children, self.reviews, strict=False):
            label = item.query_one(Label)
            state = f"{len(review.pending())}" if review.checked else "…"
            label.update(f"{Path(review.document.path).name} ({state}){' *' if review.dirty else ''}")

    def show_article(self, offset: int) -> int:
        """Put the lines around `offset` in the article view; returns the first line shown.

        A long article is shown a window at a time (WINDOW_LINES lines, numbered as in the file):
        Textual's TextArea reads its whole text, and sums the height of every wrapped line, for
        each line it draws, so on a megabyte every key would wait for it. The window moves only
        when the line comes near its edge."""
        lines = screens.LineStarts.of(self.review.text)
        row = lines.row(offset)
        if self._window is not None:
            text, first, last = self._window
            low = first + (WINDOW_LINES // 8 if first > 0 else 0)
            high = last - (WINDOW_LINES // 8 if last < len(lines) else 0)
            if text is self.review.text and low <= row < high:
                return first
        first = max(0, min(row - WINDOW_LINES // 2, len(lines) - WINDOW_LINES))
        last = min(len(lines), first + WINDOW_LINES)
        article = self.query_one("#article", TextArea)
        article.line_number_start = first + 1
        article.load_text(lines.text_of(first, last))
        self._window = (self.review.text, first, last)
        return first

    def _edit_window(self, before: str, finding: Finding, new: str) -> None:
        """Make an accepted edit in the article view itself when it lies inside the window shown:
        loading the window again wraps all its lines twice, most of an accept's time."""
        if self._window is None or self._window[0] is not before or "\r" in new + before[finding.start : finding.end]:
            return  # another text, or line ends to count again: show_article loads the window
        _, first, last = self._window
        lines = screens.LineStarts.of(before)
        (start_row, start_col), (end_row, end_col) = lines.row_col(finding.start), lines.row_col(finding.end)
        if not first <= start_row <= end_row < last:
            return
        article = self.query_one("#article", TextArea)
        article.replace(new, (start_row - first, start_col), (end_row - first, end_col))
        added = new.count("\n") - before.count("\n", finding.start, finding.end)
        self._window = (self.review.text, first, last + added)

    def refresh_view(self) -> None:
        review = self.review
        article = self.query_one("#article", TextArea)
        self._show_title(f"{review.document.path}{' (modified)' if review.dirty else ''}")
        pending = self.pending()
        if pending is not self._tree_of:
            self.refresh_tree()
            self._tree_of = pending
        finding = self.current_finding()
        panel = self.query_one("#edit", Static)
        first = self.show_article(finding.start if finding is not None and review.checked else 0)
        if not review.checked:
            panel.update("Checking…", layout=False)
            return
        if finding is None:
            text = Text("No findings left in this file. w writes it, D shows the diff, q quits.", style="bold")
            panel.update(text, layout=False)
            return
        lines = screens.LineStarts.of(review.text)
        (start_row, start_col), (end_row, end_col) = lines.row_col(finding.start), lines.row_col(finding.end)
        article.selection = Selection((start_row - first, start_col), (end_row - first, end_col))
        article.scroll_cursor_visible(center=True)
        panel.update(self.describe(finding), layout=False)  # its height is fixed: nothing to lay out again

    def _show_title(self, sub_title: str) -> None:
        """The title line: the app's name and the file's path, marked once it is modified. A line of
        its own, not Textual's Header and the app's sub_title: a new sub_title draws the whole
        screen again, as it would on a file's first accept and its last undo."""
        if sub_title != self._sub_title:
            self._sub_title = sub_title
            self.query_one("#title", Static).update(f"{self.TITLE} — {sub_title}", layout=False)

    def describe(self, f: Finding) -> Text:
        rule = self.rules.get(f.rule)
        about = rule.description.splitlines()[0] if rule is not None and rule.description else ""
        return screens.finding_panel(self.review.text, f, self.current, len(self.pending()), about)

    def refresh_tree(self) -> None:
        """The findings tree after a change. When the same categories and rules remain (most
        decisions), their labels change in place and only the open rules' leaves are rebuilt:
        clearing the tree made Textual lay out and draw it all again on every key."""
        tree = self.query_one("#findings", Tree)
        pending = self.pending()
        by_category = screens.group_findings(pending)
        counts = Counter(f.category for f in pending)
        labels: dict[str, str] = {}
        items_of: dict[str, list[tuple[int, Finding]]] = {}
        for category, rules in by_category.items():
            labels[category] = f"{category} ({counts[category]})"
            for rule, items in rules.items():
                labels[rule] = f"{rule} ({len(items)}, {max(f.severity for _, f in items).label})"
                items_of[rule] = items
        shape = tuple((c, tuple(sorted(by_category[c]))) for c in sorted(by_category))
        tree.root.set_label(f"Findings ({len(pending)})")
        if shape == self._tree_shape:
            for key, node in self._tree_nodes.items():
                if str(node.label) != labels[key]:
                    node.set_label(labels[key])
            for rule in self._open_rules & self._tree_nodes.keys():
                node = self._tree_nodes[rule]
                node.remove_children()
                self._add_leaves(node, items_of[rule])
            return
        tree.clear()
        tree.root.set_label(f"Findings ({len(pending)})")
        self._tree_shape, self._tree_nodes = shape, {}
        for category in sorted(by_category):
            node = self._tree_nodes[category] = tree.root.add(labels[category], expand=True)
            for rule, items in sorted(by_category[category].items()):
                rule_node = self._tree_nodes[rule] = node.add(labels[rule], data=rule, expand=False)
                if rule in self._open_rules:
                    self._add_leaves(rule_node, items)
                    rule_node.expand()
        tree.root.expand()

    def _add_leaves(self, rule_node: TreeNode[int | str], items: Sequence[tuple[int, Finding]]) -> None:
        """A rule's findings, added when its node is opened: a megabyte's two thousand leaves would
        be built again on every decision."""
        for index, f in items:
            label = f"{f.text!r}" + (f" → {f.replacements[0]!r}" if f.replacements else "")
            rule_node.add_leaf(label, data=index)

    @on(Tree.NodeExpanded, "#findings")
    def open_rule(self, event: Tree.NodeExpanded[int | str]) -> None:
        node = event.node
        if isinstance(node.data, str) and not node.children:
            self._open_rules.add(node.data)
            self._add_leaves(node, [(i, f) for i, f in enumerate(self.pending()) if f.rule == node.data])

    @on(Tree.NodeCollapsed, "#findings")
    def close_rule(self, event: Tree.NodeCollapsed[int | str]) -> None:
        if isinstance(event.node.data, str):
            self._open_rules.discard(event.node.data)

    # -- events ---------------------------------------------------------------------------

    @on(Tree.NodeSelected, "#findings")
    def jump_to(self, event: Tree.NodeSelected[int | str]) -> None:
        if isinstance(event.node.data, int):
            self.current = event.node.data
            self.refresh_view()

    @on(ListView.Selected, "#files")
    def switch_file(self, event: ListView.Selected) -> None:
        if event.list_view.index is not None:
            self.show_file(event.list_view.index)

    def show_file(self, index: int, last: bool = False) -> None:
        """Move to another file, at its first finding (or its last, when stepping back into it)."""
        if index != self.file_index:
            self.file_index = index
            self.current = max(0, len(self.pending()) - 1) if last else 0
            self._tree_of = None
            if len(self.reviews) > 1:
                self.query_one("#files", ListView).index = index
            self.refresh_view()

    # -- decisions ----------------------------------------------------------------------------

    def _decided(self) -> None:
        self.review.save_decisions(self.root_of(self.review))
        self.refresh_view()
        self.refresh_files()

    def action_accept(self) -> None:
        finding = self.current_finding()
        if finding is None or not finding.replacements:
            self.notify("No fix to accept here: r dismisses it, e writes one.", severity="warning")
            return
        self._accept(finding)

    def _accept(self, finding: Finding, replacement: str | None = None) -> None:
        before = self.review.text
        try:
            self.review.accept(finding, replacement)
        except InputError as exc:  # a fix the file's encoding cannot hold
            self.notify(str(exc), severity="error")
            return
        self._edit_window(before, finding, self.review.applied[-1]["replacement"])
        self._decided()
        self.check_file(self.file_index)

    def action_reject(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.review.reject(finding)
            self._decided()

    def action_edit(self) -> None:
        finding = self.current_finding()
        if finding is None:
            return
        box = self.query_one("#replacement", Input)
        box.value = finding.replacements[0] if finding.replacements else finding.text
        box.display = True
        box.focus()

    @on(Input.Submitted, "#replacement")
    def edited(self, event: Input.Submitted) -> None:
        finding = self.current_finding()
        self._close_editor()
        if finding is not None:
            self._accept(finding, event.value)

    def _close_editor(self) -> None:
        box = self.query_one("#replacement", Input)
        box.display = False
        self.query_one("#article", TextArea).focus()

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        if key == "escape" and self.query_one("#replacement", Input).display:
            self._close_editor()

    def _files_focused(self) -> ListView | None:
        focused = self.focused
        return focused if isinstance(focused, ListView) else None

    def action_next(self) -> None:
        """The next finding; past a file's last one, the next file's first (as `git add -p`)."""
        if self.query_one("#replacement", Input).display:
            return
        files = self._files_focused()
        if files is not None:
            files.action_cursor_down()
            return
        if self.current + 1 < len(self.pending()):
            self.current += 1
            self.refresh_view()
        elif self.file_index + 1 < len(self.reviews):
            self.show_file(self.file_index + 1)

    def action_previous(self) -> None:
        if self.query_one("#replacement", Input).display:
            return
        files = self._files_focused()
        if files is not None:
            files.action_cursor_up()
            return
        if self.current > 0:
            self.current -= 1
            self.refresh_view()
        elif self.file_index > 0:
            self.show_file(self.file_index - 1, last=True)

    def action_focus_files(self) -> None:
        """The file list takes the arrow keys; Enter opens a file; Esc goes back to the article."""
        if len(self.reviews) > 1:
            self.query_one("#files", ListView).focus()

    def action_focus_article(self) -> None:
        self.query_one("#article", TextArea).focus()

    def action_accept_rule(self) -> None:
        finding = self.current_finding()
        if finding is None:
            return
        rule = finding.rule
        same = [f for f in self.pending() if f.rule == rule and f.replacements]
        # Accepting a whole rule is unattended for all but the one on screen: safe fixes only.
        accepted = self.review.accept_all([f for f in same if f.safe])
        left = len(same) - accepted
        self.notify(f"Accepted {accepted} edit(s) of {rule}" + (f"; {left} to decide one by one" if left else ""))
        self._decided()
        self.check_file(self.file_index)

    def action_ignore_rule(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.review.ignore_rule(finding.rule)
            self.notify(f"Ignoring {finding.rule} in this file")
            self._decided()

    def action_add_word(self) -> None:
        finding = self.current_finding()
        if finding is None:
            return
        word = finding.text.strip()
        if not word or " " in word:
            self.notify("Only a single word can go in the dictionary.", severity="warning")
            return
        dictionary = add_project_word(self.review.document.path, word)
        self.review.reject(finding)
        self.notify(f"Added '{word}' to {dictionary}")
        self._decided()
        self.check_file(self.file_index)

    def action_undo(self) -> None:
        if self.review.undo():
            self._decided()
            self.check_file(self.file_index)
        else:
            self.notify("Nothing to undo.")

    def action_full_diff(self) -> None:
        self.push_screen(screens.DiffScreen(self.review.full_diff()))

    def action_help(self) -> None:
        self.push_screen(screens.HelpScreen(screens.help_text(self.BINDINGS)))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_write(self) -> bool:
        """Write every changed file; a file changed on disk meanwhile is left alone (its decisions
        stay in the sidecar), and the app stays open to say so."""
        written, refused = 0, []
        for review in self.reviews:
            if review.dirty:
                try:
                    review.write(self.backup)
                except (InputError, OSError) as exc:
                    refused.append(str(exc) if isinstance(exc, InputError) else f"{review.document.path}: {exc}")
                    continue
                review.save_decisions(self.root_of(review))
                written += 1
        for message in refused:
            self.notify(message, severity="error", timeout=10)
        if not refused:
            self.notify(f"Wrote {written} file(s)." if written else "Nothing to write.")
        self.refresh_view()
        self.refresh_files()
        return not refused

    def action_quit_review(self) -> None:
        if any(r.dirty for r in self.reviews):
            self.push_screen(screens.QuitScreen(), self._quit_choice)
        else:
            self.exit()

    def _quit_choice(self, choice: str | None) -> None:
        if choice == "write":
            if self.action_write():
                self.exit()
        elif choice == "quit":
            self.exit()
