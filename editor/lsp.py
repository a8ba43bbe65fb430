"""`copydesk lsp`: the findings of `copydesk check` in the editor, as the writer types.

A language server over stdio (pygls): diagnostics for .txt, .md, .markdown, .html and .htm
documents on open, change (debounced) and save; quick fixes for every replacement, an inline
suppression, a word for the project dictionary, and "fix all" for the confident, safe fixes. The
same Session as the command line checks each document, so configuration, house style,
dictionaries, suppression and the engines' paragraph cache are the CLI's. Positions are in the
encoding the client negotiates (UTF-16 by default).

A change is answered twice. First quickly: the paragraph rules and the engines re-check only the
changed paragraphs (the rest come from the caches), and the findings of the document rules
(consistency across the article, which must read all of it) are carried over the edit. Then, when
the writer has paused again, completely. So a keystroke costs about one paragraph, however long
the article.

This is the shell: it owns the event loop and one worker thread that runs the checks, so the
server answers while an article is being checked.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import traceback
from bisect import bisect_right
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from copydesk import articles
from copydesk.archive import MIN_ARTICLES, ArchiveStats
from copydesk.document import Document
from copydesk.engines.warmup import prewarm
from copydesk.findings import Finding, Severity, carried_over, fixes_to_apply
from copydesk.markup import HTML_SUFFIXES, MARKDOWN_SUFFIXES
from copydesk.runner import Session, add_project_word, config_for
from copydesk.settings import CommandLine
from copydesk.version import installed_version

DEBOUNCE_SECONDS = 0.3
ADD_WORD = "copydesk.addWord"
STATS = "copydesk/stats"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass
class ClientSettings:
    """What the editor asks for; copydesk.toml wins where it says otherwise, as on the command line."""

    dialect: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: Severity = Severity.INFO

    @classmethod
    def parse(cls, raw: Any) -> ClientSettings:
        data = raw.get("copydesk", raw) if isinstance(raw, dict) else {}
        data = data if isinstance(data, dict) else {}

        def texts(key: str) -> tuple[str, ...]:
            value = data.get(key) or []
            return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

        try:
            minimum = Severity.parse(str(data.get("minSeverity", "info")))
        except ValueError:
            minimum = Severity.INFO
        dialect = data.get("dialect")
        return cls(dialect if isinstance(dialect, str) else None, texts("select"), texts("ignore"), minimum)

    def command_line_for(self, path: str) -> CommandLine:
        """The client's settings for one document, below what its copydesk.toml says."""
        config = config_for(path)
        return CommandLine(
            select=() if config.select else self.select,
            ignore=self.ignore,
            dialect=None if config.dialect else self.dialect,
        )


@dataclass
class State:
    settings: ClientSettings = field(default_factory=ClientSettings)
    sessions: dict[CommandLine, Session] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # uri -> the last check's findings
    # uri -> the text last checked and the findings of its document rules, carried over an edit
    document_findings: dict[str, tuple[str, list[Finding]]] = field(default_factory=dict)
    settled: bool = False  # whether the first check has run (and what it loaded is frozen for the collector)
    pending: dict[str, asyncio.TimerHandle] = field(default_factory=dict)
    archive: ArchiveStats | None = None

    def session(self, line: CommandLine, note: Callable[[str], None]) -> Session:
        if line not in self.sessions:
            self.sessions[line] = Session(line, note=note, archive=self.archive, incremental=True)
        return self.sessions[line]


class CopydeskServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("copydesk", installed_version())
        self.state = State()
        # One thread runs every check in turn (the engines are not thread-safe); the loop stays free.
        self.checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copydesk-check")


server = CopydeskServer()


def _checkable(uri: str) -> bool:
    return uri.lower().endswith(articles.TEXT_SUFFIXES)


