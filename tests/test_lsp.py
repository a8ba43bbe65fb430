"""`copydesk lsp`: a real client session over stdio against the real server process, and a server
in this process whose check is made to fail, which must log it and keep serving."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import IRAN
from lsp_client import LspClient, apply_text_edits, offset_of

from copydesk.lsp import DEBOUNCE_SECONDS

ASTRAL = "😀 𝔘 It was the the end.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "copydesk.toml").write_text("", encoding="utf-8")
    return tmp_path


def start(project: Path) -> tuple[subprocess.Popen[bytes], LspClient]:
    exe = Path(sys.executable).parent / "copydesk"
    proc = subprocess.Popen([str(exe), "lsp"], cwd=project, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"})  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    return proc, LspClient(proc.stdin, proc.stdout)


@pytest.fixture
def session(project: Path) -> Iterator[LspClient]:
    proc, client = start(project)
    try:
        yield client
    finally:
        proc.kill()
        proc.wait()


def open_doc(client: LspClient, path: Path, text: str, version: int = 1) -> list[dict[str, object]]:
    client.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "plaintext",
                                                            "version": version, "text": text}})  # fmt: skip
    return client.diagnostics(path.as_uri(), version)


def test_diagnostics_code_actions_and_incremental_rechecks(session: LspClient, project: Path) -> None:
    info = session.initialize(project.as_uri())
    assert info["capabilities"]["positionEncoding"] == "utf-16"
    text = IRAN.read_text(encoding="utf-8")
    article = project / "iran.txt"
    article.write_text(text, encoding="utf-8")
    diagnostics = open_doc(session, article, text)
    [doubled] = [d for d in diagnostics if d["code"] == "repetition.doubled-word"]
    start = text.index("hidden and and") + len("hidden ")
    assert offset_of(text, doubled["range"]["start"]) == start  # type: ignore[arg-type]
    assert offset_of(text, doubled["range"]["end"]) == start + len("and and")  # type: ignore[arg-type]
    assert {"consistency.name-variant", "confusable.do-forward"} <= {d["code"] for d in diagnostics}
    # Quick fixes: the preferred replacement, applied, mends the text.
    actions = session.request("textDocument/codeAction", {"textDocument": {"uri": article.as_uri()},
                              "range": doubled["range"], "context": {"diagnostics": [doubled]}})  # fmt: skip
    [preferred] = [a for a in actions if a.get("isPreferred")]
    edits = preferred["edit"]["changes"][article.as_uri()]
    assert "hidden and their" in apply_text_edits(text, edits)
    titles = [a["title"] for a in actions]
    assert "Ignore repetition.doubled-word on this line" in titles
    [fix_all] = [a for a in actions if a["kind"] == "source.fixAll"]
    fixed = apply_text_edits(text, fix_all["edit"]["changes"][article.as_uri()])
    assert "hidden and their" in fixed and "prosecution go forward" in fixed
    # One paragraph edited: only that paragraph is linted again (the engine cache says so).
    before = session.request("copydesk/stats", None)
    last_line = text.rstrip("\n").rsplit("\n", 1)[-1]
    edited = text.replace(last_line, last_line.replace("in practice", "in pratice", 1))
    assert edited != text
    session.notify("textDocument/didChange", {"textDocument": {"uri": article.as_uri(), "version": 2},
                                              "contentChanges": [{"text": edited}]})  # fmt: skip
    session.diagnostics(article.as_uri(), 2)
    after = session.request("copydesk/stats", None)
    assert after["cache_misses"] - before["cache_misses"] == 1
    assert after["cache_hits"] > before["cache_hits"]
    session.shutdown()


def test_a_change_is_answered_quickly_then_completely(session: LspClient, project: Path) -> None:
    """First the edited paragraph's findings with the document rules' findings carried over the
    edit (at their new places); then, after a pause, every rule on the whole article again."""
    session.initialize(project.as_uri())
    text = IRAN.read_text(encoding="utf-8")
    article = project / "iran.txt"
    article.write_text(text, encoding="utf-8")
    open_doc(session, article, text)
    line = text.splitlines()[10]
    assert "offence" in line  # the article spells American elsewhere: a finding of a document rule
    edited = text.replace(line, "The colour of it. " + line, 1)
    session.notify("textDocument/didChange", {"textDocument": {"uri": article.as_uri(), "version": 2},
                                              "contentChanges": [{"text": edited}]})  # fmt: skip
    quick = session.diagnostics(article.as_uri(), 2)
    complete = session.diagnostics(article.as_uri(), 2)

    def flagged(diagnostics: list[dict[str, object]], code: str) -> list[str]:
        return sorted(edited[offset_of(edited, d["range"]["start"]) : offset_of(edited, d["range"]["end"])]  # type: ignore[arg-type]
                      for d in diagnostics if d["code"] == code)  # fmt: skip

    assert flagged(quick, "consistency.dialect") == ["offence"]  # carried over, moved along its line
    assert flagged(complete, "consistency.dialect") == ["colour", "offence"]
    assert flagged(quick, "repetition.doubled-word") == flagged(complete, "repetition.doubled-word") == ["and and"]
    session.shutdown()


def test_a_document_closed_while_its_check_waits_is_not_checked(session: LspClient, project: Path) -> None:
    session.initialize(project.as_uri())
    article = project / "a.txt"
    text = "It was the the end.\n"
    article.write_text(text, encoding="utf-8")
    assert open_doc(session, article, text)
    session.notify("textDocument/didChange", {"textDocument": {"uri": article.as_uri(), "version": 2},
                                              "contentChanges": [{"text": text + "Again the the end.\n"}]})  # fmt: skip
    session.notify("textDocument/didClose", {"textDocument": {"uri": article.as_uri()}})
    assert session.diagnostics(article.as_uri()) == []  # the close clears them
    session.request("copydesk/stats", None)
    time.sleep(3 * DEBOUNCE_SECONDS)  # when the change's check would have run
    session.request("copydesk/stats", None)  # a round trip: anything published before it has arrived
    published = [m["params"] for m in session.seen if m.get("method") == "textDocument/publishDiagnostics"
                 and m["params"]["uri"] == article.as_uri()]  # fmt: skip
    assert published[-1]["diagnostics"] == []
    session.shutdown()


@pytest.mark.parametrize(("encoding", "column"), [("utf-16", 13), ("utf-32", 11), ("utf-8", 17)])
def test_positions_in_the_negotiated_encoding(project: Path, encoding: str, column: int) -> None:
    proc, client = start(project)
    try:
        info = client.initialize(project.as_uri(), [encoding])
        assert info["capabilities"]["positionEncoding"] == encoding
        article = project / "astral.txt"
        [doubled] = [d for d in open_doc(client, article, ASTRAL) if d["code"] == "repetition.doubled-word"]
        assert doubled["range"]["start"] == {"line": 0, "character": column}  # after "😀 𝔘 It was "
        client.shutdown()
    finally:
        proc.kill()
        proc.wait()


def test_markdown_suppression_and_dictionary_actions(session: LspClient, project: Path) -> None:
    session.initialize(project.as_uri(), options={"minSeverity": "info"})
    article = project / "a.md"
    text = "# Title\n\nThe goverment said it was the the end.\n"
    diagnostics = open_doc(session, article, text)
    [spelling] = [d for d in diagnostics if d["code"] == "harper.spelling"]
    actions = session.request("textDocument/codeAction", {"textDocument": {"uri": article.as_uri()},
                              "range": spelling["range"], "context": {"diagnostics": [spelling]}})  # fmt: skip
    ignore = next(a for a in actions if a["title"] == "Ignore harper.spelling in this file")
    assert apply_text_edits(text, ignore["edit"]["changes"][article.as_uri()]).startswith(
        "<!-- copydesk-disable harper.spelling -->\n"
    )
    add = next(a for a in actions if a["title"] == "Add 'goverment' to the project dictionary")
    session.request("workspace/executeCommand", {"command": add["command"]["command"],
                                                 "arguments": add["command"]["arguments"]})  # fmt: skip
    rechecked = session.diagnostics(article.as_uri())
    assert "harper.spelling" not in {d["code"] for d in rechecked}
    assert (project / ".copydesk" / "dictionary.txt").read_text(encoding="utf-8") == "goverment\n"
    session.shutdown()


def test_a_failing_check_is_logged_and_the_server_goes_on(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In this process, so that one check can be made to fail: the failure is logged
    (window/logMessage), the other checks' diagnostics still arrive, the next request is answered."""
    from copydesk import checker, lsp

    real_build = checker.build_check

    def build(rule):  # type: ignore[no-untyped-def]
        if rule.id == "repetition.doubled-word":
            def broken(analysis):  # type: ignore[no-untyped-def]
                raise RuntimeError("a bug in this check")
            return broken
        return real_build(rule)

    monkeypatch.setattr(checker, "build_check", build)
    server_reads, client_writes = os.pipe()
    client_reads, server_writes = os.pipe()
    thread = threading.Thread(target=lsp.server.start_io, daemon=True,
                              args=(os.fdopen(server_reads, "rb"), os.fdopen(server_writes, "wb")))  # fmt: skip
    thread.start()
    client = LspClient(os.fdopen(client_writes, "wb"), os.fdopen(client_reads, "rb"))
    client.initialize(project.as_uri())
    article = project / "a.txt"
    diagnostics = open_doc(client, article, "It was the the end. They would of known.\n")
    assert [d["code"] for d in diagnostics] == ["confusable.would-of"]  # the other checks still report
    logs = [m["params"]["message"] for m in client.seen if m.get("method") == "window/logMessage"]
    assert any("repetition.doubled-word failed" in m and "a bug in this check" in m for m in logs)
    assert set(client.request("copydesk/stats", None)) == {"cache_hits", "cache_misses"}  # still answering
    client.shutdown()
