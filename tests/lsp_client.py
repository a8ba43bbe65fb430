"""A minimal Language Server Protocol client for tests: JSON-RPC with Content-Length framing over a
pair of byte streams (a server process's pipes, or os.pipe()s to a server in this process)."""

from __future__ import annotations

import json
import queue
import threading
from typing import IO, Any


class LspClient:
    def __init__(self, to_server: IO[bytes], from_server: IO[bytes]) -> None:
        self.to_server = to_server
        self.from_server = from_server
        self.next_id = 0
        self.responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self.notifications: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[dict[str, Any]] = []  # every notification, in order
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        with self.lock:
            self.to_server.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.to_server.flush()

    def _read(self) -> None:
        while True:
            length = 0
            while True:
                line = self.from_server.readline()
                if not line:
                    return  # the server went away
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(self.from_server.read(length))
            if "id" in message and "method" in message:  # a request from the server: say yes
                self._send({"id": message["id"], "result": None})
            elif "id" in message:
                self.responses.setdefault(message["id"], queue.Queue()).put(message)
            else:
                self.seen.append(message)
                self.notifications.put(message)

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self.next_id += 1
        answer: queue.Queue[dict[str, Any]] = self.responses.setdefault(self.next_id, queue.Queue())
        self._send({"id": self.next_id, "method": method, "params": params})
        message = answer.get(timeout=timeout)
        assert "error" not in message, message["error"]
        return message.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 60) -> list[dict[str, Any]]:
        """The next diagnostics published for `uri` (for that version of it, if given)."""
        while True:
            message = self.notifications.get(timeout=timeout)
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri and (
                version is None or params.get("version") == version
            ):
                return list(params["diagnostics"])

    def initialize(self, root: str, encodings: list[str] | None = None, options: Any = None) -> dict[str, Any]:
        capabilities: dict[str, Any] = {"general": {"positionEncodings": encodings}} if encodings else {}
        result = self.request("initialize", {"processId": None, "rootUri": root, "capabilities": capabilities,
                                             "initializationOptions": options})  # fmt: skip
        self.notify("initialized", {})
        return dict(result)

    def shutdown(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)


def units(char: str, encoding: str) -> int:
    """How many code units of the encoding one character takes, as LSP counts them."""
    if encoding == "utf-8":
        return len(char.encode("utf-8"))
    if encoding == "utf-16":
        return 2 if ord(char) > 0xFFFF else 1
    return 1


def offset_of(text: str, position: dict[str, int], encoding: str = "utf-16") -> int:
    """A code-point offset into text from an LSP position."""
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[: position["line"]])
    counted = 0
    for index, char in enumerate(lines[position["line"]]):
        if counted >= position["character"]:
            return before + index
        counted += units(char, encoding)
    return before + len(lines[position["line"]])


def apply_text_edits(text: str, edits: list[dict[str, Any]], encoding: str = "utf-16") -> str:
    """Apply LSP TextEdits (ranges in `encoding` code units) to text, last first."""
    spans = sorted(((offset_of(text, e["range"]["start"], encoding), offset_of(text, e["range"]["end"], encoding),
                     e["newText"]) for e in edits), reverse=True)  # fmt: skip
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