def _log(ls: CopydeskServer, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
    ls.window_log_message(types.LogMessageParams(type=kind, message=message))


def _path(uri: str) -> str:
    return to_fs_path(uri) or uri


def check_document(ls: CopydeskServer, doc: TextDocument, quick: bool) -> list[Finding]:
    """Runs in the checker thread. A failure inside one check is logged by the session's note and
    the others still report; a failure of the whole run is logged and yields no findings.

    A quick check runs the paragraph rules and the engines (each on the changed paragraphs only,
    the rest from the caches) and carries the document rules' findings over from the last
    version; a complete check runs everything."""
    path = _path(doc.uri)
    line = ls.state.settings.command_line_for(path)
    session = ls.state.session(line, lambda message: _log(ls, f"copydesk: {message}", types.MessageType.Warning))
    document = Document.from_text(doc.source, path)
    earlier = ls.state.document_findings.get(doc.uri) if quick else None
    if earlier is None:
        findings = session.check(document)
    else:
        text, found = earlier
        findings = session.check(document, carried_over(found, text, doc.source))
    rules = session.document_rules
    ls.state.document_findings[doc.uri] = (doc.source, [f for f in findings if f.rule in rules])
    return findings


async def publish(ls: CopydeskServer, uri: str, quick: bool = False) -> None:
    ls.state.pending.pop(uri, None)
    if uri not in ls.workspace.text_documents:
        return  # closed while its check waited
    live = ls.workspace.get_text_document(uri)
    # The text as it is now: changes that arrive while it is checked go to the next check.
    doc = TextDocument(uri, live.source, live.version, position_codec=live.position_codec)
    loop = asyncio.get_running_loop()
    try:
        findings = await loop.run_in_executor(ls.checker, check_document, ls, doc, quick)
    except Exception as exc:  # a bug of ours: say so in the editor's log, keep serving
        _log(ls, f"copydesk: checking {uri} failed: {type(exc).__name__}: {exc}\n{traceback.format_exc()}")
        findings = []
    ls.state.findings[uri] = findings
    minimum = ls.state.settings.min_severity
    positions = Positions(doc)
    diagnostics = [diagnostic(positions, f) for f in findings if f.severity >= minimum]
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=doc.version)
    )
    if not ls.state.settled:
        # The models, rules and dictionaries loaded by the first check live as long as the server:
        # the collector stops walking them, or every full collection costs a keystroke's budget.
        gc.freeze()
        ls.state.settled = True
    if quick and uri not in ls.state.pending:
        schedule(ls, uri, DEBOUNCE_SECONDS)  # the whole document again when the writer pauses


def schedule(ls: CopydeskServer, uri: str, delay: float, quick: bool = False) -> None:
    """Check a document after `delay` seconds, replacing a check already waiting for it."""
    if not _checkable(uri):
        return
    waiting = ls.state.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    loop = asyncio.get_running_loop()
    ls.state.pending[uri] = loop.call_later(delay, lambda: asyncio.ensure_future(publish(ls, uri, quick)))


class Positions:
    """Code-point offsets of one document version and LSP positions in the client's units (UTF-16
    by default), both ways; the line starts are found once, not once per finding."""

    def __init__(self, doc: TextDocument) -> None:
        self.doc = doc
        self.starts = [0, *(i + 1 for i, c in enumerate(doc.source) if c == "\n")]

    def range(self, start: int, end: int) -> types.Range:
        return self.doc.position_codec.range_to_client_units(
            self.doc.lines, ServerTextRange(start=self._position(start), end=self._position(end))
        )

    def _position(self, offset: int) -> ServerTextPosition:
        line = bisect_right(self.starts, offset) - 1
        return ServerTextPosition(line=line, character=offset - self.starts[line])

    def offset(self, position: types.Position) -> int:
        server = self.doc.position_codec.position_from_client_units(self.doc.lines, position)
        return self.starts[min(server.line, len(self.starts) - 1)] + server.character


def diagnostic(positions: Positions, f: Finding) -> types.Diagnostic:
    fix = f" → {f.replacements[0]!r}" if f.replacements else ""
    return types.Diagnostic(
        range=positions.range(f.start, f.end),
        message=f.message + fix,
        severity=_SEVERITY[f.severity],
        code=f.rule,
        source="copydesk",
        data={"start": f.start, "end": f.end, "rule": f.rule},
    )


@server.feature(types.INITIALIZE)
def initialize(ls: CopydeskServer, params: types.InitializeParams) -> None:
    ls.state.settings = ClientSettings.parse(params.initialization_options)
    root = params.root_uri and _path(params.root_uri)
    if root and os.path.isdir(root):
        with contextlib.suppress(Exception):  # archive statistics are a help, never a condition
            if len(articles.in_archive(Path(root))) >= MIN_ARTICLES:
                ls.state.archive = articles.archive_stats(root)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: CopydeskServer, params: types.DidChangeConfigurationParams) -> None:
    ls.state.settings = ClientSettings.parse(params.settings)
    for uri in list(ls.state.findings):
        schedule(ls, uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: CopydeskServer, params: types.DidOpenTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CopydeskServer, params: types.DidChangeTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, DEBOUNCE_SECONDS, quick=True)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: CopydeskServer, params: types.DidSaveTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CopydeskServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    waiting = ls.state.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.state.findings.pop(uri, None)
    ls.state.document_findings.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]),
)
def code_action(ls: CopydeskServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    doc = ls.workspace.get_text_document(uri)
    findings = ls.state.findings.get(uri, [])
    positions = Positions(doc)
    start, end = positions.offset(params.range.start), positions.offset(params.range.end)
    actions: list[types.CodeAction] = []
    for f in findings:
        if not (f.start <= end and start <= f.end):
            continue
        where = diagnostic(positions, f)
        for i, replacement in enumerate(f.replacements[:3]):
            actions.append(types.CodeAction(
                title=f"Replace with {replacement!r}" if replacement else "Remove it",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[where],
                is_preferred=i == 0,
                edit=_edit(uri, positions, [(f.start, f.end, replacement)]),
            ))  # fmt: skip
        actions.append(_suppression(uri, positions, f, where))
        word = f.text.strip()
        if f.category == "spelling" and word and " " not in word:
            actions.append(types.CodeAction(
                title=f"Add {word!r} to the project dictionary",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[where],
                command=types.Command(title="Add to dictionary", command=ADD_WORD, arguments=[uri, word]),
            ))  # fmt: skip
    applied = fixes_to_apply(Document.from_text(doc.source, _path(uri)), findings, 0.8).applied
    if applied:
        actions.append(types.CodeAction(
            title=f"Fix all confident edits in this file ({len(applied)})",
            kind=types.CodeActionKind.SourceFixAll,
            edit=_edit(uri, positions, [(f.start, f.end, f.replacements[0]) for f in applied]),
        ))  # fmt: skip
    return actions


def _edit(uri: str, positions: Positions, edits: list[tuple[int, int, str]]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(
        changes={uri: [types.TextEdit(range=positions.range(a, b), new_text=text) for a, b, text in edits]}
    )


def _suppression(uri: str, positions: Positions, f: Finding, where: types.Diagnostic) -> types.CodeAction:
    """Markdown and HTML take a comment for the whole file; plain text a marker on the line."""
    if uri.lower().endswith((*MARKDOWN_SUFFIXES, *HTML_SUFFIXES)):
        title, edit = f"Ignore {f.rule} in this file", (0, 0, f"<!-- copydesk-disable {f.rule} -->\n")
    else:
        source = positions.doc.source
        line_end = source.find("\n", f.end)
        line_end = len(source) if line_end < 0 else line_end
        title, edit = f"Ignore {f.rule} on this line", (line_end, line_end, f"  copydesk: ignore {f.rule}")
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[where],
                            edit=_edit(uri, positions, [edit]))  # fmt: skip


@server.command(ADD_WORD)
def add_word(ls: CopydeskServer, uri: str, word: str) -> None:
    word = str(word).strip()
    if not word or any(c.isspace() for c in word):
        _log(ls, f"copydesk: {word!r} is not a single word", types.MessageType.Warning)
        return
    add_project_word(_path(uri), word)
    for open_uri in list(ls.state.findings):
        schedule(ls, open_uri, 0)


@server.feature(STATS)
def stats(ls: CopydeskServer, params: Any) -> dict[str, int]:
    """How many paragraphs the engines linted and how many came from the cache (for tests and
    for a person wondering why a keystroke is fast)."""
    totals = [s.cache_stats() for s in ls.state.sessions.values()]
    return {"cache_hits": sum(h for h, _ in totals), "cache_misses": sum(m for _, m in totals)}


def run() -> int:
    """`copydesk lsp`: serve on stdin and stdout until the client says exit."""
    prewarm()  # Harper sets itself up while the client initialises
    server.start_io()
    return 0


